import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { VtigerCall, VtigerRefusal } from '../transport';
import { vtigerCall } from '../transport';
import type { ExecutionContext } from './context';

/** An item's webservice call with the execution's timeout and retry settings. */
export async function request(
	this: IExecuteFunctions,
	context: ExecutionContext,
	itemIndex: number,
	call: Omit<VtigerCall, 'itemIndex' | 'timeoutMs' | 'maxRetries'>,
): Promise<IDataObject | IDataObject[]> {
	return (await answer.call(this, context, itemIndex, call)) as IDataObject | IDataObject[];
}

/** The same call where some vtiger error codes are an answer (`call.expectedErrors`): a VtigerRefusal comes back for those. */
export async function answer(
	this: IExecuteFunctions,
	context: ExecutionContext,
	itemIndex: number,
	call: Omit<VtigerCall, 'itemIndex' | 'timeoutMs' | 'maxRetries'>,
): Promise<IDataObject | IDataObject[] | VtigerRefusal> {
	return (await vtigerCall.call(this, context.gate, {
		...call,
		itemIndex,
		timeoutMs: context.timeoutMs,
		maxRetries: context.maxRetries,
	})) as IDataObject | IDataObject[] | VtigerRefusal;
}
