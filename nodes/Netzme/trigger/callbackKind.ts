import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { idField } from '../../shared/webhookReply';
import { parseAmount } from '../amounts';

export type CallbackEvent = 'qrisPayment' | 'invoicePaid' | 'other';

export type Callback =
	| { event: 'qrisPayment'; key: string; rrn: string; transactionId: string; amount: number }
	| { event: 'invoicePaid'; key: string; trxId: string; invoiceId: string; amount: number }
	| { event: 'other'; key: string };

/**
 * What a callback is, and the id Netzme's own record of it carries (the dedupe key). Netzme
 * posts QRIS payments and paid invoices to the same URL when the partner registers one URL for
 * both, so the payload tells them apart (https://docs.netzme.com, "Callback" pages). A payment
 * callback without usable ids or amount cannot be confirmed: it is malformed, not "other".
 */
export function identifyCallback(body: IDataObject, rawBody: string): Callback | { malformed: string } {
	const looksQris = body.type === 'pay_qris' || (body.merchantUserId !== undefined && (body.transactionId !== undefined || body.referenceId !== undefined));
	if (looksQris) {
		const rrn = idField(body, 'referenceId');
		const transactionId = idField(body, 'transactionId');
		const amount = parseAmount(body.amount);
		if (!rrn) return { malformed: 'referenceId (the RRN) must be a non-empty id string' };
		if (!transactionId) return { malformed: 'transactionId must be a non-empty id string' };
		if (amount === undefined) return { malformed: 'amount is missing or not an amount' };
		return { event: 'qrisPayment', key: `qris:${rrn}`, rrn, transactionId, amount };
	}
	const looksInvoice = body.transaction_id !== undefined || (typeof body.id === 'string' && body.id.startsWith('NETZ-INV'));
	if (looksInvoice) {
		const trxId = idField(body, 'transaction_id');
		const invoiceId = idField(body, 'id');
		const amount = parseAmount(body.amount);
		if (!trxId) return { malformed: 'transaction_id must be a non-empty id string' };
		if (!invoiceId) return { malformed: 'id (the invoice id) must be a non-empty id string' };
		if (amount === undefined) return { malformed: 'amount is missing or not an amount' };
		return { event: 'invoicePaid', key: `invoice:${trxId}`, trxId, invoiceId, amount };
	}
	return { event: 'other', key: `other:${createHash('sha256').update(rawBody, 'utf8').digest('hex')}` };
}
