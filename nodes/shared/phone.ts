import type { INode } from 'n8n-workflow';

import { fieldError } from './parseInput';

/** What people type between digits: spaces, dashes, dots, slashes, brackets. */
const SEPARATORS = /[\s\-.()/]/g;
/** E.164 caps a number, country code included, at 15 digits; 8 is the shortest any country dials. */
const E164 = { min: 8, max: 15 };

export type PhoneReading = { phone: string } | { problem: string };

/**
 * A phone number as WhatsApp and Qontak want it: country code + number, digits only, no `+`
 * (https://docs.qontak.com/docs/omnichannel-hub/fe286fab4f3cf-qontak-open-api-v1-0-3, "to_number").
 * Indonesian forms become 62…: 08…, 8… (a mobile number without its 0), 0 21…, +62…, 62…,
 * +62 (0)8…. A number with another country code (+65…, 0060…, 6591234567) is kept as written,
 * since WhatsApp serves customers abroad. Only what cannot be a phone number is refused, with the reason.
 */
export function readPhone(value: unknown): PhoneReading {
	if (typeof value !== 'string' && typeof value !== 'number') return { problem: 'is not text or a number' };
	let text = String(value).trim();
	if (text === '') return { problem: 'is empty' };
	let international = false;
	if (text.startsWith('+') || text.startsWith('00')) {
		international = true;
		text = text.replace(/^(\+|00)/, '');
		// "+62 (0)21 …": the bracketed trunk 0 is written for callers at home and never dialled from abroad.
		text = text.replace(/\(0\)/, '');
	}
	const digits = text.replace(SEPARATORS, '');
	const stray = digits.match(/\D/);
	if (stray) return { problem: `contains '${stray[0]}'; a phone number has digits, spaces, dashes, dots, brackets and a leading + only` };
	if (digits.startsWith('62')) return indonesian(digits.slice(2).replace(/^0/, ''));
	if (!international && digits.startsWith('0')) return indonesian(digits.slice(1));
	if (!international && digits.startsWith('8')) return indonesian(digits);
	if (digits.startsWith('0')) return { problem: 'has a country code starting with 0; write it as +<country code><number>' };
	if (digits.length < E164.min || digits.length > E164.max) {
		return { problem: `has ${digits.length} digits with its country code; a phone number has ${E164.min} to ${E164.max}` };
	}
	return { phone: digits };
}

/**
 * An Indonesian national number (without 62 or the trunk 0). Mobile numbers (8…) have 9 to 12
 * digits, landlines (area code + subscriber, 21 5551234, 274 512345) 7 to 11.
 */
function indonesian(national: string): PhoneReading {
	const [min, max, kind] = national.startsWith('8') ? [9, 12, 'mobile number'] : [7, 11, 'landline'];
	if (national.length < min || national.length > max) {
		return { problem: `is too ${national.length < min ? 'short' : 'long'} for an Indonesian ${kind}: ${national.length} digits after 0 or +62, where ${min} to ${max} are dialled` };
	}
	if (!/^[1-9]/.test(national)) return { problem: 'has an area code starting with 0 after +62' };
	return { phone: `62${national}` };
}

export function normalizePhone(value: unknown): string | undefined {
	const reading = readPhone(value);
	return 'phone' in reading ? reading.phone : undefined;
}

export function requirePhone(node: INode, value: unknown, field: string, itemIndex: number): string {
	const reading = readPhone(value);
	if ('phone' in reading) return reading.phone;
	return fieldError(
		node,
		itemIndex,
		`'${field}' ${reading.problem}: ${JSON.stringify(value ?? '')}`,
		`Give '${field}' as 081234567890, 021 555 1234, +62 812-3456-7890 or, for a number abroad, +65 9123 4567; it is sent as digits with the country code (6281234567890)`,
	);
}
