import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError, isEmpty } from '../../shared/parseInput';
import { parseAmount, RUPIAH_FIELDS } from '../amounts';
import type { TokoCall, TokoResult } from '../transport';
import { tokoRequest } from '../transport';
import { merchantId, wholeRupiah } from './inputs';
import { shapeResult } from './output';
import { pinRequest } from './pin';
import type { OperationContext } from './context';

export const amountProperty: INodeProperties = {
	displayName: 'Amount',
	name: 'amount',
	type: 'number',
	default: 0,
	required: true,
	typeOptions: { minValue: 0, numberPrecision: 0 },
	description:
		'Rupiah to withdraw. Netzme accepts only exactly the amount its inquiry offers: map withdrawalAmount from the Inquiry operation here. The node checks it against a fresh inquiry before sending.',
};

const BANK_FIELDS = ['accountHolderName', 'bankAccountNumber', 'bankName', 'bankCode'];

export interface WithdrawRoute {
	inquiry: (merchant: string, itemIndex: number) => TokoCall;
	submitPath: string;
	label: string;
}

/**
 * Inquiry, then submit of exactly the inquired amount to the bank account on file. The
 * submit moves money, so it is sent once: never resent after an unclear answer.
 */
export async function inquireAndWithdraw(
	this: IExecuteFunctions,
	route: WithdrawRoute,
	itemIndex: number,
	context: OperationContext,
): Promise<IDataObject> {
	const merchant = await merchantId.call(this, itemIndex, context);
	const amount = wholeRupiah.call(this, 'amount', RUPIAH_FIELDS.withdrawalAmount, itemIndex);
	const pin = pinRequest.call(this, merchant, itemIndex);

	const inquiry = await tokoRequest.call(this, route.inquiry(merchant, itemIndex), context);
	const offer = (inquiry.envelope.body ?? {}) as IDataObject;
	const available = parseAmount(offer.withdrawalAmount);
	if (available === undefined) {
		fieldError(this.getNode(), itemIndex,
			`Netzme's ${route.label} inquiry gave no usable withdrawal amount (${JSON.stringify(offer.withdrawalAmount ?? null)})`,
			'Nothing was withdrawn. Run the Inquiry operation to see what Netzme answers for this merchant.',
		);
	}
	if (offer.amountAllowed === false || String(offer.amountAllowed).toLowerCase() === 'false') {
		fieldError(this.getNode(), itemIndex,
			`Netzme does not allow a ${route.label} for this merchant now (amountAllowed is false)`,
			'Nothing was withdrawn. Try again after the balance settles.',
		);
	}
	if (amount !== available) {
		fieldError(this.getNode(), itemIndex,
			`'Amount' ${amount} differs from the ${available} that Netzme's ${route.label} inquiry offers`,
			'Nothing was withdrawn. Netzme accepts only exactly the inquiry amount: run Inquiry again and map its withdrawalAmount into Amount.',
		);
	}
	const missing = BANK_FIELDS.filter((field) => isEmpty(offer[field]));
	if (missing.length) {
		fieldError(this.getNode(), itemIndex,
			`Netzme's ${route.label} inquiry did not return the bank account (${missing.join(', ')} missing)`,
			'Nothing was withdrawn. The merchant needs a bank account on file with Netzme.',
		);
	}

	const body: IDataObject = { userId: merchant, withdrawalAmount: amount };
	for (const field of BANK_FIELDS) body[field] = offer[field];
	const submitted: TokoResult = await tokoRequest.call(
		this,
		{ method: 'POST', path: route.submitPath, type: 'submit_withdraw', body, pinFor: pin, idempotent: false, itemIndex },
		context,
	);
	return shapeResult.call(this, submitted, itemIndex);
}
