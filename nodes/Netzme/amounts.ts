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

/**
 * The largest amount Netzme's money format can carry: SNAP amounts (which Netzme's vSNAP API
 * uses) are "value": String(16,2), 13 digits before the decimal point
 * (https://apidocs-vsnap.netzme.id/api-reference/toko-netzme/create-invoice-transaction).
 * Netzme's non-SNAP docs publish no other minimum or maximum for invoices, withdrawals,
 * deposits or split fees, so this is the only upper limit checked before sending.
 */
export const MAX_RUPIAH = 9_999_999_999_999;

/** One money field a user types, and what it may hold. */
export interface RupiahField {
	/** The field as the editor names it. */
	label: string;
	/** 1 for what a buyer pays or a withdrawal moves; 0 for a fee or a part of an amount that may be nothing. */
	min: 0 | 1;
	/** Default MAX_RUPIAH. */
	max?: number;
	/** Shown in the fix. */
	example: number;
}

export type RupiahCheck = { ok: true; amount: number } | { ok: false; message: string; fix: string };

/**
 * A typed amount as whole rupiah. QRIS carries IDR without a minor unit and Netzme's request
 * amounts are integers (withdrawalAmount must equal the inquiry's integer), so cents are refused
 * rather than rounded. Text must be plain digits: "25.000" is twenty-five thousand to an
 * Indonesian reader and 25 to JavaScript, so separators are refused rather than guessed.
 */
export function checkRupiah(value: unknown, field: RupiahField): RupiahCheck {
	const { label, min, example } = field;
	const max = field.max ?? MAX_RUPIAH;
	const text = typeof value === 'string' ? value.trim() : undefined;
	const amount = typeof value === 'number' ? value : text !== undefined && /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
	const fix = `Enter '${label}' in whole rupiah (IDR has no cents in QRIS), without decimals or thousands separators, for example ${example}`;
	if (!Number.isInteger(amount) || amount < min) {
		const range = min === 1 ? ' above 0' : ', 0 or more';
		return { ok: false, message: `'${label}' must be a whole number of rupiah${range} (got ${JSON.stringify(value)})`, fix };
	}
	if (amount > max) {
		const limit = max === MAX_RUPIAH ? "Netzme's largest amount" : 'the most it may be';
		return {
			ok: false,
			message: `'${label}' ${JSON.stringify(value)} is more than ${limit}, ${max.toLocaleString('en-US')} rupiah`,
			fix: `Check '${label}': it is in whole rupiah (no cents, no exponent), for example ${example}`,
		};
	}
	return { ok: true, amount };
}

/** Keys Netzme gives money under (amount, mdrAmount, fee, merchantFee, totalBalance, withdrawalAmount…). */
const AMOUNT_KEY = /(amount|balance|fee)$/i;

/** A vendor string that is money: "IDR 37995.00" anywhere, or a plain number as text under an amount key. */
function moneyText(key: string, value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	if (!CURRENCY.test(value) && !(AMOUNT_KEY.test(key) && /^\s*-?\d+(\.\d+)?\s*$/.test(value))) return undefined;
	return parseAmount(value);
}

/**
 * Simplified output: every amount Netzme writes as text becomes a number under its own key
 * (what expressions and the Amount fields take), and Netzme's own text stays beside it as
 * `<key>Text`: `withdrawalAmount: 37995, withdrawalAmountText: "IDR 37995.00"`. At any depth.
 */
export function amountsWithText<T>(value: T): T {
	if (Array.isArray(value)) return value.map((entry) => amountsWithText(entry)) as T;
	if (value === null || typeof value !== 'object') return value;
	const source = value as IDataObject;
	const result: IDataObject = {};
	for (const [key, entry] of Object.entries(source)) {
		const amount = moneyText(key, entry);
		if (amount === undefined) {
			result[key] = amountsWithText(entry);
			continue;
		}
		result[key] = amount;
		if (!(`${key}Text` in source)) result[`${key}Text`] = entry;
	}
	return result as T;
}

/** Every money field the Netzme node takes, with its limits: one place to read them. */
export const RUPIAH_FIELDS = {
	invoiceAmount: { label: 'Amount', min: 1, example: 25000 },
	basicAmount: { label: 'Basic Amount', min: 0, example: 20000 },
	shippingAmount: { label: 'Shipping Amount', min: 0, example: 5000 },
	itemAmount: { label: 'Items → Amount', min: 0, example: 15000 },
	withdrawalAmount: { label: 'Amount', min: 1, example: 37995 },
	paidAmount: { label: 'Paid Amount', min: 1, example: 200000 },
	mdrFeeAmount: { label: 'MDR Fee Amount', min: 0, example: 1400 },
} satisfies Record<string, RupiahField>;
