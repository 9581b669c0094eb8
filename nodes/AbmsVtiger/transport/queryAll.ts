import type { IDataObject } from 'n8n-workflow';

import { pageSizeFor, readAllPages } from '../../shared/paging';
import type { SessionGate } from './sessionGate';
import type { VtigerContext } from './vtigerCall';
import { vtigerCall, VTIGER_VOICE } from './vtigerCall';

export const VTIGER_PAGE_SIZE = 100;

export interface PagedQuery {
	/** A SELECT without LIMIT and without the trailing semicolon. */
	query: string;
	/** Stop after this many rows; undefined reads to the end. */
	limit?: number;
	itemIndex?: number;
	subject?: string;
	timeoutMs?: number;
	maxRetries?: number;
	/** Return early (rows so far) when this says so, e.g. a poll running out of time. */
	shouldStop?: () => boolean;
}

/**
 * Pages with LIMIT offset,100. vtiger drops rows the user may not see after applying
 * the LIMIT, so a page shorter than asked does not mean the end: only an empty page does (or,
 * from a server that ignores the offset, the same page twice: readAllPages stops there).
 */
export async function vtigerQueryAll(this: VtigerContext, gate: SessionGate, paged: PagedQuery): Promise<IDataObject[]> {
	// The same page size throughout, even when rows turn out hidden: fewer requests than chasing the remainder.
	const size = pageSizeFor(paged.limit, VTIGER_PAGE_SIZE);
	return await readAllPages({
		voice: { node: this.getNode(), vendor: VTIGER_VOICE.name, itemIndex: paged.itemIndex },
		limit: paged.limit,
		shouldStop: paged.shouldStop,
		readPage: async (index) => {
			const page = await vtigerCall.call(this, gate, {
				operation: 'query',
				method: 'GET',
				params: { query: `${paged.query} LIMIT ${index * size}, ${size};` },
				subject: paged.subject,
				itemIndex: paged.itemIndex,
				timeoutMs: paged.timeoutMs,
				maxRetries: paged.maxRetries,
			});
			return { rows: (Array.isArray(page) ? page : []) as IDataObject[] };
		},
	});
}
