import { CredentialStore, executeWorkflow, makeNode } from '../test/harness/runWorkflow';
import { NetzmeSimulator } from '../simulators/netzme/NetzmeSimulator';
import { report } from './report';

/* 1000 executions of a Netzme balance check against the simulator, which issues the tokens and
 * kills the previous one on every issue (Netzme's rule). The goal is one token for all of them. */

const EXECUTIONS = 1000;
const LATENCY_MS = 5;

const sim = new NetzmeSimulator({ latencyMs: LATENCY_MS });

beforeAll(async () => await sim.start());
afterAll(async () => await sim.stop());

function freshCredential() {
	const store = new CredentialStore();
	const credentials = {
		netzmeApi: store.add('bench', 'netzmeApi', {
			environment: 'custom',
			tokoBaseUrl: sim.tokoUrl,
			invoiceBaseUrl: sim.invoiceUrl,
			clientId: sim.options.clientId,
			clientSecret: sim.options.clientSecret,
			defaultMerchantId: 'M_czBSCDVY',
		}),
	};
	return { store, credentials };
}

async function balanceCheck(store: CredentialStore, credentials: Record<string, { id: string; name: string }>) {
	const node = makeNode({ type: 'netzme', parameters: { resource: 'balance', operation: 'get' }, credentials });
	const run = await executeWorkflow({ nodes: [node], input: [{ json: {} }], store });
	const error = run.error('Node');
	if (error || run.output('Node')[0]?.json.totalBalance !== 150000) throw error ?? new Error('no balance');
}

async function lanes(count: number, store: CredentialStore, credentials: Record<string, { id: string; name: string }>, outsiderAt?: number) {
	let next = 0;
	const lane = async () => {
		while (next < EXECUTIONS) {
			const index = next++;
			if (index === outsiderAt) sim.issueTokenElsewhere();
			await balanceCheck(store, credentials);
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: count }, lane));
	return (performance.now() - started) / 1000;
}

function figures(label: string, seconds: number, outsiders = 0) {
	const tokenCalls = sim.requests.filter((request) => request.path === '/oauth/merchant/accesstoken').length;
	const apiCalls = sim.requests.length - tokenCalls;
	return {
		[`${label}: tokens fetched by the node`]: sim.tokensIssued - outsiders,
		[`${label}: requests per execution`]: (sim.requests.length / EXECUTIONS).toFixed(3),
		[`${label}: 401s`]: sim.requests.filter((request) => request.status === 401).length,
		[`${label}: API calls`]: apiCalls,
		[`${label}: wall (s)`]: seconds.toFixed(1),
		[`${label}: executions/s`]: (EXECUTIONS / seconds).toFixed(0),
	};
}

it(`checks a balance in ${EXECUTIONS} executions on one token`, async () => {
	const all: Record<string, string | number> = { executions: EXECUTIONS, 'simulator latency (ms)': LATENCY_MS };

	sim.reset();
	let { store, credentials } = freshCredential();
	Object.assign(all, figures('sequential, cold credential', await lanes(1, store, credentials)));

	sim.reset();
	({ store, credentials } = freshCredential());
	Object.assign(all, figures('4 parallel lanes, cold credential', await lanes(4, store, credentials)));

	sim.reset();
	({ store, credentials } = freshCredential());
	Object.assign(all, figures('4 lanes, token taken by an outsider at #500', await lanes(4, store, credentials, 500), 1));

	report('netzme-tokens', all);
});
