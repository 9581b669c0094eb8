import { orderBy, orderDirection, searchQuery } from './listFilters';
import type { ChatResource } from './types';

export const user: ChatResource = {
	value: 'user',
	name: 'User',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many users',
			method: 'GET',
			path: '/users',
			list: 'paged',
			query: [
				searchQuery('Only users whose name contains this text'),
				{
					key: 'role',
					label: 'Role',
					kind: 'options',
					options: [
						{ name: 'Agent', value: 'agent' },
						{ name: 'Supervisor', value: 'supervisor' },
					],
					default: 'agent',
				},
				orderBy,
				orderDirection,
			],
			openApi: true,
		},
	],
};
