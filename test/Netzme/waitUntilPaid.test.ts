import type { IDataObject } from 'n8n-workflow';

import type { TimeSource } from '../../simulators/timeSource';
import { useVirtualTime } from '../harness/virtualTime';
import { runNetzme, useNetzme } from './setup';

const env = useNetzme();
// The node sleeps on this clock between checks: a one-hour wait takes no wall-clock time.
const virtual = useVirtualTime(env.sim);

const STATUS_PATH = /^\/api\/aggregator\/merchant\/invoice\/transaction\//;
const wait = { resource: 'invoice', operation: 'waitUntilPaid', trxId: '={{ $json.trxId }}', intervalSeconds: 10, timeoutMinutes: 15 };

beforeEach(() => {
	env.sim.options.invoicePaidAfterStatusRequests = 0;
	// The credential signs Request-Time with the real clock; Netzme here reads the virtual one,
	// which a long wait moves an hour ahead.
	env.sim.options.maxSkewMs = 2 * 3600_000;
});

/**
 * Creates invoices through the node, as a workflow's previous step would, and returns their
 * trxIds. A balance read first stores the access token (its first fetch waits a random stagger),
 * so the waits below are the wait's own.
 */
async function createInvoices(count: number, additionalFields: IDataObject = {}): Promise<string[]> {
	const input = Array.from({ length: count }, (_, index) => ({ amount: 10000 * (index + 1) }));
	const { items, nodeError } = await runNetzme(env, { resource: 'invoice', operation: 'createTransaction', amount: '={{ $json.amount }}', additionalFields }, { input });
	if (nodeError) throw nodeError;
	expect((await runNetzme(env, { resource: 'balance', operation: 'get' })).nodeError).toBeUndefined();
	env.sim.requests = [];
	virtual.time.waits.splice(0);
	return items.map((item) => String(item.json.trxId));
}

async function waitFor(trxIds: string[], parameters: IDataObject = {}, options: { continueOnFail?: boolean } = {}) {
	const started = virtual.time.now();
	const run = await runNetzme(env, { ...wait, ...parameters }, { input: trxIds.map((trxId) => ({ trxId })), ...options });
	return { ...run, elapsedMs: virtual.time.now() - started, json: run.items.map((item) => item.json) };
}

const statusChecks = () => env.sim.requests.filter((request) => STATUS_PATH.test(request.path)).map((request) => request.path.split('/').pop());

describe('Invoice → Wait Until Paid', () => {
	it('checks every interval and stops when Netzme says paid: paid on the 3rd check, after 2 intervals', async () => {
		const [trxId] = await createInvoices(1);
		env.sim.options.invoicePaidAfterStatusRequests = 3;
		const { json, elapsedMs, nodeError } = await waitFor([trxId]);
		expect(nodeError).toBeUndefined();
		expect(json).toEqual([expect.objectContaining({ trxId, status: 'SUCCESS', stoppedBecause: 'paid', statusChecks: 3 })]);
		expect(json[0].paidTs).toEqual(expect.any(String));
		expect(elapsedMs).toBe(20_000);
		expect(virtual.time.waits).toEqual([10_000, 10_000]);
	});

	it('an invoice already paid is returned after one check, without waiting', async () => {
		const [trxId] = await createInvoices(1);
		env.sim.payInvoice(trxId);
		const { json, elapsedMs } = await waitFor([trxId]);
		expect(json).toEqual([expect.objectContaining({ status: 'SUCCESS', stoppedBecause: 'paid', statusChecks: 1 })]);
		expect(elapsedMs).toBe(0);
	});

	it('stops as expired when Netzme closes the unpaid invoice at its expiry', async () => {
		const [trxId] = await createInvoices(1, { expire_in_second: 30 });
		const { json, elapsedMs } = await waitFor([trxId]);
		// Checks at 0, 10, 20 s find it open; at 30 s Netzme has closed it.
		expect(json).toEqual([expect.objectContaining({ trxId, status: 'CLOSED', stoppedBecause: 'expired', statusChecks: 4 })]);
		expect(elapsedMs).toBe(30_000);
	});

	it('gives up at Give Up After with the last state, the last check made at the deadline', async () => {
		const [trxId] = await createInvoices(1);
		const { json, elapsedMs } = await waitFor([trxId], { intervalSeconds: 25, timeoutMinutes: 1 });
		// 0, 25, 50, then the deadline at 60 s rather than 75 s.
		expect(json).toEqual([expect.objectContaining({ trxId, status: 'INIT', stoppedBecause: 'timedOut', statusChecks: 4 })]);
		expect(virtual.time.waits).toEqual([25_000, 25_000, 10_000]);
		expect(elapsedMs).toBe(60_000);
	});

	it('a one-hour wait is 1 + 3600/300 checks and never more', async () => {
		const [trxId] = await createInvoices(1, { expire_in_second: 7200 });
		const { json, elapsedMs } = await waitFor([trxId], { intervalSeconds: 300, timeoutMinutes: 60 });
		expect(json[0]).toMatchObject({ stoppedBecause: 'timedOut', statusChecks: 13 });
		expect(elapsedMs).toBe(3_600_000);
	});

	it('keeps Netzme’s money text beside the numbers, like Get Invoice Status; Simplify off gives the raw envelope', async () => {
		const [trxId] = await createInvoices(1);
		env.sim.payInvoice(trxId);
		const { json } = await waitFor([trxId]);
		expect(json[0]).toMatchObject({ amount: 10000, amountText: 'IDR 10000.00', fee: 70, feeText: 'IDR 70.00' });
		const raw = await waitFor([trxId], { simplify: false });
		expect(raw.json[0]).toMatchObject({ status: 100, body: { trxId, status: 'SUCCESS', amount: 'IDR 10000.00' }, stoppedBecause: 'paid', statusChecks: 1 });
	});
});

describe('several items wait at the same time, within the request concurrency', () => {
	it('three invoices paid after 3 checks each take 2 intervals in all, not 6, and keep their order', async () => {
		const trxIds = await createInvoices(3);
		env.sim.options.invoicePaidAfterStatusRequests = 3;
		const { items, elapsedMs } = await waitFor(trxIds);
		expect(items.map((item) => [item.json.trxId, item.json.stoppedBecause, item.pairedItem])).toEqual(
			trxIds.map((trxId, index) => [trxId, 'paid', { item: index }]),
		);
		expect(elapsedMs).toBe(20_000);
		// Round by round: every invoice's first check before any second one.
		expect(statusChecks()).toEqual([...trxIds, ...trxIds, ...trxIds]);
	});

	it.each([
		['the default Concurrency, 1', undefined, 1],
		['Concurrency 2', 2, 2],
	])('with %s, at most that many status checks are at Netzme at once', async (_name, concurrency, most) => {
		const trxIds = await createInvoices(3);
		env.sim.options.invoicePaidAfterStatusRequests = 2;
		env.sim.options.latencyMs = 1000;
		const atNetzme = countInFlight();
		const requestOptions = concurrency === undefined ? {} : { requestOptions: { concurrency } };
		const { json, elapsedMs } = await waitFor(trxIds, requestOptions);
		expect(json.map((entry) => entry.stoppedBecause)).toEqual(['paid', 'paid', 'paid']);
		expect(atNetzme.most).toBe(most);
		// Still one wait for all: far below 3 items × (interval + latency).
		expect(elapsedMs).toBeLessThan(3 * 11_000);
	});

	it('an item that fails (unknown invoice) calls the other waits off instead of letting them run to the timeout', async () => {
		const [trxId] = await createInvoices(1);
		const { nodeError } = await waitFor([trxId, 'TRX-UNKNOWN']);
		expect(nodeError?.message).toMatch(/^Netzme: .*\(404\)/);
		// The first invoice was checked once, not every 10 s for 15 minutes.
		expect(statusChecks()).toEqual([trxId, 'TRX-UNKNOWN']);
	});

	it('with Continue On Fail the failed item stands in its place and the others wait on', async () => {
		const [first, second] = await createInvoices(2);
		env.sim.options.invoicePaidAfterStatusRequests = 2;
		const { items } = await waitFor([first, 'TRX-UNKNOWN', second], {}, { continueOnFail: true });
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ trxId: first, stoppedBecause: 'paid', statusChecks: 2 });
		expect(items[1].json.error).toMatch(/\(404\)/);
		expect(items[2].json).toMatchObject({ trxId: second, stoppedBecause: 'paid', statusChecks: 2 });
	});
});

describe('the wait is bounded: refused per item, naming the field and the range, before any check', () => {
	it.each([
		[{ intervalSeconds: 1 }, "'Check Every (Seconds)' must be a whole number from 5 to 300 (got 1)"],
		[{ intervalSeconds: 600 }, "'Check Every (Seconds)' must be a whole number from 5 to 300 (got 600)"],
		[{ timeoutMinutes: 0 }, "'Give Up After (Minutes)' must be a whole number from 1 to 60 (got 0)"],
		[{ timeoutMinutes: 120 }, "'Give Up After (Minutes)' must be a whole number from 1 to 60 (got 120)"],
		[{ timeoutMinutes: 2.5 }, "'Give Up After (Minutes)' must be a whole number from 1 to 60 (got 2.5)"],
		[{ trxId: '={{ $json.none }}' }, "'Invoice Transaction ID' is required"],
	])('%p', async (parameters, message) => {
		const { nodeError } = await runNetzme(env, { ...wait, ...parameters }, { input: [{ trxId: 'TRX000001' }] });
		expect(nodeError?.message).toBe(message);
		expect(env.sim.requests).toHaveLength(0);
	});
});

/** Counts the simulator's answers still being prepared (its latency) as requests at Netzme. */
function countInFlight() {
	const counter = { now: 0, most: 0 };
	const time: TimeSource = env.sim.time;
	env.sim.time = {
		now: () => time.now(),
		sleep: async (ms) => {
			counter.most = Math.max(counter.most, ++counter.now);
			try {
				await time.sleep(ms);
			} finally {
				counter.now--;
			}
		},
	};
	return counter;
}
