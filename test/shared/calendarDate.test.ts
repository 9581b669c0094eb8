import { DateTime } from 'luxon';

import { calendarDate, formatCalendarDate, isLuxonDateTime } from '../../nodes/shared/calendarDate';

const JAKARTA = 'Asia/Jakarta';
const iso = (value: unknown, timezone = JAKARTA, zoned?: 'asWritten' | 'timezone') => {
	const date = calendarDate(value, timezone, { zoned });
	return date && formatCalendarDate(date, 'YYYY-MM-DD');
};

describe('a date-only field takes the day the user meant, not the UTC day', () => {
	// 00:30 and 06:59 WIB are still the day before in UTC; 23:30 WIB is the same day in UTC.
	const times = ['00:30', '06:59', '23:30'];

	it.each(times)('text with the +07:00 offset at %s WIB keeps its own date, whatever the workflow timezone', (time) => {
		expect(iso(`2025-05-01T${time}:00+07:00`, 'UTC')).toBe('2025-05-01');
		expect(iso(`2025-05-01T${time}:00+07:00`, 'America/New_York')).toBe('2025-05-01');
	});

	it.each(times)('text without an offset at %s is the date as written in the workflow timezone', (time) => {
		expect(iso(`2025-05-01T${time}:00`, JAKARTA)).toBe('2025-05-01');
		expect(iso(`2025-05-01 ${time}`, JAKARTA)).toBe('2025-05-01');
	});

	it.each(times)('a JavaScript Date at %s WIB is its day in the workflow timezone', (time) => {
		const instant = new Date(`2025-05-01T${time}:00+07:00`);
		expect(iso(instant, JAKARTA)).toBe('2025-05-01');
	});

	it('a JavaScript Date is the day in the workflow timezone, so the same instant can be another day elsewhere', () => {
		const instant = new Date('2025-05-01T00:30:00+07:00');
		expect(iso(instant, 'UTC')).toBe('2025-04-30');
		expect(iso(instant, 'Asia/Jayapura')).toBe('2025-05-01');
	});

	it.each(times)('a Luxon DateTime at %s WIB is its own date in its own zone', (time) => {
		const luxon = DateTime.fromISO(`2025-05-01T${time}:00`, { zone: JAKARTA });
		expect(isLuxonDateTime(luxon)).toBe(true);
		expect(iso(luxon, 'UTC')).toBe('2025-05-01');
		expect(iso(luxon, 'America/New_York')).toBe('2025-05-01');
	});

	it('a Luxon DateTime in UTC keeps its UTC date even when the workflow runs on Jakarta time', () => {
		expect(iso(DateTime.fromISO('2025-04-30T20:00:00Z', { zone: 'utc' }), JAKARTA)).toBe('2025-04-30');
	});

	it('a bare date is that date in every timezone', () => {
		for (const timezone of [JAKARTA, 'UTC', 'America/New_York', 'Pacific/Kiritimati']) {
			expect(iso('2025-05-01', timezone)).toBe('2025-05-01');
		}
	});

	it('a day-first date, as Qontak writes it, is that date', () => {
		expect(iso('01-05-2025')).toBe('2025-05-01');
		expect(iso('1/5/2025')).toBe('2025-05-01');
	});

	it('a Unix time is its day in the workflow timezone, in milliseconds or in seconds', () => {
		const ms = Date.parse('2025-04-30T17:30:00Z');
		expect(iso(ms, JAKARTA)).toBe('2025-05-01');
		expect(iso(ms / 1000, JAKARTA)).toBe('2025-05-01');
		expect(iso(ms, 'UTC')).toBe('2025-04-30');
	});

	it.each([['2025-02-29'], ['31-04-2025'], ['2025-13-01'], ['2025-05-01T24:30:00'], ['yesterday'], ['20250501'], [''], [null], [{}], [true]])(
		'refuses what is not a date: %p',
		(value) => {
			expect(calendarDate(value, JAKARTA)).toBeUndefined();
		},
	);

	it('refuses an invalid Luxon DateTime', () => {
		expect(calendarDate(DateTime.fromISO('not a date'), JAKARTA)).toBeUndefined();
	});
});

describe('a vendor that keeps its books in one zone reads every zoned instant as that zone’s day', () => {
	it('text with an offset becomes the day in the vendor zone', () => {
		expect(iso('2024-05-02T17:30:00Z', JAKARTA, 'timezone')).toBe('2024-05-03');
		expect(iso('2024-05-02T16:59:59Z', JAKARTA, 'timezone')).toBe('2024-05-02');
		expect(iso('2024-05-03T00:30:00+07:00', JAKARTA, 'timezone')).toBe('2024-05-03');
		expect(iso('2024-05-02T13:30:00-0400', JAKARTA, 'timezone')).toBe('2024-05-03');
	});

	it('a Luxon DateTime becomes the day in the vendor zone', () => {
		expect(iso(DateTime.fromISO('2024-05-02T20:00:00Z', { zone: 'utc' }), JAKARTA, 'timezone')).toBe('2024-05-03');
	});

	it('text without an offset is still the date as written', () => {
		expect(iso('2024-05-02T23:30:00', JAKARTA, 'timezone')).toBe('2024-05-02');
	});
});

describe('vendor formats', () => {
	const date = { year: 2025, month: 5, day: 1 };
	it.each([
		['YYYY-MM-DD', '2025-05-01'],
		['DD-MM-YYYY', '01-05-2025'],
		['YYYYMMDD', '20250501'],
	] as const)('%s gives %s', (format, expected) => {
		expect(formatCalendarDate(date, format)).toBe(expected);
	});
});
