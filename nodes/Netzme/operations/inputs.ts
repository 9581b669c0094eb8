import type { IExecuteFunctions } from 'n8n-workflow';

import { calendarDate, formatCalendarDate } from '../../shared/calendarDate';
import { fieldError, pathSegmentProblem, trimmedText } from '../../shared/parseInput';
import type { RupiahField } from '../amounts';
import { checkRupiah } from '../amounts';
import type { OperationContext } from './context';

/* Readers that take a parameter of one item and validate it, naming the field and the fix. */

export function stringParameter(this: IExecuteFunctions, name: string, itemIndex: number): string {
	return trimmedText(this.getNodeParameter(name, itemIndex, ''));
}

/** A value that goes into a URL path or query: Netzme signs the path as sent, so keep it plain. */
export function requiredId(this: IExecuteFunctions, name: string, label: string, itemIndex: number, example: string): string {
	const value = stringParameter.call(this, name, itemIndex);
	if (value === '') fieldError(this.getNode(), itemIndex, `'${label}' is required`, `Enter the ${label.toLowerCase()}, for example ${example}`);
	if (!/^[A-Za-z0-9_.:-]+$/.test(value)) {
		fieldError(this.getNode(), itemIndex,
			`'${label}' may only contain letters, digits, '_', '-', '.' and ':' (got ${JSON.stringify(value)})`,
			`Remove spaces and other characters; for example ${example}`,
		);
	}
	// Some of these ids become a path segment of a signed GET; '..' would sign and send the parent path.
	const problem = pathSegmentProblem(value);
	if (problem) {
		fieldError(this.getNode(), itemIndex,
			`'${label}' is not an ID: ${JSON.stringify(value)}`,
			`${problem[0].toUpperCase()}${problem.slice(1)}. Enter the ${label.toLowerCase()} itself, for example ${example}`,
		);
	}
	return value;
}

export async function merchantId(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<string> {
	let value = stringParameter.call(this, 'merchantId', itemIndex);
	if (value === '') value = await context.defaultMerchantId();
	if (value === '') {
		fieldError(this.getNode(), itemIndex,
			"'Merchant ID' is required",
			'Enter the merchant ID (M_…) here, or set Default Merchant ID in the Netzme credential',
		);
	}
	if (!/^[A-Za-z0-9_-]+$/.test(value)) {
		fieldError(this.getNode(), itemIndex,
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
		fieldError(this.getNode(), itemIndex,
			`'Phone Number' is not an Indonesian phone number: ${JSON.stringify(raw)}`,
			'Give the merchant’s registered number as 6281234567890, +62 812-3456-7890 or 081234567890',
		);
	}
	return digits;
}

/**
 * Netzme's books run on Jakarta days: its own times are written with +07:00 (callback `ts`,
 * invoice `expiredTs`, https://apidocs.netzme.id/api-reference/toko-netzme/), and a range's
 * YYYYMMDD days are Jakarta's whatever the workflow's timezone.
 */
const NETZME_TIMEZONE = 'Asia/Jakarta';

function dateDigits(this: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string {
	// Netzme's own YYYYMMDD, as its API writes a day.
	const compact = typeof value === 'string' ? /^\s*(\d{4})(\d{2})(\d{2})\s*$/.exec(value) : null;
	// An instant (text with an offset, a Luxon DateTime, a Date, a Unix time) is the day it falls on in Jakarta; a date written without an offset stays that date.
	const date = calendarDate(compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : value, NETZME_TIMEZONE, { zoned: 'timezone' });
	if (!date) {
		fieldError(this.getNode(), itemIndex,
			`'${label}' is not a date: ${JSON.stringify(trimmedText(value))}`,
			`Give '${label}' as YYYY-MM-DD (or pick it in the date picker)`,
		);
	}
	return formatCalendarDate(date, 'YYYYMMDD');
}

export function dateRange(this: IExecuteFunctions, itemIndex: number): { startdate: string; enddate: string } {
	const startdate = dateDigits.call(this, this.getNodeParameter('startDate', itemIndex, ''), 'Start Date', itemIndex);
	const enddate = dateDigits.call(this, this.getNodeParameter('endDate', itemIndex, ''), 'End Date', itemIndex);
	if (startdate > enddate) {
		fieldError(this.getNode(), itemIndex,
			`'Start Date' (${startdate}) is after 'End Date' (${enddate})`,
			'Swap the dates or correct one of them: the range runs from Start Date to End Date inclusive',
		);
	}
	return { startdate, enddate };
}

/** A typed amount as whole rupiah within the field's limits, or a per-item error naming the field and the limit. */
export function rupiah(this: IExecuteFunctions, value: unknown, field: RupiahField, itemIndex: number): number {
	const checked = checkRupiah(value, field);
	if (!checked.ok) fieldError(this.getNode(), itemIndex, checked.message, checked.fix);
	return checked.amount;
}

export function wholeRupiah(this: IExecuteFunctions, name: string, field: RupiahField, itemIndex: number): number {
	return rupiah.call(this, this.getNodeParameter(name, itemIndex, 0) as unknown, field, itemIndex);
}
