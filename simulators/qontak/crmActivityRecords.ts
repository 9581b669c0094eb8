import { CrmError, wibIso } from './crmEnvelope';
import { TEAM } from './crmFixtures';
import { contactName, nameOf, toIdOrNull } from './crmLookups';
import { dealSpec } from './crmPipelineRecords';
import { allOf, checkLinks, firstParam, priceLine, type ResourceSpec } from './crmRecords';
import type { CrmRecord, CrmState } from './crmState';
import { containsCi, isBlank, isNumeric, isPlainObject } from './crmValues';

/** Records hanging off contacts/companies/deals: tasks, deal line items, notes, geolocations. */

export const taskSpec: ResourceSpec = {
	resource: 'tasks',
	template: 'tasks',
	noun: 'task',
	stringId: true,
	listStyle: 'standard',
	ownerKey: 'user_id',
	writable: [
		'name', 'crm_person_id', 'crm_company_id', 'crm_deal_id', 'crm_task_status_id', 'crm_task_priority_id',
		'crm_task_category_id', 'user_id', 'reporter_id', 'crm_team_ids', 'due_date', 'reminder_date', 'detail',
		'next_step', 'crm_checkin_attributes', 'attachment',
	],
	blank: () => ({
		id: null, name: null, created_at: null, updated_at: null, crm_person_id: null, crm_person_full_name: null,
		crm_deal_id: null, crm_deal_name: null, crm_company_id: null, crm_company_name: null, crm_task_status_id: null,
		user_id: null, user_full_name: null, reporter_id: null, crm_task_priority_id: null, crm_task_category_id: null,
		crm_task_category_name: null, crm_team_ids: [], crm_team_name: null, due_date: null, reminder_date: null,
		detail: null, crm_checkin_attributes: null, next_step: null, attachment: null, unique_task_id: null,
		additional_fields: [],
	}),
	titleOf: (r) => r.name,
	prepare(next, _previous, body, state, errors) {
		checkLinks(state, errors, 'crm_person_id', 'contacts', body.crm_person_id);
		checkLinks(state, errors, 'crm_company_id', 'companies', body.crm_company_id);
		checkLinks(state, errors, 'crm_deal_id', 'deals', body.crm_deal_id);
		const checkin = body.crm_checkin_attributes;
		if (checkin !== undefined && checkin !== null && !isPlainObject(checkin)) errors.push('crm_checkin_attributes must be an object');
		for (const key of ['crm_person_id', 'crm_company_id', 'crm_deal_id']) next[key] = toIdOrNull(next[key]);
	},
	decorate(r, state) {
		r.crm_person_full_name = contactName(state, r.crm_person_id);
		r.crm_company_name = nameOf(state, 'companies', r.crm_company_id);
		r.crm_deal_name = nameOf(state, 'deals', r.crm_deal_id);
		r.user_full_name = state.userName(r.user_id);
		r.crm_task_category_name = isBlank(r.crm_task_category_id) ? null : (state.find('task_categories', r.crm_task_category_id)?.name ?? null);
		r.unique_task_id = `TSK-${String(r.id).padStart(6, '0')}`;
	},
	filter(query, state) {
		const scope = firstParam(query, 'filter');
		const name = firstParam(query, 'task_name');
		const status = firstParam(query, 'crm_task_status_id');
		const me = state.currentUser.id;
		return allOf(
			// `alltask` (the documented value) and unknown scopes list everything.
			scope === 'mytask' && ((r) => r.user_id === me),
			name !== undefined && ((r) => containsCi(r.name, name)),
			status !== undefined && ((r) => String(r.crm_task_status_id) === status),
		);
	},
};

const redecorateDeal = (state: CrmState, dealId: unknown) => {
	const deal = isBlank(dealId) ? undefined : state.find('deals', dealId);
	if (deal) dealSpec.decorate(deal, state);
};

export const productAssociationSpec: ResourceSpec = {
	resource: 'products_association',
	noun: 'product association',
	listStyle: 'products',
	unixMeta: true,
	withoutValueNames: true,
	writable: [
		'crm_product_id', 'crm_deal_id', 'name', 'currency', 'price', 'quantity', 'discount', 'total_price', 'crm_tag_ids',
		'unit_quantity', 'manufacturer', 'description', 'product_image', 'product_code', 'additional_fields',
	],
	blank: () => ({
		id: null, name: null, crm_product_id: null, crm_deal_id: null, product_code: null, currency: null, price: null,
		quantity: null, discount: null, nominal_discount: null, total_price: null, crm_tag_ids: [], unit_quantity: null,
		manufacturer: null, description: null, created_at: null, updated_at: null, product_image: null,
		additional_fields: [],
	}),
	titleOf: (r) => r.name,
	prepare(next, previous, body, state, errors) {
		for (const key of ['crm_product_id', 'crm_deal_id']) if (isBlank(next[key])) errors.push(`${key} can't be blank`);
		checkLinks(state, errors, 'crm_deal_id', 'deals', next.crm_deal_id);
		checkLinks(state, errors, 'crm_product_id', 'products', next.crm_product_id);
		const product = isBlank(next.crm_product_id) ? undefined : state.find('products', next.crm_product_id);
		if (product && !previous) {
			// A line item copies the catalogue product unless the body overrides it.
			for (const key of ['name', 'currency', 'price', 'description']) if (isBlank(next[key])) next[key] = product[key];
			if (isBlank(next.product_code)) next.product_code = product.additional_fields?.find((f: CrmRecord) => f.name === 'kode_produk')?.value ?? null;
		}
		if (previous && !('total_price' in body) && ('price' in body || 'quantity' in body || 'discount' in body)) next.total_price = null;
		next.crm_product_id = toIdOrNull(next.crm_product_id);
		next.crm_deal_id = toIdOrNull(next.crm_deal_id);
	},
	normalize: priceLine,
	decorate() {},
	afterWrite(r, previous, state) {
		redecorateDeal(state, r.crm_deal_id);
		if (previous && previous.crm_deal_id !== r.crm_deal_id) redecorateDeal(state, previous.crm_deal_id);
	},
	afterDelete(r, state) {
		redecorateDeal(state, r.crm_deal_id);
	},
	filter(query) {
		const dealId = firstParam(query, 'crm_deal_id');
		const text = firstParam(query, 'query');
		const code = firstParam(query, 'product_code');
		return allOf(
			dealId !== undefined && ((r) => String(r.crm_deal_id) === dealId),
			text !== undefined && ((r) => containsCi(r.name, text)),
			code !== undefined && ((r) => r.product_code === code),
		);
	},
};

const NOTE_TARGETS = [
	{ key: 'crm_person_id', resource: 'contacts', type: 'Crm::PersonNote' },
	{ key: 'crm_deal_id', resource: 'deals', type: 'Crm::DealNote' },
	{ key: 'crm_company_id', resource: 'companies', type: 'Crm::CompanyNote' },
] as const;

export const noteSpec: ResourceSpec = {
	resource: 'notes',
	noun: 'note',
	listStyle: 'standard',
	ownerKey: 'creator_id',
	writable: ['note', 'type', 'crm_person_id', 'crm_deal_id', 'crm_company_id', 'creator_id', 'last_modifier_id', 'crm_checkin_attributes'],
	blank: () => ({
		id: null, note: null, creator_id: null, last_modifier_id: null, team_id: TEAM.id, organization_id: TEAM.id,
		type: null, crm_person_id: null, crm_person_full_name: null, crm_deal_id: null, crm_deal_name: null,
		crm_company_id: null, crm_company_name: null, crm_checkin_attributes: null, crm_note_images: [],
		crm_note_audios: [], created_at: null, updated_at: null,
	}),
	titleOf: (r) => String(r.note ?? '').replace(/<[^>]*>/g, '').slice(0, 40),
	prepare(next, previous, body, state, errors) {
		if (isBlank(next.note)) errors.push("note can't be blank");
		const targets = NOTE_TARGETS.filter((t) => !isBlank(next[t.key]));
		if (targets.length !== 1) {
			errors.push('exactly one of crm_person_id, crm_deal_id, crm_company_id is required');
		} else {
			const [target] = targets;
			checkLinks(state, errors, target.key, target.resource, next[target.key]);
			next[target.key] = Number(next[target.key]);
			if (isBlank(next.type)) next.type = target.type;
			else if (next.type !== target.type) errors.push(`type must be ${target.type} when ${target.key} is set`);
		}
		if (previous && !('last_modifier_id' in body)) next.last_modifier_id = state.currentUser.id;
	},
	decorate(r, state) {
		r.crm_person_full_name = contactName(state, r.crm_person_id);
		r.crm_deal_name = nameOf(state, 'deals', r.crm_deal_id);
		r.crm_company_name = nameOf(state, 'companies', r.crm_company_id);
	},
	filter(query) {
		// One record's notes only; with several ids the lead wins, then company, then deal.
		const lead = firstParam(query, 'crm_lead_id');
		const company = firstParam(query, 'crm_company_id');
		const deal = firstParam(query, 'crm_deal_id');
		if (lead !== undefined) return (r) => String(r.crm_person_id) === lead;
		if (company !== undefined) return (r) => String(r.crm_company_id) === company;
		if (deal !== undefined) return (r) => String(r.crm_deal_id) === deal;
		throw new CrmError(422, 'One of crm_lead_id, crm_company_id or crm_deal_id is required');
	},
};

function ddmmyyyyWib(ms: number): string {
	const [y, m, d] = wibIso(ms).slice(0, 10).split('-');
	return `${d}/${m}/${y}`;
}

export const geolocationSpec: ResourceSpec = {
	resource: 'geolocations',
	noun: 'geolocation',
	listStyle: 'standard',
	writable: [
		'latitude', 'longitude', 'device_id', 'checkin_timestamps', 'orientation', 'is_online', 'input_type', 'local_id',
		'journey_id', 'battery_percentage',
	],
	blank: () => ({
		id: null, date: null, timestamp: null, creator_name: null, email: null, latitude: null, longitude: null,
		device_id: null, checkin_timestamps: null, orientation: null, is_online: null, input_type: null, local_id: null,
		journey_id: null, battery_percentage: null, checkin: null, checkout: null, created_at: null, updated_at: null,
	}),
	titleOf: (r) => `${r.latitude}, ${r.longitude}`,
	prepare(next, previous, _body, state, errors) {
		const ranges = { latitude: 90, longitude: 180 } as const;
		for (const [key, limit] of Object.entries(ranges)) {
			if (isBlank(next[key])) errors.push(`${key} can't be blank`);
			else if (!isNumeric(next[key]) || Math.abs(Number(next[key])) > limit) errors.push(`${key} must be a number within ±${limit}`);
		}
		if (!isBlank(next.checkin_timestamps) && !Number.isInteger(Number(next.checkin_timestamps))) {
			errors.push('checkin_timestamps must be unix seconds');
		}
		if (!previous) {
			next.creator_name = state.currentUser.full_name;
			next.email = state.currentUser.email;
		}
	},
	normalize(next) {
		next.latitude = String(next.latitude);
		next.longitude = String(next.longitude);
	},
	decorate(r) {
		const ms = isBlank(r.checkin_timestamps) ? Date.parse(r.created_at) : Number(r.checkin_timestamps) * 1000;
		r.timestamp = ms;
		r.date = ddmmyyyyWib(ms);
		r.checkin = { address: null, latitude: r.latitude, longitude: r.longitude, time: wibIso(ms) };
	},
};
