import type { IDataObject } from 'n8n-workflow';

const CURRENCY = /^\s*(?:IDR|Rp\.?)\s*(-?[\d.,]+)\s*$/i;

/**
 * Netzme writes money as text ("IDR 37995.00"); requests want numbers. Accepts plain
 * numbers, "IDR 1234.50", "IDR 1,234.50" and the Indonesian "Rp 1.234,50". Returns
 * undefined for anything else rather than guessing.
 */
export function parseAmount(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const match = CURRENCY.exec(value) ?? /^\s*(-?[\d.,]+)\s*$/.exec(value);
	if (!match) return undefined;
	let digits = match[1];
	if (/^-?\d+(\.\d+)?$/.test(digits)) return Number(digits);
	if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(digits)) return Number(digits.replace(/,/g, ''));
	if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(digits)) {
		digits = digits.replace(/\./g, '').replace(',', '.');
		return Number(digits);
	}
	if (/^-?\d+,\d{1,2}$/.test(digits)) return Number(digits.replace(',', '.'));
	return undefined;
}

/** The request form of an amount (split-fee notifications carry money as text, like Netzme's responses). */
export function formatAmount(value: number): string {
	return `IDR ${value.toFixed(2)}`;
}

/** Every currency-prefixed string becomes a number, at any depth; other values are kept. */
export function amountsAsNumbers<T>(value: T): T {
	if (typeof value === 'string') {
		if (!CURRENCY.test(value)) return value;
		const amount = parseAmount(value);
		return (amount === undefined ? value : amount) as T;
	}
	if (Array.isArray(value)) return value.map((entry) => amountsAsNumbers(entry)) as T;
	if (value !== null && typeof value === 'object') {
		const result: IDataObject = {};
		for (const [key, entry] of Object.entries(value as IDataObject)) result[key] = amountsAsNumbers(entry);
		return result as T;
	}
	return value;
}
