/** Just enough multipart/form-data parsing to check what the node uploads, byte for byte. */

export interface FormPart {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
	const match = /^multipart\/form-data;\s*boundary=("?)([^";]+)\1/i.exec(contentType ?? '');
	return match?.[2];
}

export function parseMultipart(body: Buffer, boundary: string): FormPart[] | undefined {
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: FormPart[] = [];
	let position = body.indexOf(delimiter);
	if (position === -1) return undefined;
	for (;;) {
		position += delimiter.length;
		if (body.subarray(position, position + 2).toString() === '--') return parts;
		if (body.subarray(position, position + 2).toString() !== '\r\n') return undefined;
		position += 2;
		const headerEnd = body.indexOf('\r\n\r\n', position);
		if (headerEnd === -1) return undefined;
		const headers = body.subarray(position, headerEnd).toString('utf8').split('\r\n');
		const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
		if (next === -1) return undefined;
		const disposition = headers.find((line) => /^content-disposition:/i.test(line)) ?? '';
		const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
		if (name === undefined) return undefined;
		const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
		const contentType = headers.find((line) => /^content-type:/i.test(line))?.replace(/^content-type:\s*/i, '');
		parts.push({ name, filename, contentType, data: body.subarray(headerEnd + 4, next) });
		position = next + 2;
	}
}

/** A tiny CSV reader: commas, double-quoted fields, CRLF or LF rows. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (quoted) {
			if (char === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (char === '"') quoted = false;
			else field += char;
		} else if (char === '"') quoted = true;
		else if (char === ',') {
			row.push(field);
			field = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			if (row.some((cell) => cell !== '')) rows.push(row);
			row = [];
			field = '';
		} else field += char;
	}
	row.push(field);
	if (row.some((cell) => cell !== '')) rows.push(row);
	return rows;
}
