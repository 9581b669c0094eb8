import { normalizePhone, readPhone } from '../../nodes/shared/phone';

describe('phone numbers are sent as digits with their country code', () => {
	it.each([
		['081234567890', '6281234567890'],
		['+62 812-3456-7890', '6281234567890'],
		['62 812 3456 7890', '6281234567890'],
		['+62 (0)812 3456 7890', '6281234567890'],
		['6208123456789', '628123456789'],
		['8123456789', '628123456789'],
		['0812.3456.789', '628123456789'],
		[81234567890, '6281234567890'],
		['021 5551234', '62215551234'],
		['(021) 555-1234', '62215551234'],
		['0 21 5551 2345', '622155512345'],
		['+62 21 5551234', '62215551234'],
		['+62 (0)21 5551234', '62215551234'],
		['0274 512345', '62274512345'],
		['+65 9123 4567', '6591234567'],
		['0065 9123 4567', '6591234567'],
		['+60 12-345 6789', '60123456789'],
		['6591234567', '6591234567'],
		['+1 (415) 555-0100', '14155550100'],
	])('%p becomes %p', (input, expected) => {
		expect(normalizePhone(input)).toBe(expected);
	});

	it.each([
		['', /is empty/],
		[null, /not text/],
		[{}, /not text/],
		['0812-abc', /contains 'a'/],
		['0812', /too short for an Indonesian mobile number/],
		['0812345678901234', /too long for an Indonesian mobile number/],
		['021 55', /too short for an Indonesian landline/],
		['+0 123 456 789', /country code starting with 0/],
		['+65 123', /has 5 digits/],
		['+1234567890123456', /has 16 digits/],
		['+62 00812345678', /area code starting with 0/],
	])('%p is refused: %p', (input, problem) => {
		const reading = readPhone(input);
		expect('problem' in reading && reading.problem).toMatch(problem);
	});
});
