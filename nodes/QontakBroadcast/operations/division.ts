import { orderBy, orderDirection, searchQuery } from './listFilters';
import type { ChatResource } from './types';

export const division: ChatResource = {
	value: 'division',
	name: 'Division',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many divisions',
			method: 'GET',
			path: '/divisions',
			list: 'paged',
			query: [searchQuery(), orderBy, orderDirection],
			openApi: true,
		},
		{
			value: 'getMine',
			name: 'Get Mine',
			action: 'Get the divisions of the API user',
			method: 'GET',
			path: '/divisions/me',
			openApi: true,
		},
		{
			value: 'getChannels',
			name: 'Get Channels',
			action: 'Get the channels of a division',
			method: 'GET',
			path: '/divisions/{id}/channels',
			pathParams: [{ token: 'id', locator: 'division' }],
			redactSettings: true,
			openApi: true,
		},
	],
};
