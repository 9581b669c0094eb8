import { wibIso } from './crmEnvelope';

/** Value coercions shared by validation, records and list filters. */

export const isBlank = (v: unknown): boolean =>
	v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

export const isPlainObject = (v: unknown): v is Record<string, any> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

export function isNumeric(v: unknown): boolean {
	if (typeof v === 'number') return Number.isFinite(v);
	return typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v));
}

/** Qontak returns money and sizes as decimal strings ("1500000.0"), whatever was sent. */
export function decimalString(v: unknown): string | null {
	if (isBlank(v) || !isNumeric(v)) return null;
	const n = Number(v);
	return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

const WIB_MS = 7 * 3600_000;

/**
 * The docs show dates as ISO, DD-MM-YYYY and DD/MM/YYYY
 * (https://documenter.getpostman.com/view/22728681/2sAXxV6A5V), so all three are accepted; anything
 * else is a 422. Returns epoch ms, date-only forms at WIB midnight.
 */
export function parseDateInput(v: unknown): number | undefined {
	if (typeof v !== 'string') return undefined;
	const s = v.trim();
	let m = /^(\d{2})[-/](\d{2})[-/](\d{4})$/.exec(s);
	if (m) return wibMidnight(Number(m[3]), Number(m[2]), Number(m[1]));
	m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (m) return wibMidnight(Number(m[1]), Number(m[2]), Number(m[3]));
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)) return undefined;
	const ms = Date.parse(s);
	return Number.isNaN(ms) ? undefined : ms;
}

function wibMidnight(year: number, month: number, day: number): number | undefined {
	const ms = Date.UTC(year, month - 1, day) - WIB_MS;
	const check = new Date(ms + WIB_MS);
	// Rejects 31-02-2024 and friends, which Date.UTC would silently roll over.
	return check.getUTCDate() === day && check.getUTCMonth() === month - 1 ? ms : undefined;
}

/** Stored form of built-in date fields: ISO with +07:00, as the API echoes them. */
export function wibDate(v: unknown): string | null {
	const ms = parseDateInput(v);
	return ms === undefined ? null : wibIso(ms);
}

/** `1,2,3`, `[1,2]`, `5` or repeated/bracketed query params → ids as numbers. */
export function idList(v: unknown): number[] {
	if (isBlank(v)) return [];
	const parts = Array.isArray(v) ? v.flatMap((x) => String(x).split(',')) : String(v).split(',');
	return parts.map((p) => p.trim()).filter((p) => p !== '').map(Number);
}

export function slugify(text: string, id: unknown): string {
	const base = text
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return `${base || 'record'}-${String(id)}`;
}

export const containsCi = (haystack: unknown, needle: string): boolean =>
	typeof haystack === 'string' && haystack.toLowerCase().includes(needle.toLowerCase());
