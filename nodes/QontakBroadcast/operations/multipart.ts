import { randomBytes } from 'node:crypto';

export type FormField = { field: string; value: string } | { field: string; filename: string; contentType: string; data: Buffer };

/**
 * multipart/form-data built by hand: no runtime dependency, and a plain Buffer that n8n can
 * send again after a token refresh (a stream or FormData body cannot be resent).
 */
export function multipartBody(fields: FormField[]): { body: Buffer; contentType: string } {
	const boundary = `----n8nQontak${randomBytes(12).toString('hex')}`;
	const chunks: Buffer[] = [];
	for (const field of fields) {
		const name = field.field.replace(/"/g, '%22');
		if ('data' in field) {
			const filename = field.filename.replace(/"/g, '%22').replace(/[\r\n]/g, ' ');
			chunks.push(
				Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${field.contentType}\r\n\r\n`),
				field.data,
				Buffer.from('\r\n'),
			);
		} else {
			chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${field.value}\r\n`));
		}
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
