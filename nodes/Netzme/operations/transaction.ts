import type { Resource } from '../../shared/operation';
import { readLimit } from '../../shared/listOutput';
import { encodePathSegment } from '../../shared/parseInput';
import { tokoRequest } from '../transport';
import { dateRange, merchantId, requiredId } from './inputs';
import { invoiceStatusCall, invoiceTrxId, invoiceTrxIdProperty } from './invoiceStatus';
import { shapeList, shapeResult } from './output';
import { dateRangeProperties, merchantIdProperty, returnAllProperties, simplifyProperty } from './properties';
import type { OperationContext } from './context';

export const transaction: Resource<OperationContext> = {
	value: 'transaction',
	name: 'Transaction',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many QRIS transactions',
			description: 'List a merchant’s QRIS transactions between two dates',
			properties: [merchantIdProperty, ...dateRangeProperties, ...returnAllProperties, simplifyProperty],
			async execute(itemIndex, context) {
				const range = dateRange.call(this, itemIndex);
				readLimit.call(this, itemIndex); // a bad Limit fails the item before anything is sent
				const result = await tokoRequest.call(
					this,
					{
						method: 'GET',
						path: '/api/aggregator/merchant/qr/transaction/list',
						qs: { userId: await merchantId.call(this, itemIndex, context), ...range },
						idempotent: true,
						itemIndex,
					},
					context,
				);
				return shapeList.call(this, result, itemIndex);
			},
		},
		{
			value: 'getInvoiceStatus',
			name: 'Get Invoice Status',
			action: 'Get the status of an invoice transaction',
			description: 'Get an invoice transaction’s status (INIT, SUCCESS, CLOSED…), amount and payment time by its trxId',
			properties: [invoiceTrxIdProperty, simplifyProperty],
			async execute(itemIndex, context) {
				const trxId = invoiceTrxId.call(this, itemIndex);
				const result = await tokoRequest.call(this, invoiceStatusCall(trxId, itemIndex), context);
				return shapeResult.call(this, result, itemIndex);
			},
		},
		{
			value: 'getByRrn',
			name: 'Get QRIS Transaction by RRN',
			action: 'Get a QRIS transaction by RRN',
			description: 'Get an acquired QRIS payment (amount, MDR, issuer, customer) by its retrieval reference number',
			properties: [
				{
					displayName: 'RRN',
					name: 'rrn',
					type: 'string',
					default: '',
					required: true,
					description: 'Retrieval reference number of the QRIS payment (referenceId in the QRIS payment callback)',
				},
				simplifyProperty,
			],
			async execute(itemIndex, context) {
				const rrn = requiredId.call(this, 'rrn', 'RRN', itemIndex, '123456789012');
				const result = await tokoRequest.call(
					this,
					{
						method: 'GET',
						path: `/api/aggregator/merchant/qris/acquire/transaction/${encodePathSegment(rrn)}`,
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
