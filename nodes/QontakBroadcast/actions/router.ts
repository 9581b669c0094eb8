import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runPerItem } from '../../shared/itemLoop';
import { readRequestOptions } from '../../shared/requestOptions';
import { CHAT_DEFAULTS, chatRequest } from '../transport';
import { executeOperation } from './execute';
import { findResource } from './resources';
import type { ExecutionContext } from './types';

type TemplateOutcome = { template: IDataObject } | { error: Error };

/** GET /templates/{id}/whatsapp once per template and execution; a miss becomes a per-item error. */
function templateCache(this: IExecuteFunctions, context: Omit<ExecutionContext, 'template'>): ExecutionContext['template'] {
	const cache = new Map<string, Promise<TemplateOutcome>>();
	return async (id, itemIndex) => {
		let outcome = cache.get(id);
		if (!outcome) {
			outcome = chatRequest
				.call(this, { method: 'GET', path: `/templates/${encodeURIComponent(id)}/whatsapp`, itemIndex, timeoutMs: context.timeoutMs, maxRetries: context.maxRetries })
				.then(
					(response) => ({ template: (response.data ?? {}) as IDataObject }),
					(error: Error) => ({ error }),
				);
			cache.set(id, outcome);
		}
		const result = await outcome;
		if ('template' in result) return result.template;
		const httpCode = (result.error as NodeApiError).httpCode;
		if (httpCode === '404' || httpCode === '422') {
			throw new NodeOperationError(this.getNode(), `Template '${id}' was not found in this Qontak organisation`, {
				itemIndex,
				description: `Qontak said: ${result.error.message.replace(/^Qontak Chat: /, '')}. Pick the template from the list (only approved ones are offered), or check the ID.`,
			});
		}
		throw new NodeApiError(this.getNode(), { message: result.error.message }, {
			message: result.error.message,
			description: (result.error as NodeApiError).description ?? undefined,
			httpCode: httpCode ?? undefined,
			itemIndex,
		});
	};
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resourceName = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findResource(resourceName)?.operations.find((candidate) => candidate.value === operationName);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation '${operationName}' of '${resourceName}' is not supported`);
	}

	const base = readRequestOptions.call(this, CHAT_DEFAULTS);
	const context: ExecutionContext = { ...base, template: templateCache.call(this, base) };

	if (operation.custom?.executeAll) return [await operation.custom.executeAll.call(this, context)];
	// Writes keep item order and never overlap: messages to one room must not race.
	const concurrency = operation.method === 'GET' ? context.concurrency : 1;
	const output = await runPerItem.call(
		this,
		items,
		async (itemIndex) => await executeOperation.call(this, operation, itemIndex, context),
		concurrency,
	);
	return [output];
}
