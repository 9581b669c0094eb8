import type { IDataObject } from 'n8n-workflow';

import { clock } from './clock';
import { rateHintsFromHeaders, resetMargin } from './rateHint';

/** No wait is longer than this, whatever a vendor asks for. */
export const MAX_BACKOFF_MS = 60_000;

/**
 * A vendor asked for a wait longer than MAX_BACKOFF_MS. Shortening it would only earn another
 * refusal, and sleeping it out would hold the run for as long as the vendor likes, so the item
 * fails instead, saying when the vendor will take requests again. The request policy turns this
 * into the item's error.
 */
export class WaitTooLong extends Error {
	constructor(
		/** Epoch ms the vendor said to wait until. */
		readonly until: number,
		readonly waitMs: number,
	) {
		super(`rate-limited until ${new Date(until).toISOString()}`);
	}
}

/** The one rule for a wait the vendor asked for: past MAX_BACKOFF_MS it is refused, and this says until when. */
export function pastCap(askedMs: number | undefined, now = clock.now()): WaitTooLong | undefined {
	if (askedMs === undefined) return undefined;
	const ms = Math.max(0, Math.ceil(askedMs));
	return ms > MAX_BACKOFF_MS ? new WaitTooLong(now + ms, ms) : undefined;
}

/**
 * The wait before retry `attempt`: what the vendor asked for, else exponential from `baseMs`,
 * capped at MAX_BACKOFF_MS. A vendor's wait past the cap throws WaitTooLong (pastCap).
 */
export function retryDelay(attempt: number, askedMs: number | undefined, baseMs = 500, now = clock.now()): number {
	if (askedMs !== undefined) {
		const tooLong = pastCap(askedMs, now);
		if (tooLong) throw tooLong;
		return Math.max(0, Math.ceil(askedMs));
	}
	return Math.min(MAX_BACKOFF_MS, Math.max(0, Math.ceil(baseMs * 2 ** attempt)));
}

/**
 * How long the vendor asked us to wait in its headers (X-RateLimit-Reset, else Retry-After, read
 * as rateHint.ts says), else exponential from `baseMs`.
 */
export function backoffDelay(attempt: number, headers?: IDataObject, baseMs = 500, now = clock.now()): number {
	return retryDelay(attempt, rateHintsFromHeaders(headers, now).resetInMs, baseMs, now);
}

/** A wait out of a vendor's rate window: its reset plus slack for rounding (at most `maxMarginMs`), never past the cap. */
export function afterReset(resetInMs: number, maxMarginMs: number): number {
	return Math.min(MAX_BACKOFF_MS, resetInMs + resetMargin(resetInMs, maxMarginMs));
}
