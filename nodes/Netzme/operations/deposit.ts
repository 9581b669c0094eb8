import type { Resource } from '../../shared/operation';
import { encodePathSegment } from '../../shared/parseInput';
import { tokoRequest } from '../transport';
import { DEPOSIT_LIST, transactionList } from './transactionList';
import { merchantId, requiredId } from './inputs';
import { shapeResult } from './output';
import { dateRangeProperties, merchantIdProperty, pinProperties, returnAllProperties, simplifyProperty } from './properties';
import type { OperationContext } from './context';
import { amountProperty, inquireAndWithdraw } from './withdrawFlow';

const INQUIRY_PATH = '/api/aggregator/merchant/deposit/withdraw/inquiry';

export const deposit: Resource<OperationContext> = {
	value: 'deposit',
	name: 'Deposit',
	operations: [
		{
			value: 'getBalance',
			name: 'Get Balance',
			action: 'Get the deposit balance',
			description: 'Get the prepaid deposit balance that split fees are deducted from',
			properties: [merchantIdProperty, simplifyProperty],
			async execute(itemIndex, context) {
				const merchant = await merchantId.call(this, itemIndex, context);
				const result = await tokoRequest.call(
					this,
					{ method: 'GET', path: `/api/aggregator/merchant/institution/balance/${encodePathSegment(merchant)}`, idempotent: true, itemIndex },
					context,
				);
				return shapeResult.call(this, result, itemIndex);
			},
		},
		{
			value: 'getTransactions',
			name: 'Get Transactions',
			action: 'Get deposit transactions',
			description: 'List deposit movements between two dates; Return All reads every page',
			properties: [merchantIdProperty, ...dateRangeProperties, ...returnAllProperties, simplifyProperty],
			async execute(itemIndex, context) {
				return await transactionList.call(this, DEPOSIT_LIST, itemIndex, context);
			},
		},
		{
			value: 'withdrawInquiry',
			name: 'Withdraw Inquiry',
			action: 'Get the withdrawable deposit amount',
			description: 'Get the deposit amount that can be withdrawn now and the bank account it goes to',
			properties: [merchantIdProperty, simplifyProperty],
			async execute(itemIndex, context) {
				const result = await tokoRequest.call(
					this,
					{
						method: 'GET',
						path: INQUIRY_PATH,
						qs: { userId: await merchantId.call(this, itemIndex, context) },
						idempotent: true,
						itemIndex,
					},
					context,
				);
				return shapeResult.call(this, result, itemIndex);
			},
		},
		{
			value: 'withdraw',
			name: 'Withdraw',
			action: 'Withdraw the deposit to the bank account',
			description: 'Withdraw exactly the inquired deposit amount to the bank account on file',
			properties: [merchantIdProperty, amountProperty, ...pinProperties, simplifyProperty],
			async execute(itemIndex, context) {
				return await inquireAndWithdraw.call(
					this,
					{
						label: 'deposit withdrawal',
						submitPath: '/api/aggregator/merchant/deposit/withdraw',
						inquiry: (merchant, index) => ({
							method: 'GET',
							path: INQUIRY_PATH,
							qs: { userId: merchant },
							idempotent: true,
							itemIndex: index,
						}),
					},
					itemIndex,
					context,
				);
			},
		},
		{
			value: 'getWithdrawal',
			name: 'Get Withdrawal',
			action: 'Get a deposit withdrawal',
			description: 'Get the detail and status of a deposit withdrawal',
			properties: [
				{
					displayName: 'Withdrawal Transaction ID',
					name: 'trxId',
					type: 'string',
					default: '',
					required: true,
					description: 'Transaction ID of the deposit withdrawal (customerReffNum in the Withdraw output)',
				},
				simplifyProperty,
			],
			async execute(itemIndex, context) {
				const trxId = requiredId.call(this, 'trxId', 'Withdrawal Transaction ID', itemIndex, 'the customerReffNum of the withdrawal');
				const result = await tokoRequest.call(
					this,
					{ method: 'GET', path: `/api/aggregator/merchant/withdraw/deposit/${encodePathSegment(trxId)}`, idempotent: true, itemIndex },
					context,
				);
				return shapeResult.call(this, result, itemIndex);
			},
		},
	],
};
