import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError } from '../../../shared/parseInput';
import type { ExecutionContext } from '../context';
import { moduleName } from '../inputs';
import { show } from '../properties';
import { request } from '../request';
import { buildElement, mappedValues } from '../element';
import { isInventoryModule, withoutLineFields } from '../inventory/inventoryFields';
import { givenLines, withTopLevelLine } from '../inventory/lineItems';
import { createLineItems } from '../inventory/lineItemsParameters';
import { serverMajorVersion } from '../inventory/retrieveInventory';
import { fieldsMapper } from './fieldsMapper';
import { referenceFields, referenceValues } from './references';

const displayOptions = show('record', ['create']);

export const description: INodeProperties[] = [fieldsMapper(displayOptions), referenceFields(displayOptions), ...createLineItems];

/** A server before vtiger 6 has no line-item webservice: it would save the document and drop the lines. */
export async function refuseLinesOnOldServer(this: IExecuteFunctions, itemIndex: number): Promise<void> {
	const { major, version } = await serverMajorVersion.call(this, itemIndex);
	if (major !== undefined && major < 6) {
		fieldError(
			this.getNode(),
			itemIndex,
			`This vtiger server (${version}) cannot save line items through its webservice`,
			'Line items came to the webservice with vtiger 6. Leave the lines out, or add them in the CRM.',
		);
	}
}

export async function execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext) {
	const module = moduleName.call(this, itemIndex);
	const describe = await context.describe(module, itemIndex);
	const inventory = isInventoryModule(module);
	let values: IDataObject = { ...mappedValues.call(this, itemIndex, describe), ...referenceValues.call(this, itemIndex) };
	let lines: IDataObject[] = [];
	if (inventory) {
		values = withoutLineFields(values);
		lines = (await givenLines.call(this, context, itemIndex)).map((given) => given.line);
		if (lines.length) await refuseLinesOnOldServer.call(this, itemIndex);
		else if (((await serverMajorVersion.call(this, itemIndex)).major ?? 6) >= 6) {
			fieldError(this.getNode(), itemIndex, `A ${module} record needs at least one line item`, "vtiger refuses an inventory record without lines: add one under 'Line Items'.");
		}
		values = withTopLevelLine(describe, values, lines);
	}
	const element = buildElement(this.getNode(), describe, values, itemIndex, {
		requireMandatory: true,
		defaultOwner: await context.apiUserId(),
		timezone: this.getTimezone(),
	});
	if (lines.length) element.LineItems = lines;
	return await request.call(this, context, itemIndex, {
		operation: 'create',
		method: 'POST',
		params: { elementType: module, element },
		subject: `module '${module}'`,
	});
}
