import { createHash } from 'node:crypto';

import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** One page as a vendor returned it. */
export interface Page {
	rows: IDataObject[];
	/** The vendor says there is nothing after this page (a total page count, a short page). */
	last?: boolean;
}

/**
 * Return All reads at most this many pages (a million rows at the vendors' 100-row pages). A list
 * longer than that is better read with a filter or Limit; a vendor that never says "last" must
 * not keep a run going forever.
 */
export const MAX_PAGES = 10_000;

/** Who pages, for the error that ends an endless walk. */
export interface PagingVoice {
	node: INode;
	/** `Qontak CRM`, `ABMS vtiger`. */
	vendor: string;
	itemIndex?: number;
}

export interface PageWalk {
	/** Stop after this many rows (kept rows, when `keep` is given); undefined reads to the end (Return All). */
	limit?: number;
	/**
	 * Which rows to return, for a filter the vendor's list cannot apply: the walk goes on until
	 * `limit` rows passed it or the pages run out.
	 */
	keep?: (row: IDataObject) => boolean;
	/**
	 * Each page's kept rows as the output wants them (Simplify), applied as the page arrives: the
	 * vendor's rows of one page are then held at a time, not all of them beside their new form.
	 */
	reshape?: RowsReshape;
	/** Reads the page with this 0-based index. */
	readPage(index: number): Promise<Page>;
	/** Return the rows so far when this says so, e.g. a poll running out of time. */
	shouldStop?: () => boolean;
	/** Named in the error that ends an endless walk. */
	voice: PagingVoice;
	/** Default MAX_PAGES. */
	maxPages?: number;
}

/** A page's rows in the form the output takes; the same number of rows, in order. */
export type RowsReshape = (rows: IDataObject[]) => IDataObject[];

/** How much of a list a vendor's Return All / Limit reader fetches. */
export interface PageOptions {
	/** Stop after this many rows; undefined reads to the end. */
	limit?: number;
	/** Return only the rows this passes (a filter applied in n8n); `limit` counts those. */
	keep?: (row: IDataObject) => boolean;
	/** See PageWalk.reshape. */
	reshape?: RowsReshape;
	/** The largest page to ask for; each vendor's reader has its own default. */
	pageSize?: number;
}

/** The page size to ask for: the vendor's page, or less when fewer rows are wanted. */
export function pageSizeFor(limit: number | undefined, maxPageSize: number): number {
	return limit === undefined ? maxPageSize : Math.min(maxPageSize, limit);
}

/**
 * What makes a page that page: the ids of its rows in order (every vendor here keys its rows by
 * `id`), or the whole row where there is none. Two reads of different pages never agree on it.
 * Hashed, so remembering every page of a long walk stays small.
 */
function fingerprint(rows: IDataObject[]): string {
	return createHash('sha1')
		.update(JSON.stringify(rows.map((row) => row.id ?? row)))
		.digest('base64');
}

const HELP =
	'Return All stopped here rather than read forever. Use Limit or a narrower filter; if the list really is this long, or the vendor keeps answering with the same page (a proxy or cache in front of it that ignores the page parameter), ask the vendor’s support.';

/**
 * The walk behind Return All, for callers that keep only what they need of each page (an index
 * over 100 000 records holds a few keys, not the rows): `take` sees each page's rows, and nothing
 * is kept here but the pages' fingerprints. Reads until an empty page, the vendor's last one, or
 * `take` saying it has enough. A vendor (or a proxy) that answers a page it already gave, or that
 * is still not done after `maxPages`, ends the walk with an error instead of a run that never
 * ends. Returns how many pages were read.
 */
export async function eachPage(walk: Omit<PageWalk, 'limit' | 'keep' | 'reshape'>, take: (rows: IDataObject[]) => boolean | void): Promise<number> {
	const { node, vendor, itemIndex } = walk.voice;
	const maxPages = walk.maxPages ?? MAX_PAGES;
	const seen = new Set<string>();
	for (let index = 0; ; index++) {
		if (index >= maxPages) {
			throw new NodeOperationError(node, `${vendor} still had more rows after ${maxPages} pages; stopped after ${maxPages} pages`, {
				description: HELP,
				itemIndex,
			});
		}
		const page = await walk.readPage(index);
		if (page.rows.length === 0) return index;
		const key = fingerprint(page.rows);
		if (seen.has(key)) {
			throw new NodeOperationError(node, `${vendor} returned the same page again; stopped after ${index + 1} pages`, {
				description: HELP,
				itemIndex,
			});
		}
		seen.add(key);
		if (take(page.rows) === true || page.last || walk.shouldStop?.()) return index + 1;
	}
}

/** Return All and Limit for every vendor: every row of the walk (that `keep` keeps), up to the limit. */
export async function readAllPages(walk: PageWalk): Promise<IDataObject[]> {
	const { limit, keep, reshape } = walk;
	const rows: IDataObject[] = [];
	await eachPage(walk, (page) => {
		const kept = keep ? page.filter(keep) : page;
		rows.push(...(reshape ? reshape(kept) : kept));
		return limit !== undefined && rows.length >= limit;
	});
	return limit !== undefined && rows.length > limit ? rows.slice(0, limit) : rows;
}

/**
 * readAllPages for a vendor that takes a page size: pages of `options.pageSize` rows at most (the
 * vendor's `defaultPageSize` when not given), fewer when the limit wants fewer. With a `keep`
 * filter every page is full size: how many rows of a page pass it is not known beforehand.
 */
export async function readSizedPages(
	voice: PagingVoice,
	options: PageOptions,
	defaultPageSize: number,
	readPage: (index: number, size: number) => Promise<Page>,
): Promise<IDataObject[]> {
	const largest = options.pageSize ?? defaultPageSize;
	const size = options.keep ? largest : pageSizeFor(options.limit, largest);
	return await readAllPages({ voice, limit: options.limit, keep: options.keep, reshape: options.reshape, readPage: async (index) => await readPage(index, size) });
}
