import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** What people type between digits: spaces, dashes, dots, brackets. */
const SEPARATORS = /[\s\-.()/]/g;

/**
 * An Indonesian number as Qontak wants it: country code + number, digits only (Qontak's
 * Omnichannel open API, https://docs.qontak.com/docs/omnichannel-hub/fe286fab4f3cf-qontak-open-api-v1-0-3).
 * Accepts 08…, 8…, +62…, 62…, and +62 (0)8…, with separators; returns undefined for anything else.
 */
export function normalizeIndonesianPhone(value: unknown): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	let digits = String(value).trim().replace(SEPARATORS, '');
	if (digits.startsWith('+')) {
		digits = digits.slice(1);
		if (!digits.startsWith('62')) return undefined;
	}
	if (!/^\d+$/.test(digits)) return undefined;
	if (digits.startsWith('620')) digits = `62${digits.slice(3)}`;
	else if (digits.startsWith('0')) digits = `62${digits.slice(1)}`;
	else if (digits.startsWith('8')) digits = `62${digits}`;
	// Mobile numbers are 10 to 13 digits written with the leading 0 (08…), so 8 to 11 after "628".
	return /^628\d{8,11}$/.test(digits) ? digits : undefined;
}

export function requireIndonesianPhone(node: INode, value: unknown, field: string, itemIndex: number): string {
	const phone = normalizeIndonesianPhone(value);
	if (phone === undefined) {
		throw new NodeOperationError(node, `'${field}' is not an Indonesian mobile number: ${JSON.stringify(value ?? '')}`, {
			itemIndex,
			description: `Give '${field}' as 081234567890, +62 812-3456-7890 or 6281234567890; it is sent as 6281234567890. Numbers outside Indonesia are not accepted.`,
		});
	}
	return phone;
}
