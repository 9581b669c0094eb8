import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { RequestSlots } from './requestSlots';
import { isRunStopping } from './requestSlots';

export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData[];

/** What became of one item: the handler's value, or (continueOnFail) the error item standing in its place. */
export type ItemOutcome<T> = { ok: true; value: T } | { ok: false; item: INodeExecutionData };

export interface ItemLoopOptions {
	/** At most this many items in flight; 1 (the default) runs them strictly one after another. */
	concurrency?: number;
	/** The run's request slots: stopped when an item fails without Continue On Fail, so no prepared item is sent after. */
	slots?: RequestSlots;
	/** Called before each item starts; what it throws ends the loop at once, continueOnFail or not. */
	beforeItem?: (itemIndex: number) => void;
	/** The json of the error item that stands in for a failed item under continueOnFail. */
	errorJson?: (error: Error) => IDataObject;
	/** Last words on the failure that ends the run, just before it is thrown. */
	beforeThrow?: (error: Error, itemIndex: number) => Error;
}

/** An output item already (binary, own pairing), rather than a bare json record. */
export function isExecutionData(value: unknown): value is INodeExecutionData {
	return typeof value === 'object' && value !== null && 'json' in value;
}

function toOutput(result: ItemResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) =>
		isExecutionData(entry)
			? { ...entry, pairedItem: { item: itemIndex } }
			: { json: entry, pairedItem: { item: itemIndex } },
	);
}

export function errorJson(error: Error): IDataObject {
	const description = (error as NodeOperationError).description;
	return { error: error.message, ...(description ? { description } : {}) };
}

/**
 * The one item loop. Runs `handler` for the given items, at most `concurrency` at a time,
 * and returns each item's outcome at its input index. A failing item becomes an error item
 * when continueOnFail is on; otherwise no new item starts and the first failure (in input
 * order) is thrown once the items in flight have settled.
 */
export async function eachItem<T>(
	context: IExecuteFunctions,
	itemIndexes: number[],
	handler: (itemIndex: number) => Promise<T>,
	options: ItemLoopOptions = {},
): Promise<Array<ItemOutcome<T>>> {
	const outcomes: Array<ItemOutcome<T>> = [];
	const failures: Array<{ index: number; error: Error }> = [];
	const continueOnFail = context.continueOnFail();
	const toJson = options.errorJson ?? errorJson;
	let next = 0;

	const workers = Math.max(1, Math.min(options.concurrency ?? 1, itemIndexes.length));
	const goesOn = () => next < itemIndexes.length && (continueOnFail || failures.length === 0);
	// Reading an item's parameters is synchronous work inside n8n (every expression runs in its
	// isolate), several milliseconds per item. Items preparing ahead start one per turn of the event
	// loop, so answers waiting in their sockets and granted requests waiting to connect go first.
	let turns: Promise<void> = Promise.resolve();
	const takeTurn = async () => await (turns = turns.then(async () => await sleep(0)));
	const worker = async () => {
		while (goesOn()) {
			if (options.slots && workers > 1) {
				await takeTurn();
				if (!goesOn()) return;
			}
			const index = itemIndexes[next++];
			options.beforeItem?.(index);
			try {
				outcomes[index] = { ok: true, value: await handler(index) };
			} catch (error) {
				// Refused because another item failed first: that failure is the run's, this item never went out.
				if (isRunStopping(error)) return;
				if (!continueOnFail) {
					failures.push({ index, error: error as Error });
					options.slots?.stop();
					return;
				}
				outcomes[index] = { ok: false, item: { json: toJson(error as Error), pairedItem: { item: index } } };
			}
		}
	};

	await Promise.all(Array.from({ length: workers }, worker));

	if (failures.length) {
		const first = failures.sort((a, b) => a.index - b.index)[0];
		const error =
			first.error instanceof NodeOperationError || (first.error as { node?: unknown }).node
				? first.error
				: new NodeOperationError(context.getNode(), first.error, { itemIndex: first.index });
		throw options.beforeThrow ? options.beforeThrow(error, first.index) : error;
	}
	return outcomes;
}

/** Every input item through `handler`: the outputs in input order, every one paired to its item. */
export async function runPerItem(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	handler: (itemIndex: number) => Promise<ItemResult>,
	options: Pick<ItemLoopOptions, 'concurrency' | 'slots'> = {},
): Promise<INodeExecutionData[]> {
	const outcomes = await eachItem(this, items.map((_, index) => index), handler, options);
	return outcomes.flatMap((outcome, index) => (outcome.ok ? toOutput(outcome.value, index) : [outcome.item]));
}
