import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData[];

function isExecutionData(value: unknown): value is INodeExecutionData {
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

/**
 * Runs `handler` once per input item, at most `concurrency` at a time, and returns
 * the outputs in input order, every one paired to its item. A failing item becomes
 * an error item when continueOnFail is on; otherwise no new item starts and the
 * first failure (in input order) is thrown once the items in flight have settled.
 */
export async function runPerItem(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	handler: (itemIndex: number) => Promise<ItemResult>,
	concurrency = 1,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[][] = new Array(items.length);
	const failures: Array<{ index: number; error: Error }> = [];
	const continueOnFail = this.continueOnFail();
	let next = 0;

	const worker = async () => {
		while (next < items.length && (continueOnFail || failures.length === 0)) {
			const index = next++;
			try {
				results[index] = toOutput(await handler(index), index);
			} catch (error) {
				if (!continueOnFail) {
					failures.push({ index, error: error as Error });
					return;
				}
				const description = (error as NodeOperationError).description;
				results[index] = [
					{
						json: { error: (error as Error).message, ...(description ? { description } : {}) },
						pairedItem: { item: index },
					},
				];
			}
		}
	};

	const workers = Math.max(1, Math.min(concurrency, items.length));
	await Promise.all(Array.from({ length: workers }, worker));

	if (failures.length) {
		const first = failures.sort((a, b) => a.index - b.index)[0];
		if (first.error instanceof NodeOperationError || (first.error as { node?: unknown }).node) {
			throw first.error;
		}
		throw new NodeOperationError(this.getNode(), first.error, { itemIndex: first.index });
	}
	return results.flat();
}
