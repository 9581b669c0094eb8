import type { IDataObject } from 'n8n-workflow';

import { clock } from './clock';

/** What a vendor said about its rate window in one answer. */
export interface RateHints {
	limit?: number;
	remaining?: number;
	/** Milliseconds from now until the window resets. */
	resetInMs?: number;
}

function header(headers: IDataObject | undefined, name: string): string | undefined {
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
 * A reset given as seconds from now (`10`, or `0.25` from a scaled-down test server),
 * an epoch in seconds, or an epoch in milliseconds.
 */
export function resetToMs(value: number, now = clock.now()): number {
	if (value > 1e12) return Math.max(0, value - now);
	if (value > 1e9) return Math.max(0, value * 1000 - now);
	return Math.max(0, value * 1000);
}

/** X-RateLimit-Limit / -Remaining / -Reset, and Retry-After as a fallback for the reset. */
export function rateHintsFromHeaders(headers: IDataObject | undefined, now = clock.now()): RateHints {
	const reset = finite(header(headers, 'x-ratelimit-reset'));
	const retryAfter = header(headers, 'retry-after');
	let resetInMs = reset === undefined ? undefined : resetToMs(reset, now);
	if (resetInMs === undefined && retryAfter !== undefined) {
		const seconds = finite(retryAfter);
		const ms = seconds !== undefined ? seconds * 1000 : Date.parse(retryAfter) - now;
		if (Number.isFinite(ms)) resetInMs = Math.max(0, ms);
	}
	return {
		limit: finite(header(headers, 'x-ratelimit-limit')),
		remaining: finite(header(headers, 'x-ratelimit-remaining')),
		resetInMs,
	};
}

/** Slack after a vendor-given reset: a tenth of the wait, at least 10 ms, at most `capMs`. */
function slack(waitMs: number, capMs: number): number {
	return Math.min(capMs, Math.max(10, Math.ceil(waitMs * 0.1)));
}

/**
 * Paces calls to one rate-limited endpoint for the length of one execution. Calls run one
 * at a time in the order they asked. When the vendor reports its window (limit, remaining,
 * reset), the remaining calls are spread over the time left and nothing goes out after the
 * last one until the reset; without such reports, calls start `fallbackIntervalMs` apart.
 * State lives in the instance only: a new execution starts with a new pacer.
 */
export class RatePacer {
	private lock: Promise<void> = Promise.resolve();
	private notBefore = 0;

	constructor(
		private readonly fallbackIntervalMs: number,
		private readonly now: () => number = () => clock.now(),
	) {}

	/** Waits for the previous holder to finish; call the returned function when done. */
	async acquire(): Promise<() => void> {
		const previous = this.lock;
		let release: () => void = () => {};
		this.lock = new Promise<void>((resolve) => (release = resolve));
		await previous;
		return release;
	}

	/** Sleeps until the next call may start. */
	async waitTurn(): Promise<void> {
		const wait = this.notBefore - this.now();
		if (wait > 0) await clock.sleep(wait);
	}

	/** After an accepted call that started at `startedAt`: plan the next one. */
	observe(hints: RateHints, startedAt: number): void {
		const now = this.now();
		const { remaining, resetInMs } = hints;
		if (remaining === undefined || resetInMs === undefined) {
			this.notBefore = Math.max(this.notBefore, startedAt + this.fallbackIntervalMs);
			return;
		}
		this.notBefore =
			remaining <= 0 ? now + resetInMs + slack(resetInMs, 1000) : now + resetInMs / (remaining + 1);
	}

	/** After a rate-limit rejection: nothing goes out before the vendor's reset (plus slack). */
	pause(resetInMs: number): void {
		this.notBefore = Math.max(this.notBefore, this.now() + resetInMs + slack(resetInMs, 2000));
	}
}
