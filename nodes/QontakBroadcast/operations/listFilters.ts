import type { ChatField } from './types';

/** Filters most Qontak Chat lists share. */

export const searchQuery = (description = 'Only rows whose name contains this text'): ChatField => ({
	key: 'query',
	label: 'Search',
	kind: 'string',
	description,
});

export const orderBy: ChatField = {
	key: 'order_by',
	label: 'Order By',
	kind: 'options',
	options: [
		{ name: 'Created At', value: 'created_at' },
		{ name: 'Updated At', value: 'updated_at' },
	],
	default: 'created_at',
};

export const orderDirection: ChatField = {
	key: 'order_direction',
	label: 'Order Direction',
	kind: 'options',
	options: [
		{ name: 'Ascending', value: 'asc' },
		{ name: 'Descending', value: 'desc' },
	],
	default: 'desc',
};

export const dateFilter = (key: string, label: string): ChatField => ({
	key,
	label,
	kind: 'string',
	placeholder: '2025-01-31',
	description: 'Sent to Qontak as written (Qontak does not document the format; YYYY-MM-DD is the usual one)',
});
