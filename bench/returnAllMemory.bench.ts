/**
 * Return All's memory (issue 16): peak RSS of the process running the node against the size of
 * the output items, for Qontak CRM Contact → Get Many over 100 000 contacts and ABMS vtiger
 * Record → Get Many over 20 000 records. The target is peak RSS ≤ 2 × output size.
 *
 * Three processes, so that the figure is the node's: this one (Jest) compiles and orchestrates,
 * the simulator seeds and serves the records, and a fresh node with --expose-gc runs the workflow
 * through n8n-core's WorkflowExecute and measures (bench/memory/measureProcess.ts).
 *
 * Output size: heapUsed after full GCs with only the output items held, minus heapUsed after full
 * GCs before the run (a warm-up run of the same node has loaded everything by then). The output's
 * JSON text size is printed too, for scale.
 *
 * Reading the figures: the baseline alone (node ~40 MiB, n8n-workflow ~42, n8n-core ~44, the
 * package ~5, then what the warm-up run loads: ~135 MiB) exceeds the output of either run, so
 * peak / output cannot reach 2 here; (peak − baseline) / output is what the node's Return All
 * adds. Of that, `external` is mostly n8n's HTTP client's response buffers waiting for a GC.
 *
 *   npm run bench:memory
 */
import type { ChildProcess } from 'node:child_process';
import { fork, spawnSync } from 'node:child_process';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { MeasureJob, MeasureResult, SimulatorReady } from './memory/protocol';
import { report } from './report';

const ROOT = join(__dirname, '..');
const BUILD = join(ROOT, '.sandbox', 'bench-memory', 'bench', 'memory');
const MiB = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

beforeAll(() => {
	const compiled = spawnSync('npx', ['tsc', '-p', join(__dirname, 'memory', 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
	if (compiled.status !== 0) throw new Error(`tsc failed:\n${compiled.stdout}${compiled.stderr}`);
});

function nextMessage<T>(child: ChildProcess, key: string): Promise<T> {
	return new Promise((resolve, reject) => {
		const onMessage = (message: Record<string, unknown>) => {
			if (key in message) {
				child.off('message', onMessage);
				resolve(message[key] as T);
			} else if ('error' in message) {
				child.off('message', onMessage);
				reject(new Error(String(message.error)));
			}
		};
		child.on('message', onMessage);
		child.once('exit', (code) => reject(new Error(`${key}: the process exited with ${code}`)));
	});
}

async function measure(label: string, kind: 'qontak' | 'vtiger', job: Omit<MeasureJob, 'ready'>) {
	const simulator = fork(join(BUILD, 'simulatorProcess.js'), [kind, String(job.rows)], { stdio: 'inherit' });
	try {
		const ready = await nextMessage<SimulatorReady>(simulator, 'ready');
		const measured = fork(join(BUILD, 'measureProcess.js'), [], { execArgv: ['--expose-gc'], stdio: 'inherit' });
		const answer = nextMessage<MeasureResult>(measured, 'result');
		measured.send({ ...job, ready });
		const result = await answer;
		simulator.send({ counts: true });
		const counts = await nextMessage<{ requests: number; pages: number }>(simulator, 'counts');
		const ratio = result.peakRss / result.outputHeap;
		report(label, {
			items: result.items,
			'list requests (pages)': counts.pages,
			'requests total (warm-up included)': counts.requests,
			'wall (s)': (result.ms / 1000).toFixed(1),
			'baseline RSS, loaded and warmed up (MiB)': MiB(result.baselineRss),
			'peak RSS during the run (MiB)': MiB(result.peakRss),
			'heapUsed: baseline → peak (MiB)': `${MiB(result.baselineHeap)} → ${MiB(result.peakHeap)}`,
			'heapTotal: baseline → peak → after GC with the output (MiB)': `${MiB(result.baselineHeapTotal)} → ${MiB(result.peakHeapTotal)} → ${MiB(result.heapTotalWithOutput)}`,
			'external: baseline → peak (MiB)': `${MiB(result.baselineExternal)} → ${MiB(result.peakExternal)}`,
			'output size: heap the output items hold (MiB)': MiB(result.outputHeap),
			'heap the whole run result holds (MiB)': MiB(result.runHeld),
			'output as JSON text (MiB)': MiB(result.jsonBytes),
			'RSS after GC with the output held (MiB)': MiB(result.rssWithOutput),
			'peak RSS / output size': ratio.toFixed(2),
			'(peak RSS − baseline) / output size': ((result.peakRss - result.baselineRss) / result.outputHeap).toFixed(2),
			'target peak RSS / output size': '≤ 2',
		});
		return { ...result, ratio };
	} finally {
		simulator.send({ stop: true });
	}
}

const qontakGetMany = (more: IDataObject) => ({ resource: 'contact', operation: 'getAll', ...more });
const vtigerGetMany = (more: IDataObject) => ({ resource: 'record', operation: 'getMany', module: { __rl: true, mode: 'list', value: 'Contacts' }, ...more });

// Simplify is on by default in Qontak CRM; off, the output is the vendor's rows as they came.
for (const simplify of [true, false]) {
	it(`Qontak CRM: Return All of 100 000 contacts, Simplify ${simplify ? 'on' : 'off'}`, async () => {
		const result = await measure(`memory-qontak-crm-return-all-100000${simplify ? '' : '-raw'}`, 'qontak', {
			type: 'qontakCrm',
			rows: 100_000,
			parameters: qontakGetMany({ returnAll: true, simplify }),
			warmUp: qontakGetMany({ returnAll: false, limit: 5, simplify }),
		});
		expect(result.items).toBe(100_000);
	});
}

it('ABMS vtiger: Return All of 20 000 records', async () => {
	const result = await measure('memory-vtiger-return-all-20000', 'vtiger', {
		type: 'abmsVtiger',
		rows: 20_000,
		parameters: vtigerGetMany({ returnAll: true }),
		warmUp: vtigerGetMany({ returnAll: false, limit: 5 }),
	});
	expect(result.items).toBe(20_000);
});
