import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { VtigerCall } from '../transport';
import { vtigerCall } from '../transport';
import type { ExecutionContext } from './context';

/** An item's webservice call with the execution's timeout and retry settings. */
export async function request(
	this: IExecuteFunctions,
	context: ExecutionContext,
	itemIndex: number,
	call: Omit<VtigerCall, 'itemIndex' | 'timeoutMs' | 'maxRetries'>,
): Promise<IDataObject | IDataObject[]> {
	return (await vtigerCall.call(this, context.gate, {
		...call,
		itemIndex,
		timeoutMs: context.timeoutMs,
		maxRetries: context.maxRetries,
	})) as IDataObject | IDataObject[];
}
