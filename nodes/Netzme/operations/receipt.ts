import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Resource } from '../../shared/operation';
import { encodePathSegment, parseJsonParameter } from '../../shared/parseInput';
import { tokoRequest } from '../transport';
import { merchantId } from './inputs';
import { shapeResult } from './output';
import { merchantIdProperty, simplifyProperty } from './properties';
import type { OperationContext } from './context';

export const receipt: Resource<OperationContext> = {
	value: 'receipt',
	name: 'Receipt',
	operations: [
		{
			value: 'create',
			name: 'Send',
			action: 'Send an e-receipt',
			description: 'Send an e-receipt for a merchant transaction',
			properties: [
				merchantIdProperty,
				{
					displayName: 'Receipt (JSON)',
					name: 'receiptJson',
					type: 'json',
					default: '{\n  "transactionId": "",\n  "phoneNo": "",\n  "items": []\n}',
					required: true,
					description:
						'The receipt fields, sent as the request body. Netzme does not publish them: use the fields your Netzme onboarding documents give.',
				},
				simplifyProperty,
			],
			async execute(itemIndex, context) {
				const merchant = await merchantId.call(this, itemIndex, context);
				const body = parseJsonParameter(this.getNode(), this.getNodeParameter('receiptJson', itemIndex, '{}'), 'Receipt (JSON)', itemIndex);
				if (Array.isArray(body) || Object.keys(body).length === 0) {
					throw new NodeOperationError(this.getNode(), "'Receipt (JSON)' must be a JSON object with the receipt fields", {
						itemIndex,
						description: 'Example: {"transactionId": "TRX-1", "phoneNo": "6281234567890", "items": []}',
					});
				}
				const result = await tokoRequest.call(
					this,
					{
						method: 'POST',
						path: `/public/api/v1/createReceipt/${encodePathSegment(merchant)}`,
						type: 'create_e-receipt',
						body: body as IDataObject,
						idempotent: false,
						itemIndex,
					},
					context,
				);
				return shapeResult.call(this, result, itemIndex);
			},
		},
	],
};
