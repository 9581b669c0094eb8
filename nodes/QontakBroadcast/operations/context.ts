import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { RequestOptions } from '../../shared/requestOptions';
import type { ActionNode } from '../../shared/router';
import { CHAT_DEFAULTS, chatRequest } from '../transport';
import { operations } from './routes';
import type { ExecutionContext } from './types';

type TemplateOutcome = { template: IDataObject } | { error: Error };

/** GET /templates/{id}/whatsapp once per template and execution; a miss becomes a per-item error. */
function templateCache(this: IExecuteFunctions, options: RequestOptions): ExecutionContext['template'] {
	const cache = new Map<string, Promise<TemplateOutcome>>();
	return async (id, itemIndex) => {
		let outcome = cache.get(id);
		if (!outcome) {
			outcome = chatRequest
				.call(this, { method: 'GET', path: `/templates/${encodeURIComponent(id)}/whatsapp`, itemIndex, timeoutMs: options.timeoutMs, maxRetries: options.maxRetries })
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

export const chatActions: ActionNode<ExecutionContext> = {
	resources: operations,
	defaults: CHAT_DEFAULTS,
	context(options) {
		return { ...options, template: templateCache.call(this, options) };
	},
};
