import type { IDataObject } from 'n8n-workflow';

import { runNetzme, useNetzme } from './setup';

const env = useNetzme();

// 00:30 and 06:59 WIB are still the previous day in UTC; 23:30 WIB is the same day in UTC.
const WIB_TIMES = ['00:30', '06:59', '23:30'];

/** The startdate Netzme received for each input item's `when`, as the Start Date. */
async function sentStartDates(startDate: string, input: IDataObject[], timezone?: string) {
	const before = env.sim.requests.length;
	const { nodeError } = await runNetzme(
		env,
		{ resource: 'transaction', operation: 'getMany', startDate, endDate: '2025-05-31', returnAll: true },
		{ input, timezone },
	);
	expect(nodeError).toBeUndefined();
	return env.sim.requests.slice(before).filter((request) => request.path.endsWith('/transaction/list')).map((request) => request.query.startdate);
}

describe('Netzme date ranges are Jakarta days, the days its books are kept in', () => {
	it('keeps the Jakarta date of a date-time written with the +07:00 offset', async () => {
		const input = WIB_TIMES.map((time) => ({ when: `2025-05-01T${time}:00+07:00` }));
		expect(await sentStartDates('={{ $json.when }}', input)).toEqual(['20250501', '20250501', '20250501']);
	});

	it('takes a date-time without an offset as written, also in a workflow on Jakarta time', async () => {
		const input = WIB_TIMES.map((time) => ({ when: `2025-05-01T${time}:00` }));
		expect(await sentStartDates('={{ $json.when }}', input, 'Asia/Jakarta')).toEqual(['20250501', '20250501', '20250501']);
		expect(await sentStartDates('={{ $json.when }}', input.slice(0, 1), 'America/New_York')).toEqual(['20250501']);
	});

	it('takes a JavaScript Date as its Jakarta day, whatever the workflow timezone', async () => {
		const input = WIB_TIMES.map((time) => ({ when: `2025-05-01T${time}:00+07:00` }));
		expect(await sentStartDates('={{ new Date($json.when) }}', input, 'UTC')).toEqual(['20250501', '20250501', '20250501']);
	});

	it('takes a Luxon DateTime as its Jakarta day', async () => {
		const input = WIB_TIMES.map((time) => ({ when: `2025-05-01T${time}:00` }));
		expect(await sentStartDates("={{ DateTime.fromISO($json.when, { zone: 'Asia/Jakarta' }) }}", input)).toEqual(['20250501', '20250501', '20250501']);
		expect(await sentStartDates("={{ DateTime.fromISO('2025-04-30T20:00:00Z', { zone: 'utc' }) }}", [{}])).toEqual(['20250501']);
	});

	it('takes a Unix time in milliseconds as its Jakarta day', async () => {
		expect(await sentStartDates(`={{ ${Date.parse('2025-05-01T00:30:00+07:00')} }}`, [{}], 'UTC')).toEqual(['20250501']);
	});

	it('sends a bare date, or Netzme’s own YYYYMMDD, as it is', async () => {
		expect(await sentStartDates('={{ $json.when }}', [{ when: '2025-05-01' }, { when: '20250501' }], 'Pacific/Honolulu')).toEqual(['20250501', '20250501']);
	});
});
