import type { IDataObject } from 'n8n-workflow';

import { lineItemEntry as line } from './lineItemEntry';
import { idParam, mapped, moduleParam, vtigerFixture } from './setup';

/*
 * Quotes, invoices and their line items against the simulator, whose totals follow vtiger 7's
 * VtigerLineItemOperation::updateParent. Every expected total below is worked out by hand in the
 * comment above it, not by the simulator's code.
 */

const COFFEE = '14x90';
const ESPRESSO = '14x91';
const TRAINING = '25x92';
const ACCOUNT = '11x100';

const createQuote = (fields: IDataObject, lines: IDataObject[]) => ({
	resource: 'record',
	operation: 'create',
	module: moduleParam('Quotes'),
	fields: mapped({ subject: 'Penawaran kopi kantor', quotestage: 'Created', account_id: ACCOUNT, ...fields }),
	lineItemsInput: 'define',
	lineItems: { item: lines },
});

const getRecord = (module: string, id: string) => ({ resource: 'record', operation: 'get', module: moduleParam(module), recordId: idParam(id) });

const sentElement = (requests: Array<{ operation: string; form: Record<string, string> }>, operation: string) => JSON.parse(requests.filter((request) => request.operation === operation).at(-1)!.form.element);

describe('Inventory: line items and totals', () => {
	const vt = vtigerFixture();

	it('round trip: create a quote with three lines, get it, change line 2, get it again, with the totals vtiger computes', async () => {
		const created = await vt.run(
			createQuote({ hdnDiscountAmount: 49500 }, [
				line(COFFEE, 3, 185000, { discountType: 'percent', discount: 10, tax: 'tax1', taxPercent: 11 }),
				line(ESPRESSO, 1, 4500000, { discountType: 'amount', discount: 250000 }),
				line(TRAINING, 2, 750000, { comment: '2 hari di lokasi' }),
			]),
		);
		expect(created.nodeError).toBeUndefined();
		expect(sentElement(vt.sim.requests, 'create')).toMatchObject({
			subject: 'Penawaran kopi kantor',
			// vtiger types the first line's product, quantity and price as mandatory document fields.
			productid: COFFEE,
			quantity: '3',
			listprice: '185000',
			LineItems: [
				{ productid: COFFEE, quantity: '3', listprice: '185000', discount_percent: '10', tax1: '11' },
				{ productid: ESPRESSO, quantity: '1', listprice: '4500000', discount_amount: '250000' },
				{ productid: TRAINING, quantity: '2', listprice: '750000', comment: '2 hari di lokasi' },
			],
		});
		// Lines: 555000 − 10 % = 499500; 4500000 − 250000 = 4250000; 2 × 750000 = 1500000. Sub total 6249500.
		// Group mode (the default): discount 49500 leaves 6200000, taxed at the first line's tax1 11 % = 682000.
		const quote = created.items[0].json;
		expect(quote).toMatchObject({ hdnTaxType: 'group', hdnSubTotal: '6249500.00000000', pre_tax_total: '6200000.00000000', hdnGrandTotal: '6882000.00000000' });
		const id = String(quote.id);

		vt.sim.requests = [];
		const fetched = await vt.run(getRecord('Quotes', id));
		expect(vt.sim.requests.map((request) => request.operation)).toEqual(['retrieve_inventory']);
		expect(fetched.items[0].json).toMatchObject({ id, hdnGrandTotal: '6882000.00000000' });
		expect((fetched.items[0].json.LineItems as IDataObject[]).map((item) => [item.sequence_no, item.productid, item.quantity, item.product_name])).toEqual([
			['1', COFFEE, '3.000', 'Kopi Arabika Gayo 1 kg'],
			['2', ESPRESSO, '1.000', 'Mesin Espresso Rumahan'],
			['3', TRAINING, '2.000', 'Pelatihan Barista'],
		]);

		vt.sim.requests = [];
		const updated = await vt.run({
			resource: 'record',
			operation: 'update',
			module: moduleParam('Quotes'),
			recordId: idParam(id),
			fields: mapped({}),
			lineItemsUpdate: 'byNumber',
			lineItemsInput: 'define',
			lineItems: { item: [line(ESPRESSO, 2, 4500000, { discountType: 'amount', discount: 250000, lineNumber: 2 })] },
		});
		expect(updated.nodeError).toBeUndefined();
		expect(vt.sim.requests.map((request) => request.operation)).toEqual(['describe', 'retrieve_inventory', 'revise']);
		// vtiger replaces every line when LineItems come along, so lines 1 and 3 go again as they were read.
		expect(sentElement(vt.sim.requests, 'revise')).toEqual({
			id,
			LineItems: [
				{ productid: COFFEE, quantity: '3.000', listprice: '185000.00000000', discount_percent: '10.000', tax1: '11.000' },
				{ productid: ESPRESSO, quantity: '2', listprice: '4500000', discount_amount: '250000' },
				{ productid: TRAINING, quantity: '2.000', listprice: '750000.00000000', comment: '2 hari di lokasi' },
			],
		});
		// Line 2 is now 9000000 − 250000 = 8750000: sub total 10749500, less 49500 = 10700000, plus 11 % = 1177000.
		expect(updated.items[0].json).toMatchObject({ hdnSubTotal: '10749500.00000000', hdnGrandTotal: '11877000.00000000' });

		const again = await vt.run(getRecord('Quotes', id));
		expect(again.items[0].json).toMatchObject({ hdnSubTotal: '10749500.00000000', pre_tax_total: '10700000.00000000', hdnGrandTotal: '11877000.00000000' });
		expect((again.items[0].json.LineItems as IDataObject[]).map((item) => [item.productid, item.quantity, item.discount_amount])).toEqual([
			[COFFEE, '3.000', null],
			[ESPRESSO, '2.000', '250000.00000000'],
			[TRAINING, '2.000', null],
		]);
	});

	it('computes individual tax mode as vtiger does: each line with its product’s taxes, S&H and adjustment after', async () => {
		const run = await vt.run({
			resource: 'record',
			operation: 'create',
			module: moduleParam('Invoice'),
			fields: mapped({ subject: 'Faktur Maju Jaya', account_id: ACCOUNT, hdnTaxType: 'individual', hdnS_H_Amount: 50000, txtAdjustment: -1525 }),
			lineItemsInput: 'define',
			lineItems: { item: [line(COFFEE, 2, 185000), line(ESPRESSO, 1, 4500000, { discountType: 'percent', discount: 5 })] },
		});
		expect(run.nodeError).toBeUndefined();
		// Coffee: 370000 + VAT 4.5 % (16650). Espresso: 4500000 − 5 % = 4275000 + VAT 4.5 % (192375) + Sales 10 % (427500).
		// Sub total (taxes included in this mode) 5281525; + S&H 50000 = 5331525; adjustment −1525 → 5330000.
		// Pre-tax total: 370000 + 4275000 + 50000 = 4695000.
		expect(run.items[0].json).toMatchObject({ hdnSubTotal: '5281525.00000000', pre_tax_total: '4695000.00000000', hdnGrandTotal: '5330000.00000000' });
		const lines = run.items[0].json.LineItems as IDataObject[];
		expect(lines.map((item) => [item.tax1, item.tax2, item.tax3])).toEqual([
			['4.500', null, null],
			['4.500', '10.000', null],
		]);
	});

	it('takes a chosen tax’s rate from vtiger’s Tax list when no percent is given, reading it once per execution', async () => {
		const run = await vt.run(createQuote({}, [line(COFFEE, 1, 100000, { tax: 'tax2', taxPercent: 0 })]), [{}, {}]);
		expect(run.nodeError).toBeUndefined();
		expect(sentElement(vt.sim.requests, 'create').LineItems).toEqual([{ productid: COFFEE, quantity: '1', listprice: '100000', tax2: '10' }]);
		// 100000 taxed at Sales 10 % in group mode.
		expect(run.items.map((item) => item.json.hdnGrandTotal)).toEqual(['110000.00000000', '110000.00000000']);
		expect(vt.sim.requests.filter((request) => request.operation === 'query').map((request) => request.query.query)).toEqual(['SELECT * FROM Tax;']);
	});

	it('sends the current lines along when a field that moves the totals changes, so vtiger recomputes them; other changes leave the lines alone', async () => {
		const created = await vt.run(createQuote({}, [line(COFFEE, 2, 100000, { tax: 'tax1', taxPercent: 10 })]));
		const id = String(created.items[0].json.id);
		expect(created.items[0].json.hdnGrandTotal).toBe('220000.00000000');

		vt.sim.requests = [];
		const update = { resource: 'record', operation: 'update', module: moduleParam('Quotes'), recordId: idParam(id), lineItemsUpdate: 'keep' };
		const discounted = await vt.run({ ...update, fields: mapped({ hdnDiscountPercent: 10 }) });
		expect(vt.sim.requests.map((request) => request.operation)).toEqual(['describe', 'retrieve_inventory', 'revise']);
		expect(sentElement(vt.sim.requests, 'revise')).toEqual({
			hdnDiscountPercent: '10',
			id,
			LineItems: [{ productid: COFFEE, quantity: '2.000', listprice: '100000.00000000', tax1: '10.000' }],
		});
		// 200000 − 10 % = 180000, plus tax1 10 % = 198000.
		expect(discounted.items[0].json.hdnGrandTotal).toBe('198000.00000000');

		vt.sim.requests = [];
		await vt.run({ ...update, fields: mapped({ subject: 'Penawaran revisi' }) });
		expect(vt.sim.requests.map((request) => request.operation)).toEqual(['describe', 'revise']);
		expect(sentElement(vt.sim.requests, 'revise')).toEqual({ subject: 'Penawaran revisi', id });
		expect(vt.sim.lineItems(id)).toHaveLength(1);
	});

	it('replaces every line with Replace All Lines, and sends the whole record with the lines for a whole update', async () => {
		const created = await vt.run(createQuote({}, [line(COFFEE, 1, 100000), line(ESPRESSO, 1, 4500000)]));
		const id = String(created.items[0].json.id);
		const replaced = await vt.run({
			resource: 'record',
			operation: 'update',
			updateMethod: 'update',
			module: moduleParam('Quotes'),
			recordId: idParam(id),
			fields: mapped({ quotestage: 'Delivered' }),
			lineItemsUpdate: 'replace',
			lineItemsInput: 'define',
			lineItems: { item: [line(TRAINING, 3, 700000)] },
		});
		expect(replaced.nodeError).toBeUndefined();
		const whole = sentElement(vt.sim.requests, 'update');
		expect(whole).toMatchObject({ id, subject: 'Penawaran kopi kantor', quotestage: 'Delivered', account_id: ACCOUNT, productid: TRAINING, quantity: '3', listprice: '700000' });
		expect(whole).not.toHaveProperty('hdnGrandTotal');
		expect(vt.sim.lineItems(id).map((row) => [row.productid, row.quantity])).toEqual([[TRAINING, 3]]);
		expect(replaced.items[0].json.hdnGrandTotal).toBe('2100000.00000000');
	});

	it('takes the lines as JSON, e.g. mapped from an order’s items, and names a mistyped key before sending anything', async () => {
		const json = (lines: unknown) => ({ ...createQuote({}, []), lineItemsInput: 'json', lineItemsJson: JSON.stringify(lines) });
		const ok = await vt.run(json([{ productid: COFFEE, quantity: 2, listprice: 185000, tax1: 11, comment: 'Giling halus' }]));
		expect(ok.nodeError).toBeUndefined();
		expect(sentElement(vt.sim.requests, 'create').LineItems).toEqual([{ productid: COFFEE, quantity: '2', listprice: '185000', tax1: '11', comment: 'Giling halus' }]);
		// 370000 + 11 % = 410700.
		expect(ok.items[0].json.hdnGrandTotal).toBe('410700.00000000');

		vt.sim.requests = [];
		const typo = await vt.run(json([{ productid: COFFEE, qty: 2, listprice: 1 }]), [{}], { continueOnFail: true });
		expect(typo.items[0].json.error).toBe("'Line Items (JSON)': line 1 has unknown key 'qty'");
		expect(vt.sim.count('create')).toBe(0);
	});

	it.each([
		['no lines', [], 'A Quotes record needs at least one line item'],
		['a line whose product expression gives nothing', [line('={{ $json.sku }}', 1, 1)], 'Line 1: choose a product or service'],
		['a line with a plain record number as product', [line('90', 1, 1)], "Line 1: 'Product or Service' is not a vtiger ID: '90'"],
		['a line with no quantity', [line(COFFEE, 0, 1)], "Line 1: 'Quantity' must be more than 0"],
	])('refuses %s before sending the create', async (_, lines, message) => {
		const run = await vt.run(createQuote({}, lines), [{}], { continueOnFail: true });
		expect(run.items[0].json.error).toBe(message);
		expect(vt.sim.count('create')).toBe(0);
	});

	it('names a line number the record does not have', async () => {
		const created = await vt.run(createQuote({}, [line(COFFEE, 1, 100000)]));
		const run = await vt.run(
			{
				resource: 'record',
				operation: 'update',
				module: moduleParam('Quotes'),
				recordId: idParam(String(created.items[0].json.id)),
				fields: mapped({}),
				lineItemsUpdate: 'byNumber',
				lineItemsInput: 'define',
				lineItems: { item: [line(ESPRESSO, 1, 1, { lineNumber: 4 })] },
			},
			[{}],
			{ continueOnFail: true },
		);
		expect(run.items[0].json.error).toBe('There is no line 4 to replace: the record has 1 line');
		expect(vt.sim.count('revise')).toBe(0);
	});
});

describe('Inventory: servers older than vtiger 6', () => {
	const vt = vtigerFixture();
	const oldQuote = () => vt.sim.insert('Quotes', { subject: 'Penawaran lama', quotestage: 'Created', account_id: ACCOUNT, hdnTaxType: 'group', hdnGrandTotal: '1000.00000000' });

	it('gets the record with retrieve and a note when the stored version says vtiger 5', async () => {
		vt.sim.options.vtigerVersion = '5.4.0';
		const id = oldQuote();
		await vt.run({ resource: 'session', operation: 'extend' });
		expect(vt.stored().vtigerVersion).toBe('5.4.0');

		vt.sim.requests = [];
		const run = await vt.run(getRecord('Quotes', id));
		expect(vt.sim.requests.map((request) => request.operation)).toEqual(['retrieve']);
		expect(run.items[0].json).toMatchObject({ id, subject: 'Penawaran lama', hdnGrandTotal: '1000.00000000' });
		expect(run.items[0].json).not.toHaveProperty('LineItems');
		expect(run.items[0].json.lineItemsNote).toBe('Line items were not available: this vtiger server (5.4.0) has no retrieve_inventory, which came with vtiger 6.');
	});

	it('falls back to retrieve on UNKNOWN_OPERATION when the server does not say its version, asking only once per execution', async () => {
		vt.sim.options.vtigerVersion = '5.4.0';
		vt.sim.options.loginReportsVersion = false;
		const id = oldQuote();
		const run = await vt.run({ ...getRecord('Quotes', id), recordId: idParam('={{ $json.id }}') }, [{ id }, { id }]);
		expect(run.nodeError).toBeUndefined();
		expect(vt.sim.requests.filter((request) => request.operation !== 'getchallenge' && request.operation !== 'login').map((request) => `${request.operation}${request.errorCode ? `:${request.errorCode}` : ''}`)).toEqual([
			'retrieve_inventory:UNKNOWN_OPERATION',
			'retrieve',
			'retrieve',
		]);
		expect(run.items.map((item) => item.json.lineItemsNote)).toEqual([
			'Line items were not available: this vtiger server has no retrieve_inventory, which came with vtiger 6.',
			'Line items were not available: this vtiger server has no retrieve_inventory, which came with vtiger 6.',
		]);
	});

	it('refuses to create line items on vtiger 5, which would save the quote and drop them', async () => {
		vt.sim.options.vtigerVersion = '5.4.0';
		const run = await vt.run(createQuote({}, [line(COFFEE, 1, 100000)]), [{}], { continueOnFail: true });
		expect(run.items[0].json.error).toBe('This vtiger server (5.4.0) cannot save line items through its webservice');
		expect(vt.sim.count('create')).toBe(0);
	});
});
