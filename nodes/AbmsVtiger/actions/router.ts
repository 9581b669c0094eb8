import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runPerItem } from '../../shared/itemLoop';
import { readRequestOptions } from '../../shared/requestOptions';
import { CREDENTIAL_TYPE, SessionGate, VTIGER_DEFAULTS } from '../transport';
import type { ExecutionContext } from './common';
import { makeDescribeCache } from './common';
import { findOperation } from './resources';

/** One execution: a fresh login gate and per-execution caches, then every item in order. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation '${operationName}' of '${resource}' is not supported`);
	}

	const { concurrency, timeoutMs, maxRetries } = readRequestOptions.call(this, VTIGER_DEFAULTS);
	const gate = new SessionGate();
	const memos = new Map<string, Promise<unknown>>();
	const memo = <T>(key: string, load: () => Promise<T>): Promise<T> => {
		if (!memos.has(key)) {
			const pending = load();
			pending.catch(() => memos.delete(key));
			memos.set(key, pending);
		}
		return memos.get(key) as Promise<T>;
	};
	const context: ExecutionContext = {
		gate,
		timeoutMs,
		maxRetries,
		memo,
		describe: makeDescribeCache(this, gate, { timeoutMs, maxRetries }),
		apiUserId: async () => await memo('apiUserId', async () => String((await this.getCredentials(CREDENTIAL_TYPE)).userId ?? '')),
	};

	const output = await runPerItem.call(
		this,
		items,
		async (itemIndex) => await operation.module.execute.call(this, itemIndex, context),
		concurrency,
	);
	return [output];
}
