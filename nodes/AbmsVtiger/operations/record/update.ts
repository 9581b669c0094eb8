import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ExecutionContext } from '../context';
import { moduleName, recordIdParameter } from '../inputs';
import { recordLocator, show } from '../properties';
import { request } from '../request';
import { buildElement, mappedValues } from '../element';
import { fieldsMapper } from './fieldsMapper';

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
];

export async function execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext) {
	const module = moduleName.call(this, itemIndex);
	const id = await recordIdParameter.call(this, context, itemIndex, module);
	const describe = await context.describe(module, itemIndex);
	const element = buildElement(this.getNode(), describe, mappedValues.call(this, itemIndex, describe), itemIndex, { requireMandatory: false, timezone: this.getTimezone() });
	const method = this.getNodeParameter('updateMethod', itemIndex, 'revise') as string;
	const subject = `record ${id}`;

	if (method === 'update') {
		const current = (await request.call(this, context, itemIndex, { operation: 'retrieve', method: 'GET', params: { id }, subject })) as IDataObject;
		const editable = new Set(describe.fields.filter((field) => field.editable).map((field) => field.name));
		const whole: IDataObject = {};
		for (const [key, value] of Object.entries(current)) if (editable.has(key)) whole[key] = value;
		return await request.call(this, context, itemIndex, { operation: 'update', method: 'POST', params: { element: { ...whole, ...element, id } }, subject });
	}
	if (Object.keys(element).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update: no field has a value', {
			itemIndex,
			description: "Map at least one field under 'Fields'. Empty values are not sent.",
		});
	}
	return await request.call(this, context, itemIndex, { operation: 'revise', method: 'POST', params: { element: { ...element, id } }, subject });
}
