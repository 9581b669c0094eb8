import { useVirtualTime } from '../harness/virtualTime';
import { realTime } from '../../simulators/timeSource';
import { byId, crmCalls, runCrm, useQontak } from './setup';

const env = useQontak();
// Backoffs and 429 waits are recorded on a virtual clock: checked by what was asked for, and not slept.
const virtual = useVirtualTime(env.sim);

const getContact = { resource: 'contact', operation: 'get', recordId: byId(1001) };
const createCompany = (name: string) => ({
	resource: 'company',
	operation: 'create',
	fields: { mappingMode: 'defineBelow', value: { name } },
});
const fastFail = { requestOptions: { timeout: 1, maxRetries: 2 } };

describe('ids that would change the request path', () => {
	it("refuses a chat room id of '..' per item, naming the field, and sends nothing for it", async () => {
		const { items } = await runCrm(env, { resource: 'deal', operation: 'getByChatRoom', room_id: '={{ $json.room }}' }, {
			input: [{ room: '..' }, { room: 'room-siti-001' }],
			continueOnFail: true,
		});
		expect(items[0].json.error).toMatch(/is not an ID: "\.\."/);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(crmCalls(env.sim)).toEqual(['GET /deals/channel_integration_room/room-siti-001']);
	});
});

describe('vendor errors', () => {
	it('turns a 401 into an error that points at the secret and the clock, without leaking the secret', async () => {
		env.store.get('mekari-1').data.clientSecret = 'wrong-secret';
		const { nodeError } = await runCrm(env, getContact);
		expect(nodeError?.message).toBe('Qontak CRM: Unauthorized');
		expect((nodeError as { description?: string }).description).toMatch(/client ID and secret.*clock/);
		expect((nodeError as { httpCode?: string }).httpCode).toBe('401');
		expect(JSON.stringify(nodeError)).not.toContain('wrong-secret');
	});

	it('is rejected by the gateway when this machine’s clock is more than 300 s off', async () => {
		// The credential dates each request by the real clock; a gateway on the same clock sees exactly
		// the offset set here, plus the Date header's truncation to whole seconds, never less.
		env.sim.time = realTime;
		env.sim.options.clockOffsetMs = 301_000;
		expect((await runCrm(env, getContact)).nodeError?.message).toBe('Qontak CRM: Unauthorized');
		env.sim.options.clockOffsetMs = 250_000;
		expect((await runCrm(env, getContact)).nodeError).toBeUndefined();
	});

	it('reports a 403 for a missing CRM user with the scope hint', async () => {
		env.store.get('mekari-1').data.crmUserSsoId = 'not-a-crm-user';
		const { nodeError } = await runCrm(env, getContact);
		expect((nodeError as { httpCode?: string }).httpCode).toBe('403');
		expect((nodeError as { description?: string }).description).toContain('qontak-crm:all');
	});

	it('passes the vendor’s 404 message on', async () => {
		const { nodeError } = await runCrm(env, { ...getContact, recordId: byId(999999) });
		expect(nodeError?.message).toBe("Qontak CRM: Couldn't find record with that ID");
	});

	it('keeps going after a vendor 422 when continueOnFail is on, one output per item in order', async () => {
		const { items } = await runCrm(
			env,
			{ resource: 'contact', operation: 'updateOwner', recordId: byId('={{ $json.id }}'), creator_id: '={{ $json.owner }}' },
			{ input: [{ id: 1001, owner: 8 }, { id: 1002, owner: 999 }, { id: 1003, owner: 9 }], continueOnFail: true },
		);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.error).toBeUndefined();
		expect(items[1].json.error).toMatch(/^Qontak CRM: .*creator_id/);
		expect(items[2].json.error).toBeUndefined();
	});

	it('explains a non-JSON answer with an excerpt instead of crashing', async () => {
		env.sim.inject({ kind: 'malformed', pathPrefix: '/contacts' });
		const { nodeError } = await runCrm(env, getContact);
		expect((nodeError as { description?: string }).description).toContain('<html>upstream error');
	});
});

describe('retries', () => {
	it('waits for the reset a 429 asks for, then succeeds', async () => {
		env.sim.inject({ kind: '429', pathPrefix: '/contacts', retryAfterSeconds: 1 });
		const { nodeError } = await runCrm(env, getContact);
		expect(nodeError).toBeUndefined();
		expect(virtual.time.waits).toEqual([1000]);
		expect(crmCalls(env.sim)).toEqual(['GET /contacts/1001', 'GET /contacts/1001']);
	});

	it('resends a create after a 429, which Qontak did not process', async () => {
		env.sim.inject({ kind: '429', method: 'POST', retryAfterSeconds: 0 });
		const { nodeError } = await runCrm(env, createCompany('PT Dua Kali'));
		expect(nodeError).toBeUndefined();
		expect(env.sim.records('companies').filter((company) => company.name === 'PT Dua Kali')).toHaveLength(1);
	});

	it('retries an idempotent read after 502/503/504', async () => {
		env.sim.inject({ kind: '502', pathPrefix: '/contacts' });
		env.sim.inject({ kind: '503', pathPrefix: '/contacts' });
		env.sim.inject({ kind: '504', pathPrefix: '/contacts' });
		const { nodeError } = await runCrm(env, getContact);
		expect(nodeError).toBeUndefined();
		expect(crmCalls(env.sim)).toHaveLength(4);
	});

	it('gives up after Max Retries and says so', async () => {
		env.sim.inject({ kind: '503', pathPrefix: '/contacts', times: 10 });
		const { nodeError } = await runCrm(env, { ...getContact, ...fastFail });
		expect((nodeError as { httpCode?: string }).httpCode).toBe('503');
		expect(crmCalls(env.sim)).toHaveLength(3);
	});

	it('never resends a create after a 5xx: the error says it may exist', async () => {
		env.sim.inject({ kind: '503', method: 'POST', processed: true });
		const { items } = await runCrm(env, createCompany('PT Sekali Saja'), { continueOnFail: true });
		expect(items[0].json.error).toMatch(/did not confirm POST \/qontak\/crm\/companies.*may have been applied/);
		expect(items[0].json.description).toMatch(/not resent/);
		expect(crmCalls(env.sim).filter((call) => call === 'POST /companies')).toHaveLength(1);
		expect(env.sim.records('companies').filter((company) => company.name === 'PT Sekali Saja')).toHaveLength(1);
	});

	it('never resends a create after a timeout', async () => {
		env.sim.inject({ kind: 'timeout', method: 'POST' });
		const { items } = await runCrm(
			env,
			{ ...createCompany('PT Lambat'), ...fastFail },
			{ continueOnFail: true },
		);
		expect(items[0].json.error).toMatch(/may have been applied/);
		expect(crmCalls(env.sim).filter((call) => call === 'POST /companies')).toHaveLength(1);
	});

	it('retries a read after a timeout', async () => {
		env.sim.inject({ kind: 'timeout', pathPrefix: '/contacts' });
		const { nodeError } = await runCrm(env, { ...getContact, ...fastFail });
		expect(nodeError).toBeUndefined();
		expect(crmCalls(env.sim)).toHaveLength(2);
	});
});

describe('items and concurrency', () => {
	it('keeps input order and pairing while several items are in flight', async () => {
		env.sim.options.latencyMs = 20;
		const ids = [1005, 1001, 1004, 1002, 1003, 1001, 1005];
		const { items } = await runCrm(
			env,
			{ ...getContact, recordId: byId('={{ $json.id }}'), simplify: false, requestOptions: { concurrency: 4 } },
			{ input: ids.map((id) => ({ id })) },
		);
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
	});

	it('stops starting new items after the first failure when continueOnFail is off', async () => {
		const { nodeError } = await runCrm(
			env,
			{ ...getContact, recordId: byId('={{ $json.id }}'), requestOptions: { concurrency: 1 } },
			{ input: [{ id: 1001 }, { id: 999999 }, { id: 1002 }] },
		);
		expect(nodeError?.message).toContain("Couldn't find record");
		expect(crmCalls(env.sim)).toEqual(['GET /contacts/1001', 'GET /contacts/999999']);
	});
});
