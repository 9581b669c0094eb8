import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { encodePathSegment, trimmedText } from '../../shared/parseInput';
import { parseAmount } from '../amounts';
import { tokoRequest } from '../transport';
import type { Callback } from './callbackKind';
import { isPaidStatus } from '../paidStatus';

type PaymentCallback = Extract<Callback, { event: 'qrisPayment' | 'invoicePaid' }>;

export type Confirmation =
	| { confirmed: true; record: IDataObject; identity: IDataObject; unconfirmedFields: string[] }
	| { confirmed: false; reason: string; unreachable?: boolean };

/** The first of these record fields that is present (Netzme documents no record shape). */
function recordField(record: IDataObject, names: string[]): string | undefined {
	for (const name of names) if (trimmedText(record[name]) !== '') return trimmedText(record[name]);
	return undefined;
}

/**
 * Netzme signs no non-SNAP callback, so the callback is only a hint: Netzme's own record (the
 * invoice transaction by trxId, the QRIS acquirer record by RRN) must exist, be paid, carry the
 * same amount, and agree on every id and the merchant the record names. The identity the
 * workflow gets comes from the record; where the record lacks a field, the callback's value is
 * kept and named in unconfirmedFields.
 */
export async function confirmWithNetzme(this: IWebhookFunctions, callback: PaymentCallback, body: IDataObject): Promise<Confirmation> {
	const path =
		callback.event === 'invoicePaid'
			? `/api/aggregator/merchant/invoice/transaction/${encodePathSegment(callback.trxId)}`
			: `/api/aggregator/merchant/qris/acquire/transaction/${encodePathSegment(callback.rrn)}`;
	let record: IDataObject;
	try {
		const result = await tokoRequest.call(this, { method: 'GET', path, idempotent: true, itemIndex: 0 }, { session: {}, timeoutMs: 10_000, maxRetries: 1 });
		record = (result.envelope.body ?? {}) as IDataObject;
	} catch (error) {
		// Netzme answering "not found" is a verdict; anything else means we could not check.
		if ((error as { context?: IDataObject }).context?.netzmeStatus === '404') return { confirmed: false, reason: 'Netzme has no such transaction' };
		return { confirmed: false, unreachable: true, reason: (error as Error).message };
	}
	if (!isPaidStatus(record.status)) {
		return { confirmed: false, reason: `Netzme reports the transaction as ${trimmedText(record.status) || 'unknown'}` };
	}
	const recordAmount = parseAmount(record.amount);
	if (recordAmount === undefined) return { confirmed: false, reason: "Netzme's record has no readable amount" };
	if (recordAmount !== callback.amount) return { confirmed: false, reason: `the amount differs from Netzme's record (${trimmedText(record.amount)})` };

	// [callback field, value the callback gave, record fields that may hold the same thing]
	const ids: Array<[string, string, string[]]> =
		callback.event === 'invoicePaid'
			? [
					['transaction_id', callback.trxId, ['trxId', 'transactionId']],
					['id', callback.invoiceId, ['invoiceId', 'id']],
					['merchant', trimmedText(body.merchant), ['merchant', 'merchantId', 'userId']],
				]
			: [
					['referenceId', callback.rrn, ['rrn', 'referenceId']],
					['transactionId', callback.transactionId, ['transactionId']],
					['merchantUserId', trimmedText(body.merchantUserId), ['merchantId', 'merchantUserId', 'userId']],
				];
	const identity: IDataObject = { amount: record.amount as IDataObject[string], status: trimmedText(record.status) };
	const unconfirmedFields: string[] = [];
	for (const [field, given, names] of ids) {
		const known = recordField(record, names);
		if (known === undefined) {
			if (given !== '') unconfirmedFields.push(field);
			continue;
		}
		if (known !== given) return { confirmed: false, reason: `${field} differs from Netzme's record` };
		identity[field] = known;
	}
	const paidAt = recordField(record, ['paidTs', 'paidTime', 'createdTs']);
	if (paidAt !== undefined) identity[callback.event === 'invoicePaid' ? 'payment_time' : 'paidTs'] = paidAt;
	return { confirmed: true, record, identity, unconfirmedFields };
}
