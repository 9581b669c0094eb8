import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { trimmedText } from '../../shared/parseInput';
import { netzmeTime } from './netzmeTime';
import { isPaidStatus } from '../paidStatus';

/*
 * Which paid transactions the polling trigger has already passed on. Netzme's list has no
 * "changed since" filter and documents neither its order nor how soon a payment appears in it,
 * so the mark is a time plus the ids paid at or after it: a high-water mark that stays a few
 * minutes behind the newest payment, so a payment listed late (or paid just before midnight and
 * read just after) is still caught, and its id, once emitted, is not emitted again.
 */

/** How far the mark trails the newest payment (or the poll's clock): a payment may show up in the list this late. */
export const LATE_LISTING_MS = 10 * 60_000;
/** At most this many ids are remembered; past it the mark moves up to the oldest one kept. */
export const MAX_REMEMBERED = 1000;

/** What the trigger keeps in the workflow's static data between polls. */
export interface PaymentMark extends IDataObject {
	/** The merchant the mark belongs to; another merchant starts over. */
	key?: string;
	/** Epoch ms: a payment paid before this is old (already emitted, or there before the first poll). */
	floor?: number;
	/** Transaction id → paid time (epoch ms) of the payments at or after `floor` already handled. */
	handled?: Record<string, number>;
}

export interface Payment {
	id: string;
	/** Epoch ms the payment was made (paidTs, else createdTs). */
	at: number;
	row: IDataObject;
}

export interface ReadPayments {
	payments: Payment[];
	/** Paid rows that carry no time the trigger can read: it cannot tell whether they are new. */
	undated: string[];
}

const ID_FIELDS = ['transactionId', 'trxId', 'rrn', 'referenceId', 'invoiceId', 'id'];
const TIME_FIELDS = ['paidTs', 'paidTime', 'payment_time', 'createdTs', 'ts', 'tsLong'];

function idOf(row: IDataObject): string {
	for (const field of ID_FIELDS) {
		const value = trimmedText(row[field]);
		if (value !== '') return value;
	}
	// No id at all: the row's own content names it (a paid row does not change).
	return `row:${createHash('sha256').update(JSON.stringify(row)).digest('base64url').slice(0, 22)}`;
}

function timeOf(row: IDataObject): number | undefined {
	for (const field of TIME_FIELDS) {
		const at = netzmeTime(row[field]);
		if (at !== undefined) return at;
	}
	return undefined;
}

/** The paid rows of a list read, each once (pages read while Netzme adds rows can overlap). */
export function paidPayments(rows: IDataObject[]): ReadPayments {
	const byId = new Map<string, Payment>();
	const undated: string[] = [];
	for (const row of rows) {
		if (!isPaidStatus(row.status)) continue;
		const id = idOf(row);
		const at = timeOf(row);
		if (at === undefined) undated.push(id);
		else byId.set(id, { id, at, row });
	}
	const payments = [...byId.values()].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
	return { payments, undated };
}

/** Keeps the handled ids at or after `floor`, at most MAX_REMEMBERED of them (the newest). */
function bounded(floor: number, handled: Record<string, number>): { floor: number; handled: Record<string, number> } {
	const kept = Object.entries(handled)
		.filter(([, at]) => at >= floor)
		.sort(([idA, a], [idB, b]) => b - a || idA.localeCompare(idB));
	if (kept.length > MAX_REMEMBERED) {
		// Everything paid at or before the first id dropped counts as old from now on.
		floor = kept[MAX_REMEMBERED][1] + 1;
	}
	return { floor, handled: Object.fromEntries(kept.filter(([, at]) => at >= floor)) };
}

const newest = (payments: Payment[], now: number) => payments.reduce((latest, payment) => Math.max(latest, payment.at), now);

/**
 * The first poll: whatever is paid already counts as handled; nothing is emitted. When the read
 * was cut short, an unread page may hold recent payments, so the mark starts at the newest time
 * seen instead of trailing it.
 */
export function startingMark(key: string, payments: Payment[], now: number, complete: boolean): PaymentMark {
	const floor = newest(payments, now) - (complete ? LATE_LISTING_MS : 0);
	const handled = Object.fromEntries(payments.filter((payment) => payment.at >= floor).map((payment) => [payment.id, payment.at]));
	return { key, ...bounded(floor, handled) };
}

/**
 * The payments not handled yet, and the mark after emitting them. `complete` says whether the
 * whole window was read: after a partial read (time budget, page cap) the floor stays, since an
 * unread page may hold older payments, and the next poll reads the window again.
 */
export function advanceMark(mark: PaymentMark, payments: Payment[], now: number, complete: boolean): { fresh: Payment[]; mark: PaymentMark } {
	const floor = mark.floor ?? now - LATE_LISTING_MS;
	const handled = { ...(mark.handled ?? {}) };
	const fresh = payments.filter((payment) => payment.at >= floor && !(payment.id in handled));
	for (const payment of fresh) handled[payment.id] = payment.at;
	const nextFloor = complete ? Math.max(floor, newest(payments, now) - LATE_LISTING_MS) : floor;
	return { fresh, mark: { key: mark.key, ...bounded(nextFloor, handled) } };
}
