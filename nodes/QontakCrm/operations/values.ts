import type { INode } from 'n8n-workflow';

import { formatCalendarDate, requireCalendarDate, requireInstant } from '../../shared/calendarDate';
import { fieldError, parseJsonParameter } from '../../shared/parseInput';
import type { FieldDescriptor } from './fieldTemplate';
import { dropdownOptions } from './fieldTemplate';
import type { FieldSpec } from './types';

/** "12, 34", [12, "34"] or 12 → [12, 34]. */
export function toIdList(node: INode, value: unknown, field: string, itemIndex: number): number[] {
	const parts = Array.isArray(value) ? value : String(value).split(',');
	return parts
		.map((part) => String(part).trim())
		.filter((part) => part !== '')
		.map((part) => {
			if (!/^\d+$/.test(part)) {
				fieldError(node, itemIndex, `'${field}' has '${part}', which is not a Qontak ID`, `Give '${field}' as numeric IDs separated by commas, e.g. 12, 34`);
			}
			return Number(part);
		});
}

export function toNumber(node: INode, value: unknown, field: string, itemIndex: number): number {
	const number = typeof value === 'number' ? value : Number(String(value).trim());
	if (!Number.isFinite(number)) {
		fieldError(node, itemIndex, `'${field}' is not a number: ${JSON.stringify(value)}`, `Give '${field}' as a number, e.g. 1500000`);
	}
	return number;
}

/** A value from a declared field, converted to what Qontak expects for its type. */
export function convertField(node: INode, spec: FieldSpec, value: unknown, itemIndex: number, timezone: string): unknown {
	switch (spec.kind) {
		case 'number':
			return toNumber(node, value, spec.label, itemIndex);
		case 'idList':
			return toIdList(node, value, spec.label, itemIndex);
		case 'json':
			return parseJsonParameter(node, value, spec.label, itemIndex);
		case 'dateTime': {
			const date = requireInstant(node, value, spec.label, itemIndex, timezone);
			return spec.unixSeconds ? Math.floor(date.getTime() / 1000) : date.toISOString();
		}
		default:
			return value;
	}
}

const ID_LIST_KEYS = new Set([
	'crm_lead_ids',
	'crm_deal_ids',
	'crm_person_ids',
	'crm_team_ids',
	'crm_tag_ids',
	'crm_product_ids',
	'crm_task_ids',
	'product_association_ids',
]);

/** A template field as the user knows it: its name, with its alias when that differs. */
export function describeField(descriptor: FieldDescriptor): string {
	return descriptor.name_alias && descriptor.name_alias !== descriptor.name
		? `${descriptor.name} (${descriptor.name_alias})`
		: descriptor.name;
}

function optionId(node: INode, descriptor: FieldDescriptor, value: unknown, itemIndex: number): string {
	const options = dropdownOptions(descriptor);
	const text = String(value).trim();
	if (options.length === 0) return text;
	const match =
		options.find((option) => option.value === text) ??
		options.find((option) => option.name.toLowerCase() === text.toLowerCase());
	if (!match) {
		const choices = options.slice(0, 10).map((option) => `${option.name} (${option.value})`).join(', ');
		fieldError(node, itemIndex, `'${describeField(descriptor)}' has no option '${text}'`, `Choose one of: ${choices}${options.length > 10 ? ', …' : ''}`);
	}
	return match.value;
}

/** A day for a date-only field or filter; `timezone` is the workflow's (`this.getTimezone()`). */
export function toCalendarDate(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	timezone: string,
	format: 'YYYY-MM-DD' | 'DD-MM-YYYY',
): string {
	return formatCalendarDate(requireCalendarDate(node, value, field, itemIndex, timezone), format);
}

/** A value for a template field, converted by the field's Qontak type; `timezone` is the workflow's. */
export function convertTemplateValue(
	node: INode,
	descriptor: FieldDescriptor,
	key: string,
	value: unknown,
	itemIndex: number,
	timezone: string,
): unknown {
	const name = describeField(descriptor);
	if (ID_LIST_KEYS.has(key)) return toIdList(node, value, name, itemIndex);
	switch ((descriptor.type ?? '').toLowerCase()) {
		case 'number':
		case 'percentage':
			return toNumber(node, value, name, itemIndex);
		case 'date':
			return toCalendarDate(node, value, name, itemIndex, timezone, 'YYYY-MM-DD');
		case 'date time':
			return requireInstant(node, value, name, itemIndex, timezone).toISOString();
		case 'dropdown select':
			return optionId(node, descriptor, value, itemIndex);
		case 'multiple select': {
			// The multi-select gives a list; an expression may give "90031, 90033" or a list of either.
			// Qontak takes the option ids as one comma-separated text (its Multiple select examples:
			// https://documenter.getpostman.com/view/22728681/2sAXxV6A5V).
			const parts = (Array.isArray(value) ? value : [value]).flatMap((part) => String(part).split(','));
			return parts
				.map((part) => String(part).trim())
				.filter(Boolean)
				.map((part) => optionId(node, descriptor, part, itemIndex))
				.join(',');
		}
		default:
			return value;
	}
}
