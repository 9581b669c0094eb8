import type { ChatResource } from './types';

export const version: ChatResource = {
	value: 'version',
	name: 'Version',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get the API version',
			description: 'GET /version on the host root (outside the chat prefix), answered as Qontak sends it',
			method: 'GET',
			path: '/version',
			root: true,
			openApi: true,
		},
	],
};
