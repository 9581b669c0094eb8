import { useQontakSimulator } from '../test/harness/qontakEnv';
import { runNode } from '../test/harness/runWorkflow';
import { QontakSimulator } from '../simulators/qontak/QontakSimulator';
import { report, withPeakRss } from './report';

const LATENCY_MS = 50;
const CREATES = 1000;
const RETURN_ALL_ROWS = 100_000;

const sim = new QontakSimulator({ latencyMs: LATENCY_MS });
const env = useQontakSimulator(sim, { id: 'bench', crm: true });

async function createContacts(concurrency: number) {
	const input = Array.from({ length: CREATES }, (_, index) => ({ first_name: `Bench ${index}`, skor: index % 100 }));
	const started = performance.now();
	const { items, nodeError } = await runNode({
		type: 'qontakCrm',
		parameters: {
			resource: 'contact',
			operation: 'create',
			fields: { mappingMode: 'defineBelow', value: { first_name: '={{ $json.first_name }}', skor: '={{ $json.skor }}' } },
			requestOptions: { concurrency },
		},
		input,
		credentials: env.credentials,
		store: env.store,
	});
	const seconds = (performance.now() - started) / 1000;
	if (nodeError || items.length !== CREATES) throw nodeError ?? new Error(`got ${items.length} items`);
	return { seconds, requests: sim.requests.length };
}

it(`creates ${CREATES} contacts at ${LATENCY_MS} ms latency`, async () => {
	const figures: Record<string, string | number> = { items: CREATES, 'latency (ms)': LATENCY_MS };
	for (const concurrency of [1, 5, 10]) {
		sim.reset();
		const { seconds, requests } = await createContacts(concurrency);
		const ideal = (CREATES * LATENCY_MS) / 1000 / concurrency;
		figures[`concurrency ${concurrency}: wall (s)`] = seconds.toFixed(1);
		figures[`concurrency ${concurrency}: ideal N×latency/c (s)`] = ideal.toFixed(1);
		figures[`concurrency ${concurrency}: items/s`] = (CREATES / seconds).toFixed(1);
		figures[`concurrency ${concurrency}: requests/item`] = (requests / CREATES).toFixed(3);
	}
	report('qontak-crm-creates', figures);
});

it(`returns all of ${RETURN_ALL_ROWS} contacts`, async () => {
	sim.seedContacts(RETURN_ALL_ROWS - sim.records('contacts').length);
	const started = performance.now();
	const { result, peakRssMiB } = await withPeakRss(() =>
		runNode({ type: 'qontakCrm', parameters: { resource: 'contact', operation: 'getAll', returnAll: true, simplify: false }, credentials: env.credentials, store: env.store }),
	);
	const seconds = (performance.now() - started) / 1000;
	if (result.items.length !== RETURN_ALL_ROWS) throw new Error(`got ${result.items.length} rows`);
	report('qontak-crm-return-all', {
		rows: RETURN_ALL_ROWS,
		'latency (ms)': LATENCY_MS,
		pages: sim.requests.length,
		'wall (s)': seconds.toFixed(1),
		'ideal pages×latency (s)': ((sim.requests.length * LATENCY_MS) / 1000).toFixed(1),
		'rows/s': Math.round(RETURN_ALL_ROWS / seconds),
		'peak RSS (MiB)': peakRssMiB,
	});
});
