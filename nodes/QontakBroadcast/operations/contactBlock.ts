import type { ChatResource } from './types';

export const contactBlock: ChatResource = {
	value: 'contactBlock',
	name: 'Contact Block',
	operations: [
		{
			value: 'block',
			name: 'Block',
			action: 'Block the contact of a room',
			description: 'Stop receiving messages from the customer of a room',
			method: 'POST',
			path: '/contact_block',
			body: [
				{ key: 'room_id', label: 'Room ID', kind: 'string', required: true, description: 'The room whose customer is blocked (from the trigger or Room → Get Many)' },
				{ key: 'reason', label: 'Reason', kind: 'string', required: true, placeholder: 'Spam' },
			],
			openApi: true,
		},
		{
			value: 'unblock',
			name: 'Unblock',
			action: 'Unblock a contact',
			method: 'DELETE',
			path: '/contact_block/{contact_id}',
			pathParams: [{ token: 'contact_id', locator: 'contact' }],
			openApi: true,
		},
	],
};
