import type { IDataObject } from 'n8n-workflow';

import type { Resource } from '../../shared/operation';
import { fieldError } from '../../shared/parseInput';
import { formatAmount, RUPIAH_FIELDS } from '../amounts';
import { tokoRequest } from '../transport';
import { merchantId, requiredId, stringParameter, wholeRupiah } from './inputs';
import { shapeResult } from './output';
import { merchantIdProperty, simplifyProperty } from './properties';
import type { OperationContext } from './context';
import { paymentMethodOptions } from './paymentMethods';


export const splitFee: Resource<OperationContext> = {
	value: 'splitFee',
	name: 'Split Fee',
	operations: [
		{
			value: 'notify',
			name: 'Send Payment Notification',
			action: 'Deduct the deposit and split the fee',
			description:
				'Report a paid transaction so Netzme deducts the fee from the deposit and splits it; a transaction ID is accepted once',
			properties: [
				merchantIdProperty,
				{
					displayName: 'Transaction ID',
					name: 'transactionId',
					type: 'string',
					default: '',
					required: true,
					description: 'Your own unique ID of the paid transaction; Netzme rejects a repeat with transaction_already_exist',
				},
				{
					displayName: 'Paid Amount',
					name: 'paidAmount',
					type: 'number',
					default: 0,
					required: true,
					typeOptions: { minValue: 0, numberPrecision: 0 },
					description: 'Whole rupiah the buyer paid (IDR has no cents in QRIS); sent as "IDR 200000.00"',
				},
				{
					displayName: 'MDR Fee Amount',
					name: 'mdrFeeAmount',
					type: 'number',
					default: 0,
					typeOptions: { minValue: 0, numberPrecision: 0 },
					description: 'Merchant discount rate fee in whole rupiah, at most the paid amount',
				},
				{
					displayName: 'Payment Method',
					name: 'paymentMethod',
					type: 'options',
					options: paymentMethodOptions,
					default: 'QRIS',
				},
				{
					displayName: 'Additional Fields',
					name: 'additionalFields',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					options: [
						{ displayName: 'Bank Name', name: 'bankName', type: 'string', default: '' },
						{ displayName: 'Description', name: 'desc', type: 'string', default: '', description: 'Goes into additionals.desc' },
						{ displayName: 'Product Name', name: 'productName', type: 'string', default: '' },
						{ displayName: 'Quantity', name: 'qty', type: 'number', default: 1, description: 'Goes into additionals.qty' },
						{ displayName: 'SKU', name: 'sku', type: 'string', default: '' },
					],
				},
				simplifyProperty,
			],
			async execute(itemIndex, context) {
				const transactionId = requiredId.call(this, 'transactionId', 'Transaction ID', itemIndex, 'INV-2024-0001');
				const paid = wholeRupiah.call(this, 'paidAmount', RUPIAH_FIELDS.paidAmount, itemIndex);
				const mdr = wholeRupiah.call(this, 'mdrFeeAmount', RUPIAH_FIELDS.mdrFeeAmount, itemIndex);
				if (mdr > paid) {
					fieldError(this.getNode(), itemIndex,
						`'MDR Fee Amount' ${mdr} is more than 'Paid Amount' ${paid}`,
						'The MDR fee is the part of the paid amount the acquirer keeps: it cannot exceed it. Check that the two fields are not swapped.',
					);
				}
				const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
				const body: IDataObject = {
					merchantId: await merchantId.call(this, itemIndex, context),
					transactionId,
					sku: extra.sku ?? '',
					productName: extra.productName ?? '',
					paymentStatus: 'paid',
					paymentMethod: stringParameter.call(this, 'paymentMethod', itemIndex) || 'QRIS',
					bankName: extra.bankName ?? '',
					paidAmount: formatAmount(paid),
					mdrFeeAmount: formatAmount(mdr),
					additionals: { qty: extra.qty ?? 1, desc: extra.desc ?? '' },
				};
				const result = await tokoRequest.call(
					this,
					{
						method: 'POST',
						path: '/api/aggregator/merchant/payment/notif',
						type: 'payment_notification_to_split_fee',
						body,
						idempotent: false,
						itemIndex,
					},
					context,
				);
				return shapeResult.call(this, result, itemIndex);
			},
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a split fee notification',
			description: 'Look a payment notification up by the requestId it was sent with',
			properties: [
				{
					displayName: 'Request ID',
					name: 'requestId',
					type: 'string',
					default: '',
					required: true,
					description: 'The requestId that Send Payment Notification returned',
				},
				simplifyProperty,
			],
			async execute(itemIndex, context) {
				const requestId = requiredId.call(this, 'requestId', 'Request ID', itemIndex, 'the requestId returned by Send Payment Notification');
				const result = await tokoRequest.call(
					this,
					{
						method: 'GET',
						path: '/public/api/v1/payment/notif/trx',
						qs: { request_id: requestId, type: 'requestId' },
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
