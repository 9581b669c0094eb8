import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runPerItem } from './itemLoop';
import { withoutCredentialSecrets } from './outputSecrets';
import type { Resource } from './operation';
import { findOperation } from './operation';
import type { RequestOptions } from './requestOptions';
import { readRequestOptions } from './requestOptions';
import { isRunStopping, openRequestSlots } from './requestSlots';

/** What an action node gives the router: its operations, and how one execution's shared state is made. */
export interface ActionNode<Ctx> {
	resources: Array<Resource<Ctx>>;
	/** The vendor's Request Options defaults. */
	defaults: { concurrency: number; maxRetries: number };
	/** Builds the state one execution's items share (caches, login gates, timeouts); called once per execution. */
	context(this: IExecuteFunctions, options: RequestOptions): Ctx;
	/** Applied to every error an item's operation throws, before it becomes an error item or is thrown. */
	mapError?(error: unknown): unknown;
}

/**
 * The `execute` of every action node: finds the operation by resource and operation, builds
 * the execution's context, then runs the operation over the whole batch or, item by item,
 * through the shared item loop.
 */
export async function route<Ctx>(context: IExecuteFunctions, node: ActionNode<Ctx>): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operationName = context.getNodeParameter('operation', 0) as string;
	const operation = findOperation(node.resources, resource, operationName);
	if (!operation) {
		throw new NodeOperationError(context.getNode(), `The operation '${operationName}' of '${resource}' is not supported`);
	}

	const options = readRequestOptions.call(context, node.defaults);
	const inFlight = operation.sequential ? 1 : options.concurrency;
	const slots = openRequestSlots(context, inFlight);
	const ctx = node.context.call(context, options);
	if (operation.executeAll) return [await withoutCredentialSecrets(context, await operation.executeAll.call(context, ctx))];

	const execute = operation.execute;
	const output = await runPerItem.call(
		context,
		context.getInputData(),
		async (itemIndex) => {
			try {
				return await execute.call(context, itemIndex, ctx);
			} catch (error) {
				throw node.mapError && !isRunStopping(error) ? node.mapError(error) : error;
			}
		},
		// While `inFlight` requests are out, as many more items read their parameters and wait for a slot:
		// n8n's per-item work (expressions, parameters) overlaps the vendor's latency instead of adding to it.
		// At 1 (writes whose order matters, vendors that serialise) items stay strictly one after another,
		// since an item may act on what the one before it learned (a session, a server's version).
		{ concurrency: inFlight > 1 ? inFlight * 2 : 1, slots },
	);
	return [await withoutCredentialSecrets(context, output)];
}
