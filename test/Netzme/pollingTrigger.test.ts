import type { IDataObject } from 'n8n-workflow';

import { LATE_LISTING_MS, MAX_REMEMBERED } from '../../nodes/Netzme/trigger/paymentMark';
import { netzmeTime } from '../../nodes/Netzme/trigger/netzmeTime';
import { runPoll } from '../harness/poll';
import { useVirtualTime } from '../harness/virtualTime';
import { useNetzme } from './setup';

/*
 * Only the node's clock is virtual: the simulator keeps the real one, since the credential signs
 * Request-Time with it. Transactions are recorded with explicit Jakarta times.
 */
const env = useNetzme();
const virtual = useVirtualTime();
const MERCHANT = 'M_czBSCDVY';
const LIST = '/api/aggregator/merchant/qr/transaction/list';

/** A Jakarta wall-clock time as epoch ms. */
const wib = (time: string) => Date.parse(`${time}+07:00`);
const setNow = (time: string) => virtual.time.advance(wib(time) - virtual.time.now());

let staticData: IDataObject;
beforeEach(() => (staticData = {}));

async function poll(parameters: IDataObject = {}, extra: { mode?: 'trigger' | 'manual'; pollBudgetMs?: number } = {}) {
	const { items } = await runPoll({
		type: 'netzmePollingTrigger',
		parameters,
		credentials: env.credentials,
		store: env.store,
		staticData,
		...extra,
	});
	return items === null ? null : items[0].map((item) => item.json);
}

const ids = (rows: IDataObject[] | null) => rows?.map((row) => row.transactionId) ?? null;
const paid = (time: string, amount = 10000, merchantId = MERCHANT) => env.sim.recordQris(merchantId, amount, { at: wib(time) }).transactionId;
const pending = (time: string, amount = 10000) => env.sim.recordQris(MERCHANT, amount, { at: wib(time), status: 'PENDING' }).transactionId;
/** The list requests sent since `from`, as their query strings. */
const listQueries = (from = 0) =>
	env.sim.requests
		.slice(from)
		.filter((request) => request.path === LIST)
		.map((request) => request.query);

describe('Netzme Payments (Polling) Trigger', () => {
	it('notes what is already paid on its first poll and emits nothing, then nothing again', async () => {
		paid('2025-06-10T09:00:00');
		const recent = paid('2025-06-10T09:55:00');
		setNow('2025-06-10T10:00:00');
		expect(await poll()).toBeNull();
		expect(staticData).toEqual({ key: MERCHANT, floor: wib('2025-06-10T09:50:00'), handled: { [recent]: wib('2025-06-10T09:55:00') } });
		setNow('2025-06-10T10:01:00');
		expect(await poll()).toBeNull();
	});

	it('emits each new paid transaction once, an unpaid one only once it is paid', async () => {
		setNow('2025-06-10T10:00:00');
		await poll();
		const first = paid('2025-06-10T10:00:20', 25000);
		const later = pending('2025-06-10T10:00:30');
		setNow('2025-06-10T10:01:00');
		const rows = await poll();
		expect(ids(rows)).toEqual([first]);
		expect(rows![0]).toMatchObject({ transactionId: first, status: 'SUCCESS', amount: 25000 });
		setNow('2025-06-10T10:02:00');
		expect(await poll()).toBeNull();

		env.sim.completeQris(later, wib('2025-06-10T10:02:10'));
		setNow('2025-06-10T10:03:00');
		expect(ids(await poll())).toEqual([later]);
		setNow('2025-06-10T10:04:00');
		expect(await poll()).toBeNull();
	});

	it('keeps Netzme’s amounts as text when Simplify is off', async () => {
		setNow('2025-06-10T10:00:00');
		await poll({ simplify: false });
		paid('2025-06-10T10:00:20', 2100);
		setNow('2025-06-10T10:01:00');
		expect((await poll({ simplify: false }))![0]).toMatchObject({ amount: 'IDR 2100.00', paidTs: '2025-06-10T10:00:20+07:00' });
	});

	it('sees a payment made at 23:59:50 WIB on the poll at 00:00:30, reading the day before too', async () => {
		setNow('2025-06-10T23:59:30');
		await poll();
		const lastMinute = paid('2025-06-10T23:59:50');
		const afterMidnight = paid('2025-06-11T00:00:10');
		setNow('2025-06-11T00:00:30');
		const seen = env.sim.requests.length;
		expect(ids(await poll())).toEqual([lastMinute, afterMidnight]);
		expect(listQueries(seen)).toEqual([{ userId: MERCHANT, startdate: '20250610', enddate: '20250611' }]);

		// Once the mark has moved past midnight, only the new day is read.
		setNow('2025-06-11T00:20:00');
		expect(await poll()).toBeNull();
		setNow('2025-06-11T00:21:00');
		const later = env.sim.requests.length;
		expect(await poll()).toBeNull();
		expect(listQueries(later)).toEqual([{ userId: MERCHANT, startdate: '20250611', enddate: '20250611' }]);
	});

	it('catches a payment that shows up in the list late, with a time before the last one emitted, once', async () => {
		setNow('2025-06-10T10:00:00');
		await poll();
		const prompt = paid('2025-06-10T10:01:00');
		setNow('2025-06-10T10:02:00');
		expect(ids(await poll())).toEqual([prompt]);
		const late = paid('2025-06-10T10:00:30');
		setNow('2025-06-10T10:03:00');
		expect(ids(await poll())).toEqual([late]);
		setNow('2025-06-10T10:04:00');
		expect(await poll()).toBeNull();
	});

	it('emits 500 payments of one day once each, in order, reading every page of the list', async () => {
		setNow('2025-06-10T07:59:00');
		await poll();
		const expected: string[] = [];
		for (let minute = 0; minute < 520; minute++) {
			const time = new Date(wib('2025-06-10T08:00:00') + minute * 60_000 + 7 * 3600_000).toISOString().slice(0, 19);
			if (minute % 26 === 25) pending(time);
			else expected.push(paid(time));
		}
		expect(expected).toHaveLength(500);
		setNow('2025-06-10T17:00:00');
		const seen = env.sim.requests.length;
		const rows = await poll();
		expect(ids(rows)).toEqual(expected);
		// 520 rows at 100 a page: the documented request first, then pages 2 to 6.
		expect(listQueries(seen).map((query) => query.page)).toEqual([undefined, '2', '3', '4', '5', '6']);
		setNow('2025-06-10T17:01:00');
		expect(await poll()).toBeNull();
	});

	it('keeps its static data small: only the ids paid in the last minutes, however many were emitted', async () => {
		setNow('2025-06-10T07:59:00');
		await poll();
		for (let minute = 0; minute < 500; minute++) {
			paid(new Date(wib('2025-06-10T08:00:00') + minute * 60_000 + 7 * 3600_000).toISOString().slice(0, 19));
		}
		setNow('2025-06-10T17:00:00');
		expect(await poll()).toHaveLength(500);
		const handled = Object.values(staticData.handled as Record<string, number>);
		// The newest payment was at 16:19; the mark trails it by LATE_LISTING_MS.
		expect(staticData.floor).toBe(wib('2025-06-10T17:00:00') - LATE_LISTING_MS);
		expect(handled).toEqual([]);
		expect(JSON.stringify(staticData).length).toBeLessThan(200);
	});

	it('remembers at most MAX_REMEMBERED ids even for a burst paid in one second, and repeats none', async () => {
		setNow('2025-06-10T10:00:00');
		await poll();
		const burst = Array.from({ length: MAX_REMEMBERED + 200 }, () => paid('2025-06-10T10:00:30'));
		setNow('2025-06-10T10:01:00');
		expect(await poll()).toHaveLength(burst.length);
		expect(Object.keys(staticData.handled as IDataObject).length).toBeLessThanOrEqual(MAX_REMEMBERED);
		setNow('2025-06-10T10:02:00');
		expect(await poll()).toBeNull();
	}, 120_000);

	it('leaves the rest for the next poll when its time budget runs out, losing and repeating nothing', async () => {
		setNow('2025-06-10T10:00:00');
		await poll();
		const expected = Array.from({ length: 250 }, (_, index) => paid(`2025-06-10T10:0${Math.floor(index / 60)}:${String(index % 60).padStart(2, '0')}`));
		setNow('2025-06-10T10:05:00');
		const first = await poll({}, { pollBudgetMs: 0 });
		expect(first).toHaveLength(100);
		const rest = await poll();
		expect([...ids(first)!, ...ids(rest)!].sort()).toEqual([...expected].sort());
		expect(await poll()).toBeNull();
	});

	it('finds an invoice paid today but created yesterday only with Look Back Days', async () => {
		const yesterday = pending('2025-06-09T15:00:00');
		setNow('2025-06-10T10:00:00');
		await poll();
		env.sim.completeQris(yesterday, wib('2025-06-10T10:00:30'));
		setNow('2025-06-10T10:01:00');
		expect(await poll()).toBeNull();

		const again = pending('2025-06-09T16:00:00');
		staticData = {};
		setNow('2025-06-10T10:02:00');
		await poll({ options: { lookBackDays: 1 } });
		env.sim.completeQris(again, wib('2025-06-10T10:02:30'));
		setNow('2025-06-10T10:03:00');
		const seen = env.sim.requests.length;
		expect(ids(await poll({ options: { lookBackDays: 1 } }))).toEqual([again]);
		expect(listQueries(seen)).toEqual([{ userId: MERCHANT, startdate: '20250609', enddate: '20250610' }]);
	});

	it('returns the newest paid transaction when tested in the editor, without moving the mark', async () => {
		paid('2025-06-08T12:00:00', 5000);
		const newest = paid('2025-06-09T12:00:00', 7000);
		setNow('2025-06-10T10:00:00');
		await poll();
		const mark = structuredClone(staticData);
		const rows = await poll({}, { mode: 'manual' });
		expect(rows).toEqual([expect.objectContaining({ transactionId: newest, amount: 7000, status: 'SUCCESS' })]);
		expect(staticData).toEqual(mark);
	});

	it('starts over for another merchant, emitting none of its existing payments', async () => {
		setNow('2025-06-10T10:00:00');
		await poll();
		paid('2025-06-10T10:00:30', 5000, 'M_pXAFWzCg');
		setNow('2025-06-10T10:01:00');
		expect(await poll({ merchantId: 'M_pXAFWzCg' })).toBeNull();
		expect(staticData.key).toBe('M_pXAFWzCg');
		const next = paid('2025-06-10T10:01:30', 6000, 'M_pXAFWzCg');
		setNow('2025-06-10T10:02:00');
		expect(ids(await poll({ merchantId: 'M_pXAFWzCg' }))).toEqual([next]);
	});

	it('names the field and the fix for a merchant id that is not one', async () => {
		await expect(poll({ merchantId: 'M_1?x=2' })).rejects.toThrow("'Merchant ID' is not a Netzme merchant ID");
		expect(listQueries()).toEqual([]);
	});
});

describe('Netzme times', () => {
	it.each([
		['the list’s ISO with +07:00', '2025-06-10T23:59:50+07:00', '2025-06-10T16:59:50.000Z'],
		['the callback’s ts with microseconds and +0700', '2021-03-09 13:21:54.629000+0700', '2021-03-09T06:21:54.629Z'],
		['a wall-clock time without a zone, read in Jakarta', '2025-06-11 00:00:10', '2025-06-10T17:00:10.000Z'],
		['UTC', '2025-06-10T17:00:10Z', '2025-06-10T17:00:10.000Z'],
		['epoch milliseconds', 1749574810000, '2025-06-10T17:00:10.000Z'],
		['epoch seconds as text', '1749574810', '2025-06-10T17:00:10.000Z'],
	])('reads %s', (_case, value, iso) => {
		expect(new Date(netzmeTime(value)!).toISOString()).toBe(iso);
	});

	it.each([['a date alone', '2025-06-10'], ['words', 'yesterday'], ['nothing', null], ['a month 13', '2025-13-01 10:00:00']])('refuses %s', (_case, value) => {
		expect(netzmeTime(value)).toBeUndefined();
	});
});
