import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readAllPages } from '../../shared/paging';
import { listRows } from '../operations/output';
import { pageCount, QRIS_LIST } from '../operations/transactionList';
import { tokoRequest } from '../transport';
import type { TokenSession } from '../transport';

/** Pages one poll reads at most; the rest waits for the next poll (every walk has an end). */
export const MAX_POLL_PAGES = 50;

export interface WindowRead {
	rows: IDataObject[];
	/** False when the time budget or the page cap stopped the read before the list's last page. */
	complete: boolean;
}

export interface WindowConfig {
	merchantId: string;
	session: TokenSession;
	/** Stop reading (and keep the rest for the next poll) once this says so. */
	outOfTime: () => boolean;
}

/**
 * Every transaction of the merchant between two Jakarta days (YYYYMMDD), page by page. The first
 * request is the documented one (userId, startdate, enddate: Netzme's own tool sends no page);
 * later pages are asked for with `page`, as the deposit list takes it, only while the answer
 * names more pages (`totalPage`). An answer without a page count is the whole list.
 */
export async function readTransactionWindow(this: IPollFunctions, config: WindowConfig, startdate: string, enddate: string): Promise<WindowRead> {
	let cut = false;
	let pagesRead = 0;
	const rows = await readAllPages({
		voice: { node: this.getNode(), vendor: 'Netzme' },
		maxPages: MAX_POLL_PAGES + 1,
		shouldStop: () => (cut = pagesRead >= MAX_POLL_PAGES || config.outOfTime()),
		readPage: async (index) => {
			const qs: IDataObject = { userId: config.merchantId, startdate, enddate };
			if (index > 0) qs.page = index + 1;
			const result = await tokoRequest.call(
				this,
				{ method: 'GET', path: QRIS_LIST.path, qs, idempotent: true, itemIndex: 0 },
				{ session: config.session, timeoutMs: 30_000, maxRetries: 3 },
			);
			pagesRead++;
			const body = result.envelope.body;
			if (body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0)) return { rows: [], last: true };
			const pageRows = listRows(body);
			if (!pageRows) {
				throw new NodeOperationError(this.getNode(), 'Netzme answered the transaction list without a list of transactions', {
					description: 'The list’s shape is not documented by Netzme and may have changed; check it with Transaction → Get Many on the Netzme node.',
				});
			}
			const total = pageCount(body);
			return { rows: pageRows, last: total === undefined || index + 1 >= total };
		},
	});
	return { rows, complete: !cut };
}
