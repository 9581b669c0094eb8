import { createContactList, createContactListProperties } from './createContactList';
import { searchQuery } from './listFilters';
import type { ChatResource, ChatRoute } from './types';

const listId = [{ token: 'id', locator: 'contactList' as const }];

const getMany: ChatRoute = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many contact lists',
	description: 'Documented for the older service-chat host; the Mekari gateway may not offer it',
	method: 'GET',
	path: '/contacts/contact_lists',
	list: 'paged',
	query: [searchQuery()],
	openApi: false,
};

export const contactList: ChatResource = {
	value: 'contactList',
	name: 'Contact List',
	defaultOperation: getMany.value,
	operations: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create a contact list from a file',
			description: 'Upload a CSV or Excel file and wait until Qontak has read it',
			method: 'POST',
			path: '/contacts/contact_lists/async',
			flow: { execute: createContactList, properties: createContactListProperties },
			openApi: false,
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a contact list',
			description: 'Includes the upload progress and the column names',
			method: 'GET',
			path: '/contacts/contact_lists/{id}',
			pathParams: listId,
			openApi: true,
		},
		getMany,
		{
			value: 'getContacts',
			name: 'Get Contacts',
			action: 'Get the contacts of a list',
			method: 'GET',
			path: '/contacts/contact_lists/contacts/{id}',
			pathParams: listId,
			list: 'paged',
			openApi: true,
		},
		{
			value: 'setOverrideName',
			name: 'Set Override Name by Upload',
			action: 'Set whether uploads rename contacts',
			description: 'Whether a list upload may replace the names of contacts that already exist (organisation-wide)',
			method: 'PUT',
			path: '/contacts/contact_lists/override_contact_by_upload',
			body: [{ key: 'enabled', label: 'Allowed', kind: 'boolean', required: true, default: true }],
			openApi: true,
		},
	],
};
