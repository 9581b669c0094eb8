import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { calendarDate, formatCalendarDate } from '../../shared/calendarDate';
import { mappedValues as sharedMappedValues } from '../../shared/resourceMapper';
import type { VtigerDescribe, VtigerField } from './vtigerDescribe';
import { RECORD_ID } from './inputs';

/** vtiger's storage separator for multi-select picklists; not yet confirmed for ABMS (README, ABMS vtiger Trigger: Limits). */
export const MULTIPICKLIST_SEPARATOR = ' |##| ';

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

class FieldError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
	}
}

const pad = (n: number) => String(n).padStart(2, '0');

function dateOnly(value: unknown, timezone: string): string | undefined {
	const date = calendarDate(value, timezone);
	return date && formatCalendarDate(date, 'YYYY-MM-DD');
}

/** Database format in UTC. A zone-less date-time is taken as already in vtiger's time. */
function dateTime(value: unknown): string | undefined {
	const text = value instanceof Date ? value.toISOString() : String(value).trim();
	const plain = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?(\.\d+)?$/.exec(text);
	if (plain) return `${plain[1]} ${plain[2]}${plain[3] ?? ':00'}`;
	if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
	const date = new Date(text);
	if (Number.isNaN(date.getTime())) return undefined;
	return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

function picklistValues(field: VtigerField): string[] {
	return (field.type.picklistValues ?? []).map((option) => String(option.value));
}

function allowedList(values: string[]): string {
	const shown = values.slice(0, 25).map((value) => `'${value}'`).join(', ');
	return values.length > 25 ? `${shown}, …` : shown;
}

/** One value in the form vtiger stores it; throws FieldError with the fix. `timezone` is the workflow's. */
export function convertValue(field: VtigerField, value: unknown, timezone: string): string {
	const type = field.type.name;
	switch (type) {
		case 'boolean': {
			const text = String(value).trim().toLowerCase();
			if (['true', '1', 'yes', 'on'].includes(text)) return '1';
			if (['false', '0', 'no', 'off'].includes(text)) return '0';
			throw new FieldError(`is a yes/no field, got ${JSON.stringify(value)}`, 'Give true or false.');
		}
		case 'integer': {
			const number = Number(value);
			if (typeof value === 'boolean' || !Number.isInteger(number)) throw new FieldError(`needs a whole number, got ${JSON.stringify(value)}`, 'Give digits only, e.g. 25.');
			return String(number);
		}
		case 'double':
		case 'currency': {
			const number = typeof value === 'string' ? Number(value.trim()) : Number(value);
			if (typeof value === 'boolean' || !Number.isFinite(number)) {
				throw new FieldError(`needs a number, got ${JSON.stringify(value)}`, 'Give a plain number with a dot for decimals and no thousands separators, e.g. 1500000.50.');
			}
			return String(number);
		}
		case 'date': {
			const date = dateOnly(value, timezone);
			if (!date) throw new FieldError(`needs a date, got ${JSON.stringify(value)}`, 'Give YYYY-MM-DD (vtiger’s API format, whatever the user’s display format), an ISO date-time, or DD-MM-YYYY.');
			return date;
		}
		case 'datetime': {
			const date = dateTime(value);
			if (!date) throw new FieldError(`needs a date and time, got ${JSON.stringify(value)}`, 'Give an ISO date-time such as 2024-05-01T09:30:00+07:00 (sent as UTC), or YYYY-MM-DD HH:MM:SS.');
			return date;
		}
		case 'time': {
			const text = String(value).trim();
			if (!/^\d{1,2}:\d{2}(:\d{2})?$/.test(text)) throw new FieldError(`needs a time, got ${JSON.stringify(value)}`, 'Give HH:MM or HH:MM:SS.');
			return text;
		}
		case 'picklist': {
			const text = String(value).trim();
			const allowed = picklistValues(field);
			if (allowed.length && !allowed.includes(text)) {
				const match = allowed.find((candidate) => candidate.toLowerCase() === text.toLowerCase());
				if (match) return match;
				throw new FieldError(`has no option '${text}'`, `Use one of ${allowedList(allowed)}.`);
			}
			return text;
		}
		case 'multipicklist': {
			const parts = (Array.isArray(value) ? value : String(value).split(/\s*\|##\|\s*|\s*,\s*/))
				.map((part) => String(part).trim())
				.filter(Boolean);
			const allowed = picklistValues(field);
			const unknown = allowed.length ? parts.filter((part) => !allowed.includes(part)) : [];
			if (unknown.length) throw new FieldError(`has no option ${unknown.map((part) => `'${part}'`).join(', ')}`, `Use values from ${allowedList(allowed)}, comma-separated or as a list.`);
			return parts.join(MULTIPICKLIST_SEPARATOR);
		}
		case 'reference':
		case 'owner': {
			const text = String(value).trim();
			if (!RECORD_ID.test(text)) {
				const target = type === 'owner' ? 'a user or group (users look like 19x1, groups like 20x3)' : `a record of ${(field.type.refersTo ?? ['the referenced module']).join(' or ')}`;
				throw new FieldError(`needs the vtiger ID of ${target}, got ${JSON.stringify(value)}`, 'vtiger IDs look like 11x45 (module prefix, x, record number); records from this node carry theirs in `id`.');
			}
			return text;
		}
		case 'email': {
			const text = String(value).trim();
			if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)) throw new FieldError(`is not an e-mail address: ${JSON.stringify(value)}`, 'Give an address such as name@example.co.id.');
			return text;
		}
		default:
			if (typeof value === 'object') throw new FieldError('needs text, got an object or list', 'Map a single text value to it.');
			return String(value);
	}
}

function fieldName(field: VtigerField): string {
	return field.label && field.label !== field.name ? `${field.label} (${field.name})` : field.name;
}

/** The mapped values, from the resource mapper or, in auto-map mode, from the input item. */
export function mappedValues(this: IExecuteFunctions, itemIndex: number, describe: VtigerDescribe): IDataObject {
	const editable = new Set(describe.fields.filter((field) => field.editable).map((field) => field.name));
	return sharedMappedValues.call(this, 'fields', itemIndex, (key) => editable.has(key));
}

export interface ElementOptions {
	/** Create: every mandatory editable field must be present. */
	requireMandatory: boolean;
	/** The API user's id, used for a missing mandatory owner. */
	defaultOwner?: string;
	/** The workflow's timezone (`this.getTimezone()`): the day a date field takes from a bare instant. */
	timezone: string;
}

/**
 * The `element` vtiger gets: each value checked against describe (name, editability,
 * type, picklist) so a bad field fails this item with a clear message before any
 * request. Empty values are left out: vtiger treats a missing key as "unchanged".
 */
export function buildElement(node: INode, describe: VtigerDescribe, values: IDataObject, itemIndex: number, options: ElementOptions): IDataObject {
	const byName = new Map(describe.fields.map((field) => [field.name, field]));
	const element: IDataObject = {};
	for (const [name, value] of Object.entries(values)) {
		if (isBlank(value)) continue;
		const field = byName.get(name);
		if (!field) {
			const near = describe.fields.filter((candidate) => candidate.label.toLowerCase() === name.toLowerCase() || candidate.name.toLowerCase() === name.toLowerCase());
			throw new NodeOperationError(node, `${describe.name} has no field '${name}'`, {
				itemIndex,
				description: near.length
					? `Did you mean ${near.map((candidate) => `'${candidate.name}'`).join(' or ')}? Fields are named as Module → Describe lists them (name, not label).`
					: `Refresh the field list under 'Fields' and remove '${name}'. Module → Describe lists the fields of ${describe.name}.`,
			});
		}
		if (!field.editable) {
			throw new NodeOperationError(node, `'${fieldName(field)}' of ${describe.name} is read-only`, {
				itemIndex,
				description: 'vtiger fills this field itself; remove it from the mapping.',
			});
		}
		try {
			element[name] = convertValue(field, value, options.timezone);
		} catch (error) {
			throw new NodeOperationError(node, `'${fieldName(field)}' ${(error as Error).message}`, {
				itemIndex,
				description: error instanceof FieldError ? error.hint : undefined,
			});
		}
	}
	if (options.requireMandatory) {
		const owner = describe.fields.find((field) => field.type.name === 'owner' && field.mandatory && field.editable);
		if (owner && element[owner.name] === undefined && options.defaultOwner) element[owner.name] = options.defaultOwner;
		const missing = describe.fields.filter((field) => field.mandatory && field.editable && element[field.name] === undefined);
		if (missing.length) {
			throw new NodeOperationError(node, `Mandatory ${describe.name} field${missing.length > 1 ? 's' : ''} missing: ${missing.map(fieldName).join(', ')}`, {
				itemIndex,
				description: `Map a value to ${missing.length > 1 ? 'each of these fields' : 'this field'} under 'Fields'.`,
			});
		}
	}
	return element;
}
