/*
 * The measured side of the Return All memory bench: a fresh node (--expose-gc) that holds n8n-core,
 * the package's nodes and the run's output, nothing else; the simulator answers from another
 * process. Started with fork(): takes one MeasureJob message, answers with a MeasureResult.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { CredentialStore, runNode } from '../../test/harness/runWorkflow';
import type { MeasureJob, MeasureResult } from './protocol';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

/** Several full collections: one can leave weak and finalised objects for the next. */
function collect() {
	for (let round = 0; round < 3; round++) gc!();
}

async function measure(job: MeasureJob): Promise<MeasureResult> {
	const store = new CredentialStore();
	const credentials = { [job.ready.credentialType]: store.add('bench', job.ready.credentialType, job.ready.credential) };
	const warm = await runNode({ type: job.type, parameters: job.warmUp, credentials, store });
	if (warm.nodeError) throw warm.nodeError;

	collect();
	const maxRssBefore = process.resourceUsage().maxRSS * 1024;
	const baseline = process.memoryUsage();
	const { rss: baselineRss, heapUsed: baselineHeap } = baseline;
	let peakRss = baselineRss;
	let peakHeap = baselineHeap;
	let peakHeapTotal = baseline.heapTotal;
	let peakExternal = baseline.external;
	const sample = () => {
		const now = process.memoryUsage();
		peakRss = Math.max(peakRss, now.rss);
		peakHeap = Math.max(peakHeap, now.heapUsed);
		peakHeapTotal = Math.max(peakHeapTotal, now.heapTotal);
		peakExternal = Math.max(peakExternal, now.external);
	};
	const started = performance.now();
	const timer = setInterval(sample, 5);
	let run: Awaited<ReturnType<typeof runNode>> | undefined = await runNode({ type: job.type, parameters: job.parameters, credentials, store });
	const ms = performance.now() - started;
	sample();
	clearInterval(timer);
	// The kernel's high-water mark is the process's; it is the run's only when the run raised it.
	const maxRss = process.resourceUsage().maxRSS * 1024;
	if (maxRss > maxRssBefore) peakRss = Math.max(peakRss, maxRss);
	if (run.nodeError) throw run.nodeError;
	const items: INodeExecutionData[] = run.items;
	if (items.length !== job.rows) throw new Error(`got ${items.length} items, not ${job.rows}`);

	collect();
	const runHeld = process.memoryUsage().heapUsed - baselineHeap;
	run = undefined;
	collect();
	const outputHeap = process.memoryUsage().heapUsed - baselineHeap;
	const withOutput = process.memoryUsage();

	// Item by item, so the measure itself does not build one string the size of the output.
	let jsonBytes = 2 + Math.max(0, items.length - 1);
	for (const item of items) jsonBytes += Buffer.byteLength(JSON.stringify(item.json));

	return { items: items.length, ms, baselineRss, baselineHeap, peakRss, maxRss, peakHeap, runHeld, outputHeap, rssWithOutput: withOutput.rss, jsonBytes, baselineHeapTotal: baseline.heapTotal, peakHeapTotal, baselineExternal: baseline.external, peakExternal, heapTotalWithOutput: withOutput.heapTotal };
}

process.once('message', (job: MeasureJob) => {
	measure(job).then(
		(result) => process.send!({ result }, () => process.exit(0)),
		(error: Error) => process.send!({ error: error.stack ?? String(error) }, () => process.exit(1)),
	);
});
