import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/operation';
import { fieldError, parseJsonParameter } from '../../shared/parseInput';
import { withoutSecrets } from '../withoutSecrets';
import { invoiceRequest } from '../transport';
import { RUPIAH_FIELDS } from '../amounts';
import { merchantId, rupiah, stringParameter, wholeRupiah } from './inputs';
import { merchantIdProperty, simplifyProperty } from './properties';
import type { OperationContext } from './context';
import { paymentMethodOptions } from './paymentMethods';
import { waitUntilPaid } from './waitUntilPaid';


const amountProperty: INodeProperties = {
	displayName: 'Amount',
	name: 'amount',
	type: 'number',
	default: 0,
	required: true,
	typeOptions: { minValue: 0, numberPrecision: 0 },
	description: 'Whole rupiah the buyer pays (IDR has no cents in QRIS)',
};

const paymentMethodProperty: INodeProperties = {
	displayName: 'Payment Method',
	name: 'paymentMethod',
	type: 'options',
	options: paymentMethodOptions,
	default: 'QRIS',
	description: 'QRIS gives a QR code any Indonesian bank or e-wallet app can pay',
};

const partnerIdProperty: INodeProperties = {
	displayName: 'Partner Transaction ID',
	name: 'partnerTransactionId',
	type: 'string',
	default: '',
	required: true,
	description: 'Your own unique ID for this invoice; Netzme refuses a second invoice with the same ID, so a repeat cannot bill twice',
};

const qrImageProperties: INodeProperties[] = [
	{
		displayName: 'Put QR Image in Binary Output',
		name: 'qrImageBinary',
		type: 'boolean',
		default: false,
		description: 'Whether to decode the returned QR image (qrImage) into a binary PNG, ready to send or print',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the QR image in',
		displayOptions: { show: { qrImageBinary: [true] } },
	},
];

function additionalFields(withPartnerId: boolean): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Basic Amount',
			name: 'basicAmount',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, numberPrecision: 0 },
			description: 'Whole rupiah; goes into amount_detail.basicAmount',
		},
		{
			displayName: 'Commission Percentage',
			name: 'commission_percentage',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, maxValue: 100 },
		},
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Buyer’s email address' },
		{
			displayName: 'Expire In (Seconds)',
			name: 'expire_in_second',
			type: 'number',
			default: 3600,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			description: 'How long the invoice can be paid',
		},
		{
			displayName: 'Fee Type',
			name: 'fee_type',
			type: 'options',
			options: [
				{ name: 'On Seller', value: 'on_seller' },
				{ name: 'On Buyer', value: 'on_buyer' },
			],
			default: 'on_seller',
			description: 'Who pays the payment fee',
		},
		{ displayName: 'Full Name', name: 'fullname', type: 'string', default: '', description: 'Buyer’s name' },
		{ displayName: 'Image URL', name: 'image_url', type: 'string', default: '' },
		{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
		{ displayName: 'Phone Number', name: 'phone_number', type: 'string', default: '', description: 'Buyer’s phone number' },
		{
			displayName: 'Shipping Amount',
			name: 'shippingAmount',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, numberPrecision: 0 },
			description: 'Whole rupiah; goes into amount_detail.shippingAmount',
		},
		{
			displayName: 'Split Fees (JSON)',
			name: 'splitFees',
			type: 'json',
			default: '[]',
			description: 'Array of split-fee entries as Netzme’s onboarding documents describe them; sets isSplitFee',
		},
		{
			displayName: 'Terminal ID',
			name: 'terminal_id',
			type: 'string',
			default: 'A01',
			description: 'A01 to Z99; tells apart the cashiers of one merchant',
		},
	];
	if (withPartnerId) {
		options.splice(9, 0, {
			displayName: 'Partner Transaction ID',
			name: 'partner_transaction_id',
			type: 'string',
			default: '',
			description: 'Your own ID for this invoice, echoed in the callback',
		});
	}
	return { displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options };
}

async function baseRequest(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const amount = wholeRupiah.call(this, 'amount', RUPIAH_FIELDS.invoiceAmount, itemIndex);
	const request: IDataObject = { merchant: await merchantId.call(this, itemIndex, context), amount };
	const extra = { ...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject) };
	const { basicAmount, shippingAmount, splitFees } = extra;
	delete extra.basicAmount;
	delete extra.shippingAmount;
	delete extra.splitFees;
	if (basicAmount !== undefined || shippingAmount !== undefined) {
		request.amount_detail = {
			basicAmount: rupiah.call(this, basicAmount ?? 0, RUPIAH_FIELDS.basicAmount, itemIndex),
			shippingAmount: rupiah.call(this, shippingAmount ?? 0, RUPIAH_FIELDS.shippingAmount, itemIndex),
		};
	}
	if (extra.commission_percentage !== undefined) {
		const percentage = extra.commission_percentage;
		if (typeof percentage !== 'number' || !Number.isFinite(percentage) || percentage < 0 || percentage > 100) {
			fieldError(this.getNode(), itemIndex, `'Commission Percentage' must be a number from 0 to 100 (got ${JSON.stringify(percentage)})`, 'Enter the commission as a percentage, for example 2.5');
		}
	}
	if (extra.terminal_id !== undefined && !/^[A-Z](0[1-9]|[1-9]\d)$/.test(String(extra.terminal_id))) {
		fieldError(this.getNode(), itemIndex, `'Terminal ID' must be a letter and two digits from A01 to Z99 (got ${JSON.stringify(extra.terminal_id)})`, 'For example A01');
	}
	if (splitFees !== undefined) {
		const entries = parseJsonParameter(this.getNode(), splitFees, 'Split Fees (JSON)', itemIndex);
		if (!Array.isArray(entries)) fieldError(this.getNode(), itemIndex, "'Split Fees (JSON)' must be a JSON array", 'For example [{"merchant": "M_…", "amount": 1000}]');
		if (entries.length) {
			request.isSplitFee = true;
			request.splitFees = entries;
		}
	}
	for (const [key, value] of Object.entries(extra)) {
		if (value !== '' && value !== undefined && value !== null) request[key] = value;
	}
	return request;
}

/** `data:image/png;base64,…` into a binary PNG when asked; the invoice exists either way, so a missing image is not an error. */
async function withQrImage(
	this: IExecuteFunctions,
	json: IDataObject,
	result: IDataObject,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const item: INodeExecutionData = { json };
	if (!this.getNodeParameter('qrImageBinary', itemIndex, false)) return item;
	const match = /^data:([\w/+.-]+);base64,(.+)$/s.exec(String(result.qrImage ?? ''));
	if (!match) return item;
	const property = stringParameter.call(this, 'binaryPropertyName', itemIndex) || 'data';
	const fileName = `${String(result.trxId ?? result.id ?? 'netzme-invoice').replace(/[^\w.-]/g, '_')}.png`;
	item.binary = { [property]: await this.helpers.prepareBinaryData(Buffer.from(match[2], 'base64'), fileName, match[1]) };
	return item;
}

async function createAndShape(
	this: IExecuteFunctions,
	path: string,
	request: IDataObject,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	const envelope = await invoiceRequest.call(this, { path, request, itemIndex }, context);
	const result = (typeof envelope.result === 'object' && envelope.result !== null ? envelope.result : {}) as IDataObject;
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const json = withoutSecrets(simplify ? result : envelope);
	return [await withQrImage.call(this, json, result, itemIndex)];
}

const createTransaction: Operation<OperationContext> = {
	value: 'createTransaction',
	name: 'Create Transaction',
	action: 'Create an invoice transaction',
	description: 'Create an invoice paid with one method (QRIS by default) and get its QR image and payment URL',
	properties: [merchantIdProperty, amountProperty, paymentMethodProperty, additionalFields(true), ...qrImageProperties, simplifyProperty],
	async execute(itemIndex, context) {
		const request = await baseRequest.call(this, itemIndex, context);
		request.payment_method = stringParameter.call(this, 'paymentMethod', itemIndex) || 'QRIS';
		return await createAndShape.call(this, '/api/v1/invoice/createTransaction', request, itemIndex, context);
	},
};

const createValidated: Operation<OperationContext> = {
	value: 'createValidated',
	name: 'Create Validated Transaction',
	action: 'Create an invoice transaction once per partner ID',
	description: 'Like Create Transaction, but Netzme refuses a second invoice with the same Partner Transaction ID',
	properties: [
		merchantIdProperty,
		amountProperty,
		partnerIdProperty,
		paymentMethodProperty,
		additionalFields(false),
		...qrImageProperties,
		simplifyProperty,
	],
	async execute(itemIndex, context) {
		const partnerId = stringParameter.call(this, 'partnerTransactionId', itemIndex);
		if (!partnerId) {
			fieldError(this.getNode(), itemIndex, "'Partner Transaction ID' is required", 'Give your own unique ID for this invoice, for example your order number');
		}
		const request = await baseRequest.call(this, itemIndex, context);
		request.partner_transaction_id = partnerId;
		request.payment_method = stringParameter.call(this, 'paymentMethod', itemIndex) || 'QRIS';
		return await createAndShape.call(this, '/api/v1/invoice/create/validated', request, itemIndex, context);
	},
};

/** One line of a payment link: its unit price in whole rupiah and a whole quantity of 1 or more. */
function itemDetail(this: IExecuteFunctions, entry: IDataObject, itemIndex: number): IDataObject {
	const qty = entry.qty ?? 1;
	if (typeof qty !== 'number' || !Number.isInteger(qty) || qty < 1) {
		fieldError(this.getNode(), itemIndex, `'Items → Quantity' must be a whole number of 1 or more (got ${JSON.stringify(qty)})`, 'Enter how many of the item the buyer pays for, for example 2');
	}
	return { ...entry, amount: rupiah.call(this, entry.amount ?? 0, RUPIAH_FIELDS.itemAmount, itemIndex), qty };
}

const createPaymentLink: Operation<OperationContext> = {
	value: 'createPaymentLink',
	name: 'Create Payment Link',
	action: 'Create a payment link',
	description: 'Create a hosted payment page the buyer can pay with any of several methods',
	properties: [
		merchantIdProperty,
		amountProperty,
		{
			displayName: 'Payment Methods',
			name: 'paymentMethods',
			type: 'multiOptions',
			options: paymentMethodOptions,
			default: ['QRIS'],
			required: true,
			description: 'Methods the buyer can choose from on the payment page',
		},
		{
			displayName: 'Items',
			name: 'itemDetails',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Item',
			default: {},
			options: [
				{
					displayName: 'Item',
					name: 'item',
					values: [
						{ displayName: 'Item ID', name: 'item_id', type: 'string', default: '' },
						{ displayName: 'Name', name: 'name', type: 'string', default: '' },
						{
							displayName: 'Amount',
							name: 'amount',
							type: 'number',
							default: 0,
							typeOptions: { minValue: 0, numberPrecision: 0 },
							description: 'Unit price in whole rupiah',
						},
						{ displayName: 'Quantity', name: 'qty', type: 'number', default: 1, typeOptions: { minValue: 1, numberPrecision: 0 } },
					],
				},
			],
		},
		additionalFields(true),
		simplifyProperty,
	],
	async execute(itemIndex, context) {
		const methods = this.getNodeParameter('paymentMethods', itemIndex, []) as string[];
		if (!Array.isArray(methods) || methods.length === 0) {
			fieldError(this.getNode(), itemIndex, "'Payment Methods' needs at least one method", 'Pick the methods the buyer may use, for example QRIS');
		}
		const request = await baseRequest.call(this, itemIndex, context);
		request.payment_methods = methods;
		const items = ((this.getNodeParameter('itemDetails', itemIndex, {}) as IDataObject).item ?? []) as IDataObject[];
		if (items.length) request.item_details = items.map((entry) => itemDetail.call(this, entry, itemIndex));
		return await createAndShape.call(this, '/api/v1/invoice/create', request, itemIndex, context);
	},
};

export const invoice: Resource<OperationContext> = {
	value: 'invoice',
	name: 'Invoice',
	operations: [createTransaction, createValidated, createPaymentLink, waitUntilPaid],
};
