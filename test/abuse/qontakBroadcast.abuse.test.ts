import type { FaultKind } from '../../simulators/qontak/faults';
import { useVirtualTime } from '../harness/virtualTime';
import { byId, CHAT, customer, DIRECT, IDS, orderUpdate, runChat, useChat } from '../QontakBroadcast/setup';
import { type AbuseCase, type AbuseTable, clean, recordVerdicts, runAbuse } from './abuseCase';

const env = useChat();
const virtual = useVirtualTime(env.sim);
recordVerdicts('Qontak Broadcast');

const table: AbuseTable = {
	node: 'Qontak Broadcast',
	run: async (parameters, input) => await runChat(env, parameters, { input, continueOnFail: true }),
	requests: () => env.sim.requests.length,
	waits: () => virtual.time.waits,
};

const DIVISIONS = `${CHAT}/divisions`;
const secrets = () => ({ clientSecret: env.sim.options.clientSecret });
const sends = () => env.sim.requests.filter((request) => request.method === 'POST' && request.path === DIRECT).length;
const twoCustomers = [customer('081234567890', 0), customer('081234567891', 1)];
const listDivisions = { resource: 'division', operation: 'getAll', returnAll: true };

/** Enough divisions for full 100-row pages, so only the stuck paging keeps Return All going. */
function seedDivisions(n: number) {
	const now = new Date(virtual.time.now()).toISOString();
	for (let index = 0; index < n; index++) {
		env.sim.chat.state.divisions.push({ id: `div-${index}`, name: `Division ${index}`, default: false, created_at: now, updated_at: now, users: [], channels: [] });
	}
}

/** An unclear failure of the first send: the broadcast must not go out twice. */
const unclearSend = (kind: FaultKind): AbuseCase => ({
	name: `${kind} on a send is not resent`,
	parameters: orderUpdate({ requestOptions: { timeout: 1 } }),
	input: twoCustomers,
	setup: () => env.sim.inject({ kind, pathPrefix: DIRECT, processed: true }),
	secrets,
	writes: sends,
	errors: 1,
});

const cases: AbuseCase[] = [
	{
		name: 'bad input: text that cannot be a phone number',
		parameters: orderUpdate(),
		input: [customer('081234567890', 0), customer('not a phone', 1), customer('', 2), customer('0812-34', 3)],
		secrets,
		writes: sends,
		field: 'Recipient Phone Number',
		errors: 3,
	},
	{
		name: 'bad input: Limit -1',
		parameters: { resource: 'division', operation: 'getAll', returnAll: false, limit: -1 },
		input: [{}],
		secrets,
		field: 'Limit',
		errors: 1,
	},
	{
		name: 'bad input: object as phone number',
		parameters: orderUpdate(),
		input: [{ ...customer('081234567890', 0), phone: { a: 1 } }, customer('081234567891', 1)],
		secrets,
		writes: sends,
		field: 'Recipient Phone Number',
		errors: 1,
	},
	{
		name: 'bad input: empty template id from an expression',
		parameters: orderUpdate({ messageTemplateId: byId('={{ $json.template }}') }),
		input: [{ ...customer('081234567890', 0), template: '' }, { ...customer('081234567891', 1), template: IDS.orderUpdateTemplate }],
		secrets,
		writes: sends,
		field: 'Template',
		errors: 1,
	},
	{
		name: 'vendor 401 (wrong secret)',
		parameters: listDivisions,
		input: [{}, {}],
		setup: () => (env.store.get('mekari-1').data.clientSecret = 'wrong-secret-0123456789'),
		secrets: () => ({ ...secrets(), wrong: 'wrong-secret-0123456789' }),
		errors: 2,
	},
	{
		name: '429 on a send with a reset hint: resent once, since Qontak did not take it',
		parameters: orderUpdate(),
		input: twoCustomers,
		setup: () => env.sim.inject({ kind: '429', pathPrefix: DIRECT, retryAfterSeconds: 1 }),
		secrets,
		writes: () => sends() - 1, // the refused 429 is not a send
		errors: 0,
	},
	{
		name: '429 on a send without any reset hint: resent once after the default backoff',
		parameters: orderUpdate(),
		input: twoCustomers,
		setup: () => env.sim.inject({ kind: '429', pathPrefix: DIRECT, hint: false }),
		secrets,
		writes: () => sends() - 1, // the refused 429 is not a send
		errors: 0,
	},
	{
		name: 'truncated JSON with HTTP 200 on a list',
		parameters: listDivisions,
		input: [{}],
		setup: () => env.sim.inject({ kind: 'truncated', method: 'GET', pathPrefix: DIVISIONS }),
		secrets,
		errors: 1,
	},
	{
		name: '429 asking for an hour fails the list fast',
		parameters: listDivisions,
		input: [{}],
		setup: () => env.sim.inject({ kind: '429', method: 'GET', pathPrefix: DIVISIONS, retryAfterSeconds: 3600, times: 5 }),
		secrets,
		errors: 1,
	},
	unclearSend('500'),
	unclearSend('502'),
	unclearSend('503'),
	unclearSend('504'),
	unclearSend('reset'),
	unclearSend('timeout'),
	unclearSend('malformed'),
	unclearSend('truncated'),
	{
		name: 'error that echoes the request (JSON 400 and text 200)',
		parameters: orderUpdate(),
		input: twoCustomers,
		setup: () => {
			env.sim.inject({ kind: 'echo', pathPrefix: DIRECT });
			env.sim.inject({ kind: 'echo200', pathPrefix: DIRECT });
		},
		secrets,
		writes: sends,
	},
	{
		name: 'endless paging',
		parameters: listDivisions,
		input: [{}],
		setup: () => {
			seedDivisions(150);
			env.sim.stuckPaging = { path: DIVISIONS, answers: 500 };
		},
		secrets,
		errors: 1,
	},
];

describe('Qontak Broadcast abuse table', () => {
	it.each(cases.map((abuse) => [abuse.name, abuse] as const))('%s', async (_name, abuse) => {
		const verdict = await runAbuse(table, abuse);
		expect(verdict).toEqual(clean(verdict));
	});
});
