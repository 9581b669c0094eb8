import type { IDataObject } from 'n8n-workflow';

import type { VtigerField } from '../vtigerDescribe';

/*
 * Which modules carry line items, and which of their describe fields the node fills itself. Facts
 * from vtiger 7.5.0 (https://github.com/IT-Solutions4You/defalto/tree/1bb03aedbc28890ed45b575190f59738d8de923a):
 * getInventoryModules() in include/utils/InventoryUtils.php, the line-item fields added to each
 * inventory module in modules/Migration/schema/540_to_600RC.php, and the totals that
 * include/Webservices/LineItem/VtigerLineItemOperation.php (updateParent) recomputes on every save
 * with line items.
 */

/** vtiger's inventory modules. */
export const INVENTORY_MODULES = ['Quotes', 'SalesOrder', 'Invoice', 'PurchaseOrder'];

export function isInventoryModule(module: string): boolean {
	return INVENTORY_MODULES.includes(module);
}

/**
 * The line-item columns vtiger also lists as fields of the document. productid, quantity and listprice
 * are typed mandatory there, so create (and a whole update) must carry them at the top level too:
 * the node copies them from the first line.
 */
export const TOP_LEVEL_LINE_FIELDS = ['productid', 'quantity', 'listprice'];
const LINE_FIELDS = new Set([...TOP_LEVEL_LINE_FIELDS, 'comment', 'discount_amount', 'discount_percent']);
export const TAX_FIELD = /^tax\d+$/;

/** Totals vtiger computes from the lines; describe calls them editable, but a value sent is overwritten. */
const COMPUTED_TOTALS = new Set(['hdnSubTotal', 'hdnGrandTotal', 'pre_tax_total']);

/** Document fields whose change moves the totals: vtiger only recomputes when the lines are sent along. */
export const TOTALS_INPUTS = ['hdnTaxType', 'hdnDiscountAmount', 'hdnDiscountPercent', 'hdnS_H_Amount', 'txtAdjustment'];

/** Fields of an inventory document that the Line Items parameter, not the Fields mapper, sets. */
export function isLineOrTotalField(field: Pick<VtigerField, 'name'>): boolean {
	return LINE_FIELDS.has(field.name) || TAX_FIELD.test(field.name) || COMPUTED_TOTALS.has(field.name);
}

/** Mapped values without line-item and total fields, which the node sets from the lines. */
export function withoutLineFields(values: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(values).filter(([name]) => !isLineOrTotalField({ name })));
}
