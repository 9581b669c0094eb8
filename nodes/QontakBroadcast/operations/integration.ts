import type { IDataObject } from 'n8n-workflow';

import { searchQuery } from './listFilters';
import type { ChatResource } from './types';

/** The channels a WhatsApp template broadcast can go out on. */
export const WHATSAPP_CHANNELS = ['wa', 'wa_cloud'];

/** The account an integration's settings name, whichever key its channel keeps it under. */
export function channelAccountName(settings: IDataObject): IDataObject[string] | undefined {
	return settings.account_name ?? settings.bot_name ?? settings.widget_name;
}

/** Every `target_channel` an integration can have. */
export const TARGET_CHANNELS = [
	{ name: 'WhatsApp (On-Premises API)', value: 'wa' },
	{ name: 'WhatsApp Cloud API', value: 'wa_cloud' },
	{ name: 'Facebook Messenger', value: 'fb' },
	{ name: 'Instagram', value: 'ig' },
	{ name: 'Telegram', value: 'telegram' },
	{ name: 'LINE', value: 'line' },
	{ name: 'Web Chat', value: 'web_chat' },
	{ name: 'Email', value: 'email' },
];

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
