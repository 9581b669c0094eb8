import { dateFilter, searchQuery } from './listFilters';
import { getRoomMessages, roomMessagesProperties } from './roomMessages';
import type { ChatField, ChatRoute, ChatResource } from './types';

const room = [{ token: 'id', locator: 'room' as const }];
const roomAndAgent = [
	{ token: 'room_id', locator: 'room' as const },
	{ token: 'user_id', locator: 'user' as const },
];

const roomFilters: ChatField[] = [
	searchQuery('Only rooms whose name or customer number contains this text'),
	{
		key: 'status',
		label: 'Status',
		kind: 'options',
		options: ['assigned', 'campaign', 'deleted', 'resolved', 'unassigned'].map((value) => ({ name: value.charAt(0).toUpperCase() + value.slice(1), value })),
		default: 'unassigned',
	},
	{
		key: 'sessions',
		label: 'Session',
		kind: 'options',
		options: [
			{ name: 'Open', value: 'open' },
			{ name: 'Expiring', value: 'expiring' },
			{ name: 'Expired', value: 'expired' },
		],
		default: 'open',
	},
	{ key: 'tags', label: 'Tags', kind: 'list', placeholder: 'vip, complaint', description: 'Comma-separated tag names' },
	{ key: 'channels', label: 'Channels', kind: 'list', placeholder: 'wa, wa_cloud', description: 'Comma-separated channel codes' },
	{ key: 'user_ids', label: 'Agent IDs', kind: 'list', description: 'Comma-separated user IDs of the agents handling the rooms' },
	{ key: 'untagged', label: 'Untagged Only', kind: 'boolean', default: false },
	dateFilter('start_date', 'Start Date'),
	dateFilter('end_date', 'End Date'),
];

const action = (value: string, name: string, actionText: string, method: ChatRoute['method'], path: string, extra: Partial<ChatRoute> = {}): ChatRoute => ({
	value,
	name,
	action: actionText,
	method,
	path,
	openApi: true,
	...extra,
});

export const roomResource: ChatResource = {
	value: 'room',
	name: 'Room',
	operations: [
		action('getAll', 'Get Many', 'Get many rooms', 'GET', '/rooms', { list: 'paged', query: roomFilters }),
		action('get', 'Get', 'Get a room', 'GET', '/rooms/{id}', { pathParams: room }),
		action('getExpiredCounts', 'Get Expired Counts', 'Count expired rooms per channel', 'GET', '/rooms/list/expired', {
			query: roomFilters,
			description: 'Rooms whose 24-hour session has expired, counted per channel',
		}),
		action('getInfo', 'Get Counter', 'Get a room counter', 'GET', '/rooms/specific/info', {
			query: [
				{
					key: 'target',
					label: 'Counter',
					kind: 'options',
					required: true,
					options: [
						{ name: 'Unassigned Rooms', value: 'unassigned' },
						{ name: 'Unassigned Rooms in My Divisions', value: 'unassigned_division' },
						{ name: 'Unread Messages', value: 'unread_count' },
					],
					default: 'unassigned',
				},
			],
		}),
		action('getParticipants', 'Get Participants', 'Get the participants of a room', 'GET', '/rooms/{id}/participants', { pathParams: room }),
		action('getHistories', 'Get Histories', 'Get the history of a room', 'GET', '/rooms/{id}/histories', {
			pathParams: room,
			list: 'paged',
			query: [searchQuery('Only entries containing this text')],
		}),
		action('getMessages', 'Get Messages', 'Get the messages of a room', 'GET', '/rooms/{id}/messages', {
			pathParams: room,
			list: 'paged',
			openApi: false,
			description: 'The conversation’s messages; media ones can bring their file as binary data',
			flow: { execute: getRoomMessages, properties: roomMessagesProperties },
		}),
		action('getAssignableAgents', 'Get Assignable Agents', 'Get the agents a room can be assigned to', 'GET', '/rooms/{id}/agents/assignable', {
			pathParams: room,
			list: 'paged',
			query: [searchQuery('Only agents whose name contains this text'), { key: 'is_online', label: 'Online Only', kind: 'boolean', default: true }],
		}),
		action('rename', 'Rename', 'Rename a room', 'PUT', '/rooms/{id}', {
			pathParams: room,
			body: [{ key: 'name', label: 'New Name', kind: 'string', required: true }],
		}),
		action('setAutoResolve', 'Set Auto Resolve', 'Set whether a room may be auto-resolved', 'PUT', '/rooms/{id}/auto_resolve', {
			pathParams: room,
			body: [{ key: 'is_dont_auto_resolve', label: 'Keep Open (Never Auto Resolve)', kind: 'boolean', required: true, default: true }],
		}),
		action('markAllAsRead', 'Mark All as Read', 'Mark every message of a room as read', 'PUT', '/rooms/{id}/mark_all_as_read', { pathParams: room }),
		action('resolve', 'Resolve', 'Resolve a room', 'PUT', '/rooms/{id}/resolve', { pathParams: room }),
		action('resolveExpired', 'Resolve Expired', 'Resolve every expired room', 'PUT', '/rooms/resolve_expired', {
			description: 'Runs in the background at Qontak; the answer only says it started',
		}),
		action('setAgentCanAssign', 'Set Agent Can Assign Agent', 'Set whether agents may assign other agents', 'PUT', '/rooms/agent_assign_another_agent', {
			body: [{ key: 'enabled', label: 'Allowed', kind: 'boolean', required: true, default: true }],
			description: 'An organisation-wide setting',
		}),
		action('autoTakeover', 'Auto Take Over', 'Take the next unassigned room', 'POST', '/rooms/auto_takeover', {
			description: 'The API user takes one unassigned room, as the Take button does',
		}),
		action('takeover', 'Take Over', 'Take over a room', 'POST', '/rooms/{id}/takeover', { pathParams: room }),
		action('assignAgent', 'Assign Agent', 'Assign an agent to a room', 'POST', '/rooms/{room_id}/agents/{user_id}', { pathParams: roomAndAgent }),
		action('unassignAgent', 'Unassign Agent', 'Remove an agent from a room', 'DELETE', '/rooms/{room_id}/agents/{user_id}', { pathParams: roomAndAgent }),
		action('assignRoundRobin', 'Assign Round Robin', 'Assign a room to the next online agent', 'POST', '/rooms/{id}/assign_round_robin', { pathParams: room }),
		action('addTag', 'Add Tag', 'Add a tag to a room', 'POST', '/rooms/{id}/tags', {
			pathParams: room,
			body: [{ key: 'tag', label: 'Tag', kind: 'string', required: true, placeholder: 'vip' }],
		}),
		action('removeTag', 'Remove Tag', 'Remove a tag from a room', 'DELETE', '/rooms/{id}/tags', {
			pathParams: room,
			body: [{ key: 'tag', label: 'Tag', kind: 'string', required: true, placeholder: 'vip' }],
		}),
	],
};
