import type { FaultKind } from '../../simulators/qontak/faults';
import { useVirtualTime } from '../harness/virtualTime';
import { byId, runCrm, useQontak } from '../QontakCrm/setup';
import { type AbuseCase, type AbuseTable, clean, recordVerdicts, runAbuse } from './abuseCase';

const env = useQontak();
const virtual = useVirtualTime(env.sim);
recordVerdicts('Qontak CRM');

const table: AbuseTable = {
	node: 'Qontak CRM',
	run: async (parameters, input) => await runCrm(env, parameters, { input, continueOnFail: true }),
	requests: () => env.sim.requests.length,
	waits: () => virtual.time.waits,
};

const secrets = () => ({ clientSecret: env.sim.options.clientSecret });
const getContact = { resource: 'contact', operation: 'get', recordId: byId('={{ $json.id }}') };
const createCompany = { resource: 'company', operation: 'create', fields: { mappingMode: 'defineBelow', value: { name: '={{ $json.name }}' } } };
const companyPosts = () => env.sim.requests.filter((request) => request.method === 'POST' && request.path === '/qontak/crm/companies').length;
const companies = [{ name: 'PT Satu' }, { name: 'PT Dua' }];
const twoContacts = [{ id: 1001 }, { id: 1002 }];
const fastFail = { requestOptions: { timeout: 1, maxRetries: 2 } };

/** An unclear failure of the first create: the node must not send it again. */
const unclearWrite = (kind: FaultKind): AbuseCase => ({
	name: `${kind} on a create is not resent`,
	parameters: { ...createCompany, ...fastFail },
	input: companies,
	setup: () => env.sim.inject({ kind, method: 'POST', pathPrefix: '/companies', processed: true }),
	secrets,
	writes: companyPosts,
	errors: 1,
});

const cases: AbuseCase[] = [
	{
		name: "bad input: chat room id '..'",
		parameters: { resource: 'deal', operation: 'getByChatRoom', room_id: '={{ $json.room }}' },
		input: [{ room: '..' }, { room: 'room-siti-001' }],
		secrets,
		field: 'Chat Room',
		errors: 1,
	},
	{
		name: 'bad input: truncated JSON body',
		parameters: { resource: 'deal', operation: 'autoAssign', jsonBody: '={{ $json.body }}' },
		input: [{ body: '{"id": 3001,' }, { body: '{"id": 3001}' }],
		secrets,
		field: 'Body (JSON)',
		errors: 1,
	},
	{
		name: 'bad input: Limit -1',
		parameters: { resource: 'contact', operation: 'getAll', returnAll: false, limit: -1 },
		input: [{}],
		secrets,
		field: 'Limit',
		errors: 1,
	},
	{
		name: 'bad input: object where a contact id is expected',
		parameters: getContact,
		input: [{ id: { a: 1 } }, { id: 1002 }],
		secrets,
		field: 'Contact',
		errors: 1,
	},
	{
		name: 'bad input: empty contact id',
		parameters: getContact,
		input: [{ id: '' }, { id: 1002 }],
		secrets,
		field: 'Contact',
		errors: 1,
	},
	{
		name: 'bad input: object as chat room id',
		parameters: { resource: 'deal', operation: 'getByChatRoom', room_id: '={{ $json.room }}' },
		input: [{ room: { a: 1 } }, { room: 'room-siti-001' }],
		secrets,
		field: 'Chat Room',
		errors: 1,
	},
	{
		name: 'bad input: empty company name on a create',
		parameters: createCompany,
		input: [{ name: '' }, { name: 'PT Dua' }],
		secrets,
		writes: companyPosts,
		field: 'Nama Perusahaan',
		errors: 1,
	},
	{
		name: 'vendor 401 (wrong secret)',
		parameters: getContact,
		input: twoContacts,
		setup: () => (env.store.get('mekari-1').data.clientSecret = 'wrong-secret-0123456789'),
		secrets: () => ({ ...secrets(), wrong: 'wrong-secret-0123456789' }),
		errors: 2,
	},
	{
		name: 'vendor 403 (not a CRM user)',
		parameters: getContact,
		input: twoContacts,
		setup: () => (env.store.get('mekari-1').data.crmUserSsoId = 'not-a-crm-user'),
		secrets,
		errors: 2,
	},
	{ name: 'vendor 404 on one item', parameters: getContact, input: [{ id: 1001 }, { id: 999999 }, { id: 1002 }], secrets, errors: 1 },
	{
		name: 'vendor 422 on one item',
		parameters: { resource: 'contact', operation: 'updateOwner', recordId: byId('={{ $json.id }}'), creator_id: '={{ $json.owner }}' },
		input: [{ id: 1001, owner: 8 }, { id: 1002, owner: 999 }, { id: 1003, owner: 9 }],
		secrets,
		errors: 1,
	},
	{
		name: '429 with a 1 s reset hint, then success',
		parameters: getContact,
		input: twoContacts,
		setup: () => env.sim.inject({ kind: '429', pathPrefix: '/contacts', retryAfterSeconds: 1 }),
		secrets,
		errors: 0,
	},
	{
		name: '429 without any reset hint, then success',
		parameters: getContact,
		input: twoContacts,
		setup: () => env.sim.inject({ kind: '429', pathPrefix: '/contacts', hint: false }),
		secrets,
		errors: 0,
	},
	{
		name: '429 asking for an hour fails fast',
		parameters: getContact,
		input: twoContacts,
		setup: () => env.sim.inject({ kind: '429', pathPrefix: '/contacts/1002', retryAfterSeconds: 3600, times: 5 }),
		secrets,
		errors: 1,
	},
	{
		name: '503 on every read gives up after Max Retries',
		parameters: { ...getContact, ...fastFail },
		input: twoContacts,
		setup: () => env.sim.inject({ kind: '503', pathPrefix: '/contacts', times: 100 }),
		secrets,
		errors: 2,
	},
	unclearWrite('500'),
	unclearWrite('502'),
	unclearWrite('503'),
	unclearWrite('504'),
	unclearWrite('reset'),
	unclearWrite('timeout'),
	{
		name: 'HTML page with HTTP 200',
		parameters: getContact,
		input: twoContacts,
		setup: () => env.sim.inject({ kind: 'malformed', pathPrefix: '/contacts', times: 10 }),
		secrets,
		errors: 2,
	},
	{
		name: 'truncated JSON with HTTP 200 on a read',
		parameters: getContact,
		input: twoContacts,
		setup: () => env.sim.inject({ kind: 'truncated', pathPrefix: '/contacts/1001' }),
		secrets,
		errors: 1,
	},
	{
		name: 'truncated JSON with HTTP 200 on a create is not resent',
		parameters: createCompany,
		input: companies,
		setup: () => env.sim.inject({ kind: 'truncated', method: 'POST', pathPrefix: '/companies' }),
		secrets,
		writes: companyPosts,
		errors: 1,
	},
	{
		name: 'error that echoes the request (JSON 400 and text 200)',
		parameters: getContact,
		input: twoContacts,
		setup: () => {
			env.sim.inject({ kind: 'echo', pathPrefix: '/contacts/1001' });
			env.sim.inject({ kind: 'echo200', pathPrefix: '/contacts/1002' });
		},
		secrets,
		errors: 2,
	},
	{
		name: 'endless paging',
		parameters: { resource: 'contact', operation: 'getAll', returnAll: true },
		input: [{}],
		setup: () => (env.sim.stuckPaging = { path: '/contacts', answers: 500 }),
		secrets,
		errors: 1,
	},
];

describe('Qontak CRM abuse table', () => {
	it.each(cases.map((abuse) => [abuse.name, abuse] as const))('%s', async (_name, abuse) => {
		const verdict = await runAbuse(table, abuse);
		expect(verdict).toEqual(clean(verdict));
	});
});
