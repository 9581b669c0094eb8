import { sendMessage, sendMessageProperties } from './sendMessage';
import type { ChatResource } from './types';

export const message: ChatResource = {
	value: 'message',
	name: 'Message',
	operations: [
		{
			value: 'sendToRoom',
			name: 'Send to Room',
			action: 'Send a message into a room',
			description: 'A free-form reply inside the 24-hour window after the customer’s last message',
			method: 'POST',
			path: '/messages/whatsapp/bot',
			flow: { execute: sendMessage, properties: sendMessageProperties },
			openApi: false,
		},
	],
};
