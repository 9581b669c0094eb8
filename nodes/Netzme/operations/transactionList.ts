import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { asItems, readLimit } from '../../shared/listOutput';
import { readAllPages } from '../../shared/paging';
import { amountsWithText } from '../amounts';
import { tokoRequest } from '../transport';
import { withoutSecrets } from '../withoutSecrets';
import type { OperationContext } from './context';
import { dateRange, merchantId } from './inputs';
import { listRows, shapeResult } from './output';

/** Where a page says how many pages there are; Netzme documents no list shape, so the usual spellings. */
const PAGE_COUNT_KEYS = ['totalPage', 'totalPages', 'total_page'];

export function pageCount(body: unknown): number | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	for (const key of PAGE_COUNT_KEYS) {
		const value = Number((body as IDataObject)[key]);
		if (Number.isInteger(value) && value >= 1) return value;
	}
	return undefined;
}

/** A Netzme transaction list and how it is paged. */
export interface TransactionList {
	path: string;
	/**
	 * Whether the first request names its page. The deposit list is paged by `page` from 1
	 * (`…/deposit/transaction/list?userId=&startdate=&enddate=&page=1`, Netzme's own tooling); the
	 * QRIS list is documented without one, so `page` is sent only from page 2, once the first
	 * answer has said how many pages there are.
	 */
	pageOnFirst: boolean;
}

export const DEPOSIT_LIST: TransactionList = { path: '/api/aggregator/merchant/deposit/transaction/list', pageOnFirst: true };
export const QRIS_LIST: TransactionList = { path: '/api/aggregator/merchant/qr/transaction/list', pageOnFirst: false };

/**
 * Get Many of a transaction list (the Toko docs at https://apidocs.netzme.id/api-reference/toko-netzme/
 * publish no page size or shape). Pages are read until the vendor's page count, an empty page,
 * the Limit, or the shared reader's cap; a page that repeats an earlier one ends the walk with an
 * error. Without a page count in the answer there is no second page to ask for.
 */
export async function transactionList(this: IExecuteFunctions, list: TransactionList, itemIndex: number, context: OperationContext): Promise<IDataObject[]> {
	const range = dateRange.call(this, itemIndex);
	const limit = readLimit.call(this, itemIndex);
	const userId = await merchantId.call(this, itemIndex, context);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const envelopes: IDataObject[] = [];
	let unlisted: IDataObject | undefined;
	const rows = await readAllPages({
		limit,
		voice: { node: this.getNode(), vendor: 'Netzme', itemIndex },
		readPage: async (index) => {
			const page = index + 1;
			const result = await tokoRequest.call(
				this,
				{ method: 'GET', path: list.path, qs: { userId, ...range, ...(page > 1 || list.pageOnFirst ? { page } : {}) }, idempotent: true, itemIndex },
				context,
			);
			envelopes.push(result.envelope);
			const body = result.envelope.body;
			const listed = listRows(body);
			if (!listed) {
				// No list in the body at all: shown as it came rather than dropped.
				if (index === 0) unlisted = shapeResult.call(this, result, itemIndex);
				return { rows: [], last: true };
			}
			const count = pageCount(body);
			return { rows: listed, last: count === undefined ? !list.pageOnFirst : page >= count };
		},
	});
	if (!simplify) return envelopes.map((envelope) => withoutSecrets(envelope));
	if (unlisted) return [unlisted];
	return asItems(rows).map((row) => withoutSecrets(amountsWithText(row)));
}
