import { createHash, timingSafeEqual } from 'node:crypto';
import type { IDataObject, INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/**
 * An optional shared secret for webhook senders that sign nothing (Qontak, Mekari): the
 * sender puts it in the URL's query or in a header, and it is compared in constant time.
 */

export const sharedSecretOptions: INodeProperties[] = [
	{
		displayName: 'Shared Secret',
		name: 'sharedSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'If set, a request must carry this value in the query parameter or the header below; others get HTTP 401 and start nothing',
	},
	{
		displayName: 'Secret Query Parameter',
		name: 'queryParameterName',
		type: 'string',
		default: 'token',
		description: 'Register the URL as …/webhook?token=YOUR_SECRET when the sender cannot set headers',
	},
	{
		displayName: 'Secret Header',
		name: 'headerName',
		type: 'string',
		default: 'X-Webhook-Token',
	},
];

/** Hashing first gives equal lengths, so neither length nor content leaks through timing. */
export function secretsMatch(expected: string, given: unknown): boolean {
	if (typeof given !== 'string' || given === '') return false;
	const a = createHash('sha256').update(expected, 'utf8').digest();
	const b = createHash('sha256').update(given, 'utf8').digest();
	return timingSafeEqual(a, b);
}

type RawResponse = { headersSent?: boolean; writeHead: (status: number, headers: IDataObject) => void; end: (body: string) => void };

/** undefined when the request may pass; otherwise the 401 already written. */
export function rejectWithoutSecret(this: IWebhookFunctions, options: IDataObject): IWebhookResponseData | undefined {
	const secret = String(options.sharedSecret ?? '');
	if (secret === '') return undefined;
	const queryName = String(options.queryParameterName || 'token');
	const headerName = String(options.headerName || 'X-Webhook-Token').toLowerCase();
	const query = (this.getQueryData() ?? {}) as IDataObject;
	const headers = (this.getHeaderData() ?? {}) as IDataObject;
	const fromQuery = secretsMatch(secret, query[queryName]);
	const fromHeader = secretsMatch(secret, headers[headerName]);
	if (fromQuery || fromHeader) return undefined;
	const response = this.getResponseObject() as unknown as RawResponse;
	if (!response.headersSent) {
		response.writeHead(401, { 'content-type': 'application/json; charset=utf-8' });
		response.end(JSON.stringify({ message: 'Unauthorized' }));
	}
	return { noWebhookResponse: true };
}

/** One item per event: a batch (JSON array) is split, an object is one event. */
export function eventsOf(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body.filter((entry) => typeof entry === 'object' && entry !== null) as IDataObject[];
	if (typeof body === 'object' && body !== null) return [body as IDataObject];
	return [];
}
