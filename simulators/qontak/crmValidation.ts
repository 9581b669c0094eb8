import { CrmError, unprocessable, wibIso } from './crmEnvelope';
import type { CrmRecord, CrmResource, CrmState } from './crmState';
import { bodyKeyOf, template, type FieldDescriptor, type TemplateKind } from './crmTemplates';
import { idList, isBlank, isNumeric, isPlainObject, parseDateInput, wibDate } from './crmValues';

/**
 * Create/update validation driven by the resource's `/info` template, so the simulator
 * rejects exactly what the template says is wrong and a node that trusts the template passes.
 */

export interface WriteSpec {
	resource: CrmResource;
	template?: TemplateKind;
	/** A response-shaped record with every key present; creates start from it. */
	blank(): CrmRecord;
	/** Body keys the API takes; anything else is dropped, as Rails strong params would. */
	writable: readonly string[];
	/** Owner key that falls back to the SSO user when a create leaves it empty. */
	ownerKey?: 'creator_id' | 'user_id';
	/** Products store custom values without `value_name`. */
	withoutValueNames?: boolean;
	/** Cross-field and cross-record checks; runs before required-ness so it can fill defaults. */
	prepare?(next: CrmRecord, previous: CrmRecord | undefined, body: Record<string, any>, state: CrmState, errors: string[]): void;
	/** Final coercion to the stored/echoed form (decimal strings, date formats...). */
	normalize?(next: CrmRecord): void;
}

function optionMatches(option: unknown, value: unknown): boolean {
	const v = String(value).trim();
	if (typeof option === 'string') return option === v;
	const opt = option as Record<string, unknown>;
	if (opt.id === null || opt.id === undefined) return opt.name === v;
	return String(opt.id) === v;
}

function checkValue(d: FieldDescriptor, label: string, value: unknown): string | undefined {
	switch (d.type) {
		case 'Number':
		case 'Percentage':
			return isNumeric(value) ? undefined : `${label} must be a number`;
		case 'Dropdown select':
			if (!d.dropdown || typeof value === 'object') return typeof value === 'object' ? `${label} is not a valid option` : undefined;
			return d.dropdown.some((o) => optionMatches(o, value)) ? undefined : `${label}: ${String(value)} is not a valid option`;
		case 'Multiple select': {
			const picked = Array.isArray(value) ? value.map(String) : String(value).split(',');
			const bad = picked.map((p) => p.trim()).filter((p) => !d.dropdown?.some((o) => optionMatches(o, p)));
			return bad.length ? `${label}: ${bad.join(',')} is not a valid option` : undefined;
		}
		case 'Date':
		case 'Date time':
			return parseDateInput(value) === undefined ? `${label} is not a valid date` : undefined;
		case 'assoc':
			return idList(value).every(Number.isInteger) ? undefined : `${label} must be a record id`;
		default:
			return undefined;
	}
}

function optionLabel(d: FieldDescriptor, value: unknown): string | null {
	if (isBlank(value) || !d.dropdown) return null;
	const picked = d.type === 'Multiple select' ? String(value).split(',') : [String(value)];
	const names = picked.map((p) => {
		const option = d.dropdown!.find((o) => optionMatches(o, p));
		return typeof option === 'string' ? option : ((option?.name as string | undefined) ?? null);
	});
	return names.every((n) => n === null) ? null : names.filter((n) => n !== null).join(', ');
}

/** Stored form of built-ins: numbers as numbers, dates as WIB ISO, as the API echoes them. */
function coerceBuiltin(d: FieldDescriptor, value: unknown): unknown {
	if (isBlank(value)) return value === undefined ? null : value;
	if (d.type === 'Number') return Number(value);
	if (d.type === 'Dropdown select' && isNumeric(value)) return Number(value);
	if (d.type === 'Date') return wibDate(value);
	if (d.type === 'Date time') return wibIso(parseDateInput(value)!);
	return value;
}

function customEntry(spec: WriteSpec, d: FieldDescriptor, value: unknown): CrmRecord {
	const stored = isBlank(value) ? null : value;
	const entry: CrmRecord = { id: d.id, name: d.name, value: stored };
	if (!spec.withoutValueNames) entry.value_name = optionLabel(d, stored);
	return entry;
}

/** The `additional_fields` a fresh record carries: every custom field, value null. */
export function emptyAdditionalFields(spec: WriteSpec, state: CrmState): CrmRecord[] {
	if (!spec.template) return [];
	return template(spec.template, state)
		.filter((d) => d.additional_field)
		.map((d) => customEntry(spec, d, null));
}

function mergeAdditionalFields(
	spec: WriteSpec,
	customs: FieldDescriptor[],
	input: unknown,
	previous: CrmRecord[] | undefined,
	errors: string[],
): CrmRecord[] {
	const given = new Map<number, unknown>();
	if (!Array.isArray(input)) {
		if (input !== undefined) errors.push('additional_fields must be an array of {id, value}');
	} else {
		for (const entry of input) {
			if (!isPlainObject(entry) || isBlank(entry.id)) {
				errors.push('additional_fields entries need an id');
				continue;
			}
			const d = customs.find((c) => String(c.id) === String(entry.id));
			if (!d) {
				errors.push(`additional_fields: ${String(entry.id)} is not a custom field of ${spec.resource}`);
				continue;
			}
			const problem = isBlank(entry.value) ? undefined : checkValue(d, d.name, entry.value);
			if (problem) errors.push(problem);
			given.set(d.id!, entry.value);
		}
	}
	// Omitted custom fields keep their value (https://documenter.getpostman.com/view/22728681/2sAXxV6A5V).
	return customs.map((d) => {
		const value = given.has(d.id!) ? given.get(d.id!) : previous?.find((e) => e.id === d.id)?.value;
		return customEntry(spec, d, value);
	});
}

function isRequired(d: FieldDescriptor, record: CrmRecord): 'always' | 'pipeline' | 'stage' | undefined {
	if (d.required === true) return 'always';
	const pipelineId = Number(record.crm_pipeline_id ?? record.ticket_pipeline_id);
	if (d.required_pipeline_ids?.includes(pipelineId)) return 'pipeline';
	if (d.required_stage_ids?.includes(Number(record.crm_stage_id))) return 'stage';
	return undefined;
}

/**
 * Applies a create (previous undefined) or partial update body to a copy of the record.
 * Throws a 422 listing every problem; never touches the store.
 */
export function mergeWrite(spec: WriteSpec, state: CrmState, body: unknown, previous?: CrmRecord): CrmRecord {
	if (!isPlainObject(body)) throw new CrmError(400, 'Request body must be a JSON object');
	const errors: string[] = [];
	const fields = spec.template ? template(spec.template, state) : [];
	const next: CrmRecord = previous ? { ...previous } : spec.blank();

	for (const key of spec.writable) if (key in body) next[key] = body[key];

	for (const d of fields) {
		if (d.additional_field) continue;
		const key = bodyKeyOf(spec.template!, d);
		if (!(key in body) || isBlank(body[key])) continue;
		const problem = checkValue(d, key, body[key]);
		if (problem) errors.push(problem);
		else next[key] = coerceBuiltin(d, body[key]);
	}

	const customs = fields.filter((d) => d.additional_field);
	if (customs.length && (!previous || 'additional_fields' in body)) {
		next.additional_fields = mergeAdditionalFields(spec, customs, body.additional_fields, previous?.additional_fields, errors);
	}

	if (!previous && spec.ownerKey && isBlank(next[spec.ownerKey])) next[spec.ownerKey] = state.currentUser.id;
	spec.prepare?.(next, previous, body, state, errors);

	for (const d of fields) {
		const why = isRequired(d, next);
		if (!why) continue;
		const value = d.additional_field
			? next.additional_fields?.find((e: CrmRecord) => e.id === d.id)?.value
			: next[bodyKeyOf(spec.template!, d)];
		if (!isBlank(value)) continue;
		const label = d.additional_field ? d.name : bodyKeyOf(spec.template!, d);
		errors.push(why === 'always' ? `${label} can't be blank` : `${label} can't be blank in the selected ${why}`);
	}

	if (errors.length) throw unprocessable(errors.join(', '));
	spec.normalize?.(next);
	return next;
}
