import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldError, parseJsonParameter } from '../../../shared/parseInput';
import type { ExecutionContext } from '../context';
import { RECORD_ID } from '../inputs';
import { request } from '../request';
import type { VtigerDescribe } from '../vtigerDescribe';
import { TAX_FIELD, TOP_LEVEL_LINE_FIELDS } from './inventoryFields';

/*
 * Line items as vtiger's inventory webservice takes them inside `element.LineItems`
 * (include/Webservices/LineItem/VtigerLineItemOperation.php of vtiger 7.5.0,
 * https://github.com/IT-Solutions4You/defalto/tree/1bb03aedbc28890ed45b575190f59738d8de923a):
 * productid, quantity, listprice, discount_percent or discount_amount (vtiger uses the amount when
 * both are set), comment, and tax<N> holding a percent. Numbers go as text, as every form value does.
 */

/** A line for vtiger, and the line of the record it replaces (Change Lines by Number), if any. */
export interface GivenLine {
	line: IDataObject;
	replaces?: number;
}

const JSON_KEYS = new Set(['productid', 'quantity', 'listprice', 'discount_percent', 'discount_amount', 'comment', 'sequence_no']);

function rlValue(value: unknown): string {
	if (typeof value === 'object' && value !== null && '__rl' in value) return String((value as IDataObject).value ?? '').trim();
	return String(value ?? '').trim();
}

const numberText = (value: number) => String(value);

/** vtiger's taxes (tax<N> → percent) from the Tax type, once per execution. */
async function taxRates(this: IExecuteFunctions, context: ExecutionContext, itemIndex: number): Promise<Record<string, string>> {
	return await context.memo('taxRates', async () => {
		const rows = (await request.call(this, context, itemIndex, { operation: 'query', method: 'GET', params: { query: 'SELECT * FROM Tax;' }, subject: 'taxes' })) as IDataObject[];
		return Object.fromEntries(rows.map((row) => [String(row.taxname), String(row.percentage)]));
	});
}

function lineLabel(index: number): string {
	return `Line ${index + 1}`;
}

/** One entry of the Line Items collection. */
async function fromCollection(this: IExecuteFunctions, context: ExecutionContext, itemIndex: number, entry: IDataObject, index: number): Promise<GivenLine> {
	const node = this.getNode();
	const productid = rlValue(entry.product);
	if (!RECORD_ID.test(productid)) {
		fieldError(
			node,
			itemIndex,
			productid ? `${lineLabel(index)}: 'Product or Service' is not a vtiger ID: '${productid}'` : `${lineLabel(index)}: choose a product or service`,
			'Pick it from the list, or give its ID such as 14x90 (Products) or 25x92 (Services).',
		);
	}
	const quantity = Number(entry.quantity);
	if (!Number.isFinite(quantity) || quantity <= 0) fieldError(node, itemIndex, `${lineLabel(index)}: 'Quantity' must be more than 0`, 'Give how many units the line sells.');
	const listprice = Number(entry.listPrice);
	if (!Number.isFinite(listprice)) fieldError(node, itemIndex, `${lineLabel(index)}: 'List Price' is not a number`, 'Give the price of one unit.');
	const line: IDataObject = { productid, quantity: numberText(quantity), listprice: numberText(listprice) };
	const discount = Number(entry.discount ?? 0);
	if (entry.discountType === 'percent') {
		if (!(discount >= 0 && discount <= 100)) fieldError(node, itemIndex, `${lineLabel(index)}: a percent discount must be between 0 and 100`, 'Give the percent taken off the line.');
		line.discount_percent = numberText(discount);
	} else if (entry.discountType === 'amount') {
		if (!(discount >= 0)) fieldError(node, itemIndex, `${lineLabel(index)}: 'Discount Value' must not be negative`, 'Give the amount taken off the line.');
		line.discount_amount = numberText(discount);
	}
	const tax = String(entry.tax ?? '').trim();
	if (tax) {
		if (!TAX_FIELD.test(tax)) fieldError(node, itemIndex, `${lineLabel(index)}: '${tax}' is not a vtiger tax`, 'Taxes are named tax1, tax2 …; pick one from the list.');
		let percent = Number(entry.taxPercent ?? 0);
		if (!percent) {
			const rates = await taxRates.call(this, context, itemIndex);
			if (rates[tax] === undefined) fieldError(node, itemIndex, `${lineLabel(index)}: vtiger has no tax '${tax}'`, `Pick one of ${Object.keys(rates).join(', ') || 'the configured taxes'}, or give the percent.`);
			percent = Number(rates[tax]);
		}
		line[tax] = numberText(percent);
	}
	const comment = String(entry.comment ?? '').trim();
	if (comment) line.comment = comment;
	const replaces = Number(entry.lineNumber ?? 0);
	return { line, replaces: replaces > 0 ? replaces : undefined };
}

/** One line of the JSON input, checked so a typo fails this item rather than reaching vtiger. */
function fromJson(this: IExecuteFunctions, itemIndex: number, entry: unknown, index: number): GivenLine {
	const node = this.getNode();
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
		fieldError(node, itemIndex, `'Line Items (JSON)': line ${index + 1} is not an object`, 'Give an array of objects such as {"productid": "14x90", "quantity": 2, "listprice": 185000}.');
	}
	const raw = entry as IDataObject;
	const unknown = Object.keys(raw).filter((key) => !JSON_KEYS.has(key) && !TAX_FIELD.test(key));
	if (unknown.length) {
		fieldError(node, itemIndex, `'Line Items (JSON)': line ${index + 1} has unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `'${key}'`).join(', ')}`, `Use ${[...JSON_KEYS].join(', ')} and tax1, tax2 … (a percent).`);
	}
	const productid = String(raw.productid ?? '').trim();
	if (!RECORD_ID.test(productid)) fieldError(node, itemIndex, `'Line Items (JSON)': line ${index + 1} needs a productid like 14x90`, 'productid is the vtiger ID of a product or service.');
	const line: IDataObject = { productid };
	for (const key of Object.keys(raw)) {
		if (key === 'productid' || key === 'sequence_no') continue;
		if (key === 'comment') {
			line.comment = String(raw.comment ?? '');
			continue;
		}
		if (raw[key] === null || raw[key] === '') continue;
		const value = Number(raw[key]);
		if (typeof raw[key] === 'boolean' || !Number.isFinite(value)) fieldError(node, itemIndex, `'Line Items (JSON)': line ${index + 1}: '${key}' is not a number`, 'Give numbers with a dot for decimals, e.g. 185000.50.');
		line[key] = numberText(value);
	}
	for (const key of ['quantity', 'listprice']) {
		if (line[key] === undefined) fieldError(node, itemIndex, `'Line Items (JSON)': line ${index + 1} has no ${key}`, 'Each line needs productid, quantity and listprice.');
	}
	const replaces = Number(raw.sequence_no ?? 0);
	return { line, replaces: Number.isInteger(replaces) && replaces > 0 ? replaces : undefined };
}

/** The lines the item gives, from the collection or the JSON input. */
export async function givenLines(this: IExecuteFunctions, context: ExecutionContext, itemIndex: number): Promise<GivenLine[]> {
	if (this.getNodeParameter('lineItemsInput', itemIndex, 'define') === 'json') {
		const parsed = parseJsonParameter(this.getNode(), this.getNodeParameter('lineItemsJson', itemIndex, '[]'), 'Line Items (JSON)', itemIndex);
		const entries = Array.isArray(parsed) ? parsed : [parsed];
		return entries.filter((entry) => !(typeof entry === 'object' && entry !== null && Object.keys(entry).length === 0)).map((entry, index) => fromJson.call(this, itemIndex, entry, index));
	}
	const entries = (this.getNodeParameter('lineItems.item', itemIndex, []) as IDataObject[]) ?? [];
	const lines: GivenLine[] = [];
	for (const [index, entry] of entries.entries()) lines.push(await fromCollection.call(this, context, itemIndex, entry, index));
	return lines;
}

/**
 * A line read back (retrieve_inventory's LineItems) in the form vtiger takes it, so unchanged lines
 * can be sent again: empty discounts and taxes the line does not carry are left out.
 */
export function resendable(read: IDataObject): IDataObject {
	const line: IDataObject = { productid: read.productid, quantity: String(read.quantity ?? ''), listprice: String(read.listprice ?? '') };
	for (const key of ['discount_percent', 'discount_amount']) {
		if (read[key] !== null && read[key] !== undefined && read[key] !== '' && Number(read[key]) !== 0) line[key] = String(read[key]);
	}
	if (read.comment) line.comment = read.comment;
	for (const [key, value] of Object.entries(read)) {
		if (TAX_FIELD.test(key) && value !== null && value !== undefined && value !== '') line[key] = String(value);
	}
	return line;
}

/** The record's current lines in order, ready to send again. */
export function currentLines(record: IDataObject): IDataObject[] {
	const lines = Array.isArray(record.LineItems) ? (record.LineItems as IDataObject[]) : [];
	return [...lines].sort((a, b) => Number(a.sequence_no ?? 0) - Number(b.sequence_no ?? 0)).map(resendable);
}

/** Change Lines by Number: each numbered line replaces that line of the record, the others are added at the end. */
export function mergeByNumber(this: IExecuteFunctions, itemIndex: number, current: IDataObject[], given: GivenLine[]): IDataObject[] {
	const merged = [...current];
	for (const { line, replaces } of given) {
		if (replaces === undefined) {
			merged.push(line);
			continue;
		}
		if (replaces > current.length) {
			fieldError(this.getNode(), itemIndex, `There is no line ${replaces} to replace: the record has ${current.length} line${current.length === 1 ? '' : 's'}`, "Give a 'Line Number' from 1 to the number of lines, or 0 to add a line.");
		}
		merged[replaces - 1] = line;
	}
	return merged;
}

/**
 * The first line's productid, quantity and listprice at the top of the element: vtiger types them
 * mandatory document fields (create and a whole update check them) although the lines hold them.
 */
export function withTopLevelLine(describe: VtigerDescribe, element: IDataObject, lines: IDataObject[]): IDataObject {
	const known = new Set(describe.fields.map((field) => field.name));
	const first = lines[0];
	if (!first) return element;
	const top: IDataObject = {};
	for (const name of TOP_LEVEL_LINE_FIELDS) if (known.has(name) && element[name] === undefined) top[name] = first[name];
	return { ...element, ...top };
}
