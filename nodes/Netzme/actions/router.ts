import type { ICredentialDataDecryptedObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runPerItem } from '../../shared/itemLoop';
import { readRequestOptions } from '../../shared/requestOptions';
import { CREDENTIAL_TYPE, NETZME_DEFAULTS } from '../transport';
import { withoutPinInError } from './pin';
import { findOperation } from './resources';
import type { OperationContext } from './types';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resourceName = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resourceName, operationName);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation '${operationName}' of '${resourceName}' is not supported`);
	}

	const options = readRequestOptions.call(this, NETZME_DEFAULTS);
	let credentials: Promise<ICredentialDataDecryptedObject> | undefined;
	const context: OperationContext = {
		session: {},
		timeoutMs: options.timeoutMs,
		maxRetries: options.maxRetries,
		credentials: () => (credentials ??= this.getCredentials(CREDENTIAL_TYPE)),
	};

	const output = await runPerItem.call(
		this,
		items,
		async (itemIndex) => {
			try {
				return await operation.execute.call(this, itemIndex, context);
			} catch (error) {
				throw withoutPinInError(error);
			}
		},
		options.concurrency,
	);
	return [output];
}
