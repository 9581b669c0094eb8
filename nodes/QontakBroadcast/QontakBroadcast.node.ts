import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { chatProperties } from './actions/description';
import { router } from './actions/router';
import {
	searchApprovedTemplates,
	searchBroadcasts,
	searchContactLists,
	searchDivisions,
	searchIntegrations,
	searchRooms,
	searchTemplates,
	searchUsers,
	searchWhatsAppChannels,
} from './methods/listSearch';
import { getTemplateCategories, getTemplateLanguages } from './methods/loadOptions';
import { getTemplateParameters } from './methods/resourceMapping';

export class QontakBroadcast implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qontak Broadcast',
		name: 'qontakBroadcast',
		icon: { light: 'file:../../icons/qontak-chat.svg', dark: 'file:../../icons/qontak-chat.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send WhatsApp template broadcasts and manage rooms, templates and contact lists in Qontak Omnichannel',
		defaults: { name: 'Qontak Broadcast' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'mekariHmacApi', required: true, displayOptions: { show: { authentication: ['mekariHmac'] } } },
			{ name: 'qontakChatApi', required: true, displayOptions: { show: { authentication: ['qontakChat'] } } },
		],
		properties: chatProperties,
	};

	methods = {
		listSearch: {
			searchApprovedTemplates,
			searchBroadcasts,
			searchContactLists,
			searchDivisions,
			searchIntegrations,
			searchRooms,
			searchTemplates,
			searchUsers,
			searchWhatsAppChannels,
		},
		loadOptions: { getTemplateCategories, getTemplateLanguages },
		resourceMapping: { getTemplateParameters },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
