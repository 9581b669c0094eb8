import { backoffDelay, MAX_BACKOFF_MS, WaitTooLong } from '../../nodes/shared/backoff';
import { RatePacer } from '../../nodes/shared/ratePacer';
import { rateHintsFromHeaders } from '../../nodes/shared/rateHint';
import { useVirtualTime } from '../harness/virtualTime';

/**
 * Qontak's rule for a 429 is "wait for x-ratelimit-reset seconds" (its 429 body says the same as
 * `rate_limit_reset: 10`). Gateways that send an absolute time send an epoch, which no wait in
 * seconds ever reaches. The retry backoff and the pacer read the header through one parser.
 */
describe('X-RateLimit-Reset has one meaning', () => {
	const now = 1_700_000_000_000;

	it('a small value is seconds to wait: `X-RateLimit-Reset: 10` waits 10 s for a retry and for the pacer', () => {
		expect(backoffDelay(0, { 'X-RateLimit-Reset': '10' }, 500, now)).toBe(10_000);
		expect(rateHintsFromHeaders({ 'X-RateLimit-Reset': '10' }, now).resetInMs).toBe(10_000);
		expect(backoffDelay(0, { 'x-ratelimit-reset': '0.25' }, 500, now)).toBe(250);
	});

	it('an epoch, in seconds or in milliseconds, is the time the window resets', () => {
		expect(backoffDelay(0, { 'x-ratelimit-reset': String(now / 1000 + 7) }, 500, now)).toBe(7000);
		expect(backoffDelay(0, { 'x-ratelimit-reset': String(now + 1500) }, 500, now)).toBe(1500);
		expect(backoffDelay(0, { 'x-ratelimit-reset': String(now / 1000 - 5) }, 500, now)).toBe(0);
	});

	it('Retry-After (seconds or an HTTP date) comes first: a duration holds even when the vendor’s clock is off from ours', () => {
		expect(backoffDelay(0, { 'Retry-After': '3' }, 500, now)).toBe(3000);
		expect(backoffDelay(0, { 'retry-after': new Date(now + 4000).toUTCString() }, 500, now)).toBe(4000);
		// A server 250 s ahead: its epoch reset would mean a 251 s wait, its Retry-After says 1 s.
		expect(backoffDelay(0, { 'retry-after': '1', 'x-ratelimit-reset': String((now + 250_000) / 1000 + 1) }, 500, now)).toBe(1000);
	});

	it('waits exponentially without a hint, and never longer than the cap', () => {
		expect([0, 1, 2].map((attempt) => backoffDelay(attempt, {}, 500, now))).toEqual([500, 1000, 2000]);
		expect(backoffDelay(20, {}, 500, now)).toBe(MAX_BACKOFF_MS);
		expect(backoffDelay(0, { 'x-ratelimit-reset': '60' }, 500, now)).toBe(MAX_BACKOFF_MS);
	});

	it('refuses a vendor’s wait past the cap, naming the time, instead of shortening it', () => {
		expect(() => backoffDelay(0, { 'x-ratelimit-reset': '3600' }, 500, now)).toThrow(
			new WaitTooLong(now + 3_600_000, 3_600_000),
		);
		expect(new WaitTooLong(now + 3_600_000, 3_600_000).message).toBe(`rate-limited until ${new Date(now + 3_600_000).toISOString()}`);
	});
});

describe('the pacer reads the reset the same way', () => {
	const virtual = useVirtualTime();

	it('after `X-RateLimit-Remaining: 0` and `X-RateLimit-Reset: 10`, the next call waits the 10 s plus its margin', async () => {
		let at = 0;
		const pacer = new RatePacer(1000, () => at);
		pacer.observe(rateHintsFromHeaders({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '10' }, at), at);
		at = 1;
		await pacer.waitTurn();
		expect(virtual.time.waits).toEqual([10_000 + 1000 - 1]);
	});
});
