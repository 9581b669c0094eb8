import type { IDataObject } from 'n8n-workflow';

import { resources } from '../../nodes/QontakCrm/operations/resources';
import { CRM_ROUTES } from '../../simulators/qontak/QontakSimulator';
import { byId, runCrm, useQontak } from './setup';

const env = useQontak();

/** A fixture record of each resource in the simulator. */
const RECORD: Record<string, string> = {
	contact: '1001',
	company: '2001',
	deal: '3001',
	task: '5001',
	ticket: '6001',
	product: '4001',
	productAssociation: '4501',
	note: '7001',
	geolocation: '8001',
	notification: '8501',
	pipeline: '31',
};

const mapped = (value: IDataObject) => ({ fields: { mappingMode: 'defineBelow', value } });

/** What a user would fill in for each operation that needs more than a record. */
const PARAMETERS: Record<string, IDataObject> = {
	'contact.create': mapped({ first_name: 'Budi', last_name: 'Hartono', segmen: 'UMKM' }),
	'contact.update': mapped({ job_title: 'Pemilik Toko' }),
	'contact.updateOwner': { creator_id: '8' },
	'company.create': mapped({ name: 'PT Kopi Nusantara' }),
	'company.update': mapped({ website: 'https://kopi.example' }),
	'company.updateOwner': { creator_id: '8' },
	'deal.create': mapped({ name: 'Pengadaan Kopi', crm_pipeline_id: '31', crm_stage_id: '311', size: 15000000 }),
	'deal.update': mapped({ crm_stage_id: '312' }),
	'deal.updateOwner': { creator_id: '9' },
	'deal.autoAssign': { jsonBody: '{"id": 3001}' },
	'deal.updateAttribute': { jsonBody: '{"id": 3001, "name": "Pengadaan Kopi Tahap 2"}' },
	'deal.getByChatRoom': { room_id: 'room-siti-001' },
	'deal.setPermission': { id: 3001, email: 'budi.santoso@koprem.test', access_types: ['view', 'edit'] },
	'task.create': mapped({ name: 'Telepon pelanggan', due_date: '2026-12-01T09:00:00+07:00' }),
	'task.update': mapped({ detail: 'Sudah ditelepon' }),
	'task.createCategory': { name: 'Kunjungan Lapangan' },
	'task.deleteCategory': { category_id: '1' },
	'ticket.create': mapped({ name: 'Paket terlambat', ticket_pipeline_id: '41' }),
	'ticket.update': mapped({ description: 'Sudah dikirim ulang' }),
	'product.create': mapped({ name: 'Kopi Gayo 250g', currency: 'IDR', unit_price: 85000 }),
	'product.update': mapped({ unit_price: 90000 }),
	'productAssociation.create': { crm_product_id: 4001, crm_deal_id: 3001, additionalFields: { quantity: 3 } },
	'productAssociation.update': { updateFields: { quantity: 5 } },
	'note.create': { note: 'Pelanggan minta sampel', type: 'Crm::PersonNote', additionalFields: { crm_person_id: 1001 } },
	'note.update': { updateFields: { note: 'Sampel sudah dikirim' } },
	'note.getAll': { record_key: 'crm_lead_id', record_id: '1001', returnAll: true },
	'geolocation.create': { latitude: -6.2, longitude: 106.8, additionalFields: { device_id: 'hp-sales-1' } },
	'geolocation.update': { updateFields: { latitude: -6.21 } },
	'notification.send': {
		title: 'Deal baru',
		description: 'Ada deal baru untuk Anda',
		origin: 'deal',
		object_id: 3001,
		click_action: 'OPEN_DEAL',
		click_action_url: 'https://crm.example/deals/3001',
		user_ids: '[{"user_id": 8, "email": "budi.santoso@koprem.test"}]',
		notif_type_id: 1,
		notif_category_id: 1,
	},
	'approval.applyRules': {
		object_id: 3001,
		crm_approval_id: 51,
		object_type: 'deal',
		crm_approval_layers_attributes: '[{"layer_order": 1, "set_approver": 10, "note": "Mohon ditinjau"}]',
	},
	'approval.toggleWorkflow': { id: 51, workflow_enabled: true },
};

// Find and Create or Update are built on the list, create and update routes (findAndUpsert.test.ts).
const cases = resources.flatMap((resource) =>
	resource.operations
		.filter((operation) => !operation.composite)
		.map((operation) => ({ resource, operation, key: `${resource.value}.${operation.value}` })),
);

it('covers every CRM route of the OpenAPI file exactly once', () => {
	const routes = cases.map(({ operation }) => `${operation.method} ${operation.path.replace(/\{\w+\}/g, '{}')}`);
	const official = CRM_ROUTES.map((route) => `${route.method} ${route.pattern.replace(/:\w+/g, '{}')}`);
	expect(cases).toHaveLength(84);
	expect(new Set(routes).size).toBe(84);
	expect([...routes].sort()).toEqual([...official].sort());
});

it.each(cases.map((entry) => [entry.key, entry]))('%s runs against the simulator', async (key, { resource, operation }) => {
	const parameters: IDataObject = {
		resource: resource.value,
		operation: operation.value,
		returnAll: false,
		limit: 5,
		...(operation.path.includes('{id}') ? { recordId: byId(RECORD[resource.value]) } : {}),
		...PARAMETERS[key],
	};
	const { items, nodeError } = await runCrm(env, parameters);

	expect(nodeError).toBeUndefined();
	const expectedPath = operation.path
		.replace('{id}', RECORD[resource.value])
		.replace(/\{(\w+)\}/g, (_, token: string) => String(PARAMETERS[key][token]));
	const call = env.sim.requests.find(
		(request) => request.method === operation.method && request.path === `/qontak/crm${expectedPath}`,
	);
	expect(call?.status).toBeLessThan(300);
	expect(env.sim.authFailures).toBe(0);
	for (const item of items) expect(item.pairedItem).toEqual({ item: 0 });
	// Reads may legitimately find nothing; every write must answer its item.
	if (operation.method !== 'GET') expect(items).toHaveLength(1);
});
