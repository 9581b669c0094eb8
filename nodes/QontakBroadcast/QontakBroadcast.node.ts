import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { mekariCredentialTest } from '../shared/mekariCredentialTest';
import { route } from '../shared/router';
import { chatActions } from './operations/context';
import { chatProperties } from './operations/description';
import { listSearch, loadOptions, resourceMapping } from './methods';

export class QontakBroadcast implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qontak Broadcast',
		name: 'qontakBroadcast',
		icon: { light: 'file:../../icons/qontak-chat.svg', dark: 'file:../../icons/qontak-chat.dark.svg' },
		group: ['output'],
		// 1.1 brought Simplify, on for new nodes; nodes of version 1 keep Qontak's raw records (see SIMPLIFY_VERSION).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send WhatsApp template broadcasts and manage rooms, templates and contact lists in Qontak Omnichannel',
		defaults: { name: 'Qontak Broadcast' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'mekariHmacApi', required: true, testedBy: 'mekariHmacApiTest', displayOptions: { show: { authentication: ['mekariHmac'] } } },
			{ name: 'qontakChatApi', required: true, displayOptions: { show: { authentication: ['qontakChat'] } } },
		],
		properties: chatProperties,
	};

	methods = { listSearch, loadOptions, resourceMapping, credentialTest: mekariCredentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, chatActions);
	}
}
