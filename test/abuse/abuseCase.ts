import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { leaked, storedText } from '../harness/leaks';

/** What one run of the node under test hands back (runCrm, runChat, runNetzme and the vtiger fixture all do). */
export interface AbuseRun {
	run: { data: unknown };
	items: INodeExecutionData[];
	nodeError?: Error;
}

/**
 * One row of an abuse table. The rule "one output item per input item" holds for operations that give
 * one item per input; a list row picks inputs that match exactly one record, or fail.
 */
export interface AbuseCase {
	name: string;
	/** Node parameters; expressions read each input item. */
	parameters: IDataObject;
	/** One entry per input item. */
	input: IDataObject[];
	/** Injects the fault or bad behaviour before the run. */
	setup?: () => void;
	/** The secrets no 12-character fragment of which may be stored; read after the run (tokens a run obtained count). */
	secrets: () => Record<string, string>;
	/** A non-idempotent write: how many times the simulator received it. After an unclear failure it may arrive at most once per item. */
	writes?: () => number;
	/** The display name every error item's message must contain (bad-input cases). */
	field?: string;
	/** How many items must come out as errors (default: not checked). */
	errors?: number;
}

export interface Verdict {
	node: string;
	name: string;
	items: number;
	lost: number;
	doubled: number;
	leaked: string[];
	hung: boolean;
	/** Error items whose message does not name `field`, or a wrong count of error items. */
	unnamed: number;
	requests: number;
	waitedMs: number;
}

/** A case making more requests than this, or asking for more virtual waiting, counts as hung. */
export const MAX_REQUESTS = 50;
export const MAX_WAIT_MS = 60_000;

export interface AbuseTable {
	node: string;
	/** Runs the node once with continueOnFail. */
	run: (parameters: IDataObject, input: IDataObject[]) => Promise<AbuseRun>;
	/** Requests the simulator has received so far in this test. */
	requests: () => number;
	/** Virtual waits asked for so far in this test. */
	waits: () => number[];
}

const verdicts: Verdict[] = [];

const errorMessage = (item: INodeExecutionData): string | undefined => {
	const error = item.json.error;
	if (error === undefined) return undefined;
	return typeof error === 'string' ? error : JSON.stringify(error);
};

/** Runs one case and records its verdict. */
export async function runAbuse(table: AbuseTable, abuse: AbuseCase): Promise<Verdict> {
	abuse.setup?.();
	const result = await table.run(abuse.parameters, abuse.input);
	const n = abuse.input.length;
	const { items } = result;

	let lost = Math.max(0, n - items.length);
	let doubled = Math.max(0, items.length - n);
	const seen = new Map<number, number>();
	items.forEach((item, index) => {
		const paired = item.pairedItem as { item?: number } | undefined;
		const at = typeof paired === 'object' && paired !== null && !Array.isArray(paired) ? paired.item : undefined;
		if (at !== undefined) seen.set(at, (seen.get(at) ?? 0) + 1);
		if (index < n && at !== index && items.length === n) lost++; // out of order or unpaired
	});
	for (const count of seen.values()) if (count > 1) doubled += count - 1;
	if (abuse.writes && abuse.writes() > n) doubled += abuse.writes() - n;

	const errorItems = items.filter((item) => errorMessage(item) !== undefined);
	let unnamed = 0;
	if (abuse.field) unnamed += errorItems.filter((item) => !errorMessage(item)!.includes(abuse.field!)).length;
	if (abuse.errors !== undefined) unnamed += Math.abs(errorItems.length - abuse.errors);

	const waits = table.waits();
	const waitedMs = waits.reduce((sum, ms) => sum + ms, 0);
	const requests = table.requests();
	const verdict: Verdict = {
		node: table.node,
		name: abuse.name,
		items: n,
		lost,
		doubled,
		leaked: leaked(storedText(result), abuse.secrets()),
		hung: requests > MAX_REQUESTS || waitedMs > MAX_WAIT_MS,
		unnamed,
		requests,
		waitedMs,
	};
	verdicts.push(verdict);
	return verdict;
}

/** The verdict every row must reach. */
export const clean = (verdict: Verdict) => ({ lost: 0, doubled: 0, leaked: [], hung: false, unnamed: 0, node: verdict.node, name: verdict.name, items: verdict.items, requests: verdict.requests, waitedMs: verdict.waitedMs });

/** Registers the jest hooks that write this file's verdicts to .sandbox/abuse/<node>.json for scripts/abuseTotals.mjs. */
export function recordVerdicts(node: string): void {
	afterAll(() => {
		const dir = join(__dirname, '..', '..', '.sandbox', 'abuse');
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, `${node}.json`), `${JSON.stringify(verdicts.filter((verdict) => verdict.node === node), null, '\t')}\n`);
	});
}
