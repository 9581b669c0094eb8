import { rateHintsFromBody } from '../../nodes/QontakBroadcast/transport';
import { RatePacer, rateHintsFromHeaders, resetToMs } from '../../nodes/shared/ratePacer';
import { useVirtualTime } from '../harness/virtualTime';

describe('rate-limit hints', () => {
	it('reads Qontak’s 429 body, where the limit comes as "name: value" messages', () => {
		const body = {
			status: 'error',
			error: { code: 429, messages: ['Too many requests', 'organization_id: 0a9e1f00', 'rate_limit_limit: 100', 'rate_limit_remaining: 0', 'rate_limit_reset: 10'] },
		};
		expect(rateHintsFromBody(body)).toEqual({ limit: 100, remaining: 0, resetInMs: 10_000 });
		expect(rateHintsFromBody({ message: 'Unauthorized' })).toEqual({ limit: undefined, remaining: undefined, resetInMs: undefined });
	});

	it('reads X-RateLimit-* headers with the reset as seconds, a fraction, or an epoch; Retry-After as a fallback', () => {
		const now = 1_700_000_000_000;
		expect(rateHintsFromHeaders({ 'X-RateLimit-Limit': '60', 'x-ratelimit-remaining': '59', 'x-ratelimit-reset': '60' }, now)).toEqual({ limit: 60, remaining: 59, resetInMs: 60_000 });
		expect(rateHintsFromHeaders({ 'x-ratelimit-reset': '0.25' }, now).resetInMs).toBe(250);
		expect(rateHintsFromHeaders({ 'x-ratelimit-reset': String(now / 1000 + 5) }, now).resetInMs).toBe(5000);
		expect(rateHintsFromHeaders({ 'x-ratelimit-reset': String(now + 1500) }, now).resetInMs).toBe(1500);
		expect(rateHintsFromHeaders({ 'retry-after': '3' }, now).resetInMs).toBe(3000);
		expect(rateHintsFromHeaders({}, now)).toEqual({ limit: undefined, remaining: undefined, resetInMs: undefined });
		expect(resetToMs(0)).toBe(0);
	});
});

describe('RatePacer', () => {
	// The pacer's sleeps are recorded, not slept: each test checks the exact wait asked for.
	const virtual = useVirtualTime();

	it('spreads the remaining calls over what is left of the window, and waits out the reset after the last one', async () => {
		let clock = 0;
		const pacer = new RatePacer(1000, () => clock);
		pacer.observe({ remaining: 3, resetInMs: 400 }, 0);
		await pacer.waitTurn();
		// 400 ms left for 3 calls and the reset: one every 100 ms.
		expect(virtual.time.waits).toEqual([100]);
		clock = 100;
		pacer.observe({ remaining: 0, resetInMs: 300 }, 100);
		// Next call not before the reset plus slack: 100 + 300 + 30.
		clock = 429;
		await pacer.waitTurn();
		expect(virtual.time.waits).toEqual([100, 1]);
		clock = 430;
		await pacer.waitTurn();
		expect(virtual.time.waits).toEqual([100, 1]);
	});

	it('keeps the fallback spacing from call start to call start when the vendor reports nothing', async () => {
		let clock = 5000;
		const pacer = new RatePacer(1000, () => clock);
		pacer.observe({}, 5000);
		clock = 5990;
		await pacer.waitTurn();
		expect(virtual.time.waits).toEqual([10]);
	});

	it('runs holders one at a time, in the order they asked', async () => {
		const pacer = new RatePacer(0);
		const order: number[] = [];
		await Promise.all(
			[1, 2, 3].map(async (n) => {
				const release = await pacer.acquire();
				order.push(n);
				await new Promise((resolve) => setImmediate(resolve));
				order.push(n);
				release();
			}),
		);
		expect(order).toEqual([1, 1, 2, 2, 3, 3]);
	});
});
