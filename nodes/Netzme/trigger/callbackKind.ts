import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

export type CallbackEvent = 'qrisPayment' | 'invoicePaid' | 'other';

export interface CallbackIdentity {
	event: CallbackEvent;
	/** What Netzme's retries of this callback have in common; the dedupe key. */
	key: string;
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/**
 * Netzme posts QRIS payments and paid invoices to the same URL when the partner registers
 * one URL for both; the payloads tell them apart (specs/netzme.md §7).
 */
export function identifyCallback(body: IDataObject, rawBody: string): CallbackIdentity {
	const transactionId = text(body.transactionId);
	const referenceId = text(body.referenceId);
	if (text(body.type) === 'pay_qris' || (body.merchantUserId !== undefined && (transactionId || referenceId))) {
		return { event: 'qrisPayment', key: `qris:${transactionId}:${referenceId}` };
	}
	const invoiceId = text(body.id);
	const invoiceTransaction = text(body.transaction_id);
	if (invoiceTransaction || invoiceId.startsWith('NETZ-INV')) {
		return { event: 'invoicePaid', key: `invoice:${invoiceId}:${invoiceTransaction}` };
	}
	return { event: 'other', key: `other:${createHash('sha256').update(rawBody, 'utf8').digest('hex')}` };
}
