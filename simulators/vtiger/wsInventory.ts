/**
 * Quotes, sales orders, invoices and purchase orders with their line items, as vtiger 7's inventory
 * webservice handles them (include/Webservices/LineItem/VtigerInventoryOperation.php,
 * VtigerLineItemOperation.php and RetrieveInventory.php of vtiger 7.5.0,
 * https://github.com/IT-Solutions4You/defalto/tree/1bb03aedbc28890ed45b575190f59738d8de923a),
 * written for the simulator:
 * - create needs a non-empty LineItems array ("Mandatory Fields Missing.."); update and revise with
 *   LineItems replace every line; revise without LineItems keeps the lines and does not recompute
 *   the totals (the save runs as a detail-view ajax save);
 * - a line without listprice takes the unit price from vtiger_products (0 for a service);
 * - totals as VtigerLineItemOperation::updateParent computes them: line net = listprice × quantity
 *   − (discount_amount, or else discount_percent % of that); individual tax mode adds each line's
 *   taxes (the product's own, or the tax<N> values the line gives for taxes the product has) to the
 *   sub total; the overall discount (amount, or else percent of the sub total) and the S&H amount
 *   follow; group mode taxes (sub total − discount) at the tax<N> values of the first line; the
 *   adjustment ends the grand total. Compound and shipping taxes are not simulated;
 * - retrieve and retrieve_inventory answer the record without the line-item columns, with the first
 *   line's productid, LineItems and LineItems_FinalDetails;
 * - servers before vtiger 6 have neither LineItems nor retrieve_inventory.
 */

import { WsError } from './wsEnvelope';
import type { ModuleSpec } from './wsModules';
import { LINE_ITEM_COLUMNS, TAXES, moduleByPrefix } from './wsModules';
import type { LineItemRow, StoredRecord, WsStore } from './wsStore';
import { idParts } from './wsStore';

/** The entity type id of LineItem in a stock install. */
const LINE_ITEM_PREFIX = '33';
/** A stock install's default tax mode (the hdnTaxType field's default value). */
const DEFAULT_TAX_MODE = 'group';

const DB_ERROR = () => new WsError('DATABASE_QUERY_ERROR', 'Database error while performing required operation');

/** Whether the server has the vtiger 6 inventory webservice (LineItem, retrieve_inventory). */
export function hasInventoryApi(vtigerVersion: string): boolean {
	const major = Number(/^(\d+)/.exec(vtigerVersion)?.[1] ?? '7');
	return major >= 6;
}

/** The module as this server describes it: before vtiger 6 the line-item columns are not fields. */
export function moduleView(module: ModuleSpec, vtigerVersion: string): ModuleSpec {
	if (!module.inventory || hasInventoryApi(vtigerVersion)) return module;
	return { ...module, fields: module.fields.filter((field) => !LINE_ITEM_COLUMNS.includes(field.name)) };
}

interface LineInput {
	productid: string;
	product: StoredRecord;
	quantity: number;
	listprice: number;
	discountPercent: number | null;
	discountAmount: number | null;
	comment: string;
	/** tax<N> values the line sets (PHP isset: present and not null). */
	provided: Record<string, number>;
}

function numeric(value: unknown, field: string, required = false): number | null {
	if (value === undefined || value === null || value === '') {
		if (required) throw new WsError('MANDATORY_FIELDS_MISSING', `${field} does not have a value`);
		return null;
	}
	const number = Number(typeof value === 'string' ? value.trim() : value);
	if (typeof value === 'boolean' || !Number.isFinite(number)) throw DB_ERROR();
	return number;
}

function product(store: WsStore, id: unknown): StoredRecord {
	let parts: { prefix: string; crmid: number };
	try {
		parts = idParts(id);
	} catch {
		throw new WsError('REFERENCE_INVALID', 'Invalid reference specified for productid');
	}
	const module = moduleByPrefix(parts.prefix);
	const record = store.records.get(parts.crmid);
	if (!module || !['Products', 'Services'].includes(module.name) || !record || record.deleted || record.module !== module) {
		throw new WsError('REFERENCE_INVALID', 'Invalid reference specified for productid');
	}
	return record;
}

/** The LineItems of an element, checked before anything is written. */
function readLines(store: WsStore, raw: unknown): LineInput[] {
	if (!Array.isArray(raw)) return [];
	return raw.map((entry) => {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw DB_ERROR();
		const line = entry as Record<string, unknown>;
		const item = product(store, line.productid);
		// VtigerLineItemOperation::create reads the price only when listprice is not set at all.
		const listprice = line.listprice === undefined || line.listprice === null ? (item.module.name === 'Products' ? Number(item.values.unit_price || 0) : 0) : (numeric(line.listprice, 'listprice') ?? 0);
		const provided: Record<string, number> = {};
		for (const tax of TAXES) {
			if (line[tax.taxname] !== undefined && line[tax.taxname] !== null) provided[tax.taxname] = numeric(line[tax.taxname], tax.taxname) ?? 0;
		}
		return {
			productid: String(line.productid),
			product: item,
			quantity: numeric(line.quantity, 'quantity', true)!,
			listprice,
			discountPercent: numeric(line.discount_percent, 'discount_percent'),
			discountAmount: numeric(line.discount_amount, 'discount_amount'),
			comment: line.comment === undefined || line.comment === null ? '' : String(line.comment),
			provided,
		};
	});
}

const isIndividual = (taxType: string) => taxType.toLowerCase() === 'individual';

/** The taxes a line is saved with (VtigerLineItemOperation::initTax). */
function lineTaxes(store: WsStore, line: LineInput, taxType: string): Record<string, number> {
	if (!isIndividual(taxType)) return { ...line.provided };
	const own = store.productTaxes.get(line.product.crmid) ?? {};
	const given = Object.fromEntries(Object.entries(line.provided).filter(([name]) => name in own));
	return Object.keys(given).length ? given : { ...own };
}

function saveLines(store: WsStore, record: StoredRecord, lines: LineInput[]): void {
	for (let index = store.lineItems.length - 1; index >= 0; index--) {
		if (store.lineItems[index].parentCrmid === record.crmid) store.lineItems.splice(index, 1);
	}
	const taxType = record.values.hdnTaxType ?? '';
	lines.forEach((line, index) => {
		const taxes = lineTaxes(store, line, taxType);
		store.lineItems.push({
			lineitemId: store.nextLineItemId++,
			parentCrmid: record.crmid,
			productid: line.productid,
			sequence: index + 1,
			quantity: line.quantity,
			listprice: line.listprice,
			discountPercent: line.discountPercent,
			discountAmount: line.discountAmount,
			comment: line.comment,
			taxes: Object.fromEntries(TAXES.map((tax) => [tax.taxname, taxes[tax.taxname] ?? null])),
		});
	});
}

export function linesOf(store: WsStore, record: StoredRecord): LineItemRow[] {
	return store.lineItems.filter((row) => row.parentCrmid === record.crmid).sort((a, b) => a.sequence - b.sequence);
}

interface LineMath {
	row: LineItemRow;
	gross: number;
	discount: number;
	net: number;
	taxes: Array<{ taxname: string; percentage: number; amount: number }>;
}

interface Totals {
	lines: LineMath[];
	subTotal: number;
	discount: number;
	preTaxTotal: number;
	groupTaxes: Array<{ taxname: string; percentage: number; amount: number }>;
	taxTotal: number;
	shipping: number;
	adjustment: number;
	grandTotal: number;
}

const money = (value: string | undefined) => Number(value || 0) || 0;

/** VtigerLineItemOperation::updateParent's arithmetic over the saved lines. */
function totals(store: WsStore, record: StoredRecord, groupTaxSource: Record<string, number>): Totals {
	const individual = isIndividual(record.values.hdnTaxType ?? '');
	let subTotal = 0;
	let individualPreTax = 0;
	const lines = linesOf(store, record).map((row) => {
		const gross = row.listprice * row.quantity;
		const discount = row.discountAmount ? row.discountAmount : row.discountPercent ? (row.discountPercent / 100) * gross : 0;
		const net = gross - discount;
		subTotal += net;
		const taxes = individual
			? Object.entries(row.taxes)
					.filter((entry): entry is [string, number] => entry[1] !== null)
					.map(([taxname, percentage]) => ({ taxname, percentage, amount: (net * percentage) / 100 }))
			: [];
		for (const tax of taxes) subTotal += tax.amount;
		individualPreTax += net;
		return { row, gross, discount, net, taxes };
	});
	const discountAmount = money(record.values.hdnDiscountAmount);
	const discount = discountAmount > 0 ? discountAmount : money(record.values.hdnDiscountPercent) ? (money(record.values.hdnDiscountPercent) / 100) * subTotal : 0;
	const shipping = money(record.values.hdnS_H_Amount);
	const total = subTotal - discount + shipping;
	const preTaxTotal = individual ? individualPreTax - discount + shipping : total;
	const groupTaxes = individual ? [] : Object.entries(groupTaxSource).map(([taxname, percentage]) => ({ taxname, percentage, amount: ((subTotal - discount) * percentage) / 100 }));
	const taxTotal = groupTaxes.reduce((sum, tax) => sum + tax.amount, 0);
	const adjustment = money(record.values.txtAdjustment);
	return { lines, subTotal, discount, preTaxTotal, groupTaxes, taxTotal, shipping, adjustment, grandTotal: total + taxTotal + adjustment };
}

/** Saves the lines and writes subtotal, total and pre-tax total as updateParent does. */
function saveLinesAndTotals(store: WsStore, record: StoredRecord, lines: LineInput[]): void {
	saveLines(store, record, lines);
	const sums = totals(store, record, isIndividual(record.values.hdnTaxType ?? '') ? {} : { ...(lines[0]?.provided ?? {}) });
	record.values.hdnSubTotal = sums.subTotal.toFixed(8);
	record.values.hdnGrandTotal = sums.grandTotal.toFixed(8);
	record.values.pre_tax_total = sums.preTaxTotal.toFixed(8);
	record.groupTaxes = Object.fromEntries(sums.groupTaxes.map((tax) => [tax.taxname, tax.percentage]));
}

const decimals = (value: number | null, places: number) => (value === null ? null : value.toFixed(places));
const shown = (value: number) => value.toFixed(2);

/** getAllLineItemForParent: the rows of vtiger_inventoryproductrel with the product's label and type. */
function lineOutput(store: WsStore, record: StoredRecord, row: LineItemRow) {
	const item = store.records.get(idParts(row.productid).crmid);
	return {
		parent_id: store.wsId(record),
		productid: row.productid,
		sequence_no: String(row.sequence),
		quantity: row.quantity.toFixed(3),
		listprice: row.listprice.toFixed(8),
		discount_percent: decimals(row.discountPercent, 3),
		discount_amount: decimals(row.discountAmount, 8),
		comment: row.comment,
		description: '',
		incrementondel: '1',
		...Object.fromEntries(Object.entries(row.taxes).map(([name, value]) => [name, decimals(value, 3)])),
		product_name: item ? item.values[item.module.labelFields] : '',
		entity_type: item ? item.module.name : '',
		id: `${LINE_ITEM_PREFIX}x${row.lineitemId}`,
		deleted: '0',
	};
}

/** A subset of Inventory_Record_Model::getProducts, keyed 1..n as PHP encodes it. */
function finalDetails(store: WsStore, record: StoredRecord): Record<string, unknown> {
	const sums = totals(store, record, record.groupTaxes ?? {});
	const details: Record<string, unknown> = {};
	sums.lines.forEach((line, index) => {
		const n = index + 1;
		const item = store.records.get(idParts(line.row.productid).crmid);
		const taxTotal = line.taxes.reduce((sum, tax) => sum + tax.amount, 0);
		details[String(n)] = {
			[`hdnProductId${n}`]: String(idParts(line.row.productid).crmid),
			[`productName${n}`]: item ? item.values[item.module.labelFields] : '',
			[`entityType${n}`]: item ? item.module.name : '',
			[`comment${n}`]: line.row.comment,
			[`qty${n}`]: String(line.row.quantity),
			[`listPrice${n}`]: shown(line.row.listprice),
			[`productTotal${n}`]: shown(line.gross),
			[`discountTotal${n}`]: shown(line.discount),
			[`totalAfterDiscount${n}`]: shown(line.net),
			[`taxTotal${n}`]: shown(taxTotal),
			[`netPrice${n}`]: shown(line.net + taxTotal),
			taxes: line.taxes.map((tax) => ({ taxname: tax.taxname, taxlabel: TAXES.find((known) => known.taxname === tax.taxname)?.taxlabel ?? tax.taxname, percentage: String(tax.percentage) })),
		};
	});
	if (details['1']) {
		(details['1'] as Record<string, unknown>).final_details = {
			taxtype: record.values.hdnTaxType,
			hdnSubTotal: shown(sums.subTotal),
			discountTotal_final: shown(sums.discount),
			taxes: sums.groupTaxes.map((tax) => ({
				taxname: tax.taxname,
				taxlabel: TAXES.find((known) => known.taxname === tax.taxname)?.taxlabel ?? tax.taxname,
				percentage: String(tax.percentage),
				amount: shown(tax.amount),
			})),
			tax_totalamount: shown(sums.taxTotal),
			shipping_handling_charge: shown(sums.shipping),
			adjustment: shown(sums.adjustment),
			grandTotal: shown(sums.grandTotal),
		};
	}
	return details;
}

/** The record as retrieve shows it on an inventory module: no line-item columns; the lines beside it on vtiger 6+. */
export function inventoryOutput(store: WsStore, record: StoredRecord, base: Record<string, string>, vtigerVersion: string): Record<string, unknown> {
	const result: Record<string, unknown> = { ...base };
	for (const column of LINE_ITEM_COLUMNS) delete result[column];
	if (!hasInventoryApi(vtigerVersion)) return result;
	const rows = linesOf(store, record);
	result.LineItems = rows.map((row) => lineOutput(store, record, row));
	result.productid = rows[0]?.productid ?? '';
	result.LineItems_FinalDetails = finalDetails(store, record);
	return result;
}

/** create on an inventory module, after the mandatory check: the record, its lines and totals. */
export function createInventory(
	store: WsStore,
	module: ModuleSpec,
	element: Record<string, unknown>,
	values: Record<string, string>,
	options: { modifiedMs?: number; crmid?: number } = {},
): StoredRecord {
	const lines = readLines(store, element.LineItems);
	if (!lines.length) throw new WsError('MANDATORY_FIELDS_MISSING', 'Mandatory Fields Missing..');
	const stored = Object.fromEntries(Object.entries(values).filter(([name]) => !LINE_ITEM_COLUMNS.includes(name)));
	if (!stored.hdnTaxType) stored.hdnTaxType = DEFAULT_TAX_MODE;
	const record = store.insert(module, stored, options);
	for (const column of LINE_ITEM_COLUMNS) record.values[column] = '';
	saveLinesAndTotals(store, record, lines);
	return record;
}

/**
 * update or revise on an inventory record: `apply` writes the fields; LineItems, when given,
 * replace the lines and the totals are recomputed. Without them the lines and totals stay.
 */
export function changeInventory(store: WsStore, record: StoredRecord, element: Record<string, unknown>, apply: () => void): void {
	const lines = Array.isArray(element.LineItems) ? readLines(store, element.LineItems) : [];
	apply();
	for (const column of LINE_ITEM_COLUMNS) record.values[column] = '';
	if (lines.length) saveLinesAndTotals(store, record, lines);
}

export function deleteLines(store: WsStore, record: StoredRecord): void {
	for (let index = store.lineItems.length - 1; index >= 0; index--) {
		if (store.lineItems[index].parentCrmid === record.crmid) store.lineItems.splice(index, 1);
	}
}
