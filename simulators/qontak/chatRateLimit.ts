/**
 * The direct-broadcast limit (60 per minute, Omnichannel open API,
 * https://docs.qontak.com/docs/omnichannel-hub/fe286fab4f3cf-qontak-open-api-v1-0-3) as a fixed
 * window that opens on the first request after the previous one closed. Rejected requests do not
 * count: a 429 was not processed.
 */

export interface LimitVerdict {
	allowed: boolean;
	limit: number;
	remaining: number;
	/** Milliseconds until the window closes. */
	resetMs: number;
}

export class FixedWindowLimiter {
	private windowStart = -Infinity;
	private used = 0;

	constructor(
		private readonly limit: () => number,
		private readonly windowMs: () => number,
	) {}

	take(now: number): LimitVerdict {
		const limit = this.limit();
		if (now >= this.windowStart + this.windowMs()) {
			this.windowStart = now;
			this.used = 0;
		}
		const resetMs = this.windowStart + this.windowMs() - now;
		if (this.used >= limit) return { allowed: false, limit, remaining: 0, resetMs };
		this.used++;
		return { allowed: true, limit, remaining: limit - this.used, resetMs };
	}

	reset(): void {
		this.windowStart = -Infinity;
		this.used = 0;
	}
}

/** Seconds with millisecond precision: whole seconds at the real 60 s window, fractions when scaled down. */
export function resetSeconds(ms: number): string {
	return String(Math.max(0, Math.ceil(ms)) / 1000);
}
