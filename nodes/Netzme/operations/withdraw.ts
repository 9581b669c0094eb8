import type { Resource } from '../../shared/operation';
import { tokoRequest } from '../transport';
import { merchantId } from './inputs';
import { shapeResult } from './output';
import { merchantIdProperty, pinProperties, simplifyProperty } from './properties';
import type { OperationContext } from './context';
import { amountProperty, inquireAndWithdraw } from './withdrawFlow';

const INQUIRY_PATH = '/api/aggregator/merchant/qr/withdraw/inquiry';

export const withdraw: Resource<OperationContext> = {
	value: 'withdraw',
	name: 'Withdraw',
	operations: [
		{
			value: 'inquiry',
			name: 'Inquiry',
			action: 'Get the withdrawable amount',
			description: 'Get the amount the merchant can withdraw now and the bank account it goes to',
			properties: [merchantIdProperty, simplifyProperty],
			async execute(itemIndex, context) {
				const result = await tokoRequest.call(
					this,
					{
						method: 'POST',
						path: INQUIRY_PATH,
						type: 'withdraw_inquiry',
						body: { userId: await merchantId.call(this, itemIndex, context) },
						// An inquiry moves nothing, so it may be resent.
						idempotent: true,
						itemIndex,
					},
					context,
				);
				return shapeResult.call(this, result, itemIndex);
			},
		},
		{
			value: 'submit',
			name: 'Submit',
			action: 'Withdraw the balance to the bank account',
			description:
				'Withdraw exactly the inquired amount to the merchant’s bank account on file; the final status arrives on Netzme’s withdraw callback',
			properties: [merchantIdProperty, amountProperty, ...pinProperties, simplifyProperty],
			async execute(itemIndex, context) {
				return await inquireAndWithdraw.call(
					this,
					{
						label: 'withdrawal',
						submitPath: '/api/aggregator/merchant/qr/withdraw',
						inquiry: (merchant, index) => ({
							method: 'POST',
							path: INQUIRY_PATH,
							type: 'withdraw_inquiry',
							body: { userId: merchant },
							idempotent: true,
							itemIndex: index,
						}),
					},
					itemIndex,
					context,
				);
			},
		},
	],
};
