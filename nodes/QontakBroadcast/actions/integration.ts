import { searchQuery, TARGET_CHANNELS } from './fields';
import type { ChatResource } from './types';

export const integration: ChatResource = {
	value: 'integration',
	name: 'Integration (Channel)',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many channel integrations',
			method: 'GET',
			path: '/integrations',
			list: 'paged',
			query: [{ key: 'target_channel', label: 'Channel', kind: 'options', options: TARGET_CHANNELS, default: 'wa_cloud' }, searchQuery()],
			redactSettings: true,
			openApi: true,
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a channel integration',
			method: 'GET',
			path: '/integrations/{id}',
			pathParams: [{ token: 'id', locator: 'integration' }],
			redactSettings: true,
			openApi: true,
		},
	],
};
