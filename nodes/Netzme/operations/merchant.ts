import type { Resource } from '../../shared/operation';
import { tokoRequest } from '../transport';
import { phoneNumber } from './inputs';
import { shapeResult } from './output';
import { simplifyProperty } from './properties';
import type { OperationContext } from './context';

export const merchant: Resource<OperationContext> = {
	value: 'merchant',
	name: 'Merchant',
	operations: [
		{
			value: 'getByPhone',
			name: 'Get by Phone',
			action: 'Get a merchant by phone number',
			description: 'Look up a merchant’s ID, name and static QRIS by its registered phone number',
			properties: [
				{
					displayName: 'Phone Number',
					name: 'phoneNumber',
					type: 'string',
					default: '',
					required: true,
					placeholder: '6281234567890',
					description: 'The merchant’s registered phone number; +62…, 62… and 08… are accepted',
				},
				simplifyProperty,
			],
			async execute(itemIndex, context) {
				const result = await tokoRequest.call(
					this,
					{
						method: 'GET',
						path: '/api/aggregator/merchant/qr/merchant_detail',
						qs: { phoneNo: phoneNumber.call(this, itemIndex) },
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
