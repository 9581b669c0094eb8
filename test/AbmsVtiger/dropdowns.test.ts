import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { searchConditionValues, searchProducts, searchReferenceRecords } from '../../nodes/AbmsVtiger/methods/listSearch';
import { getReferenceFields, getTaxes } from '../../nodes/AbmsVtiger/methods/loadOptions';
import { getRecordFields } from '../../nodes/AbmsVtiger/methods/resourceMapping';
import { buildWorkflow, makeAdditionalData, makeNode } from '../harness/runWorkflow';
import { mapped, moduleParam, vtigerFixture } from './setup';

describe('dropdowns filled from describe', () => {
	const vt = vtigerFixture();

	/** The editor's context for a parameter at `path`, as n8n gives it to a method of a collection entry ('&field' is its sibling). */
	const editorAt = (parameters: IDataObject, path = 'parameters'): ILoadOptionsFunctions => {
		const node = makeNode({ type: 'abmsVtiger', parameters, credentials: vt.credentials });
		const additionalData = makeAdditionalData(vt.store);
		(additionalData as unknown as IDataObject).currentNodeParameters = parameters;
		return new LoadOptionsContext(buildWorkflow([node]), node, additionalData, path);
	};
	const queries = () => vt.sim.requests.filter((request) => request.operation === 'query').map((request) => request.query.query);

	it('shows a quote’s picklists as dropdowns and leaves line fields and computed totals to the Line Items parameter', async () => {
		const { fields } = await getRecordFields.call(editorAt({ resource: 'record', operation: 'create', module: moduleParam('Quotes') }));
		const ids = fields.map((field) => field.id);
		expect(ids).toEqual(expect.arrayContaining(['subject', 'quotestage', 'account_id', 'hdnTaxType', 'hdnDiscountAmount', 'hdnS_H_Amount', 'txtAdjustment']));
		for (const hidden of ['productid', 'quantity', 'listprice', 'comment', 'discount_amount', 'discount_percent', 'tax1', 'hdnSubTotal', 'pre_tax_total', 'hdnGrandTotal']) expect(ids).not.toContain(hidden);
		const byId = Object.fromEntries(fields.map((field) => [field.id, field]));
		expect(byId.hdnTaxType).toMatchObject({
			type: 'options',
			options: [
				{ name: 'Individual', value: 'individual' },
				{ name: 'Group', value: 'group' },
			],
		});
		expect(byId.quotestage).toMatchObject({ required: true, type: 'options', options: expect.arrayContaining([{ name: 'Accepted', value: 'Accepted' }]) });
	});

	it('lists products and services by name for a line item, across both modules and pages', async () => {
		const all = await searchProducts.call(editorAt({ module: moduleParam('Quotes') }));
		expect(all.results).toEqual([
			{ name: 'Kopi Arabika Gayo 1 kg (Products 14x90)', value: '14x90' },
			{ name: 'Mesin Espresso Rumahan (Products 14x91)', value: '14x91' },
			{ name: 'Pelatihan Barista (Services 25x92)', value: '25x92' },
		]);
		expect(all.paginationToken).toBe('50');
		expect((await searchProducts.call(editorAt({}), undefined, all.paginationToken)).paginationToken).toBeUndefined();

		vt.sim.requests = [];
		const barista = await searchProducts.call(editorAt({}), 'barista');
		expect(barista.results).toEqual([{ name: 'Pelatihan Barista (Services 25x92)', value: '25x92' }]);
		expect(queries()).toEqual(["SELECT productname FROM Products WHERE productname LIKE '%barista%' LIMIT 0, 50;", "SELECT servicename FROM Services WHERE servicename LIKE '%barista%' LIMIT 0, 50;"]);
	});

	it('lists vtiger’s taxes with their configured rate', async () => {
		expect(await getTaxes.call(editorAt({}))).toEqual([
			{ name: 'None (Product’s Own Taxes)', value: '' },
			{ name: 'VAT (4.5%)', value: 'tax1' },
			{ name: 'Sales (10%)', value: 'tax2' },
			{ name: 'Service (12.5%)', value: 'tax3' },
		]);
	});

	it('picks a reference by name across every module the field refers to', async () => {
		expect(await getReferenceFields.call(editorAt({ module: moduleParam('HelpDesk') }))).toEqual([{ name: 'Related To (parent_id)', value: 'parent_id', description: 'Points at Accounts or Contacts' }]);
		const parameters = { resource: 'record', operation: 'create', module: moduleParam('HelpDesk'), referenceFields: { reference: [{ field: 'parent_id' }] } };
		const found = await searchReferenceRecords.call(editorAt(parameters, 'parameters.referenceFields.reference[0].record'));
		expect(found.results).toEqual(
			expect.arrayContaining([
				{ name: 'PT Maju Jaya (Accounts 11x100)', value: '11x100' },
				{ name: 'CV Sinar Abadi (Accounts 11x101)', value: '11x101' },
				{ name: 'Siti Rahmawati (Contacts 12x102)', value: '12x102' },
			]),
		);
		vt.sim.requests = [];
		const siti = await searchReferenceRecords.call(editorAt(parameters, 'parameters.referenceFields.reference[0].record'), 'Siti');
		expect(siti.results).toEqual([{ name: 'Siti Rahmawati (Contacts 12x102)', value: '12x102' }]);
		expect(queries()).toEqual([
			"SELECT accountname FROM Accounts WHERE accountname LIKE '%Siti%' LIMIT 0, 50;",
			"SELECT firstname, lastname FROM Contacts WHERE firstname LIKE '%Siti%' OR lastname LIKE '%Siti%' LIMIT 0, 50;",
		]);
	});

	it('offers the values a filter condition’s field allows: picklist values, owners, referenced records, yes/no', async () => {
		const at = (module: string, field: string, filter?: string) =>
			searchConditionValues.call(editorAt({ resource: 'record', operation: 'getMany', module: moduleParam(module), conditions: { condition: [{ field }] } }, 'parameters.conditions.condition[0].listValue'), filter);
		expect((await at('Potentials', 'sales_stage', 'closed')).results).toEqual([
			{ name: 'Closed Won', value: 'Closed Won' },
			{ name: 'Closed Lost', value: 'Closed Lost' },
		]);
		expect((await at('Potentials', 'assigned_user_id')).results.map((option) => option.value)).toEqual(['19x1', '19x5', '20x3', '20x4']);
		expect((await at('Potentials', 'related_to', 'Sinar')).results).toEqual([{ name: 'CV Sinar Abadi (11x101)', value: '11x101' }]);
		expect((await at('Contacts', 'emailoptout')).results).toEqual([
			{ name: 'Yes', value: '1' },
			{ name: 'No', value: '0' },
		]);
		expect((await at('Contacts', 'lastname')).results).toEqual([]);
	});

	it('filters Get Many with the value picked from the list instead of the typed one', async () => {
		vt.sim.insert('Potentials', { potentialname: 'Kopi kantor', closingdate: '2025-06-30', sales_stage: 'Closed Won' });
		const run = await vt.run({
			resource: 'record',
			operation: 'getMany',
			module: moduleParam('Potentials'),
			queryMode: 'build',
			returnAll: true,
			conditions: { condition: [{ field: 'sales_stage', operator: 'equals', value: '', listValue: { __rl: true, mode: 'list', value: 'Closed Won' } }] },
		});
		expect(run.items.map((item) => item.json.potentialname)).toEqual(['Kopi kantor']);
		expect(queries()[0]).toBe("SELECT * FROM Potentials WHERE sales_stage = 'Closed Won' LIMIT 0, 100;");
	});

	it('sets a reference picked under Reference Fields, over the same field under Fields', async () => {
		const run = await vt.run({
			resource: 'record',
			operation: 'create',
			module: moduleParam('HelpDesk'),
			fields: mapped({ ticket_title: 'Mesin bocor', ticketstatus: 'Open', parent_id: '11x100' }),
			referenceFields: { reference: [{ field: 'parent_id', record: { __rl: true, mode: 'list', value: '12x102' } }] },
		});
		expect(run.nodeError).toBeUndefined();
		expect(JSON.parse(vt.sim.requests.find((request) => request.operation === 'create')!.form.element)).toMatchObject({ parent_id: '12x102' });
		expect(run.items[0].json).toMatchObject({ ticket_title: 'Mesin bocor', parent_id: '12x102' });
	});
});
