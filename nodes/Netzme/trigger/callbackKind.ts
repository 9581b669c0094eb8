import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { idField } from '../../shared/webhookReply';
import { parseAmount } from '../amounts';

export type CallbackEvent = 'qrisPayment' | 'invoicePaid' | 'withdrawStatus' | 'other';

/** A withdrawal's status report, in the names the workflow gets (Netzme's own stay on the item too). */
export interface WithdrawalStatus {
	/** Netzme's reference of the withdrawal (customerReffNum from Submit, originalReferenceNo in SNAP). */
	referenceNo: string;
	/** The partner's own reference, when the callback carries one. */
	partnerReferenceNo?: string;
	/** As Netzme wrote it (SUCCESS, FAILED, PENDING, 00…); empty when the callback has none. */
	status: string;
	amount?: number;
}

export type Callback =
	| { event: 'qrisPayment'; key: string; rrn: string; transactionId: string; amount: number }
	| { event: 'invoicePaid'; key: string; trxId: string; invoiceId: string; amount: number }
	| { event: 'withdrawStatus'; key: string; withdrawal: WithdrawalStatus }
	| { event: 'other'; key: string };

const WITHDRAW_REFERENCES = ['originalReferenceNo', 'customerReffNum', 'referenceNo'];
const WITHDRAW_STATUSES = ['latestTransactionStatus', 'transactionStatus', 'status', 'withdrawStatus', 'transactionStatusDesc'];

function firstText(body: IDataObject, names: string[]): string {
	for (const name of names) {
		const value = body[name];
		if ((typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value))) return String(value).trim();
	}
	return '';
}

/** SNAP writes money as {value: "37995.00", currency: "IDR"}; the Toko API as "IDR 37995.00". */
function withdrawalAmount(value: unknown): number | undefined {
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) return parseAmount((value as IDataObject).value);
	return parseAmount(value);
}

/**
 * The withdraw callback (Netzme's third callback target, next to notify and create_invoice).
 * Netzme publishes no non-SNAP payload; the SNAP one carries originalReferenceNo,
 * originalPartnerReferenceNo, the amount and the status
 * (https://apidocs-vsnap.netzme.id/api-reference/toko-netzme/), and Submit Withdraw answers
 * with customerReffNum, so either names it.
 */
function looksWithdraw(body: IDataObject): boolean {
	if (/withdraw/i.test(typeof body.type === 'string' ? body.type : '')) return true;
	return body.originalReferenceNo !== undefined || body.originalPartnerReferenceNo !== undefined || body.customerReffNum !== undefined;
}

/** A reference that only names the event (it is looked up nowhere): printable text up to 128 characters, or a whole number. */
function referenceField(body: IDataObject, name: string): string | undefined {
	const value = body[name];
	if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return /^[\x21-\x7e]{1,128}$/.test(trimmed) ? trimmed : undefined;
}

function identifyWithdrawal(body: IDataObject): Callback | { malformed: string } {
	let referenceNo: string | undefined;
	for (const name of WITHDRAW_REFERENCES) {
		if (body[name] === undefined) continue;
		referenceNo = referenceField(body, name);
		if (!referenceNo) return { malformed: `${name} (the withdrawal's reference) must be non-empty text without spaces` };
		break;
	}
	const partnerReferenceNo = body.originalPartnerReferenceNo === undefined ? undefined : referenceField(body, 'originalPartnerReferenceNo');
	if (body.originalPartnerReferenceNo !== undefined && !partnerReferenceNo) return { malformed: 'originalPartnerReferenceNo must be non-empty text without spaces' };
	referenceNo ??= partnerReferenceNo;
	if (!referenceNo) return { malformed: 'a withdraw callback needs originalReferenceNo or customerReffNum (the withdrawal\'s reference)' };
	const status = firstText(body, WITHDRAW_STATUSES);
	const amount = withdrawalAmount(body.amount ?? body.withdrawalAmount);
	const withdrawal: WithdrawalStatus = {
		referenceNo,
		...(partnerReferenceNo && partnerReferenceNo !== referenceNo ? { partnerReferenceNo } : {}),
		status,
		...(amount === undefined ? {} : { amount }),
	};
	// One withdrawal reports each status once (PENDING, then SUCCESS): a repeat of the same status is a resend.
	return { event: 'withdrawStatus', key: `withdraw:${referenceNo}:${status.toLowerCase()}`, withdrawal };
}

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
	if (looksWithdraw(body)) return identifyWithdrawal(body);
	return { event: 'other', key: `other:${createHash('sha256').update(rawBody, 'utf8').digest('hex')}` };
}
