import { runCrm, useQontak } from './setup';

const env = useQontak();

/** What the simulator stored for each contact created, in input order. */
const storedBirthdays = (names: string[]) =>
	names.map((name) => env.sim.records('contacts').find((contact) => contact.first_name === name)?.date_of_birth);

const sentBodies = () =>
	env.sim.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/contacts')).map((request) => request.body as Record<string, unknown>);

const createWithBirthday = (when: string) => ({
	resource: 'contact',
	operation: 'create',
	fields: {
		mappingMode: 'defineBelow',
		value: { first_name: '={{ $json.name }}', date_of_birth: when, tanggal_kunjungan: when },
	},
});

// 00:30 and 06:59 WIB are still the previous day in UTC; 23:30 WIB is the same day in UTC.
const WIB_TIMES = ['00:30', '06:59', '23:30'];

describe('date fields are sent as the day the user meant, not the UTC day', () => {
	it('keeps the date of a date-time written with the +07:00 offset, whatever the workflow timezone', async () => {
		const input = WIB_TIMES.map((time) => ({ name: `Offset ${time}`, when: `2025-05-01T${time}:00+07:00` }));
		const { nodeError } = await runCrm(env, createWithBirthday('={{ $json.when }}'), { input });
		expect(nodeError).toBeUndefined();
		expect(sentBodies().map((body) => body.date_of_birth)).toEqual(['2025-05-01', '2025-05-01', '2025-05-01']);
		expect(sentBodies().map((body) => (body.additional_fields as Array<{ value: unknown }>)[0].value)).toEqual([
			'2025-05-01',
			'2025-05-01',
			'2025-05-01',
		]);
		expect(storedBirthdays(input.map((item) => item.name))).toEqual(['2025-05-01', '2025-05-01', '2025-05-01']);
	});

	it('takes a date-time without an offset as written in the workflow timezone (Asia/Jakarta)', async () => {
		const input = WIB_TIMES.map((time) => ({ name: `Plain ${time}`, when: `2025-05-01T${time}:00` }));
		const { nodeError } = await runCrm(env, createWithBirthday('={{ $json.when }}'), { input, timezone: 'Asia/Jakarta' });
		expect(nodeError).toBeUndefined();
		expect(sentBodies().map((body) => body.date_of_birth)).toEqual(['2025-05-01', '2025-05-01', '2025-05-01']);
	});

	it('takes a JavaScript Date as its day in the workflow timezone (Asia/Jakarta)', async () => {
		const input = WIB_TIMES.map((time) => ({ name: `Date ${time}`, when: `2025-05-01T${time}:00+07:00` }));
		const { nodeError } = await runCrm(env, createWithBirthday('={{ new Date($json.when) }}'), { input, timezone: 'Asia/Jakarta' });
		expect(nodeError).toBeUndefined();
		expect(sentBodies().map((body) => body.date_of_birth)).toEqual(['2025-05-01', '2025-05-01', '2025-05-01']);
	});

	it('takes a Luxon DateTime from an expression as its own date in its own zone', async () => {
		const input = WIB_TIMES.map((time) => ({ name: `Luxon ${time}`, when: `2025-05-01T${time}:00` }));
		const { nodeError } = await runCrm(env, createWithBirthday("={{ DateTime.fromISO($json.when, { zone: 'Asia/Jakarta' }) }}"), { input });
		expect(nodeError).toBeUndefined();
		expect(sentBodies().map((body) => body.date_of_birth)).toEqual(['2025-05-01', '2025-05-01', '2025-05-01']);
	});

	it('sends a bare date as it is', async () => {
		const { nodeError } = await runCrm(env, createWithBirthday('2025-05-01'), { input: [{ name: 'Bare' }], timezone: 'Asia/Jakarta' });
		expect(nodeError).toBeUndefined();
		expect(storedBirthdays(['Bare'])).toEqual(['2025-05-01']);
	});
});

describe("the contacts' Created After filter is the day the user meant, as DD-MM-YYYY", () => {
	const getMany = (createdAfter: unknown) => ({
		resource: 'contact',
		operation: 'getAll',
		returnAll: false,
		limit: 1,
		filters: { created_after: createdAfter },
	});
	const sentFilter = () => env.sim.requests.find((request) => request.path.endsWith('/contacts'))?.query.created_after;

	it.each(WIB_TIMES)('%s WIB with the +07:00 offset stays on 01-05-2025', async (time) => {
		const { nodeError } = await runCrm(env, getMany(`2025-05-01T${time}:00+07:00`));
		expect(nodeError).toBeUndefined();
		expect(sentFilter()).toBe('01-05-2025');
	});

	it.each(WIB_TIMES)('%s without an offset, in a workflow on Jakarta time, stays on 01-05-2025', async (time) => {
		const { nodeError } = await runCrm(env, getMany(`2025-05-01T${time}:00`), { timezone: 'Asia/Jakarta' });
		expect(nodeError).toBeUndefined();
		expect(sentFilter()).toBe('01-05-2025');
	});

	it('takes a Luxon DateTime as its own date', async () => {
		const { nodeError } = await runCrm(env, getMany("={{ DateTime.fromISO('2025-05-01T06:59:00', { zone: 'Asia/Jakarta' }) }}"));
		expect(nodeError).toBeUndefined();
		expect(sentFilter()).toBe('01-05-2025');
	});

	it('takes a JavaScript Date as its day in the workflow timezone', async () => {
		const { nodeError } = await runCrm(env, getMany("={{ new Date('2025-05-01T00:30:00+07:00') }}"), { timezone: 'Asia/Jakarta' });
		expect(nodeError).toBeUndefined();
		expect(sentFilter()).toBe('01-05-2025');
	});
});

describe('date-time fields are instants read in the workflow timezone, not the server’s', () => {
	const checkIn = (when: string) => ({ resource: 'geolocation', operation: 'create', latitude: -6.2, longitude: 106.8, additionalFields: { checkin_timestamps: when } });
	const sentCheckIns = () =>
		env.sim.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/geolocations')).map((request) => (request.body as Record<string, unknown>).checkin_timestamps);
	// 2025-05-01 09:00 WIB is 02:00 UTC.
	const nineWib = Date.UTC(2025, 4, 1, 2) / 1000;

	it('takes a date-time without an offset as wall-clock time in the workflow timezone', async () => {
		const { nodeError } = await runCrm(env, checkIn('2025-05-01T09:00:00'), { input: [{}], timezone: 'Asia/Jakarta' });
		expect(nodeError).toBeUndefined();
		expect(sentCheckIns()).toEqual([nineWib]);
	});

	it('keeps the instant of a date-time with an offset, whatever the workflow timezone', async () => {
		const { nodeError } = await runCrm(env, checkIn('2025-05-01T09:00:00+07:00'), { input: [{}], timezone: 'America/New_York' });
		expect(nodeError).toBeUndefined();
		expect(sentCheckIns()).toEqual([nineWib]);
	});
});
