import { dateInTimezone, formatCalendarDate } from '../../shared/calendarDate';

/**
 * Netzme's books run on Jakarta days (UTC+7, no daylight saving): its own times carry +07:00
 * (callback `ts`, invoice `expiredTs`, https://apidocs.netzme.id/api-reference/toko-netzme/)
 * and the transaction list's startdate/enddate are Jakarta calendar days.
 */
export const NETZME_TIMEZONE = 'Asia/Jakarta';
const JAKARTA_OFFSET = '+07:00';

/** Below this a Unix time is in seconds: 1e11 seconds is the year 5138, 1e11 milliseconds 1973. */
const SECONDS_BELOW = 1e11;
/**
 * The forms Netzme writes a time in: ISO with +07:00 (invoices), `2021-03-09 13:21:54.629000+0700`
 * (payment callback `ts`), and either without a zone, which is Jakarta's wall clock.
 */
const WRITTEN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** A Netzme time as epoch milliseconds, or undefined when it is not one. */
export function netzmeTime(value: unknown): number | undefined {
	if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d{9,16}\s*$/.test(value))) {
		const number = Number(value);
		if (!Number.isFinite(number) || number <= 0) return undefined;
		return number < SECONDS_BELOW ? number * 1000 : number;
	}
	if (typeof value !== 'string') return undefined;
	const match = WRITTEN.exec(value.trim());
	if (!match) return undefined;
	const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match;
	const millis = (fraction + '000').slice(0, 3);
	const offset = zone === undefined ? JAKARTA_OFFSET : zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
	const parsed = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${offset}`);
	return Number.isNaN(parsed) ? undefined : parsed;
}

/** The Jakarta day an instant falls on, as the list's YYYYMMDD. */
export function jakartaDay(epochMs: number): string {
	return formatCalendarDate(dateInTimezone(epochMs, NETZME_TIMEZONE)!, 'YYYYMMDD');
}
