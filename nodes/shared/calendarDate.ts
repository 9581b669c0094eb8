import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/*
 * Reading dates, for two uses that must agree on what a value means:
 * - calendarDate: which day a date-only field means. Taking the UTC day of an instant moved every
 *   time between 00:00 and 07:00 WIB (UTC+7) to the day before, so a date is read in the zone it
 *   was written in, and an instant that carries no zone (a JavaScript Date, a Unix time) in the
 *   workflow's timezone.
 * - filterInstant: which instant a date filter's value or a record's timestamp stands for.
 * Both read text with one grammar (readText) and zones with one Intl conversion (readingAt).
 */

/** A day on the calendar, without a time or a zone. */
export interface CalendarDate {
	year: number;
	month: number;
	day: number;
}

/** A day and a time of day, as a clock on the wall shows it: no zone. */
interface WallClock extends CalendarDate {
	hour: number;
	minute: number;
	second: number;
	ms: number;
}

/** Date or date-time text: its wall clock and, when written, its offset in milliseconds east of UTC. */
interface DateText {
	wall: WallClock;
	offset?: number;
}

/**
 * What n8n expressions give for dates ($now, $today, DateTime.fromISO(…)): a Luxon DateTime.
 * Recognised by its shape, since the package takes no runtime dependency on Luxon.
 */
export interface LuxonDateTimeLike {
	isLuxonDateTime: true;
	isValid: boolean;
	zone: unknown;
	toISO(): string | null;
	toFormat(format: string): string;
}

export function isLuxonDateTime(value: unknown): value is LuxonDateTimeLike {
	if (typeof value !== 'object' || value === null) return false;
	const candidate = value as Partial<Record<keyof LuxonDateTimeLike, unknown>>;
	return (
		candidate.isLuxonDateTime === true &&
		'zone' in candidate &&
		typeof candidate.toISO === 'function' &&
		typeof candidate.toFormat === 'function'
	);
}

export interface CalendarDateOptions {
	/**
	 * How an input that fixes an instant and shows its zone (text with an offset, a Luxon DateTime)
	 * is read. `asWritten` (the default): the date it shows. `timezone`: the day that instant
	 * falls on in `timezone`, for a vendor whose books run on one zone's days.
	 */
	zoned?: 'asWritten' | 'timezone';
}

/** DD-MM-YYYY or DD/MM/YYYY, as Qontak writes dates. */
const DAY_FIRST = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/;
/** ISO 8601 date, optionally with a time (T or a space), a fraction (. or ,) and an offset (Z, +07, +0700, +07:00). */
const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** Below this a Unix time is in seconds: 1e11 seconds is the year 5138, 1e11 milliseconds is 1973. */
const SECONDS_BELOW = 1e11;

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The date, or undefined for one that does not exist (31-04, 29-02 outside leap years). */
function checked(year: number, month: number, day: number): CalendarDate | undefined {
	if (![year, month, day].every(Number.isInteger) || month < 1 || month > 12 || day < 1) return undefined;
	const days = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
	return day <= days ? { year, month, day } : undefined;
}

/** `Z`, `+07`, `+0700` or `+07:00` in milliseconds east of UTC. */
function offsetOf(zone: string): number {
	if (zone.toUpperCase() === 'Z') return 0;
	const digits = zone.slice(1).replace(':', '');
	const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
	return (zone.startsWith('-') ? -minutes : minutes) * 60_000;
}

/** The one reader of date and date-time text; a bare day reads as its midnight. */
function readText(text: string): DateText | undefined {
	const dayFirst = DAY_FIRST.exec(text);
	if (dayFirst) {
		const [, day, month, year] = dayFirst.map(Number);
		const date = checked(year, month, day);
		return date && { wall: { ...date, hour: 0, minute: 0, second: 0, ms: 0 } };
	}
	const iso = ISO.exec(text);
	if (!iso) return undefined;
	const [year, month, day, hour, minute, second] = iso.slice(1, 7).map((part) => Number(part ?? 0));
	const date = checked(year, month, day);
	if (!date || hour > 23 || minute > 59 || second > 59) return undefined;
	const ms = Math.floor(Number(`0.${iso[7] ?? 0}`) * 1000);
	return { wall: { ...date, hour, minute, second, ms }, offset: iso[8] === undefined ? undefined : offsetOf(iso[8]) };
}

/** The wall clock read as if it were UTC. Not Date.UTC, which takes the years 0–99 for 1900–1999. */
function asUtc(wall: WallClock): number {
	const at = new Date(0);
	at.setUTCFullYear(wall.year, wall.month - 1, wall.day);
	return at.setUTCHours(wall.hour, wall.minute, wall.second, wall.ms);
}

/** What the clocks of an IANA timezone (Asia/Jakarta, UTC, …) show at an instant, to the second. */
function readingAt(instant: number, timeZone: string): WallClock | undefined {
	if (!Number.isFinite(instant) || Math.abs(instant) > 8.64e15) return undefined;
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		calendar: 'gregory',
		numberingSystem: 'latn',
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	}).formatToParts(instant);
	const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((entry) => entry.type === type)?.value);
	const date = checked(part('year'), part('month'), part('day'));
	return date && { ...date, hour: part('hour'), minute: part('minute'), second: part('second'), ms: 0 };
}

/** The day an instant falls on in `timeZone`. */
function dayAt(instant: number, timeZone: string): CalendarDate | undefined {
	const reading = readingAt(instant, timeZone);
	return reading && { year: reading.year, month: reading.month, day: reading.day };
}

/** How far `timeZone`'s clocks are ahead of UTC at `instant` (NaN when they cannot be read). */
function offsetAt(instant: number, timeZone: string): number {
	const reading = readingAt(instant, timeZone);
	return reading ? asUtc(reading) - Math.floor(instant / 1000) * 1000 : NaN;
}

/** The instant `timeZone`'s clocks show `wall`; the second pass settles readings near a DST change. */
function inZone(wall: WallClock, timeZone: string): number | undefined {
	const utc = asUtc(wall);
	const instant = utc - offsetAt(utc - offsetAt(utc, timeZone), timeZone);
	return Number.isFinite(instant) ? instant : undefined;
}

/**
 * The calendar day a date-only field means:
 * - a bare date (2025-05-01, or the day-first 01-05-2025 / 01/05/2025 Qontak's examples use) and
 *   text without an offset (2025-05-01T03:00:00) are the date as written;
 * - text with an offset (2025-05-01T03:00:00+07:00) and a Luxon DateTime are the date they show
 *   in their own zone (see `zoned` for vendors that want another reading);
 * - a JavaScript Date or a Unix time (a number) is the day it falls on in `timezone`, the
 *   workflow's timezone (`this.getTimezone()`) unless a vendor fixes one.
 * Undefined when the value is not a date.
 */
export function calendarDate(value: unknown, timezone: string, options: CalendarDateOptions = {}): CalendarDate | undefined {
	// A Luxon DateTime's ISO text shows its date and offset in its own zone.
	if (isLuxonDateTime(value)) return value.isValid ? calendarDate(value.toISO(), timezone, options) : undefined;
	if (value instanceof Date) return dayAt(value.getTime(), timezone);
	if (typeof value === 'number') return dayAt(Math.abs(value) < SECONDS_BELOW ? value * 1000 : value, timezone);
	if (typeof value !== 'string') return undefined;
	const text = readText(value.trim());
	if (!text) return undefined;
	const { year, month, day } = text.wall;
	if (text.offset === undefined || options.zoned !== 'timezone') return { year, month, day };
	return dayAt(asUtc(text.wall) - text.offset, timezone);
}

/**
 * The instant a date filter's value or a record's timestamp stands for, in epoch milliseconds;
 * undefined when the value is not a date.
 *
 * - A calendar day (YYYY-MM-DD, or DD-MM-YYYY / DD/MM/YYYY as Qontak writes dates) is the start
 *   of that day in `timeZone`, the workflow's time zone.
 * - A date-time without an offset (what n8n's date picker stores) is that wall-clock time in
 *   `timeZone`.
 * - A date-time with an offset or Z (Qontak's `created_at`, an expression's `$now`) is the
 *   instant it names: its calendar date stays as written, whatever `timeZone` is.
 * - A Date, or a Luxon DateTime from an expression, is its own instant.
 */
export function filterInstant(value: unknown, timeZone: string): number | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
	if (isLuxonDateTime(value)) return value.isValid ? filterInstant(value.toISO(), timeZone) : undefined;
	if (typeof value !== 'string') return undefined;
	const text = readText(value.trim());
	if (!text) return undefined;
	return text.offset === undefined ? inZone(text.wall, timeZone) : asUtc(text.wall) - text.offset;
}

export type CalendarDateFormat = 'YYYY-MM-DD' | 'DD-MM-YYYY' | 'YYYYMMDD';

/** A calendar date in a vendor's format. */
export function formatCalendarDate(date: CalendarDate, format: CalendarDateFormat): string {
	const year = String(date.year).padStart(4, '0');
	const month = String(date.month).padStart(2, '0');
	const day = String(date.day).padStart(2, '0');
	switch (format) {
		case 'DD-MM-YYYY':
			return `${day}-${month}-${year}`;
		case 'YYYYMMDD':
			return `${year}${month}${day}`;
		default:
			return `${year}-${month}-${day}`;
	}
}

/** `calendarDate`, or an item error that names the field and the forms it takes. */
export function requireCalendarDate(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	timezone: string,
	options?: CalendarDateOptions,
): CalendarDate {
	const date = calendarDate(value, timezone, options);
	if (!date) {
		throw new NodeOperationError(node, `'${field}' is not a date: ${JSON.stringify(value)}`, {
			itemIndex,
			description: `Give '${field}' as YYYY-MM-DD, an ISO 8601 date-time, or DD-MM-YYYY`,
		});
	}
	return date;
}

/**
 * The instant a date-time field stands for (see filterInstant): a value without an offset is
 * wall-clock time in the workflow's timezone, not in the timezone of the machine n8n runs on.
 */
export function requireInstant(node: INode, value: unknown, field: string, itemIndex: number, timezone: string): Date {
	const instant = filterInstant(value, timezone);
	if (instant === undefined) {
		throw new NodeOperationError(node, `'${field}' is not a date: ${JSON.stringify(value)}`, {
			itemIndex,
			description: `Give '${field}' as YYYY-MM-DD, an ISO 8601 date-time, or DD-MM-YYYY`,
		});
	}
	return new Date(instant);
}
