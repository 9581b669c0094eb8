import type { Resource } from '../../shared/operation';
import { encodePathSegment } from '../../shared/parseInput';
import { tokoRequest } from '../transport';
import { requiredId } from './inputs';
import { invoiceStatusCall, invoiceTrxId, invoiceTrxIdProperty } from './invoiceStatus';
import { shapeResult } from './output';
import { QRIS_LIST, transactionList } from './transactionList';
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
			description: 'List a merchant’s QRIS transactions between two dates; Return All reads every page',
			properties: [merchantIdProperty, ...dateRangeProperties, ...returnAllProperties, simplifyProperty],
			async execute(itemIndex, context) {
				return await transactionList.call(this, QRIS_LIST, itemIndex, context);
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
