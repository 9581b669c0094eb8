import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { mekariCredentialTest } from '../shared/mekariCredentialTest';
import { route } from '../shared/router';
import { crmActions } from './operations/context';
import { crmProperties } from './operations/description';
import { listSearch, loadOptions, resourceMapping } from './methods';

export class QontakCrm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qontak CRM',
		name: 'qontakCrm',
		icon: { light: 'file:../../icons/qontak.svg', dark: 'file:../../icons/qontak.dark.svg' },
		group: ['transform'],
		// 1.1: Create and Update normalise phone numbers unless their Normalise Phone Numbers option is off.
		version: [1, 1.1],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Qontak CRM contacts, companies, deals, tasks, tickets, products and more through the Mekari API',
		defaults: { name: 'Qontak CRM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'mekariHmacApi', required: true, testedBy: 'mekariHmacApiTest' }],
		properties: crmProperties,
	};

	methods = { listSearch, loadOptions, resourceMapping, credentialTest: mekariCredentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, crmActions);
	}
}
