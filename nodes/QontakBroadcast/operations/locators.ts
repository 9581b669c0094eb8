import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pathSegmentProblem, trimmedText } from '../../shared/parseInput';
import type { Locator } from './types';

interface LocatorSpec {
	name: string;
	displayName: string;
	/** Without one the ID is typed (Qontak offers no list to pick from). */
	searchListMethod?: string;
	description: string;
}

export const LOCATORS: Record<Locator | 'whatsAppChannel' | 'approvedTemplate', LocatorSpec> = {
	room: { name: 'roomId', displayName: 'Room', searchListMethod: 'searchRooms', description: 'The conversation room (the trigger’s room.id)' },
	template: { name: 'templateId', displayName: 'Template', searchListMethod: 'searchTemplates', description: 'The WhatsApp message template' },
	integration: { name: 'integrationId', displayName: 'Integration', searchListMethod: 'searchIntegrations', description: 'The channel integration' },
	division: { name: 'divisionId', displayName: 'Division', searchListMethod: 'searchDivisions', description: 'The division' },
	user: { name: 'userId', displayName: 'Agent', searchListMethod: 'searchUsers', description: 'The agent (a Qontak Chat user)' },
	contactList: { name: 'contactListId', displayName: 'Contact List', searchListMethod: 'searchContactLists', description: 'The uploaded contact list' },
	broadcast: { name: 'broadcastId', displayName: 'Broadcast', searchListMethod: 'searchBroadcasts', description: 'The broadcast (the ID a send returned)' },
	contact: { name: 'contactId', displayName: 'Contact ID', description: 'The blocked contact’s ID (contact_id in the answer of Contact Block → Block)' },
	whatsAppChannel: {
		name: 'channelIntegrationId',
		displayName: 'WhatsApp Channel',
		searchListMethod: 'searchWhatsAppChannels',
		description: 'The WhatsApp number to send from (WhatsApp and WhatsApp Cloud integrations only)',
	},
	approvedTemplate: {
		name: 'messageTemplateId',
		displayName: 'Template',
		searchListMethod: 'searchApprovedTemplates',
		description: 'An approved WhatsApp template; its language is sent with it',
	},
};

const UUID = '^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$';

export function locatorProperty(locator: keyof typeof LOCATORS, displayOptions: IDisplayOptions): INodeProperties {
	const spec = LOCATORS[locator];
	if (!spec.searchListMethod) {
		return { displayName: spec.displayName, name: spec.name, type: 'string', default: '', required: true, description: spec.description, displayOptions };
	}
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: spec.description,
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 0f8fad5b-d9cb-469f-a165-70867728950e',
				validation: [{ type: 'regex', properties: { regex: UUID, errorMessage: 'A Qontak ID looks like 0f8fad5b-d9cb-469f-a165-70867728950e' } }],
			},
		],
	};
}

/** The ID a locator (or plain ID field) holds for this item; an empty one is a per-item error. */
export function readId(this: IExecuteFunctions, locator: keyof typeof LOCATORS, itemIndex: number): string {
	const spec = LOCATORS[locator];
	const value = trimmedText(this.getNodeParameter(spec.name, itemIndex, '', { extractValue: true }));
	if (value === '') {
		throw new NodeOperationError(this.getNode(), `'${spec.displayName}' is required`, {
			itemIndex,
			description: spec.searchListMethod ? `Pick the ${spec.displayName.toLowerCase()} from the list, or give its ID` : `Give the ${spec.displayName.toLowerCase()}`,
		});
	}
	const problem = pathSegmentProblem(value);
	if (problem) {
		throw new NodeOperationError(this.getNode(), `'${spec.displayName}' is not an ID: ${JSON.stringify(value)} (${problem})`, {
			itemIndex,
			description: 'Give the ID itself (for example 0f8fad5b-d9cb-469f-a165-70867728950e), not a URL',
		});
	}
	return value;
}
