import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { amountsAsNumbers, withoutSecrets } from '../amounts';
import type { TokoResult } from '../transport';
import type { OperationContext } from './context';

/* Parameters several operations share, and the readers that validate them per item. */

export const merchantIdProperty: INodeProperties = {
	displayName: 'Merchant ID',
	name: 'merchantId',
	type: 'string',
	default: '',
	placeholder: 'M_czBSCDVY',
	description: 'Netzme merchant (user) ID. Leave empty to use the Default Merchant ID of the credential.',
};

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return only the response body with amounts such as "IDR 37995.00" turned into numbers, instead of Netzme’s raw response',
};

export const dateRangeProperties: INodeProperties[] = [
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'First day to include (Jakarta time); sent as YYYYMMDD',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Last day to include (Jakarta time); sent as YYYYMMDD',
	},
];

export const pinProperty: INodeProperties = {
	displayName: 'PIN',
	name: 'pin',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description:
		'The merchant’s 6-digit PIN. Leave empty to use the Withdrawal PIN of the credential; otherwise prefer an expression that reads it from a secret store. It is hashed on this machine (HMAC-SHA256 with the client ID and merchant ID) and only the hash is sent.',
};

function fail(this: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
}

export function stringParameter(this: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = this.getNodeParameter(name, itemIndex, '') as unknown;
	return value === undefined || value === null ? '' : String(value).trim();
}

/** A value that goes into a URL path or query: Netzme signs the path as sent, so keep it plain. */
export function requiredId(this: IExecuteFunctions, name: string, label: string, itemIndex: number, example: string): string {
	const value = stringParameter.call(this, name, itemIndex);
	if (value === '') fail.call(this, itemIndex, `'${label}' is required`, `Enter the ${label.toLowerCase()}, for example ${example}`);
	if (!/^[A-Za-z0-9_.:-]+$/.test(value)) {
		fail.call(
			this,
			itemIndex,
			`'${label}' may only contain letters, digits, '_', '-', '.' and ':' (got ${JSON.stringify(value)})`,
			`Remove spaces and other characters; for example ${example}`,
		);
	}
	return value;
}

export async function merchantId(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<string> {
	let value = stringParameter.call(this, 'merchantId', itemIndex);
	if (value === '') value = await context.defaultMerchantId();
	if (value === '') {
		fail.call(
			this,
			itemIndex,
			"'Merchant ID' is required",
			'Enter the merchant ID (M_…) here, or set Default Merchant ID in the Netzme credential',
		);
	}
	if (!/^[A-Za-z0-9_-]+$/.test(value)) {
		fail.call(
			this,
			itemIndex,
			`'Merchant ID' is not a Netzme merchant ID: ${JSON.stringify(value)}`,
			'A merchant ID looks like M_czBSCDVY: letters, digits, "_" and "-" only. Merchant → Get by Phone returns it as userId.',
		);
	}
	return value;
}

/**
 * Netzme wants the phone as digits with the 62 country code (6281234567890); a '+' would need
 * percent-encoding inside the signed query, which Netzme's signing rule does not define.
 */
export function phoneNumber(this: IExecuteFunctions, itemIndex: number): string {
	const raw = stringParameter.call(this, 'phoneNumber', itemIndex);
	let digits = raw.replace(/[\s\-().]/g, '').replace(/^\+/, '');
	if (digits.startsWith('0')) digits = `62${digits.slice(1)}`;
	if (!/^62\d{8,13}$/.test(digits)) {
		fail.call(
			this,
			itemIndex,
			`'Phone Number' is not an Indonesian phone number: ${JSON.stringify(raw)}`,
			'Give the merchant’s registered number as 6281234567890, +62 812-3456-7890 or 081234567890',
		);
	}
	return digits;
}

const JAKARTA_OFFSET_MS = 7 * 3600_000;

function dateDigits(this: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string {
	let candidate: unknown = value;
	if (candidate && typeof candidate === 'object' && 'toISO' in (candidate as object)) {
		candidate = (candidate as { toISO: () => string }).toISO();
	}
	if (candidate instanceof Date) candidate = candidate.toISOString();
	const textValue = candidate === undefined || candidate === null ? '' : String(candidate).trim();
	let digits: string | undefined;
	if (/^\d{8}$/.test(textValue)) digits = textValue;
	else if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+)?$/.test(textValue)) digits = textValue.slice(0, 10).replace(/-/g, '');
	else if (/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:?\d{2})$/.test(textValue)) {
		const ms = Date.parse(textValue);
		// An instant with a zone: the day it is in Jakarta, where Netzme's books are kept.
		if (!Number.isNaN(ms)) digits = new Date(ms + JAKARTA_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
	}
	const valid =
		digits !== undefined &&
		(() => {
			const [year, month, day] = [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8)].map(Number);
			const date = new Date(Date.UTC(year, month - 1, day));
			return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
		})();
	if (!valid) {
		fail.call(
			this,
			itemIndex,
			`'${label}' is not a date: ${JSON.stringify(textValue)}`,
			`Give '${label}' as YYYY-MM-DD (or pick it in the date picker)`,
		);
	}
	return digits!;
}

export function dateRange(this: IExecuteFunctions, itemIndex: number): { startdate: string; enddate: string } {
	const startdate = dateDigits.call(this, this.getNodeParameter('startDate', itemIndex, ''), 'Start Date', itemIndex);
	const enddate = dateDigits.call(this, this.getNodeParameter('endDate', itemIndex, ''), 'End Date', itemIndex);
	if (startdate > enddate) {
		fail.call(
			this,
			itemIndex,
			`'Start Date' (${startdate}) is after 'End Date' (${enddate})`,
			'Swap the dates or correct one of them: the range runs from Start Date to End Date inclusive',
		);
	}
	return { startdate, enddate };
}

export function wholeRupiah(this: IExecuteFunctions, name: string, label: string, itemIndex: number): number {
	const value = this.getNodeParameter(name, itemIndex, 0) as unknown;
	const amount = typeof value === 'number' ? value : Number(String(value ?? '').trim());
	if (!Number.isInteger(amount) || amount <= 0) {
		fail.call(
			this,
			itemIndex,
			`'${label}' must be a whole number of rupiah above 0 (got ${JSON.stringify(value)})`,
			`Enter '${label}' in rupiah without decimals, for example 37995`,
		);
	}
	return amount;
}

/** The body of Netzme's envelope, or the raw envelope when Simplify is off. Secrets never pass. */
export function shapeResult(this: IExecuteFunctions, result: TokoResult, itemIndex: number): IDataObject {
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	if (!simplify) return withoutSecrets(result.envelope);
	const body = result.envelope.body;
	const shaped = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : { result: body ?? null }) as IDataObject;
	return withoutSecrets({
		...amountsAsNumbers(shaped),
		...(result.requestId ? { requestId: result.requestId } : {}),
	});
}

/** A list in Netzme's body, wherever the endpoint keeps it (the Toko API documents no list shape). */
export function listRows(body: unknown): IDataObject[] | undefined {
	if (Array.isArray(body)) return body as IDataObject[];
	if (typeof body !== 'object' || body === null) return undefined;
	for (const key of ['transactions', 'transactionList', 'list', 'data', 'content', 'items', 'rows']) {
		const value = (body as IDataObject)[key];
		if (Array.isArray(value)) return value as IDataObject[];
	}
	const arrays = Object.values(body as IDataObject).filter(Array.isArray);
	return arrays.length === 1 ? (arrays[0] as IDataObject[]) : undefined;
}

export const returnAllProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** One output item per row (simplified), or the raw envelope as one item. */
export function shapeList(this: IExecuteFunctions, result: TokoResult, itemIndex: number): IDataObject[] {
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	if (!simplify) return [withoutSecrets(result.envelope)];
	const rows = listRows(result.envelope.body);
	if (!rows) return [shapeResult.call(this, result, itemIndex)];
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
	const kept = returnAll ? rows : rows.slice(0, limit);
	return kept.map((row) => withoutSecrets(amountsAsNumbers(typeof row === 'object' && row !== null ? row : { value: row })));
}
