import { sendMessage, sendMessageProperties } from './sendMessage';
import { sendToPhone, sendToPhoneProperties } from './sendToPhone';
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
		{
			value: 'sendToPhone',
			name: 'Send to Phone Number',
			action: 'Send a message to a phone number',
			description: 'A free-form reply into the customer’s open conversation, found by their number; fails when the 24-hour window is closed',
			method: 'POST',
			path: '/messages/whatsapp/bot',
			flow: { execute: sendToPhone, properties: sendToPhoneProperties },
			openApi: false,
		},
	],
};
