/**
 * Qontak CRM webhook bodies for Mekari's events
 * (https://developers.mekari.com/docs/kb/webhooks/qontak) in the shape real deliveries have: the
 * record as the JSON body plus eventType, companyId and external_company_id; dates as Mekari sends
 * them.
 */

const delivery = { companyId: '1f000000-0000-4000-8000-0000000000aa', external_company_id: 900001 };

export const dealUpdated = {
	id: 3001,
	name: 'Pengadaan 50 unit printer',
	size: 75_000_000,
	currency: 'IDR',
	crm_pipeline_id: 11,
	crm_stage_id: 112,
	crm_stage_name: 'Negotiation',
	creator_id: 8,
	crm_person_ids: [1001],
	crm_company_id: 2001,
	additional_fields: [{ id: 501, name: 'sumber', value: 'Pameran' }],
	created_at: '2026-01-10 09:15:00 +0700',
	updated_at: '2026-01-13 06:24:26 +0700',
	eventType: 'qontak.crm.deal.update',
	...delivery,
};

export const dealCreated = { ...dealUpdated, id: 3002, eventType: 'qontak.crm.deal.create' };

export const dealDeleted = {
	meta: { status: 200, type: 'OK', message: 'Success' },
	response: { id: 3001, name: 'Pengadaan 50 unit printer', slug: 'pengadaan-50-unit-printer', external_company_id: 900001 },
	eventType: 'qontak.crm.deal.delete',
	...delivery,
};

export const leadCreated = {
	id: 1005,
	first_name: 'Rina',
	last_name: 'Wijaya',
	email: 'rina@example.invalid',
	telephone: '6281234567005',
	creator_username: 'sari',
	creator_email: 'sari@sinarjaya.example',
	unique_lead_id: 'LEAD-1005',
	unique_hub_account: 'HUB-77',
	created_at: '2026-01-13 06:24:26 +0700',
	eventType: 'qontak.crm.lead.create',
	...delivery,
};

export const companyDeleted = { id: 2009, name: 'PT Lama', slug: 'pt-lama', eventType: 'qontak.crm.company.delete', ...delivery };

/** `2024-10-01T09:00:00.000+07:00` (the API) → `2024-10-01 09:00:00 +0700` (webhook bodies). */
export function webhookDate(iso: unknown): unknown {
	if (typeof iso !== 'string') return iso;
	const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?([+-]\d\d):?(\d\d)$/.exec(iso);
	return match ? `${match[1]} ${match[2]} ${match[3]}${match[4]}` : iso;
}

type Row = Record<string, unknown>;

/** What Mekari posts for a create/update/upload: the record as the body, plus eventType and the delivery keys. */
export function deliveryOf(eventType: string, record: Row): Row {
	const body: Row = JSON.parse(JSON.stringify(record)) as Row;
	for (const key of ['created_at', 'updated_at']) if (key in body) body[key] = webhookDate(body[key]);
	return { ...body, eventType, ...delivery };
}

/** What Mekari posts for a delete: a deal nests {id, name, slug} under response, next to meta; the others send it flat. */
export function deletionOf(eventType: string, record: Row): Row {
	const named = { id: record.id, name: record.name ?? [record.first_name, record.last_name].filter(Boolean).join(' '), slug: record.slug };
	if (eventType === 'qontak.crm.deal.delete') {
		return { meta: { status: 200, type: 'OK', message: 'Success' }, response: { ...named, external_company_id: delivery.external_company_id }, eventType, ...delivery };
	}
	return { ...named, eventType, ...delivery };
}

export const DELIVERY = delivery;
