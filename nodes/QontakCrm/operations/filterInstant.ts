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
	if (typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return filterInstant((value as { toISO: () => string }).toISO(), timeZone);
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();

	const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (day) return inZone(wallClock(+day[1], +day[2], +day[3]), timeZone);
	const dayFirst = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(text);
	if (dayFirst) return inZone(wallClock(+dayFirst[3], +dayFirst[2], +dayFirst[1]), timeZone);

	const dateTime = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(text);
	if (!dateTime) return undefined;
	const [, year, month, date, hour, minute, second, fraction, zone] = dateTime;
	const wall = wallClock(+year, +month, +date, +hour, +minute, Number(second ?? 0), Number(`0.${fraction ?? 0}`) * 1000);
	if (wall === undefined) return undefined;
	return zone === undefined ? inZone(wall, timeZone) : wall - zoneOffsetOf(zone);
}

/** The wall-clock reading as if it were UTC, or undefined for a date that does not exist (31-02). */
function wallClock(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number | undefined {
	if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
	const wall = Date.UTC(year, month - 1, day, hour, minute, second, Math.floor(ms));
	return new Date(wall).getUTCDate() === day ? wall : undefined;
}

/** `Z`, `+07`, `+0700` or `+07:00` in milliseconds east of UTC. */
function zoneOffsetOf(zone: string): number {
	if (zone.toUpperCase() === 'Z') return 0;
	const digits = zone.slice(1).replace(':', '');
	const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
	return (zone.startsWith('-') ? -minutes : minutes) * 60_000;
}

/** How far `timeZone`'s clocks are ahead of UTC at `instant` (IANA rules through Intl). */
function offsetAt(timeZone: string, instant: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	}).formatToParts(instant);
	const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((entry) => entry.type === type)?.value);
	const reading = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return reading - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant `timeZone`'s clocks show `wall`; the second pass settles readings near a DST change. */
function inZone(wall: number | undefined, timeZone: string): number | undefined {
	if (wall === undefined) return undefined;
	const guess = wall - offsetAt(timeZone, wall);
	return wall - offsetAt(timeZone, guess);
}
