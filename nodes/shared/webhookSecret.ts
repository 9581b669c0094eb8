import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IDataObject, INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { reply } from './webhookReply';

/**
 * Secrets for webhook senders that sign nothing (Qontak, Mekari): the sender can only repeat a
 * value it was given, in the URL's query or in a header, and it is compared in constant time.
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
	if (typeof given !== 'string' || given === '' || expected === '') return false;
	const a = createHash('sha256').update(expected, 'utf8').digest();
	const b = createHash('sha256').update(given, 'utf8').digest();
	return timingSafeEqual(a, b);
}

/** 256 random bits, URL-safe, for a URL the node registers itself. */
export function newWebhookSecret(): string {
	return randomBytes(32).toString('base64url');
}

/** Whether the request carries `secret` in the query parameter or the header named (either may be left out). */
export function carriesSecret(this: IWebhookFunctions, secret: string, where: { query?: string; header?: string }): boolean {
	const query = (this.getQueryData() ?? {}) as IDataObject;
	const headers = (this.getHeaderData() ?? {}) as IDataObject;
	// Both are compared, whatever the first says, so timing does not tell which one matched.
	const fromQuery = where.query !== undefined && secretsMatch(secret, query[where.query]);
	const fromHeader = where.header !== undefined && secretsMatch(secret, headers[where.header.toLowerCase()]);
	return fromQuery || fromHeader;
}

/** The user's optional shared secret: undefined when the request may pass; otherwise the 401 already written. */
export function rejectWithoutSecret(this: IWebhookFunctions, options: IDataObject): IWebhookResponseData | undefined {
	const secret = String(options.sharedSecret ?? '');
	if (secret === '') return undefined;
	const where = { query: String(options.queryParameterName || 'token'), header: String(options.headerName || 'X-Webhook-Token') };
	if (carriesSecret.call(this, secret, where)) return undefined;
	return reply(this, 401, { message: 'Unauthorized' });
}
