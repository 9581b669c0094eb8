import { MAX_BACKOFF_MS } from '../../nodes/shared/backoff';
import { useVirtualTime } from '../harness/virtualTime';
import { byId, runCrm, useQontak } from './setup';

const env = useQontak();
// Nothing here may wait long: every sleep is recorded, none is slept.
const virtual = useVirtualTime(env.sim);

const contactCalls = () => env.sim.requests.filter((request) => request.path === '/qontak/crm/contacts').length;
const getContact = { resource: 'contact', operation: 'get', recordId: byId('={{ $json.id }}') };
type NodeError = Error & { description?: string; httpCode?: string; context?: { itemIndex?: number } };

describe('a Qontak CRM that never ends', () => {
	it('stops Return All with a clear error when the vendor answers the same page again', async () => {
		// The guard only matters for a client that keeps asking: it then stops after 500 answers.
		env.sim.stuckPaging = { path: '/contacts', answers: 500 };
		const { nodeError } = await runCrm(env, { resource: 'contact', operation: 'getAll', returnAll: true });
		expect(nodeError?.message).toBe('Qontak CRM returned the same page again; stopped after 2 pages');
		expect((nodeError as NodeError).description).toMatch(/Limit/);
		expect(contactCalls()).toBe(2);
	});

	it('fails the item with "rate-limited until" when a 429 asks for an hour, without waiting', async () => {
		env.sim.inject({ kind: '429', method: 'GET', pathPrefix: '/contacts/1002', retryAfterSeconds: 3600, times: 5 });
		const { items } = await runCrm(env, getContact, { input: [{ id: 1001 }, { id: 1002 }], continueOnFail: true });
		const until = new Date(virtual.time.now() + 3_600_000).toISOString();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json.error).toBeUndefined();
		expect(items[1].json.error).toBe(`Qontak CRM: rate-limited until ${until}`);
		expect(virtual.time.waits.every((ms) => ms <= MAX_BACKOFF_MS)).toBe(true);
		expect(env.sim.requests.filter((request) => request.path === '/qontak/crm/contacts/1002')).toHaveLength(1);
	});
});

describe('Qontak CRM transport failures', () => {
	it('keep the node’s own message, description and itemIndex after a socket reset', async () => {
		env.sim.inject({ kind: 'reset', method: 'GET', pathPrefix: '/contacts/1002', times: 10 });
		const { nodeError } = await runCrm(env, { ...getContact, requestOptions: { maxRetries: 1 } }, { input: [{ id: 1001 }, { id: 1002 }] });
		expect(nodeError?.message).toBe('Qontak CRM could not be reached for GET /qontak/crm/contacts/1002: the connection was dropped');
		expect((nodeError as NodeError).description).toBe('Check the base URL in the credential and the network, then retry.');
		expect((nodeError as NodeError).context?.itemIndex).toBe(1);
	});

	it('keep them for a write whose connection was reset: it may have been applied, and it is not resent', async () => {
		env.sim.inject({ kind: 'reset', method: 'POST', pathPrefix: '/companies', times: 10 });
		const create = { resource: 'company', operation: 'create', fields: { mappingMode: 'defineBelow', value: { name: '={{ $json.name }}' } } };
		const { items } = await runCrm(env, create, { input: [{ name: 'PT Satu' }, { name: 'PT Dua' }], continueOnFail: true });
		expect(items.map((item) => item.json.error)).toEqual([
			'Qontak CRM did not confirm POST /qontak/crm/companies (the connection was dropped); it may have been applied anyway',
			'Qontak CRM did not confirm POST /qontak/crm/companies (the connection was dropped); it may have been applied anyway',
		]);
		expect(items[1].json.description).toMatch(/not resent/);
		expect(env.sim.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
	});
});
