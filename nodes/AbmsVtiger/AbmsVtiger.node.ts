import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { route } from '../shared/router';
import { vtigerActions } from './operations/context';
import { vtigerProperties } from './operations/description';
import { listSearch, loadOptions, resourceMapping } from './methods';

export class AbmsVtiger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ABMS vtiger',
		name: 'abmsVtiger',
		icon: { light: 'file:../../icons/abms.svg', dark: 'file:../../icons/abms.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, read, update, query and relate records in ABMS or any vtiger 6–8 CRM through its webservice',
		defaults: { name: 'ABMS vtiger' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'abmsVtigerApi', required: true }],
		properties: vtigerProperties,
	};

	methods = { listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, vtigerActions);
	}
}
