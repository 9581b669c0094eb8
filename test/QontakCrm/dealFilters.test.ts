import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getPipelines, getStages } from '../../nodes/QontakCrm/methods/loadOptions';
import { getMappingFields } from '../../nodes/QontakCrm/methods/resourceMapping';
import { QontakCrm } from '../../nodes/QontakCrm/QontakCrm.node';
import { loadOptionsContext } from '../harness/loadOptions';
import { runCrm, useQontak } from './setup';

const env = useQontak();

const JAKARTA = 'Asia/Jakarta';

const editor = (parameters: IDataObject) =>
	loadOptionsContext({ type: 'qontakCrm', parameters, credentials: env.credentials, store: env.store });

const getDeals = async (filters: IDataObject, list: IDataObject = { returnAll: true }, timezone = JAKARTA) =>
	await runCrm(env, { resource: 'deal', operation: 'getAll', simplify: false, filters, ...list }, { timezone });

const ids = (items: INodeExecutionData[]) => items.map((item) => item.json.id);

type Deal = Record<string, any>;

/** The ids of the deals the simulator holds that pass `test`, in Qontak's list order: what the filter must return. */
const held = (test: (deal: Deal) => boolean) => env.sim.records('deals').filter(test).map((deal) => deal.id);

const at = (iso: string) => Date.parse(iso);

/** The pages of GET /deals the node asked for, with every query parameter but the paging ones. */
const dealListCalls = () =>
	env.sim.requests
		.filter((request) => request.method === 'GET' && request.path === '/qontak/crm/deals')
		.map(({ query: { page, per_page, ...filters } }) => ({ page, per_page, filters }));

describe('Deal Get Many: filters Qontak’s list does not take are applied in n8n', () => {
	beforeEach(() => env.sim.seedDeals(60));

	it.each([
		['Pipeline', { pipeline: '32' }, (deal: Deal) => deal.crm_pipeline_id === 32],
		['Stage', { stage: '313' }, (deal: Deal) => deal.crm_stage_id === 313],
		['Owner', { owner: '9' }, (deal: Deal) => deal.creator_id === 9],
		['Created After', { createdAfter: '2024-11-05' }, (deal: Deal) => at(deal.created_at) >= at('2024-11-05T00:00:00+07:00')],
		['Created Before', { createdBefore: '2024-11-03' }, (deal: Deal) => at(deal.created_at) < at('2024-11-03T00:00:00+07:00')],
		['Updated After', { updatedAfter: '2024-11-10T12:00:00+07:00' }, (deal: Deal) => at(deal.updated_at) >= at('2024-11-10T12:00:00+07:00')],
		['Updated Before', { updatedBefore: '2024-11-04' }, (deal: Deal) => at(deal.updated_at) < at('2024-11-04T00:00:00+07:00')],
	])('%s returns exactly the matching deals and is not sent to Qontak', async (_name, filters, matches) => {
		const { items, nodeError } = await getDeals(filters);
		expect(nodeError).toBeUndefined();
		const expected = held(matches);
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(env.sim.records('deals').length);
		expect(ids(items)).toEqual(expected);
		expect(dealListCalls().map((call) => call.filters)).toEqual([{}]);
	});

	it('combines with the filters Qontak applies, which are still sent', async () => {
		const { items } = await getDeals({ name: 'Borongan', pipeline: '31', stage: '312', owner: '8' });
		const expected = held((deal) => /Borongan/.test(deal.name) && deal.crm_stage_id === 312 && deal.creator_id === 8);
		expect(expected.length).toBeGreaterThan(0);
		expect(ids(items)).toEqual(expected);
		expect(dealListCalls().map((call) => call.filters)).toEqual([{ name: 'Borongan' }]);
	});

	it('finds nothing for a stage of another pipeline', async () => {
		const { items, nodeError } = await getDeals({ pipeline: '31', stage: '322' });
		expect(nodeError).toBeUndefined();
		expect(items).toEqual([]);
	});

	it('names the filter and the fix for an id or a date it cannot read, before asking Qontak', async () => {
		const badPipeline = await getDeals({ pipeline: 'Penjualan B2B' });
		expect(badPipeline.nodeError?.message).toBe("'Pipeline Name or ID' needs a Qontak ID, got 'Penjualan B2B'");
		const badDate = await getDeals({ createdAfter: '31-02-2024' });
		expect(badDate.nodeError?.message).toBe("'Created After' is not a date: \"31-02-2024\"");
		expect((badDate.nodeError as { description?: string }).description).toContain('workflow’s time zone, Asia/Jakarta');
		expect(dealListCalls()).toEqual([]);
	});
});

describe('Deal Get Many dates: a day is a calendar day in the workflow’s time zone', () => {
	// Bulk deals are created every six hours from 2024-11-01 00:00 WIB (UTC+7).
	beforeEach(() => env.sim.seedDeals(16));

	const firstCreated = async (createdAfter: string, timezone: string) =>
		(await getDeals({ createdAfter }, { returnAll: true }, timezone)).items[0]?.json.created_at;
	const lastCreated = async (createdBefore: string, timezone: string) =>
		(await getDeals({ createdBefore }, { returnAll: true }, timezone)).items.at(-1)?.json.created_at;

	it('reads a date alone as the start of that day where the workflow runs', async () => {
		expect(await firstCreated('2024-11-02', JAKARTA)).toBe('2024-11-02T00:00:00.000+07:00');
		expect(await firstCreated('02-11-2024', JAKARTA)).toBe('2024-11-02T00:00:00.000+07:00');
		// 2024-11-02 00:00 in New York (EDT, UTC-4) is 11:00 in Jakarta.
		expect(await firstCreated('2024-11-02', 'America/New_York')).toBe('2024-11-02T12:00:00.000+07:00');
		expect(await lastCreated('2024-11-02', JAKARTA)).toBe('2024-11-01T18:00:00.000+07:00');
	});

	it('reads a date-time without an offset (n8n’s date picker) as wall-clock time there', async () => {
		expect(await firstCreated('2024-11-02T06:00:00', JAKARTA)).toBe('2024-11-02T06:00:00.000+07:00');
		expect(await firstCreated('2024-11-02T06:00:01', JAKARTA)).toBe('2024-11-02T12:00:00.000+07:00');
	});

	it('keeps an explicit offset as written, whatever the workflow’s time zone', async () => {
		expect(await firstCreated('2024-11-02T00:00:00+07:00', 'America/New_York')).toBe('2024-11-02T00:00:00.000+07:00');
		expect(await firstCreated('2024-11-01T17:00:00Z', 'America/New_York')).toBe('2024-11-02T00:00:00.000+07:00');
	});
});

describe('Deal Get Many: Limit counts matching deals, across pages', () => {
	// 253 deals, 100 a page; stage 323 is every seventh bulk deal, 35 in all.
	beforeEach(() => env.sim.seedDeals(250));
	const inStage323 = (deal: Deal) => deal.crm_stage_id === 323;

	it('reads on until Limit deals matched, and no further page', async () => {
		const { items } = await getDeals({ stage: '323' }, { returnAll: false, limit: 20 });
		expect(ids(items)).toEqual(held(inStage323).slice(0, 20));
		// The 20th match is on page 2; full pages, since how many of a page match is not known beforehand.
		expect(dealListCalls()).toEqual([
			{ page: '1', per_page: '100', filters: {} },
			{ page: '2', per_page: '100', filters: {} },
		]);
	});

	it('returns every match when the pages run out before Limit', async () => {
		const { items } = await getDeals({ stage: '323' }, { returnAll: false, limit: 50 });
		expect(held(inStage323)).toHaveLength(35);
		expect(ids(items)).toEqual(held(inStage323));
		expect(dealListCalls().map((call) => call.page)).toEqual(['1', '2', '3']);
	});

	it('Return All reads every page and keeps the matches', async () => {
		const { items } = await getDeals({ stage: '323' }, { returnAll: true });
		expect(ids(items)).toEqual(held(inStage323));
		expect(dealListCalls().map((call) => call.page)).toEqual(['1', '2', '3']);
	});

	it('stops on a vendor that keeps answering the same page, as every list does', async () => {
		env.sim.stuckPaging = { path: '/deals', answers: 50 };
		const { nodeError } = await getDeals({ stage: '323' }, { returnAll: false, limit: 50 });
		expect(nodeError?.message).toBe('Qontak CRM returned the same page again; stopped after 2 pages');
	});
});

describe('Deal Get Many filters in the editor', () => {
	const dealFilters = () => {
		const filters = new QontakCrm().description.properties.find(
			(property) => property.name === 'filters' && property.displayOptions?.show?.resource?.includes('deal') && property.displayOptions.show.operation?.includes('getAll'),
		);
		return (filters?.options ?? []) as INodeProperties[];
	};

	it('lists pipelines, and narrows the Stage list to the chosen pipeline', async () => {
		expect(await getPipelines.call(editor({ resource: 'deal', operation: 'getAll' }))).toEqual([
			{ name: 'Penjualan B2B', value: '31' },
			{ name: 'Tender Pemerintah', value: '32' },
		]);
		expect(await getStages.call(editor({ resource: 'deal', operation: 'getAll', filters: { pipeline: '32' } }))).toEqual([
			{ name: 'Pendaftaran', value: '321' },
			{ name: 'Evaluasi Teknis', value: '322' },
			{ name: 'Kontrak', value: '323' },
		]);
		const every = await getStages.call(editor({ resource: 'deal', operation: 'getAll', filters: {} }));
		expect(every).toHaveLength(7);
		expect(every).toEqual(expect.arrayContaining([{ name: 'Penjualan B2B › Prospek', value: '311' }, { name: 'Tender Pemerintah › Kontrak', value: '323' }]));
		const stage = dealFilters().find((option) => option.name === 'stage');
		expect(stage?.typeOptions).toEqual({ loadOptionsMethod: 'getStages', loadOptionsDependsOn: ['filters.pipeline'] });
	});

	it('says in each filter whether Qontak or n8n applies it', () => {
		const byQontak = dealFilters().filter((option) => option.description?.includes('Filtered by Qontak.'));
		const inN8n = dealFilters().filter((option) => option.description?.includes('Filtered in n8n after reading every page: slower on large accounts.'));
		expect(byQontak.map((option) => option.name).sort()).toEqual(['company_ids', 'contact_ids', 'name', 'product_ids']);
		expect(inN8n.map((option) => option.name).sort()).toEqual(['createdAfter', 'createdBefore', 'owner', 'pipeline', 'stage', 'updatedAfter', 'updatedBefore']);
		expect(byQontak.length + inN8n.length).toBe(dealFilters().length);
	});
});

describe('Multiple select custom fields', () => {
	const createContact = (value: IDataObject) => ({ resource: 'contact', operation: 'create', fields: { mappingMode: 'defineBelow', value } });
	const sentCustomFields = () =>
		(env.sim.requests.find((request) => request.method === 'POST')!.body as { additional_fields: IDataObject[] }).additional_fields;

	it('are text columns naming the template’s options, since n8n’s mapper cannot hold the list a multi-select gives', async () => {
		const { fields } = await getMappingFields.call(editor({ resource: 'contact', operation: 'create' }));
		const multi = fields.find((field) => field.id === 'minat_produk')!;
		expect(multi).toMatchObject({ type: 'string', displayName: 'Minat Produk (custom) (comma-separated: Kopi Arabika, Kopi Robusta, Teh, Rempah)' });
		expect(multi.options).toBeUndefined();
	});

	it('no resource’s mapper has a column whose value n8n’s editor would drop (only text, numbers, dates, booleans and single dropdowns)', async () => {
		for (const resource of ['contact', 'company', 'deal', 'task', 'ticket', 'product']) {
			const { fields } = await getMappingFields.call(editor({ resource, operation: 'create' }));
			expect(fields.length).toBeGreaterThan(0);
			const kept = /^(string|number|dateTime|boolean|options)$/;
			expect(fields.filter((field) => !kept.test(String(field.type))).map((field) => `${resource}.${field.id}: ${field.type}`)).toEqual([]);
		}
	});

	it('take the choices typed as labels or ids, comma-separated, and send the comma-separated ids Qontak takes', async () => {
		const { nodeError } = await runCrm(env, createContact({ first_name: 'Wulan', minat_produk: 'Kopi Arabika, 90033' }));
		expect(nodeError).toBeUndefined();
		expect(sentCustomFields()).toEqual([{ id: 9003, name: 'minat_produk', value: '90031,90033' }]);
		const stored = env.sim.records('contacts').find((contact) => contact.first_name === 'Wulan')!;
		expect(stored.additional_fields).toEqual(expect.arrayContaining([expect.objectContaining({ id: 9003, value: '90031,90033', value_name: 'Kopi Arabika, Teh' })]));
	});

	it('still take comma-separated text, labels and lists from an expression', async () => {
		const input = [{ minat: 'Kopi Arabika, 90033' }, { minat: ['Kopi Arabika', '90033'] }, { minat: ['90031,90033'] }];
		const { items } = await runCrm(env, createContact({ first_name: 'Wulan', minat_produk: '={{ $json.minat }}' }), { input });
		expect(items).toHaveLength(3);
		const sent = env.sim.requests.filter((request) => request.method === 'POST').map((request) => (request.body as { additional_fields: IDataObject[] }).additional_fields);
		expect(sent).toEqual(Array(3).fill([{ id: 9003, name: 'minat_produk', value: '90031,90033' }]));
	});
});
