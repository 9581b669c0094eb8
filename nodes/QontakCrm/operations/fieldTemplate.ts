import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { qontakRequest } from '../transport';

/**
 * A CRM resource's field template (`GET /qontak/crm/<resource>/info`): its built-in and custom
 * fields with their types and options, read by the resource mapper and when a body is built.
 */

/** One entry of a /info field template. */
export interface FieldDescriptor {
	id: number | null;
	name: string;
	name_alias?: string;
	required?: boolean | null;
	additional_field?: boolean;
	type?: string;
	dropdown?: Array<{ id?: number | string; name?: string } | string> | null;
	required_pipeline_ids?: number[] | null;
	required_stage_ids?: number[] | null;
}

/**
 * Template names that differ from the body key Qontak expects (the /info and create examples of
 * Qontak's CRM API collection, https://documenter.getpostman.com/view/22728681/2sAXxV6A5V).
 */
const BODY_KEYS: Record<string, Record<string, string>> = {
	contact: { crm_phones: 'telephone' },
	deal: { crm_contact: 'crm_lead_ids', crm_company: 'crm_company_id' },
	task: {
		crm_person: 'crm_person_id',
		crm_company: 'crm_company_id',
		crm_deal: 'crm_deal_id',
		crm_task_attachment: 'attachment',
	},
	product: { unit_price: 'price' },
};

export function bodyKey(resource: string, name: string): string {
	return BODY_KEYS[resource]?.[name] ?? name;
}

/**
 * Body keys that hold a phone number: contacts' `telephone` (the template's `crm_phones`) and
 * companies' `telephone` (https://documenter.getpostman.com/view/22728681/2sAXxV6A5V).
 */
const PHONE_KEYS: Record<string, string[]> = {
	contact: ['telephone'],
	company: ['telephone'],
};

export function hasPhoneFields(resource: string): boolean {
	return (PHONE_KEYS[resource] ?? []).length > 0;
}

export function isPhoneKey(resource: string, key: string): boolean {
	return (PHONE_KEYS[resource] ?? []).includes(key);
}

/** Products call the custom-field flag `additional_fields` (plural). */
export function isCustomField(descriptor: FieldDescriptor & { additional_fields?: boolean }): boolean {
	return Boolean(descriptor.additional_field ?? descriptor.additional_fields);
}

export async function fetchTemplate(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	path: string,
): Promise<FieldDescriptor[]> {
	const body = await qontakRequest.call(this, { method: 'GET', path });
	// Products answer under `crm_properties` instead of `response`.
	const list = (body.crm_properties ?? body.response) as unknown;
	return Array.isArray(list) ? (list as FieldDescriptor[]) : [];
}

export function dropdownOptions(descriptor: FieldDescriptor): Array<{ name: string; value: string }> {
	return (descriptor.dropdown ?? []).map((option) =>
		typeof option === 'string'
			? { name: option, value: option }
			: { name: String(option.name ?? option.id), value: String(option.id ?? option.name) },
	);
}

/**
 * Deals: a field may be required only in some pipelines or stages, as its `required_pipeline_ids`
 * and `required_stage_ids` say (https://documenter.getpostman.com/view/22728681/2sAXxV6A5V).
 */
export function isRequired(descriptor: FieldDescriptor, values: IDataObject): boolean {
	if (descriptor.required === true) return true;
	const pipeline = Number(values.crm_pipeline_id);
	const stage = Number(values.crm_stage_id);
	return (
		(descriptor.required_pipeline_ids ?? []).includes(pipeline) ||
		(descriptor.required_stage_ids ?? []).includes(stage)
	);
}
