import { CrmError, type ListKeyStyle } from './crmEnvelope';
import { CONTACT_STATUSES, COMPANY_TYPES, GENDERS, INDUSTRIES, SOURCES, type Option } from './crmFixtures';
import type { CrmRecord, CrmState } from './crmState';
import type { WriteSpec } from './crmValidation';
import { containsCi, decimalString, idList, isBlank, slugify } from './crmValues';

/**
 * Per-resource record shapes for the plain CRUD resources (contacts, companies, products).
 * Deals and tickets live in crmPipelineRecords.ts, tasks/line items/notes/geolocations in
 * crmActivityRecords.ts. Response keys mirror the documented shapes; `*_name` keys are
 * read-only echoes recomputed on every write.
 */

export type ListQuery = Record<string, string | string[]>;
export type Predicate = (record: CrmRecord) => boolean;

export interface ResourceSpec extends WriteSpec {
	/** Tasks answer ids as strings ("5001"); everything else as integers. */
	stringId?: boolean;
	listStyle: ListKeyStyle;
	/** Products and product associations stamp meta.timestamp as unix seconds. */
	unixMeta?: boolean;
	/** Timeline wording: "a contact", "Contact 'Siti Rahmawati'". */
	noun: string;
	titleOf(record: CrmRecord): string;
	decorate(record: CrmRecord, state: CrmState): void;
	/** undefined = no filter asked for, which lets the list take the plain-slice fast path. */
	filter?(query: ListQuery, state: CrmState): Predicate | undefined;
	afterWrite?(record: CrmRecord, previous: CrmRecord | undefined, state: CrmState): void;
	afterDelete?(record: CrmRecord, state: CrmState): void;
}

export const optionName = (options: Option[], id: unknown): string | null =>
	isBlank(id) ? null : (options.find((o) => o.id === Number(id))?.name ?? null);

export function firstParam(query: ListQuery, key: string): string | undefined {
	const raw = query[key] ?? query[`${key}[]`];
	const value = Array.isArray(raw) ? raw[0] : raw;
	return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function idsParam(query: ListQuery, key: string): number[] | undefined {
	const raw = query[key] ?? query[`${key}[]`];
	const ids = idList(raw);
	return ids.length ? ids : undefined;
}

/** AND of the predicates that were asked for; undefined when none were. */
export function allOf(...predicates: Array<Predicate | undefined | false>): Predicate | undefined {
	const active = predicates.filter((p): p is Predicate => typeof p === 'function');
	if (!active.length) return undefined;
	return (record) => active.every((p) => p(record));
}

/** Rejects links to records that do not exist; Qontak validates associations on write. */
export function checkLinks(state: CrmState, errors: string[], key: string, resource: 'contacts' | 'companies' | 'deals' | 'products', ids: unknown): void {
	for (const id of idList(ids)) if (!state.find(resource, id)) errors.push(`${key}: ${resource} ${id} not found`);
}

const digits = (s: unknown) => String(s ?? '').replace(/\D/g, '').replace(/^62/, '0');

export const contactSpec: ResourceSpec = {
	resource: 'contacts',
	template: 'contacts',
	noun: 'contact',
	listStyle: 'standard',
	ownerKey: 'creator_id',
	writable: [
		'first_name', 'last_name', 'job_title', 'email', 'telephone', 'creator_id', 'crm_status_id', 'address', 'country',
		'province', 'city', 'zipcode', 'date_of_birth', 'crm_source_id', 'crm_gender_id', 'income', 'upload_id',
		'customer_id', 'crm_company_id', 'crm_deal_ids',
	],
	blank: () => ({
		id: null, first_name: null, last_name: null, slug: null, created_at: null, updated_at: null, job_title: null,
		creator_id: null, creator_name: null, email: null, telephone: null, crm_status_id: null, crm_status_name: null,
		address: null, country: null, province: null, city: null, zipcode: null, date_of_birth: null,
		crm_source_id: null, crm_source_name: null, crm_gender_id: null, crm_gender_name: null, income: null,
		upload_id: null, customer_id: null, crm_company_id: null, crm_company_name: null, crm_deal_ids: [],
		crm_deal_name: [], additional_fields: [],
	}),
	titleOf: (r) => [r.first_name, r.last_name].filter(Boolean).join(' '),
	prepare(next, _previous, body, state, errors) {
		if ('crm_company_id' in body) checkLinks(state, errors, 'crm_company_id', 'companies', body.crm_company_id);
		if ('crm_deal_ids' in body) {
			checkLinks(state, errors, 'crm_deal_ids', 'deals', body.crm_deal_ids);
			next.crm_deal_ids = idList(body.crm_deal_ids);
		}
	},
	normalize(next) {
		// A birthday is a calendar date, not an instant.
		if (typeof next.date_of_birth === 'string') next.date_of_birth = next.date_of_birth.slice(0, 10);
		if (!isBlank(next.crm_company_id)) next.crm_company_id = Number(next.crm_company_id);
	},
	decorate(r, state) {
		r.slug = slugify(contactSpec.titleOf(r), r.id);
		r.creator_name = state.userName(r.creator_id);
		r.crm_status_name = optionName(CONTACT_STATUSES, r.crm_status_id);
		r.crm_source_name = optionName(SOURCES, r.crm_source_id);
		r.crm_gender_name = optionName(GENDERS, r.crm_gender_id);
		r.crm_company_name = isBlank(r.crm_company_id) ? null : (state.find('companies', r.crm_company_id)?.name ?? null);
		r.crm_deal_name = (r.crm_deal_ids as number[]).map((id) => state.find('deals', id)?.name ?? null);
	},
	filter(query) {
		const after = firstParam(query, 'created_after');
		const name = firstParam(query, 'name');
		const email = firstParam(query, 'email');
		const phone = firstParam(query, 'phone');
		let since: string | undefined;
		if (after) {
			const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(after);
			if (!m) throw new CrmError(422, 'created_after must be DD-MM-YYYY');
			// created_at is always WIB ISO, so a same-format string compares chronologically.
			since = `${m[3]}-${m[2]}-${m[1]}T00:00:00.000+07:00`;
		}
		return allOf(
			since !== undefined && ((r) => r.created_at >= since!),
			name !== undefined && ((r) => containsCi(`${r.first_name ?? ''} ${r.last_name ?? ''}`, name)),
			email !== undefined && ((r) => containsCi(r.email, email)),
			phone !== undefined && ((r) => digits(r.telephone).includes(digits(phone))),
		);
	},
};

export const companySpec: ResourceSpec = {
	resource: 'companies',
	template: 'companies',
	noun: 'company',
	listStyle: 'standard',
	ownerKey: 'creator_id',
	writable: [
		'name', 'website', 'creator_id', 'telephone', 'address', 'country', 'province', 'city', 'zipcode', 'industry_id',
		'crm_type_id', 'number_of_employees', 'crm_source_id', 'annual_revenue', 'business_reg_number', 'crm_deal_ids',
		'crm_person_ids', 'ancestry',
	],
	blank: () => ({
		id: null, slug: null, name: null, website: null, created_at: null, updated_at: null, creator_id: null,
		creator_name: null, telephone: null, address: null, country: null, province: null, city: null, zipcode: null,
		industry_id: null, industry_name: null, crm_type_id: null, crm_type_name: null, number_of_employees: null,
		crm_source_id: null, crm_source_name: null, annual_revenue: null, business_reg_number: null, crm_deal_ids: [],
		crm_deal_name: [], crm_person_ids: [], crm_person_name: [], ancestry: null, unique_company_id: null,
		additional_fields: [],
	}),
	titleOf: (r) => r.name,
	prepare(next, _previous, body, state, errors) {
		if ('crm_person_ids' in body) {
			checkLinks(state, errors, 'crm_person_ids', 'contacts', body.crm_person_ids);
			next.crm_person_ids = idList(body.crm_person_ids);
		}
		if ('crm_deal_ids' in body) {
			checkLinks(state, errors, 'crm_deal_ids', 'deals', body.crm_deal_ids);
			next.crm_deal_ids = idList(body.crm_deal_ids);
		}
	},
	decorate(r, state) {
		r.slug = slugify(r.name ?? '', r.id);
		r.creator_name = state.userName(r.creator_id);
		r.industry_name = optionName(INDUSTRIES, r.industry_id);
		r.crm_type_name = optionName(COMPANY_TYPES, r.crm_type_id);
		r.crm_source_name = optionName(SOURCES, r.crm_source_id);
		r.crm_deal_name = (r.crm_deal_ids as number[]).map((id) => state.find('deals', id)?.name ?? null);
		r.crm_person_name = (r.crm_person_ids as number[]).map((id) => contactSpec.titleOf(state.find('contacts', id) ?? {}) || null);
		r.unique_company_id = `CMP-${String(r.id).padStart(6, '0')}`;
	},
	filter(query) {
		const name = firstParam(query, 'name');
		const website = firstParam(query, 'website');
		const contactIds = idsParam(query, 'contact_ids');
		const dealIds = idsParam(query, 'deal_ids');
		return allOf(
			name !== undefined && ((r) => containsCi(r.name, name)),
			website !== undefined && ((r) => containsCi(r.website, website)),
			contactIds && ((r) => (r.crm_person_ids as number[]).some((id) => contactIds.includes(id))),
			dealIds && ((r) => (r.crm_deal_ids as number[]).some((id) => dealIds.includes(id))),
		);
	},
};

/** price × quantity less a percentage discount, as Qontak computes line totals. */
export function priceLine(next: CrmRecord): void {
	const price = Number(next.price ?? 0);
	const quantity = Number(next.quantity ?? 1);
	const discount = Number(next.discount ?? 0);
	const gross = price * quantity;
	next.nominal_discount = decimalString((gross * discount) / 100);
	if (isBlank(next.total_price)) next.total_price = gross - (gross * discount) / 100;
	for (const key of ['price', 'discount', 'total_price']) next[key] = decimalString(next[key]);
	next.quantity = isBlank(next.quantity) ? null : Number(next.quantity);
}

export const productSpec: ResourceSpec = {
	resource: 'products',
	template: 'products',
	noun: 'product',
	listStyle: 'products',
	unixMeta: true,
	withoutValueNames: true,
	writable: [
		'name', 'currency', 'price', 'quantity', 'discount', 'total_price', 'crm_tag_ids', 'description', 'product_image',
		'crm_category_product_id', 'crm_subcategory_product_id',
	],
	blank: () => ({
		id: null, name: null, currency: null, price: null, quantity: null, discount: null, nominal_discount: null,
		total_price: null, crm_tag_ids: [], description: null, crm_category_product_id: null,
		crm_category_product_name: null, crm_subcategory_product_id: null, crm_subcategory_product_name: null,
		product_image: null, created_at: null, updated_at: null, additional_fields: [],
	}),
	titleOf: (r) => r.name,
	prepare(next, previous, body) {
		// A changed price or quantity invalidates a previously stored total.
		if (previous && !('total_price' in body) && ('price' in body || 'quantity' in body || 'discount' in body)) next.total_price = null;
	},
	normalize: priceLine,
	decorate() {},
	filter(query) {
		const text = firstParam(query, 'query');
		return allOf(text !== undefined && ((r) => containsCi(r.name, text) || containsCi(r.description, text)));
	},
};
