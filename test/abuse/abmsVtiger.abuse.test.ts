import { idParam, mapped, moduleParam, vtigerFixture } from '../AbmsVtiger/setup';
import { useVirtualTime } from '../harness/virtualTime';
import { type AbuseCase, type AbuseTable, clean, recordVerdicts, runAbuse } from './abuseCase';

const vt = vtigerFixture();
// The node's backoffs run on a virtual clock (the simulator keeps its own).
const virtual = useVirtualTime();
recordVerdicts('ABMS vtiger');

const table: AbuseTable = {
	node: 'ABMS vtiger',
	run: async (parameters, input) => await vt.run(parameters, input, { continueOnFail: true }),
	requests: () => vt.sim.requests.length,
	waits: () => virtual.time.waits,
};

const WRONG_KEY = 'wrongKeyAbcdef0123456789';
const secrets = () => ({ accessKey: vt.sim.options.accessKey, session: String(vt.stored().sessionToken ?? ''), wrongKey: WRONG_KEY });
const contacts = moduleParam('Contacts');
const listContacts = { resource: 'record', operation: 'getMany', module: contacts, limit: 5 };
const getContact = { resource: 'record', operation: 'get', module: contacts, recordId: idParam('={{ $json.id }}') };
const createAccount = { resource: 'record', operation: 'create', module: moduleParam('Accounts'), fields: mapped({ accountname: '={{ $json.name }}' }) };
const twoAccounts = [{ name: 'PT Satu' }, { name: 'PT Dua' }];
const creates = () => vt.sim.count('create');

/** vtiger (or PHP in front of it) breaking on a create: never sent twice. */
const brokenCreate = (name: string, setup: () => void, errors = 2): AbuseCase => ({
	name,
	parameters: createAccount,
	input: twoAccounts,
	setup,
	secrets,
	writes: creates,
	errors,
});

const cases: AbuseCase[] = [
	{
		name: "bad input: record ids '..' and '102'",
		parameters: getContact,
		input: [{ id: '..' }, { id: '12x102' }, { id: '102' }],
		secrets,
		field: 'Record ID',
		errors: 2,
	},
	{
		name: 'bad input: Limit -1',
		parameters: { ...listContacts, limit: -1 },
		input: [{}],
		secrets,
		field: 'Limit',
		errors: 1,
	},
	{
		name: 'bad input: an empty condition value',
		parameters: { resource: 'record', operation: 'getMany', module: contacts, returnAll: true, conditions: { condition: [{ field: 'lastname', operator: 'equals', value: '={{ $json.name }}' }] } },
		input: [{ name: 'Anggraini' }, { name: '' }],
		setup: () => vt.sim.insert('Contacts', { lastname: 'Anggraini' }), // one match: one item out for the good input
		secrets,
		field: "'Value'",
		errors: 1,
	},
	{
		name: 'wrong access key',
		parameters: listContacts,
		input: [{}, {}],
		setup: () => vt.reset({ secretAccessKey: WRONG_KEY }),
		secrets,
		errors: 2,
	},
	{
		name: 'IP not whitelisted (403 page)',
		parameters: listContacts,
		input: [{}, {}],
		setup: () => (vt.sim.options.ipBlocked = true),
		secrets,
		errors: 2,
	},
	{ name: 'record not found on one item', parameters: getContact, input: [{ id: '12x102' }, { id: '12x9999' }], secrets, errors: 1 },
	brokenCreate('502 from a proxy on a create is not resent', () => (vt.sim.gatewayErrors = { create: 1 }), 1),
	brokenCreate('a create answered with JSON cut in half is not resent', () => (vt.sim.truncatedAnswers = { create: 1 }), 1),
	{
		...brokenCreate('a bare 429 from a proxy on a create: refused, so sent again once', () => (vt.sim.hintlessRateLimits = { create: 1 }), 0),
		writes: () => creates() - 1, // the refused 429 created nothing
	},
	brokenCreate('PHP fatal page with HTTP 200 on a create', () => (vt.sim.options.phpFatal = ['create'])),
	brokenCreate('empty HTTP 500 on a create', () => {
		vt.sim.options.phpFatal = ['create'];
		vt.sim.options.phpFatalStyle = 'empty500';
	}),
	...(['echo', 'echoRequest', 'echoJson'] as const).map(
		(style): AbuseCase => ({
			name: `error page that echoes the request (${style})`,
			parameters: listContacts,
			input: [{}, {}],
			setup: () => {
				vt.sim.options.phpFatal = ['query'];
				vt.sim.options.phpFatalStyle = style;
			},
			secrets,
			errors: 2,
		}),
	),
	{
		name: 'endless paging',
		parameters: { resource: 'record', operation: 'getMany', module: contacts, returnAll: true },
		input: [{}],
		setup: () => (vt.sim.stuckPages = 500),
		secrets,
		errors: 1,
	},
];

describe('ABMS vtiger abuse table', () => {
	it.each(cases.map((abuse) => [abuse.name, abuse] as const))('%s', async (_name, abuse) => {
		const verdict = await runAbuse(table, abuse);
		expect(verdict).toEqual(clean(verdict));
	});
});
