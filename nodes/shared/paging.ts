import type { IDataObject } from 'n8n-workflow';

/** One page as a vendor returned it. */
export interface Page {
	rows: IDataObject[];
	/** The vendor says there is nothing after this page (a total page count, a short page). */
	last?: boolean;
}

export interface PageWalk {
	/** Stop after this many rows; undefined reads to the end (Return All). */
	limit?: number;
	/** Reads the page with this 0-based index. */
	readPage(index: number): Promise<Page>;
	/** Return the rows so far when this says so, e.g. a poll running out of time. */
	shouldStop?: () => boolean;
}

/** How much of a list a vendor's Return All / Limit reader fetches. */
export interface PageOptions {
	/** Stop after this many rows; undefined reads to the end. */
	limit?: number;
	/** The largest page to ask for; each vendor's reader has its own default. */
	pageSize?: number;
}

/** The page size to ask for: the vendor's page, or less when fewer rows are wanted. */
export function pageSizeFor(limit: number | undefined, maxPageSize: number): number {
	return limit === undefined ? maxPageSize : Math.min(maxPageSize, limit);
}

/**
 * Return All and Limit for every vendor: reads pages until an empty one, the vendor's last one,
 * or the limit. Any further stop rule (a repeated page, a page cap) belongs here, once.
 */
export async function readAllPages(walk: PageWalk): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	for (let index = 0; ; index++) {
		const page = await walk.readPage(index);
		if (page.rows.length === 0) return rows;
		rows.push(...page.rows);
		if (walk.limit !== undefined && rows.length >= walk.limit) return rows.slice(0, walk.limit);
		if (page.last || walk.shouldStop?.()) return rows;
	}
}

/**
 * readAllPages for a vendor that takes a page size: pages of `options.pageSize` rows at most (the
 * vendor's `defaultPageSize` when not given), fewer when the limit wants fewer.
 */
export async function readSizedPages(
	options: PageOptions,
	defaultPageSize: number,
	readPage: (index: number, size: number) => Promise<Page>,
): Promise<IDataObject[]> {
	const size = pageSizeFor(options.limit, options.pageSize ?? defaultPageSize);
	return await readAllPages({ limit: options.limit, readPage: async (index) => await readPage(index, size) });
}
