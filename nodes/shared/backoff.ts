import type { IDataObject } from 'n8n-workflow';

import { clock } from './clock';
import { rateHintsFromHeaders } from './rateHint';

/** No wait is longer than this, whatever a vendor asks for. */
export const MAX_BACKOFF_MS = 60_000;

/** The wait before retry `attempt`: what the vendor asked for, else exponential from `baseMs`; capped. */
export function retryDelay(attempt: number, askedMs: number | undefined, baseMs = 500): number {
	const ms = askedMs ?? baseMs * 2 ** attempt;
	return Math.min(MAX_BACKOFF_MS, Math.max(0, Math.ceil(ms)));
}

/**
 * How long the vendor asked us to wait in its headers (X-RateLimit-Reset, else Retry-After, read
 * as rateHint.ts says), else exponential from `baseMs`.
 */
export function backoffDelay(attempt: number, headers?: IDataObject, baseMs = 500, now = clock.now()): number {
	return retryDelay(attempt, rateHintsFromHeaders(headers, now).resetInMs, baseMs);
}
