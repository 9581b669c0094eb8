import type { INodeProperties } from 'n8n-workflow';

import { resourceParameters, resourceSelector } from '../../shared/description';
import { requestOptionsProperty } from '../../shared/requestOptions';
import { CHAT_DEFAULTS } from '../transport';
import { operations } from './routes';

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Mekari HMAC (API Gateway)', value: 'mekariHmac', description: 'The current way in: api.mekari.com/qontak/chat/v1' },
		{ name: 'Qontak Chat (Service-Chat Host)', value: 'qontakChat', description: 'Older accounts: service-chat.qontak.com/api/open/v1, with an OAuth login or a copied token' },
	],
	default: 'mekariHmac',
};

export const chatProperties: INodeProperties[] = [
	authenticationProperty,
	resourceSelector(operations, 'broadcast'),
	...operations.flatMap(resourceParameters),
	requestOptionsProperty({
		vendor: 'Qontak',
		concurrency: CHAT_DEFAULTS.concurrency,
		maxConcurrency: 20,
		maxRetries: CHAT_DEFAULTS.maxRetries,
		concurrencyDescription: 'How many reads run at the same time; writes and sends always go one at a time, in item order',
		retryDescription:
			'Retries after a 429 (always safe: Qontak did not process it) or, for reads, updates and deletes, after a 502/503/504 or timeout. A send is never repeated after an unclear failure.',
	}),
];
