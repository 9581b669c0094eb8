import type { IDataObject } from 'n8n-workflow';

import { clock } from './clock';

/** What a vendor said about its rate window in one answer. */
export interface RateHints {
	limit?: number;
	remaining?: number;
	/** Milliseconds from now until the window resets. */
	resetInMs?: number;
}

/** A response header by name in any case; the first value of a repeated one. */
export function headerValue(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	if (value === undefined || value === null) return undefined;
	return String(Array.isArray(value) ? value[0] : value);
}

const finite = (text: string | undefined) => {
	if (text === undefined || text.trim() === '') return undefined;
	const value = Number(text);
	return Number.isFinite(value) ? value : undefined;
};

/**
 * The one meaning of a reset value (`X-RateLimit-Reset`, Qontak's `rate_limit_reset: N`). Qontak's
 * rule for a 429 is to wait for x-ratelimit-reset *seconds* (Omnichannel open API,
 * https://docs.qontak.com/docs/omnichannel-hub/fe286fab4f3cf-qontak-open-api-v1-0-3), and its 429
 * body gives the same wait as `rate_limit_reset: 10`: a small number is seconds to wait (a fraction
 * too, as a scaled-down test server sends). Some gateways send the reset as an epoch instead, which
 * no sane wait reaches: above 1e9 (31 years in seconds) it is an epoch in seconds, above 1e12 one in
 * milliseconds, and the wait is the time left until it.
 */
export function resetToMs(value: number, now = clock.now()): number {
	if (value > 1e12) return Math.max(0, value - now);
	if (value > 1e9) return Math.max(0, value * 1000 - now);
	return Math.max(0, value * 1000);
}

/** Retry-After (RFC 9110 §10.2.3): seconds, or an HTTP date. */
function retryAfterToMs(value: string, now: number): number | undefined {
	const seconds = finite(value);
	const ms = seconds !== undefined ? seconds * 1000 : Date.parse(value) - now;
	return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
}

/**
 * X-RateLimit-Limit / -Remaining, and the reset: Retry-After when the answer has one, else
 * X-RateLimit-Reset. Retry-After is a duration, so it holds even when the vendor's clock is off
 * from ours; an epoch reset is only as right as the two clocks agree.
 */
export function rateHintsFromHeaders(headers: IDataObject | undefined, now = clock.now()): RateHints {
	const retryAfter = headerValue(headers, 'retry-after');
	const reset = finite(headerValue(headers, 'x-ratelimit-reset'));
	let resetInMs = retryAfter === undefined ? undefined : retryAfterToMs(retryAfter, now);
	if (resetInMs === undefined && reset !== undefined) resetInMs = resetToMs(reset, now);
	return {
		limit: finite(headerValue(headers, 'x-ratelimit-limit')),
		remaining: finite(headerValue(headers, 'x-ratelimit-remaining')),
		resetInMs,
	};
}

/**
 * Slack after a vendor-given reset, since vendors round it to whole seconds: a tenth of the wait,
 * at least 10 ms, at most `capMs`.
 */
export function resetMargin(waitMs: number, capMs: number): number {
	return Math.min(capMs, Math.max(10, Math.ceil(waitMs * 0.1)));
}
