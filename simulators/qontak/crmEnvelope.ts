import { randomUUID } from 'node:crypto';

/**
 * Qontak's response envelope (Qontak's CRM API collection, https://documenter.getpostman.com/view/22728681/2sAXxV6A5V),
 * error type, and paging helpers.
 */

const WIB_OFFSET_MS = 7 * 3600_000;

/** ISO 8601 in WIB (+07:00): the only timestamp form the CRM API returns. */
export function wibIso(ms: number): string {
	return new Date(ms + WIB_OFFSET_MS).toISOString().replace('Z', '+07:00');
}

/** Timeline entries use a different, Rails-default form: `2024-11-05 09:30:00 +0700`. */
export function wibTimeline(ms: number): string {
	return new Date(ms + WIB_OFFSET_MS).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' +0700');
}

const STATUS_TYPES: Record<number, string> = {
	200: 'OK',
	201: 'Created',
	400: 'Bad Request',
	403: 'Forbidden',
	404: 'Not Found',
	422: 'Unprocessable Entity',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

export function statusType(status: number): string {
	return STATUS_TYPES[status] ?? 'Error';
}

export interface MetaOptions {
	developerMessage?: string;
	/** Products and product associations stamp `meta.timestamp` as unix seconds. */
	unixTimestamp?: boolean;
}

export function meta(status: number, nowMs: number, options: MetaOptions = {}): Record<string, unknown> {
	const ok = status < 400;
	return {
		status,
		type: statusType(status),
		error_code: ok ? null : status,
		info: `https://developers.qontak.com/docs/api/response-codes#${status}`,
		developer_message: options.developerMessage ?? (ok ? 'Success' : statusType(status)),
		message: ok ? 'Success' : statusType(status),
		timestamp: options.unixTimestamp ? Math.floor(nowMs / 1000) : wibIso(nowMs),
		log_id: randomUUID(),
	};
}

/** Thrown by handlers; the server turns it into a meta-only error envelope. */
export class CrmError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export const notFound = (): CrmError => new CrmError(404, "Couldn't find record with that ID");
export const unprocessable = (message: string): CrmError => new CrmError(422, message);

export function errorBody(status: number, developerMessage: string, nowMs: number): Record<string, unknown> {
	return { meta: meta(status, nowMs, { developerMessage }) };
}

export const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 100;

export interface Paging {
	page: number;
	perPage: number;
}

function positiveInt(value: unknown): number | undefined {
	const n = Number(Array.isArray(value) ? value[0] : value);
	return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** page is 1-based; 0 and junk fall back to 1 (approval rules' docs use page=0). */
export function readPaging(query: Record<string, string | string[]>): Paging {
	return {
		page: positiveInt(query.page) ?? 1,
		perPage: Math.min(positiveInt(query.per_page) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE),
	};
}

export interface Page<T> {
	items: T[];
	total: number;
}

/**
 * One pass over the store: counts matches and keeps only the requested window, so a
 * 100 000-record store is never copied. Without a predicate it is a plain slice.
 */
export function pageOf<T>(store: readonly T[], paging: Paging, predicate?: (item: T) => boolean): Page<T> {
	const start = (paging.page - 1) * paging.perPage;
	const end = start + paging.perPage;
	if (!predicate) return { items: store.slice(start, end), total: store.length };
	const items: T[] = [];
	let total = 0;
	for (const item of store) {
		if (!predicate(item)) continue;
		if (total >= start && total < end) items.push(item);
		total++;
	}
	return { items, total };
}

export type ListKeyStyle = 'standard' | 'products';

export function listKeys(page: Page<unknown>, paging: Paging, style: ListKeyStyle): Record<string, number> {
	const totalPage = Math.ceil(page.total / paging.perPage);
	return style === 'products'
		? { current_page: paging.page, total_page: totalPage, total_current_data: page.items.length, total_data: page.total }
		: { page: paging.page, total_page: totalPage, current_data: page.items.length, total_data: page.total };
}
