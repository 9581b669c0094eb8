import type { IDataObject } from 'n8n-workflow';

import { searchModules, searchRecords } from '../../nodes/AbmsVtiger/methods/listSearch';
import { getFields, getOwners, getRelations, getSalesStages } from '../../nodes/AbmsVtiger/methods/loadOptions';
import { getRecordFields } from '../../nodes/AbmsVtiger/methods/resourceMapping';
import { loadOptionsContext } from '../harness/loadOptions';
import { moduleParam, vtigerFixture } from './setup';

describe('editor methods (real LoadOptionsContext)', () => {
	const vt = vtigerFixture();
	const editor = (parameters: IDataObject) => loadOptionsContext({ type: 'abmsVtiger', parameters, credentials: vt.credentials, store: vt.store });

	it('lists the record modules for the Module picker, searchable by name or label', async () => {
		const all = await searchModules.call(editor({ resource: 'record', operation: 'get' }));
		expect(all.results).toEqual([
			{ name: 'Contacts', value: 'Contacts' },
			{ name: 'Invoices (Invoice)', value: 'Invoice' },
			{ name: 'Leads', value: 'Leads' },
			{ name: 'Opportunities (Potentials)', value: 'Potentials' },
			{ name: 'Organizations (Accounts)', value: 'Accounts' },
			{ name: 'Products', value: 'Products' },
			{ name: 'Purchase Orders (PurchaseOrder)', value: 'PurchaseOrder' },
			{ name: 'Quotes', value: 'Quotes' },
			{ name: 'Sales Orders (SalesOrder)', value: 'SalesOrder' },
			{ name: 'Services', value: 'Services' },
			{ name: 'Tickets (HelpDesk)', value: 'HelpDesk' },
			{ name: 'Vendors', value: 'Vendors' },
		]);
		expect((await searchModules.call(editor({}), 'organ')).results).toEqual([{ name: 'Organizations (Accounts)', value: 'Accounts' }]);
		// The editor's calls log in through the credential too, and store the session.
		expect(vt.sim.logins).toBe(1);
		expect(vt.stored().sessionToken).toEqual(expect.any(String));
	});

	it('searches records on the module’s label fields and pages on until an empty page', async () => {
		vt.sim.seedContacts(60, { hiddenEvery: 3 });
		const context = editor({ resource: 'record', operation: 'get', module: moduleParam('Contacts') });
		const found = await searchRecords.call(context, 'Bulk');
		expect(found.results).toHaveLength(34);
		expect(found.results[0]).toEqual({ name: 'Bulk 1 (12x107)', value: '12x107' });
		expect(found.paginationToken).toBe('50');
		const next = await searchRecords.call(context, 'Bulk', found.paginationToken);
		expect(next.results).toHaveLength(6);
		const end = await searchRecords.call(context, 'Bulk', next.paginationToken);
		expect(end).toEqual({ results: [], paginationToken: undefined });
		expect(vt.sim.requests.filter((request) => request.operation === 'query').map((request) => request.query.query)).toEqual([
			"SELECT firstname, lastname FROM Contacts WHERE firstname LIKE '%Bulk%' OR lastname LIKE '%Bulk%' LIMIT 0, 50;",
			"SELECT firstname, lastname FROM Contacts WHERE firstname LIKE '%Bulk%' OR lastname LIKE '%Bulk%' LIMIT 50, 50;",
			"SELECT firstname, lastname FROM Contacts WHERE firstname LIKE '%Bulk%' OR lastname LIKE '%Bulk%' LIMIT 100, 50;",
		]);
	});

	it('searches leads for Convert Lead without a Module parameter', async () => {
		const found = await searchRecords.call(editor({ resource: 'lead', operation: 'convert' }), 'Rudi');
		expect(found.results).toEqual([{ name: 'Rudi Hartono (10x105)', value: '10x105' }]);
	});

	it('builds the resource mapper from describe: mandatory, types, picklists, owners and references', async () => {
		const { fields } = await getRecordFields.call(editor({ resource: 'record', operation: 'create', module: moduleParam('Potentials') }));
		const byId = Object.fromEntries(fields.map((field) => [field.id, field]));
		expect(Object.keys(byId)).not.toEqual(expect.arrayContaining(['potential_no', 'createdtime', 'modifiedtime', 'id']));
		expect(byId.potentialname).toMatchObject({ required: true, type: 'string', displayName: 'Opportunity Name (potentialname)' });
		expect(byId.closingdate).toMatchObject({ required: true, type: 'dateTime' });
		expect(byId.sales_stage).toMatchObject({ required: true, type: 'options', options: expect.arrayContaining([{ name: 'Closed Won', value: 'Closed Won' }]) });
		expect(byId.amount).toMatchObject({ required: false, type: 'number' });
		expect(byId.related_to).toMatchObject({ type: 'string', displayName: 'Organization Name (related_to): ID of Accounts, e.g. 11x45' });
		expect(byId.assigned_user_id).toMatchObject({
			required: false,
			type: 'options',
			displayName: 'Assigned To (assigned_user_id): default is the API user',
			options: [
				{ name: 'Administrator (admin)', value: '19x1' },
				{ name: 'Budi Santoso (budi)', value: '19x5' },
				{ name: 'Team Selling (group)', value: '20x3' },
				{ name: 'Marketing Group (group)', value: '20x4' },
			],
		});

		const update = await getRecordFields.call(editor({ resource: 'record', operation: 'update', module: moduleParam('Potentials') }));
		expect(update.fields.filter((field) => field.required)).toEqual([]);
	});

	it('marks multi-select fields as comma-separated text', async () => {
		const { fields } = await getRecordFields.call(editor({ resource: 'record', operation: 'create', module: moduleParam('Contacts') }));
		expect(fields.find((field) => field.id === 'tags')).toMatchObject({ type: 'string', displayName: 'Tags (tags): comma-separated' });
		expect(fields.find((field) => field.id === 'lastname')).toMatchObject({ required: true });
	});

	it('loads fields, relations, owners and sales stages', async () => {
		const fields = await getFields.call(editor({ module: moduleParam('Accounts') }));
		expect(fields[0]).toEqual({ name: 'Organization Name (accountname)', value: 'accountname', description: 'string' });
		expect(fields.at(-1)).toEqual({ name: 'Organization ID (id)', value: 'id', description: 'autogenerated' });
		expect(await getRelations.call(editor({ module: moduleParam('Contacts') }))).toEqual([{ name: 'Potentials', value: 'Potentials' }]);
		expect((await getOwners.call(editor({}))).map((option) => option.value)).toEqual(['19x1', '19x5', '20x3', '20x4']);
		expect((await getSalesStages.call(editor({}))).slice(0, 2)).toEqual([
			{ name: 'Prospecting', value: 'Prospecting' },
			{ name: 'Qualification', value: 'Qualification' },
		]);
	});

	it('returns nothing while no module is chosen', async () => {
		expect(await getFields.call(editor({ resource: 'record', operation: 'getMany' }))).toEqual([]);
		expect((await getRecordFields.call(editor({ resource: 'record', operation: 'create' }))).fields).toEqual([]);
		expect(vt.sim.requests).toHaveLength(0);
	});
});
