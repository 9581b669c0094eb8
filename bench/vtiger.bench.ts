/**
 * ABMS vtiger: what logins and requests cost per item, and how Return All pages.
 * Runs the node through n8n's WorkflowExecute against the vtiger simulator; asserts
 * only correctness (so figures are never reported for a broken run), never timings.
 *
 *   npx jest --selectProjects bench bench/vtiger.bench.ts
 */
import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, runNode } from '../test/harness/runWorkflow';
import { VtigerSimulator } from '../simulators/vtiger/VtigerSimulator';
import { report, withPeakRss } from './report';

const EXECUTIONS = 10;
const ITEMS_PER_EXECUTION = 100;
const SERVER_MS = 2;
const RETURN_ALL_ROWS = 20_000;

const sim = new VtigerSimulator();

beforeAll(async () => {
	await sim.start();
});
afterAll(async () => {
	await sim.stop();
});

function credentialFor(store: CredentialStore) {
	return { abmsVtigerApi: store.add('bench', 'abmsVtigerApi', { baseUrl: sim.baseUrl, username: sim.options.username, secretAccessKey: sim.options.accessKey }) };
}

async function createRecords(label: string, options: { serverMs: number; concurrency: number }) {
	sim.reset();
	sim.options.latencyMs = options.serverMs;
	const store = new CredentialStore();
	const credentials = credentialFor(store);
	const parameters: IDataObject = {
		resource: 'record',
		operation: 'create',
		module: { __rl: true, mode: 'list', value: 'Contacts' },
		fields: { mappingMode: 'autoMapInputData', value: null },
		requestOptions: { concurrency: options.concurrency },
	};
	const started = performance.now();
	const { peakRssMiB } = await withPeakRss(async () => {
		for (let execution = 0; execution < EXECUTIONS; execution++) {
			const input = Array.from({ length: ITEMS_PER_EXECUTION }, (_, index) => ({ lastname: `Bench ${execution}-${index}`, email: `b${execution}-${index}@example.co.id` }));
			const run = await runNode({ type: 'abmsVtiger', parameters, credentials, input, store });
			if (run.nodeError || run.items.length !== ITEMS_PER_EXECUTION) throw new Error(`execution ${execution} failed: ${run.nodeError?.message}`);
		}
	});
	const wallMs = performance.now() - started;
	const items = EXECUTIONS * ITEMS_PER_EXECUTION;
	const requests = sim.requests.length;
	// The least any client could do: one login (getchallenge + login) and one create per record.
	const idealRequests = items + 2;
	const idealMs = idealRequests * options.serverMs;
	expect(sim.count('create')).toBe(items);
	report(label, {
		items,
		executions: EXECUTIONS,
		concurrency: options.concurrency,
		'server time per request (ms)': options.serverMs,
		logins: sim.logins,
		'getchallenge calls': sim.count('getchallenge'),
		'describe calls': sim.count('describe'),
		'requests total': requests,
		'requests per item': (requests / items).toFixed(3),
		'ideal requests (1 login + 1 per item)': idealRequests,
		'wall time (ms)': Math.round(wallMs),
		'ideal wall time (ms)': idealMs,
		'wall / ideal': idealMs ? (wallMs / idealMs).toFixed(2) : 'n/a',
		'simulator compute (ms)': Math.round(sim.busyMs),
		'node overhead per item (ms)': ((wallMs - requests * options.serverMs - sim.busyMs) / items).toFixed(2),
		'peak RSS (MiB)': peakRssMiB,
	});
	return { logins: sim.logins };
}

describe('ABMS vtiger benchmarks', () => {
	it('creates 1000 records across 10 executions with one login', async () => {
		const overhead = await createRecords('vtiger-create-1000-no-latency', { serverMs: 0, concurrency: 1 });
		const serial = await createRecords('vtiger-create-1000', { serverMs: SERVER_MS, concurrency: 1 });
		const concurrent = await createRecords('vtiger-create-1000-concurrency-4', { serverMs: SERVER_MS, concurrency: 4 });
		expect([overhead.logins, serial.logins, concurrent.logins]).toEqual([1, 1, 1]);
	});

	it('returns all of 20 000 records through VTQL paging', async () => {
		sim.reset();
		sim.seedContacts(RETURN_ALL_ROWS);
		const store = new CredentialStore();
		const started = performance.now();
		const { result: run, peakRssMiB } = await withPeakRss(
			async () =>
				await runNode({
					type: 'abmsVtiger',
					parameters: {
						resource: 'record',
						operation: 'getMany',
						queryMode: 'vtql',
						vtql: "SELECT * FROM Contacts WHERE lastname LIKE 'Bulk %'",
						returnAll: true,
					},
					credentials: credentialFor(store),
					store,
				}),
		);
		const wallMs = performance.now() - started;
		expect(run.nodeError).toBeUndefined();
		expect(run.items).toHaveLength(RETURN_ALL_ROWS);
		const pages = sim.count('query');
		report('vtiger-return-all-20000', {
			rows: run.items.length,
			'query requests (100-row pages + the empty last page)': pages,
			'requests total': sim.requests.length,
			logins: sim.logins,
			'wall time (ms)': Math.round(wallMs),
			'of which the simulator computing pages (ms)': Math.round(sim.busyMs),
			'ms per page': (wallMs / pages).toFixed(2),
			'node-side ms per page': ((wallMs - sim.busyMs) / pages).toFixed(2),
			'rows per second': Math.round(run.items.length / (wallMs / 1000)),
			'peak RSS (MiB)': peakRssMiB,
		});
	});
});
