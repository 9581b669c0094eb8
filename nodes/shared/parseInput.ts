import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Nothing given: undefined, null, an empty text or an empty list (0 and false are values). */
export const isEmpty = (value: unknown) =>
	value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** A bad input for one item: the message names the field, the description says the fix. */
export function fieldError(node: INode, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(node, message, { itemIndex, description });
}

/**
 * Why this text cannot be one URL path segment, or undefined when it can: '.' and '..' make a
 * client or server climb a path level (RFC 3986 §5.2.4), and '/', '?', '#', '%' or whitespace
 * would change the path, the query or a signed request line.
 */
export function pathSegmentProblem(value: string): string | undefined {
	if (value === '') return 'it is empty';
	if (/^\.+$/.test(value)) return "'.' and '..' would climb a level of the request path";
	if (/[/?#%\s\\]/.test(value)) return "'/', '?', '#', '%', '\\' and spaces would change the request path";
	return undefined;
}

/** One URL path segment, percent-encoded; ':' stays as RFC 3986 allows it in a segment. */
export function encodePathSegment(value: string): string {
	return encodeURIComponent(value).replace(/%3A/gi, ':');
}

/** A scalar as trimmed text; nothing given is ''. */
export function trimmedText(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/** JSON parameters arrive as text or as an object (when mapped by expression). */
export function parseJsonParameter(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): IDataObject | IDataObject[] {
	if (typeof value === 'object' && value !== null) return value as IDataObject;
	const text = String(value ?? '').trim();
	if (text === '') return {};
	try {
		return JSON.parse(text) as IDataObject;
	} catch (error) {
		throw new NodeOperationError(node, `'${field}' is not valid JSON`, {
			itemIndex,
			description: `Fix the JSON in '${field}' (${(error as Error).message}). Example: {"key": "value"}`,
		});
	}
}

