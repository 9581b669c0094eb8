import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { encodePathSegment } from '../../shared/parseInput';
import type { TokoCall } from '../transport';
import { requiredId } from './inputs';

/* The invoice transaction status lookup, which Transaction → Get Invoice Status and Invoice → Wait Until Paid share. */

export const invoiceTrxIdProperty: INodeProperties = {
	displayName: 'Invoice Transaction ID',
	name: 'trxId',
	type: 'string',
	default: '',
	required: true,
	description: 'The trxId returned by Invoice → Create (also transaction_id in the invoice-paid callback)',
};

export function invoiceTrxId(this: IExecuteFunctions, itemIndex: number): string {
	return requiredId.call(this, 'trxId', 'Invoice Transaction ID', itemIndex, 'the trxId from Invoice → Create');
}

/** A status read moves nothing, so it may be resent. */
export function invoiceStatusCall(trxId: string, itemIndex: number): TokoCall {
	return { method: 'GET', path: `/api/aggregator/merchant/invoice/transaction/${encodePathSegment(trxId)}`, idempotent: true, itemIndex };
}
