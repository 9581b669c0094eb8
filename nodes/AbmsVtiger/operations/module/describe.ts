import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecutionContext } from '../context';
import { moduleName } from '../inputs';
import { show } from '../properties';

const displayOptions = show('module', ['describe']);

export const description: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'describeOutput',
		type: 'options',
		default: 'module',
		displayOptions,
		options: [
			{ name: 'Module Description', value: 'module', description: 'One item: vtiger’s describe result with every field' },
			{ name: 'One Item per Field', value: 'fields', description: 'Each field as an item: name, label, type, mandatory, editable, picklist values' },
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext) {
	const described = await context.describe(moduleName.call(this, itemIndex), itemIndex);
	if (this.getNodeParameter('describeOutput', itemIndex, 'module') === 'module') return described as unknown as IDataObject;
	return described.fields.map((field) => ({
		name: field.name,
		label: field.label,
		type: field.type.name,
		mandatory: field.mandatory,
		editable: field.editable,
		...(field.type.picklistValues ? { picklistValues: field.type.picklistValues.map((option) => option.value) } : {}),
		...(field.type.refersTo ? { refersTo: field.type.refersTo } : {}),
	}));
}
