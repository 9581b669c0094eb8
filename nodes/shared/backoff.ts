import type { IDataObject } from 'n8n-workflow';

import { clock } from './clock';

export const MAX_BACKOFF_MS = 60_000;

function header(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return value === undefined || value === null ? undefined : String(value);
}

/**
 * How long the vendor asked us to wait: Retry-After (seconds or an HTTP date), then
 * an X-RateLimit-Reset epoch (seconds or milliseconds), else exponential from `baseMs`.
 */
export function backoffDelay(
	attempt: number,
	headers?: IDataObject,
	baseMs = 500,
	now = clock.now(),
): number {
	const retryAfter = header(headers, 'retry-after');
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
		if (Number.isFinite(ms)) return clamp(ms);
	}
	const reset = Number(header(headers, 'x-ratelimit-reset'));
	if (Number.isFinite(reset) && reset > 0) {
		const resetMs = reset > 1e12 ? reset : reset * 1000;
		return clamp(resetMs - now);
	}
	return clamp(baseMs * 2 ** attempt);
}

function clamp(ms: number): number {
	return Math.min(MAX_BACKOFF_MS, Math.max(0, Math.ceil(ms)));
}
