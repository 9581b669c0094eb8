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
			remaining <= 0 ? now + resetInMs + resetMargin(resetInMs, 1000) : now + resetInMs / (remaining + 1);
	}

	/** After a rate-limit rejection: nothing goes out before the vendor's reset (plus slack). */
	pause(resetInMs: number): void {
		this.notBefore = Math.max(this.notBefore, this.now() + resetInMs + resetMargin(resetInMs, 2000));
	}
}
