import type { IDataObject, INode } from 'n8n-workflow';

import { fieldError, trimmedText } from '../../shared/parseInput';

/**
 * A WhatsApp template's placeholders: `{{n}}` in the body, a media header, and buttons whose URL
 * ends in a placeholder (dynamic links and the OTP copy-code button). These become the fields the
 * user maps, and then `parameters` (Qontak's Omnichannel open API,
 * https://docs.qontak.com/docs/omnichannel-hub/fe286fab4f3cf-qontak-open-api-v1-0-3).
 */

export const MEDIA_FORMATS = ['IMAGE', 'VIDEO', 'DOCUMENT'] as const;
export type MediaFormat = (typeof MEDIA_FORMATS)[number];

export type PlaceholderKind = 'body' | 'headerUrl' | 'headerFilename' | 'button';

export interface Placeholder {
	/** The mapping key, e.g. `body_2`, `header_url`, `button_0`. */
	id: string;
	displayName: string;
	kind: PlaceholderKind;
	required: boolean;
	/** Body placeholder number or button index. */
	index?: number;
}

const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

export function bodyVariableCount(template: IDataObject): number {
	let highest = 0;
	for (const match of String(template.body ?? '').matchAll(PLACEHOLDER)) highest = Math.max(highest, Number(match[1]));
	return highest;
}

export function headerMediaFormat(template: IDataObject): MediaFormat | undefined {
	const header = template.header as IDataObject | null | undefined;
	const format = String(header?.format ?? '').toUpperCase();
	return (MEDIA_FORMATS as readonly string[]).includes(format) ? (format as MediaFormat) : undefined;
}

export function dynamicButtons(template: IDataObject): Array<{ index: number; text: string; otp: boolean }> {
	const buttons = (Array.isArray(template.buttons) ? template.buttons : []) as IDataObject[];
	return buttons.flatMap((button, index) => {
		const type = String(button.type ?? '').toUpperCase();
		const otp = type === 'OTP' || type === 'COPY_CODE' || /otp_type=COPY_CODE/i.test(String(button.url ?? ''));
		const dynamic = otp || /\{\{\s*\d+\s*\}\}/.test(String(button.url ?? ''));
		return dynamic ? [{ index, text: String(button.text ?? `Button ${index + 1}`), otp }] : [];
	});
}

const title = (format: string) => format.charAt(0) + format.slice(1).toLowerCase();

export function templatePlaceholders(template: IDataObject): Placeholder[] {
	const fields: Placeholder[] = [];
	for (let n = 1; n <= bodyVariableCount(template); n++) {
		fields.push({ id: `body_${n}`, displayName: `Body {{${n}}}`, kind: 'body', required: true, index: n });
	}
	const media = headerMediaFormat(template);
	if (media) {
		fields.push({ id: 'header_url', displayName: `Header ${title(media)} URL`, kind: 'headerUrl', required: false });
		fields.push({ id: 'header_filename', displayName: `Header ${title(media)} Filename`, kind: 'headerFilename', required: false });
	}
	for (const button of dynamicButtons(template)) {
		fields.push({
			id: `button_${button.index}`,
			displayName: button.otp ? `Button ${button.index + 1} (${button.text}) Code` : `Button ${button.index + 1} (${button.text}) URL Suffix`,
			kind: 'button',
			required: true,
			index: button.index,
		});
	}
	return fields;
}

export function templateLabel(template: IDataObject): string {
	return `${String(template.name ?? template.id)} (${String(template.language ?? '?')})`;
}

/** A mapped placeholder value as trimmed text; undefined when nothing usable was mapped (empty, an object or a list). */
function filledText(value: unknown): string | undefined {
	if (typeof value === 'object' && value !== null) return undefined;
	return trimmedText(value) || undefined;
}

export interface HeaderMedia {
	url: string;
	filename?: string;
}

/**
 * `parameters` for a direct send: every placeholder filled, nothing unknown mapped. Throws
 * before anything is sent, naming the placeholder and what to do.
 */
export function buildDirectParameters(
	node: INode,
	template: IDataObject,
	values: IDataObject,
	itemIndex: number,
	headerMedia?: HeaderMedia,
): IDataObject {
	const label = templateLabel(template);
	const placeholders = templatePlaceholders(template);
	const known = new Set(placeholders.map((placeholder) => placeholder.id));
	for (const [key, value] of Object.entries(values)) {
		if (!known.has(key) && filledText(value) !== undefined) {
			fieldError(
				node,
				itemIndex,
				`Template ${label} has no placeholder '${key}'`,
				`The template changed or another one was picked. Open 'Template Parameters', refresh the field list and remove '${key}'. This template takes: ${placeholders.map((p) => p.displayName).join(', ') || 'no parameters'}.`,
			);
		}
	}
	for (const [key, value] of Object.entries(values)) {
		if (value !== undefined && value !== null && typeof value === 'object') {
			fieldError(node, itemIndex, `'${key}' must be text, not an object or a list`, `Map a single value (text or number) to '${key}'.`);
		}
	}

	const parameters: IDataObject = {};
	const body: IDataObject[] = [];
	for (const placeholder of placeholders.filter((p) => p.kind === 'body')) {
		const value = filledText(values[placeholder.id]);
		if (value === undefined) {
			fieldError(
				node,
				itemIndex,
				`Template ${label} needs a value for ${placeholder.displayName}`,
				`Map a value to '${placeholder.displayName}' under 'Template Parameters'. WhatsApp rejects a template whose placeholders are left empty.`,
			);
		}
		body.push({ key: String(placeholder.index), value: `body_${placeholder.index}`, value_text: value });
	}
	if (body.length) parameters.body = body;

	const media = headerMediaFormat(template);
	if (media) {
		const url = headerMedia?.url ?? filledText(values.header_url);
		if (url === undefined) {
			fieldError(
				node,
				itemIndex,
				`Template ${label} has a ${title(media).toLowerCase()} header and no media was given`,
				`Map a public https URL to 'Header ${title(media)} URL' (Qontak must fetch it within about 2 seconds), or set 'Header Media Binary Field' under Options to upload a file from the input item.`,
			);
		}
		if (!/^https?:\/\/\S+$/i.test(url!)) {
			fieldError(node, itemIndex, `'Header ${title(media)} URL' is not a URL: ${JSON.stringify(url)}`, 'Give a full https:// address of the file.');
		}
		const field = `Header ${title(media)} URL`;
		// Qontak fetches the URL as given; a stray % (a literal % not written as %25) makes it malformed.
		const badEscape = /%(?![0-9A-Fa-f]{2})/.exec(url!);
		if (badEscape) {
			fieldError(
				node,
				itemIndex,
				`'${field}' has a malformed %-escape: ${JSON.stringify(url!.slice(badEscape.index, badEscape.index + 3))} in ${JSON.stringify(url)}`,
				'Each % in a URL must start an escape of two hex digits: write a literal % as %25 and a space as %20, or map the URL through encodeURI() in an expression.',
			);
		}
		let lastSegment: string;
		try {
			lastSegment = new URL(url!).pathname.split('/').pop() ?? '';
		} catch {
			fieldError(node, itemIndex, `'${field}' is not a URL: ${JSON.stringify(url)}`, 'Give a full https:// address of the file.');
		}
		let decodedName: string;
		try {
			decodedName = decodeURIComponent(lastSegment);
		} catch {
			// Escapes of two hex digits that are not UTF-8 (%FF): valid in a URL, not as a name.
			decodedName = lastSegment;
		}
		const filename = headerMedia?.filename ?? filledText(values.header_filename) ?? (decodedName || 'file');
		parameters.header = { format: media, params: [{ key: 'url', value: url }, { key: 'filename', value: filename }] };
	}

	const buttons: IDataObject[] = [];
	for (const placeholder of placeholders.filter((p) => p.kind === 'button')) {
		const value = filledText(values[placeholder.id]);
		if (value === undefined) {
			fieldError(node, itemIndex, `Template ${label} needs a value for ${placeholder.displayName}`, `Map a value to '${placeholder.displayName}' under 'Template Parameters'.`);
		}
		buttons.push({ index: String(placeholder.index), type: 'url', value });
	}
	if (buttons.length) parameters.buttons = buttons;
	return parameters;
}
