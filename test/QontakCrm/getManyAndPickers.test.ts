import type { IDataObject, ResourceMapperFields } from 'n8n-workflow';

import { searchRecords } from '../../nodes/QontakCrm/methods/listSearch';
import { getTaskCategories, getUsers } from '../../nodes/QontakCrm/methods/loadOptions';
import { getMappingFields } from '../../nodes/QontakCrm/methods/resourceMapping';
import { loadOptionsContext } from '../harness/loadOptions';
import { crmCalls, runCrm, useQontak } from './setup';

const env = useQontak();

const editor = (parameters: IDataObject) =>
	loadOptionsContext({ type: 'qontakCrm', parameters, credentials: env.credentials, store: env.store });

describe('Get Many', () => {
	it('Return All walks every page at 100 per page', async () => {
		env.sim.seedContacts(245);
		const total = env.sim.records('contacts').length;
		const { items } = await runCrm(env, { resource: 'contact', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(total);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(total);
		expect(crmCalls(env.sim)).toEqual([1, 2, 3].map((page) => `GET /contacts`));
		expect(env.sim.requests.map((request) => request.query)).toEqual(
			[1, 2, 3].map((page) => ({ page: String(page), per_page: '100' })),
		);
	});

	it('Limit stops at the limit and asks only for what it needs', async () => {
		env.sim.seedContacts(245);
		const { items } = await runCrm(env, { resource: 'contact', operation: 'getAll', returnAll: false, limit: 30 });
		expect(items).toHaveLength(30);
		expect(env.sim.requests.map((request) => request.query)).toEqual([{ page: '1', per_page: '30' }]);
	});

	it('sends the filters Qontak offers, ids and dates in its formats', async () => {
		await runCrm(env, {
			resource: 'deal',
			operation: 'getAll',
			returnAll: true,
			filters: { name: 'Kopi', contact_ids: [1001, '1002'] },
		});
		await runCrm(env, {
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { created_after: '2026-01-31T00:00:00Z' },
		});
		expect(env.sim.requests[0].query).toMatchObject({ name: 'Kopi', contact_ids: '1001,1002' });
		expect(env.sim.requests[1].query).toMatchObject({ created_after: '31-01-2026' });
	});

	it('Simplify flattens custom fields and drops empty values; off returns Qontak’s record', async () => {
		const simplified = await runCrm(env, { resource: 'contact', operation: 'getAll', returnAll: true, simplify: true });
		const raw = await runCrm(env, { resource: 'contact', operation: 'getAll', returnAll: true, simplify: false });
		const withCustom = raw.items.findIndex((item) => Array.isArray(item.json.additional_fields) && (item.json.additional_fields as unknown[]).length);
		expect(withCustom).toBeGreaterThanOrEqual(0);
		expect(simplified.items[withCustom].json.additional_fields).toBeUndefined();
		expect(simplified.items[withCustom].json.custom_fields).toEqual(expect.any(Object));
		expect(Object.values(simplified.items[withCustom].json)).not.toContain(null);
	});

	it('lists notes of one record, as Qontak requires', async () => {
		const { items } = await runCrm(env, { resource: 'note', operation: 'getAll', returnAll: true, record_key: 'crm_deal_id', record_id: '3001' });
		expect(env.sim.requests[0].query).toMatchObject({ crm_deal_id: '3001' });
		expect(items.every((item) => item.json.crm_deal_id === 3001)).toBe(true);
	});
});

describe('editor pickers, through n8n’s load-options context', () => {
	it('searches records by name and pages through them', async () => {
		env.sim.seedContacts(120);
		const context = editor({ resource: 'contact', operation: 'get' });
		const first = await searchRecords.call(context);
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		const filtered = await searchRecords.call(context, 'Siti');
		expect(filtered.results.length).toBeGreaterThan(0);
		expect(filtered.results.every((result) => /Siti/i.test(result.name))).toBe(true);
		expect(env.sim.requests.at(-1)!.query).toMatchObject({ name: 'Siti' });
	});

	it('lists pipelines for the pipeline picker', async () => {
		const { results } = await searchRecords.call(editor({ resource: 'pipeline', operation: 'getStages' }));
		expect(results.map((result) => result.value)).toEqual(['31', '32']);
	});

	it('offers CRM users as owners and task categories from Qontak', async () => {
		const users = await getUsers.call(editor({ resource: 'deal', operation: 'updateOwner' }));
		expect(users).toEqual(expect.arrayContaining([{ name: 'Budi Santoso', value: '8' }]));
		const categories = await getTaskCategories.call(editor({ resource: 'task', operation: 'deleteCategory' }));
		expect(categories.length).toBeGreaterThan(0);
	});

	it('builds resource-mapper columns from the template: types, dropdown options, custom fields, required on create only', async () => {
		const create: ResourceMapperFields = await getMappingFields.call(editor({ resource: 'contact', operation: 'create' }));
		const byId = Object.fromEntries(create.fields.map((field) => [field.id, field]));
		expect(byId.first_name).toMatchObject({ required: true, type: 'string' });
		expect(byId.segmen).toMatchObject({ type: 'options', displayName: 'Segmen Pelanggan (custom)' });
		expect(byId.segmen.options).toEqual(expect.arrayContaining([{ name: 'UMKM', value: '90021' }]));
		expect(byId.skor.type).toBe('number');
		expect(byId.tanggal_kunjungan.type).toBe('dateTime');
		expect(byId.minat_produk.type).toBe('string');

		const update = await getMappingFields.call(editor({ resource: 'contact', operation: 'update' }));
		expect(update.fields.every((field) => !field.required)).toBe(true);

		const products = await getMappingFields.call(editor({ resource: 'product', operation: 'create' }));
		expect(products.fields.find((field) => field.id === 'currency')).toMatchObject({ required: true, type: 'options' });
	});
});
