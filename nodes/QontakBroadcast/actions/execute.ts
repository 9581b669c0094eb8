import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemResult } from '../../shared/itemLoop';
import { asItems, readLimit } from '../../shared/listOutput';
import { parseJsonParameter } from '../../shared/parseInput';
import { chatRequest, chatRequestAllItems } from '../transport';
import { readId } from './locators';
import type { ChatField, ChatOperation, ExecutionContext } from './types';

const isEmpty = (value: unknown) =>
	value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

function convert(this: IExecuteFunctions, field: ChatField, value: unknown, itemIndex: number): unknown {
	switch (field.kind) {
		case 'list':
			return (Array.isArray(value) ? value : String(value).split(','))
				.map((part) => String(part).trim())
				.filter((part) => part !== '');
		case 'json':
			return parseJsonParameter(this.getNode(), value, field.label, itemIndex);
		case 'number': {
			const number = Number(value);
			if (!Number.isFinite(number)) {
				throw new NodeOperationError(this.getNode(), `'${field.label}' is not a number: ${JSON.stringify(value)}`, { itemIndex });
			}
			return number;
		}
		case 'boolean':
			return value === true || value === 'true';
		default:
			return value;
	}
}

/** Required fields are parameters of their own; the others come from a collection. */
function readFields(this: IExecuteFunctions, fields: ChatField[], collection: string, itemIndex: number): IDataObject {
	const optional = this.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	const values: IDataObject = {};
	for (const field of fields) {
		const value = field.required ? this.getNodeParameter(field.key, itemIndex, field.default ?? '') : optional[field.key];
		if (isEmpty(value)) {
			if (field.required && field.kind !== 'boolean' && field.kind !== 'number') {
				throw new NodeOperationError(this.getNode(), `'${field.label}' is required`, {
					itemIndex,
					description: `Fill in '${field.label}' (or map a value to it) for this item`,
				});
			}
			continue;
		}
		values[field.key] = convert.call(this, field, value, itemIndex) as IDataObject[string];
	}
	return values;
}

function resolvePath(this: IExecuteFunctions, operation: ChatOperation, itemIndex: number): string {
	return operation.path.replace(/\{(\w+)\}/g, (_, token: string) => {
		const param = operation.pathParams?.find((candidate) => candidate.token === token);
		if (!param) throw new NodeOperationError(this.getNode(), `No value for {${token}} in ${operation.path}`);
		return encodeURIComponent(readId.call(this, param.locator, itemIndex));
	});
}

function withoutSettings(rows: IDataObject[]): IDataObject[] {
	return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => key !== 'settings')) as IDataObject);
}

export async function executeOperation(
	this: IExecuteFunctions,
	operation: ChatOperation,
	itemIndex: number,
	context: ExecutionContext,
): Promise<ItemResult> {
	if (operation.custom?.execute) return await operation.custom.execute.call(this, itemIndex, context);

	const path = resolvePath.call(this, operation, itemIndex);
	const qs = operation.query ? readFields.call(this, operation.query, 'filters', itemIndex) : undefined;
	let body: IDataObject | undefined;
	if (operation.body) {
		const fields = readFields.call(this, operation.body, 'additionalFields', itemIndex);
		body = operation.shapeBody ? operation.shapeBody(fields) : fields;
	}
	const request = { method: operation.method, path, root: operation.root, qs, body, itemIndex, timeoutMs: context.timeoutMs, maxRetries: context.maxRetries };
	const redact = operation.redactSettings && !(this.getNodeParameter('includeSettings', itemIndex, false) as boolean);
	const shape = (rows: IDataObject[]) => (redact ? withoutSettings(rows) : rows);

	if (operation.list) {
		return shape(await chatRequestAllItems.call(this, request, { limit: readLimit.call(this, itemIndex) }));
	}
	const response = await chatRequest.call(this, request);
	// GET /version answers outside the usual envelope; everything else carries `data`, which
	// can also be `true` (rename) or a sentence (resolve): those come out as `result`.
	return shape(asItems(operation.root || !('data' in response) ? response : (response.data ?? { success: true })));
}
