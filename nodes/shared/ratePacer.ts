import { afterReset, pastCap, WaitTooLong } from './backoff';
import { clock } from './clock';
import type { RateHints } from './rateHint';
import { resetMargin } from './rateHint';

export type { RateHints } from './rateHint';
export { rateHintsFromHeaders, resetToMs } from './rateHint';

/**
 * Paces calls to one rate-limited endpoint for the length of one execution. Calls run one
 * at a time in the order they asked. When the vendor reports its window (limit, remaining,
 * reset), the remaining calls are spread over the time left and nothing goes out after the
 * last one until the reset; without such reports, calls start `fallbackIntervalMs` apart.
 * State lives in the instance only: a new execution starts with a new pacer. A wait the vendor
 * asks for that is longer than MAX_BACKOFF_MS is not slept: every call still waiting fails with
 * WaitTooLong until that time (backoff.ts), so a run never hangs on a vendor's hour-long reset.
 */
export class RatePacer {
	private lock: Promise<void> = Promise.resolve();
	private notBefore = 0;
	/** Set while the vendor has asked for a wait past the cap: no call goes out before it. */
	private refusedUntil = 0;

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
		const now = this.now();
		if (this.refusedUntil > now) throw new WaitTooLong(this.refusedUntil, this.refusedUntil - now);
		const wait = this.notBefore - now;
		if (wait > 0) await clock.sleep(wait);
	}

	/** What the vendor asked for, from now: past the cap, every later call is refused until then. */
	private vendorAsks(waitMs: number, now: number): void {
		const tooLong = pastCap(waitMs, now);
		if (tooLong) this.refusedUntil = Math.max(this.refusedUntil, tooLong.until);
	}

	/** After an accepted call that started at `startedAt`: plan the next one. */
	observe(hints: RateHints, startedAt: number): void {
		const now = this.now();
		const { remaining, resetInMs } = hints;
		if (remaining === undefined || resetInMs === undefined) {
			this.notBefore = Math.max(this.notBefore, startedAt + this.fallbackIntervalMs);
			return;
		}
		const wait = remaining <= 0 ? resetInMs : resetInMs / (remaining + 1);
		this.vendorAsks(wait, now);
		this.notBefore = now + wait + (remaining <= 0 ? resetMargin(resetInMs, 1000) : 0);
	}

	/** After a rate-limit rejection: nothing goes out before the vendor's reset (plus slack). */
	pause(resetInMs: number): void {
		const now = this.now();
		this.vendorAsks(resetInMs, now);
		this.notBefore = Math.max(this.notBefore, now + afterReset(resetInMs, 2000));
	}
}
