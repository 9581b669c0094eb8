import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { parseAmount } from '../amounts';
import { tokoRequest } from '../transport';
import type { CallbackEvent } from './callbackKind';

export type Verification =
	| { verified: true; record: IDataObject }
	| { verified: false; reason: string; record?: IDataObject; unreachable?: boolean };

const PAID = new Set(['success', 'paid', 'settled', 'settlement', '100']);

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

function amountsAgree(callbackAmount: unknown, recordAmount: unknown): boolean {
	const a = parseAmount(callbackAmount);
	const b = parseAmount(recordAmount);
	return a === undefined || b === undefined || a === b;
}

/**
 * Netzme signs no non-SNAP callback, so the strongest check is to ask Netzme itself: the
 * invoice transaction (by trxId) or the QRIS acquirer record (by RRN) must exist, be paid and
 * carry the same amount. When the API cannot answer, the verdict says so, so the caller can make Netzme retry.
 */
export async function verifyByLookup(this: IWebhookFunctions, event: CallbackEvent, body: IDataObject): Promise<Verification> {
	let path: string;
	if (event === 'invoicePaid') {
		const trxId = text(body.transaction_id);
		if (!/^[A-Za-z0-9_.:-]+$/.test(trxId)) return { verified: false, reason: 'the callback has no usable transaction_id' };
		path = `/api/aggregator/merchant/invoice/transaction/${trxId}`;
	} else if (event === 'qrisPayment') {
		const rrn = text(body.referenceId);
		if (!/^[A-Za-z0-9_.:-]+$/.test(rrn)) return { verified: false, reason: 'the callback has no usable referenceId (RRN)' };
		path = `/api/aggregator/merchant/qris/acquire/transaction/${rrn}`;
	} else {
		return { verified: false, reason: 'Netzme offers no lookup for this kind of callback' };
	}

	let record: IDataObject;
	try {
		const result = await tokoRequest.call(
			this,
			{ method: 'GET', path, idempotent: true, itemIndex: 0 },
			{ session: {}, timeoutMs: 10_000, maxRetries: 1 },
		);
		record = (result.envelope.body ?? {}) as IDataObject;
	} catch (error) {
		// Netzme answering "not found" is a verdict; anything else means we could not check.
		if ((error as { context?: IDataObject }).context?.netzmeStatus === '404') {
			return { verified: false, reason: 'Netzme has no such transaction' };
		}
		return { verified: false, unreachable: true, reason: (error as Error).message };
	}
	if (!PAID.has(text(record.status).toLowerCase())) {
		return { verified: false, reason: `Netzme reports the transaction as ${text(record.status) || 'unknown'}`, record };
	}
	if (!amountsAgree(body.amount, record.amount)) {
		return { verified: false, reason: `the amount differs from Netzme's record (${text(record.amount)})`, record };
	}
	return { verified: true, record };
}
