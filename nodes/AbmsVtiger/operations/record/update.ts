import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fieldError } from '../../../shared/parseInput';
import type { ExecutionContext } from '../context';
import { moduleName, recordIdParameter } from '../inputs';
import { recordLocator, show } from '../properties';
import { request } from '../request';
import { buildElement, mappedValues } from '../element';
import { isInventoryModule, isLineOrTotalField, TOTALS_INPUTS, withoutLineFields } from '../inventory/inventoryFields';
import { currentLines, givenLines, mergeByNumber, withTopLevelLine } from '../inventory/lineItems';
import { updateLineItems } from '../inventory/lineItemsParameters';
import { retrieveInventory } from '../inventory/retrieveInventory';
import type { VtigerDescribe } from '../vtigerDescribe';
import { refuseLinesOnOldServer } from './create';
import { fieldsMapper } from './fieldsMapper';
import { referenceFields, referenceValues } from './references';

const displayOptions = show('record', ['update']);

export const description: INodeProperties[] = [
	recordLocator(displayOptions),
	{
		displayName: 'Update Method',
		name: 'updateMethod',
		type: 'options',
		default: 'revise',
		displayOptions,
		options: [
			{
				name: 'Only the Mapped Fields (Revise)',
				value: 'revise',
				description: 'Sends only the mapped fields with vtiger’s revise; every other field keeps its value',
			},
			{
				name: 'Whole Record (Update)',
				value: 'update',
				description: 'Reads the record, applies the mapped fields and sends it whole with vtiger’s update (two requests)',
			},
		],
	},
	fieldsMapper(displayOptions),
	referenceFields(displayOptions),
	...updateLineItems,
];

interface LinePlan {
	/** The lines to send, which replace the record's lines; undefined leaves them alone. */
	lines?: IDataObject[];
	/** The record as read for the plan (with its LineItems), when it had to be read. */
	current?: IDataObject;
}

/**
 * What an update sends as LineItems. vtiger replaces every line when LineItems come along and
 * recomputes the totals only then (a save without them runs as a detail-view save that leaves lines
 * and totals alone: save_module in modules/Quotes/Quotes.php of vtiger 7.5.0,
 * https://github.com/IT-Solutions4You/defalto/tree/1bb03aedbc28890ed45b575190f59738d8de923a), so
 * keeping the lines while changing a discount means sending the current lines again.
 */
async function planLines(this: IExecuteFunctions, context: ExecutionContext, itemIndex: number, id: string, element: IDataObject, whole: boolean): Promise<LinePlan> {
	const mode = this.getNodeParameter('lineItemsUpdate', itemIndex, 'keep') as string;
	const read = async () => await retrieveInventory.call(this, context, itemIndex, id);
	if (mode === 'replace' || mode === 'byNumber') {
		const given = await givenLines.call(this, context, itemIndex);
		if (!given.length) fieldError(this.getNode(), itemIndex, 'No line items given', "Add the lines under 'Line Items', or set 'Line Items Update' to keep the lines.");
		await refuseLinesOnOldServer.call(this, itemIndex);
		if (mode === 'replace') return { lines: given.map((entry) => entry.line) };
		const current = await read();
		return { lines: mergeByNumber.call(this, itemIndex, currentLines(current), given), current };
	}
	if (!whole && !TOTALS_INPUTS.some((name) => element[name] !== undefined)) return {};
	const current = await read();
	const lines = currentLines(current);
	return { lines: lines.length ? lines : undefined, current };
}

function editableOf(describe: VtigerDescribe, record: IDataObject, inventory: boolean): IDataObject {
	const editable = new Set(describe.fields.filter((field) => field.editable && !(inventory && isLineOrTotalField(field))).map((field) => field.name));
	return Object.fromEntries(Object.entries(record).filter(([key]) => editable.has(key))) as IDataObject;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext) {
	const module = moduleName.call(this, itemIndex);
	const id = await recordIdParameter.call(this, context, itemIndex, module);
	const describe = await context.describe(module, itemIndex);
	const inventory = isInventoryModule(module);
	let values: IDataObject = { ...mappedValues.call(this, itemIndex, describe), ...referenceValues.call(this, itemIndex) };
	if (inventory) values = withoutLineFields(values);
	const element = buildElement(this.getNode(), describe, values, itemIndex, { requireMandatory: false, timezone: this.getTimezone() });
	const method = this.getNodeParameter('updateMethod', itemIndex, 'revise') as string;
	const subject = `record ${id}`;
	const plan = inventory ? await planLines.call(this, context, itemIndex, id, element, method === 'update') : {};

	if (method === 'update') {
		const current = plan.current ?? ((await request.call(this, context, itemIndex, { operation: 'retrieve', method: 'GET', params: { id }, subject })) as IDataObject);
		let whole: IDataObject = { ...editableOf(describe, current, inventory), ...element, id };
		if (plan.lines) whole = { ...withTopLevelLine(describe, whole, plan.lines), LineItems: plan.lines };
		return await request.call(this, context, itemIndex, { operation: 'update', method: 'POST', params: { element: whole }, subject });
	}
	if (Object.keys(element).length === 0 && !plan.lines) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update: no field has a value', {
			itemIndex,
			description: `Map at least one field under 'Fields'${inventory ? " or change the line items under 'Line Items Update'" : ''}. Empty values are not sent.`,
		});
	}
	const revised: IDataObject = { ...element, id };
	if (plan.lines) revised.LineItems = plan.lines;
	return await request.call(this, context, itemIndex, { operation: 'revise', method: 'POST', params: { element: revised }, subject });
}
