import { calendarDate, filterInstant, formatCalendarDate } from '../../shared/calendarDate';

/**
 * Netzme's books run on Jakarta days (UTC+7, no daylight saving): its own times carry +07:00
 * (callback `ts`, invoice `expiredTs`, https://apidocs.netzme.id/api-reference/toko-netzme/)
 * and the transaction list's startdate/enddate are Jakarta calendar days.
 */
export const NETZME_TIMEZONE = 'Asia/Jakarta';

/** Below this a Unix time is in seconds: 1e11 seconds is the year 5138, 1e11 milliseconds 1973. */
const SECONDS_BELOW = 1e11;
/** A time of day after the date: a bare day is no payment time. */
const HAS_TIME = /^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/**
 * A Netzme time as epoch milliseconds, or undefined when it is not one: ISO with +07:00
 * (invoices), `2021-03-09 13:21:54.629000+0700` (payment callback `ts`), either without a zone
 * (Jakarta's wall clock), or a Unix time in seconds or milliseconds.
 */
export function netzmeTime(value: unknown): number | undefined {
	if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d{9,16}\s*$/.test(value))) {
		const number = Number(value);
		if (!Number.isFinite(number) || number <= 0) return undefined;
		return number < SECONDS_BELOW ? number * 1000 : number;
	}
	if (typeof value !== 'string' || !HAS_TIME.test(value)) return undefined;
	return filterInstant(value, NETZME_TIMEZONE);
}

/** The Jakarta day an instant falls on, as the list's YYYYMMDD. */
export function jakartaDay(epochMs: number): string {
	return formatCalendarDate(calendarDate(epochMs, NETZME_TIMEZONE)!, 'YYYYMMDD');
}
