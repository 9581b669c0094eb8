import type { IDataObject } from 'n8n-workflow';

/** What the simulator process sends once it listens: the credential that reaches it. */
export interface SimulatorReady {
	credentialType: string;
	credential: Record<string, string>;
}

/** What the measuring process is asked to run. */
export interface MeasureJob {
	ready: SimulatorReady;
	type: string;
	parameters: IDataObject;
	/** A small run of the same node first, so lazy loading and JIT are not counted as the Return All's. */
	warmUp: IDataObject;
	rows: number;
}

/** Bytes, milliseconds. */
export interface MeasureResult {
	items: number;
	ms: number;
	baselineRss: number;
	baselineHeap: number;
	peakRss: number;
	/** process.resourceUsage().maxRSS over the whole process life, in bytes. */
	maxRss: number;
	peakHeap: number;
	/** heapUsed after GC with the whole run result held (n8n's run data, output included), above the baseline. */
	runHeld: number;
	/** heapUsed after GC with only the output items held, above the baseline: the output's size. */
	outputHeap: number;
	rssWithOutput: number;
	baselineHeapTotal: number;
	peakHeapTotal: number;
	baselineExternal: number;
	peakExternal: number;
	heapTotalWithOutput: number;
	/** The output items' json as JSON text, UTF-8. */
	jsonBytes: number;
}
