import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/*
 * Date-only fields: which day the user meant. Taking the UTC day of an instant moved every time
 * between 00:00 and 07:00 WIB (UTC+7) to the day before, so a date is read in the zone it was
 * written in, and an instant that carries no zone (a JavaScript Date, a Unix time) in the
 * workflow's timezone.
 */

/** A day on the calendar, without a time or a zone. */
export interface CalendarDate {
	year: number;
	month: number;
	day: number;
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

const DAY_FIRST = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/;
const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** Below this a Unix time is in seconds: 1e11 seconds is the year 5138, 1e11 milliseconds is 1973. */
const SECONDS_BELOW = 1e11;

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function checked(year: number, month: number, day: number): CalendarDate | undefined {
	if (![year, month, day].every(Number.isInteger) || month < 1 || month > 12 || day < 1) return undefined;
	const days = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
	return day <= days ? { year, month, day } : undefined;
}

/** The day an instant falls on in an IANA timezone (Asia/Jakarta, UTC, …). */
export function dateInTimezone(epochMs: number, timezone: string): CalendarDate | undefined {
	if (!Number.isFinite(epochMs) || Math.abs(epochMs) > 8.64e15) return undefined;
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: timezone,
		calendar: 'gregory',
		numberingSystem: 'latn',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
	}).formatToParts(new Date(epochMs));
	const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((entry) => entry.type === type)?.value);
	return checked(part('year'), part('month'), part('day'));
}

function offsetMinutes(offset: string): number {
	if (offset.toUpperCase() === 'Z') return 0;
	const digits = offset.slice(1).replace(':', '');
	const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
	return offset.startsWith('-') ? -minutes : minutes;
}

function fromText(text: string, timezone: string, zoned: CalendarDateOptions['zoned']): CalendarDate | undefined {
	const dayFirst = DAY_FIRST.exec(text);
	if (dayFirst) {
		const [, day, month, year] = dayFirst.map(Number);
		return checked(year, month, day);
	}
	const iso = ISO.exec(text);
	if (!iso) return undefined;
	const [year, month, day, hour = 0, minute = 0, second = 0] = iso.slice(1, 7).map((part) => Number(part ?? 0));
	const date = checked(year, month, day);
	if (!date || hour > 23 || minute > 59 || second > 59) return undefined;
	const offset = iso[7];
	if (offset === undefined || zoned !== 'timezone') return date;
	const wall = Date.UTC(year, month - 1, day, hour, minute, second);
	return dateInTimezone(wall - offsetMinutes(offset) * 60_000, timezone);
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
	if (isLuxonDateTime(value)) {
		if (!value.isValid) return undefined;
		if (options.zoned === 'timezone') return dateInTimezone(Date.parse(value.toISO() ?? ''), timezone);
		const own = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.toFormat('yyyy-MM-dd'));
		return own ? checked(Number(own[1]), Number(own[2]), Number(own[3])) : undefined;
	}
	if (value instanceof Date) return dateInTimezone(value.getTime(), timezone);
	if (typeof value === 'number') {
		return dateInTimezone(Math.abs(value) < SECONDS_BELOW ? value * 1000 : value, timezone);
	}
	if (typeof value !== 'string') return undefined;
	return fromText(value.trim(), timezone, options.zoned);
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
