import { checkNumbersAll, checkNumbersProperties } from './checkNumbers';
import type { ChatResource } from './types';

export const contact: ChatResource = {
	value: 'contact',
	name: 'Contact',
	operations: [
		{
			value: 'checkWhatsApp',
			name: 'Check WhatsApp Numbers',
			action: 'Check whether phone numbers are on WhatsApp',
			description: 'Before a paid broadcast: which numbers have WhatsApp, checked in batches (Qontak Chat credential only)',
			method: 'POST',
			path: '/broadcasts/contacts',
			flow: { executeAll: checkNumbersAll, properties: checkNumbersProperties },
			openApi: false,
		},
	],
};
