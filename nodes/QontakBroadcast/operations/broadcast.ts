import { broadcastLogProperties, getBroadcastLog } from './broadcastLog';
import { dateFilter, orderBy, orderDirection, searchQuery } from './listFilters';
import { sendDirectAll, sendDirectProperties } from './sendDirect';
import { sendToContactList, sendToContactListProperties } from './sendToContactList';
import type { ChatResource } from './types';

const broadcastId = [{ token: 'id', locator: 'broadcast' as const }];

export const broadcast: ChatResource = {
	value: 'broadcast',
	name: 'Broadcast',
	operations: [
		{
			value: 'sendDirect',
			name: 'Send Direct',
			action: 'Send a WhatsApp template to one number',
			description: 'Send an approved template to one recipient (60 per minute; the node paces itself)',
			method: 'POST',
			path: '/broadcasts/whatsapp/direct',
			flow: { executeAll: sendDirectAll, properties: sendDirectProperties },
			openApi: true,
		},
		{
			value: 'sendToContactList',
			name: 'Send to Contact List',
			action: 'Send a WhatsApp template to a contact list',
			description: 'One campaign to every contact of an uploaded list; placeholders take the list’s columns',
			method: 'POST',
			path: '/broadcasts/whatsapp',
			flow: { execute: sendToContactList, properties: sendToContactListProperties },
			openApi: false,
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a broadcast',
			method: 'GET',
			path: '/broadcasts/{id}/whatsapp',
			pathParams: broadcastId,
			openApi: true,
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many broadcasts',
			method: 'GET',
			path: '/broadcasts/whatsapp',
			list: 'paged',
			query: [searchQuery('Only broadcasts whose name contains this text'), orderBy, orderDirection, dateFilter('start_date', 'Start Date'), dateFilter('end_date', 'End Date')],
			openApi: true,
		},
		{
			value: 'getLog',
			name: 'Get Log',
			action: 'Get the delivery log of a broadcast',
			description: 'One item per recipient with its status: pending, sent, delivered, read or failed',
			method: 'GET',
			path: '/broadcasts/{id}/whatsapp/log',
			pathParams: broadcastId,
			list: 'paged',
			flow: { execute: getBroadcastLog, properties: broadcastLogProperties },
			openApi: true,
		},
	],
};
