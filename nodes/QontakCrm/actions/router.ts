import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runPerItem } from '../../shared/itemLoop';
import { readRequestOptions } from '../../shared/requestOptions';
import { CRM_DEFAULTS } from '../transport';
import { executeOperation } from './execute';
import { findResource } from './resources';
import { fetchTemplate } from './template';
import type { FieldDescriptor } from './template';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resourceName = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const resource = findResource(resourceName);
	const operation = resource?.operations.find((candidate) => candidate.value === operationName);
	if (!resource || !operation) {
		throw new NodeOperationError(this.getNode(), `The operation '${operationName}' of '${resourceName}' is not supported`);
	}

	const options = readRequestOptions.call(this, CRM_DEFAULTS);
	let template: Promise<FieldDescriptor[]> | undefined;
	const context = {
		template: () => (template ??= fetchTemplate.call(this, resource.template!)),
		timeoutMs: options.timeoutMs,
		maxRetries: options.maxRetries,
	};

	const output = await runPerItem.call(
		this,
		items,
		async (itemIndex) => await executeOperation.call(this, resource, operation, itemIndex, context),
		options.concurrency,
	);
	return [output];
}
