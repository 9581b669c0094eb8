/**
 * Qontak Chat's envelopes (https://docs.qontak.com/docs/omnichannel-hub/fe286fab4f3cf-qontak-open-api-v1-0-3):
 * `{status:"success", data}` with `meta.pagination` on lists, `{status:"error", error:{code, messages[]}}`
 * on failures.
 */

export const CHAT_GATEWAY_PREFIX = '/qontak/chat/v1';
export const CHAT_LEGACY_PREFIX = '/api/open/v1';

export interface ChatResult {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export class ChatError extends Error {
	constructor(
		readonly status: number,
		readonly messages: string[],
		readonly headers: Record<string, string> = {},
	) {
		super(messages.join(', '));
	}
}

export const chatError = (status: number, ...messages: string[]) => new ChatError(status, messages);
export const notFound = () => chatError(404, 'Resource not found.');
export const unprocessable = (...messages: string[]) => chatError(422, ...messages);

export function errorEnvelope(status: number, messages: string[]): Record<string, unknown> {
	return { status: 'error', error: { code: status, messages } };
}

export function ok(data: unknown, status = 200): ChatResult {
	return { status, body: { status: 'success', data } };
}

export type Query = Record<string, string | string[]>;

export function first(query: Query, key: string): string | undefined {
	const value = query[key] ?? query[`${key}[]`];
	return Array.isArray(value) ? value[0] : value;
}

/** `key[]=a&key[]=b` (Mekari SDK style) or a single `key=a`. */
export function many(query: Query, key: string): string[] {
	const value = query[`${key}[]`] ?? query[key];
	if (value === undefined) return [];
	return Array.isArray(value) ? value : [value];
}

export const MAX_LIMIT = 100;

/**
 * `offset` is a 1-based page index (every vendor sample shows offset=1), `limit` the page
 * size. `total` is the number of matching rows.
 */
export function paginate<T>(rows: readonly T[], query: Query): ChatResult {
	const offset = Math.max(1, Math.floor(Number(first(query, 'offset') ?? 1)) || 1);
	const requested = Math.floor(Number(first(query, 'limit') ?? 10)) || 10;
	const limit = Math.min(Math.max(1, requested), MAX_LIMIT);
	const start = (offset - 1) * limit;
	const data = rows.slice(start, start + limit);
	const hasNext = start + limit < rows.length;
	return {
		status: 200,
		body: {
			status: 'success',
			data,
			meta: {
				pagination: {
					cursor: { next: hasNext ? String(offset + 1) : null, prev: offset > 1 ? String(offset - 1) : null, pit: null },
					offset,
					limit,
					total: rows.length,
					target_offset: 0,
				},
			},
		},
	};
}
