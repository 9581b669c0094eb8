import type { Resource } from '../../shared/operation';
import { tokoRequest } from '../transport';
import { merchantId } from './inputs';
import { shapeResult } from './output';
import { merchantIdProperty, simplifyProperty } from './properties';
import type { OperationContext } from './context';

export const balance: Resource<OperationContext> = {
	value: 'balance',
	name: 'Balance',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get a merchant balance',
			description: 'Get the merchant’s total and settled QRIS balance',
			properties: [merchantIdProperty, simplifyProperty],
			async execute(itemIndex, context) {
				const result = await tokoRequest.call(
					this,
					{
						method: 'GET',
						path: '/api/aggregator/merchant/qr/balance/detail',
						qs: { userId: await merchantId.call(this, itemIndex, context) },
						idempotent: true,
						itemIndex,
					},
					context,
				);
				return shapeResult.call(this, result, itemIndex);
			},
		},
	],
};
