import { DateTime } from 'luxon';

import { filterInstant } from '../../nodes/shared/calendarDate';

const JAKARTA = 'Asia/Jakarta';
const NEW_YORK = 'America/New_York';
const at = (iso: string) => Date.parse(iso);

describe('a filter value is the instant it stands for', () => {
	it('a calendar day is the start of that day in the workflow time zone', () => {
		expect(filterInstant('2025-05-01', JAKARTA)).toBe(at('2025-05-01T00:00:00+07:00'));
		expect(filterInstant('2025-05-01', NEW_YORK)).toBe(at('2025-05-01T00:00:00-04:00'));
		expect(filterInstant('2025-01-15', NEW_YORK)).toBe(at('2025-01-15T00:00:00-05:00'));
	});

	it('a day-first date, as Qontak writes it, is the start of that day too', () => {
		expect(filterInstant('01-05-2025', JAKARTA)).toBe(at('2025-05-01T00:00:00+07:00'));
		expect(filterInstant('1/5/2025', JAKARTA)).toBe(at('2025-05-01T00:00:00+07:00'));
	});

	it('a date-time without an offset is that wall-clock time in the workflow time zone', () => {
		expect(filterInstant('2025-05-01T06:59:00', JAKARTA)).toBe(at('2025-05-01T06:59:00+07:00'));
		expect(filterInstant('2025-05-01 06:59', JAKARTA)).toBe(at('2025-05-01T06:59:00+07:00'));
		expect(filterInstant('2025-05-01T06:59:00.250', NEW_YORK)).toBe(at('2025-05-01T06:59:00.250-04:00'));
	});

	it('a wall-clock time around a daylight-saving change takes the offset in force then', () => {
		expect(filterInstant('2025-03-09T03:30:00', NEW_YORK)).toBe(at('2025-03-09T03:30:00-04:00'));
		expect(filterInstant('2025-11-02T00:30:00', NEW_YORK)).toBe(at('2025-11-02T00:30:00-04:00'));
		expect(filterInstant('2025-11-02T02:30:00', NEW_YORK)).toBe(at('2025-11-02T02:30:00-05:00'));
	});

	it('a date-time with an offset or Z is the instant it names, whatever the workflow time zone', () => {
		for (const zone of [JAKARTA, NEW_YORK, 'UTC']) {
			expect(filterInstant('2025-05-01T00:30:00+07:00', zone)).toBe(at('2025-04-30T17:30:00Z'));
			expect(filterInstant('2025-05-01 00:30:00 +0700', zone)).toBe(at('2025-04-30T17:30:00Z'));
			expect(filterInstant('2025-04-30T17:30:00.5z', zone)).toBe(at('2025-04-30T17:30:00.500Z'));
		}
	});

	it('a JavaScript Date and a Luxon DateTime are their own instant', () => {
		expect(filterInstant(new Date('2025-04-30T17:30:00Z'), NEW_YORK)).toBe(at('2025-04-30T17:30:00Z'));
		expect(filterInstant(DateTime.fromISO('2025-05-01T00:30:00', { zone: JAKARTA }), NEW_YORK)).toBe(at('2025-04-30T17:30:00Z'));
	});

	it('reads every text form a date-only field reads: a comma fraction, a date with an offset', () => {
		expect(filterInstant('2025-04-30T17:30:00,5Z', JAKARTA)).toBe(at('2025-04-30T17:30:00.500Z'));
		expect(filterInstant('2025-05-01+07:00', NEW_YORK)).toBe(at('2025-05-01T00:00:00+07:00'));
	});

	it('a year below 100 is that year, not one in the 1900s', () => {
		expect(filterInstant('0050-05-01T00:00:00Z', JAKARTA)).toBe(at('0050-05-01T00:00:00Z'));
	});

	it.each([
		['2025-02-29'],
		['31-04-2025'],
		['2025-05-01T24:00:00'],
		['2025-05-01T10:60:00'],
		['20250501'],
		['yesterday'],
		[''],
		[1746034200000],
		[null],
		[{}],
		[new Date('not a date')],
	])('refuses what is not a date: %p', (value) => {
		expect(filterInstant(value, JAKARTA)).toBeUndefined();
	});

	it('refuses an invalid Luxon DateTime', () => {
		expect(filterInstant(DateTime.fromISO('not a date'), JAKARTA)).toBeUndefined();
	});
});
