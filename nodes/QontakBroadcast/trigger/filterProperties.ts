import type { INodeProperties } from 'n8n-workflow';

import { TARGET_CHANNELS } from '../operations/integration';

/** The delivery statuses a status update or broadcast log entry can report. */
export const STATUS_OPTIONS = [
	{ name: 'Delivered', value: 'delivered' },
	{ name: 'Failed', value: 'failed' },
	{ name: 'Pending (Broadcast Log Only)', value: 'pending' },
	{ name: 'Read', value: 'read' },
	{ name: 'Sent', value: 'sent' },
];

/** The loadOptions method behind the integration dropdown (see channelIntegrations.ts). */
export const INTEGRATIONS_METHOD = 'getChannelIntegrations';

const hasStatus = { '/events': ['messageStatus', 'broadcastLogStatus'] };

/**
 * The trigger's filters and the notice its room event needs. The integration dropdown needs the
 * credential, which the node asks for only with automatic registration; with manual
 * registration the integration IDs are typed in.
 */
export const filterProperties: INodeProperties[] = [
	{
		displayName:
			'Room Resolved has its own webhook at Qontak: register this node’s Production URL there as well (PUT /room_interactions with room_resolved: true, or ask Qontak support).',
		name: 'roomResolvedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['manual'], events: ['roomResolved'] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Events that do not match every filter set here are answered with 200 and dropped',
		options: [
			{
				displayName: 'Message Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: STATUS_OPTIONS,
				default: [],
				description: 'Start only on these statuses. Applies to Message Status and Broadcast Log Status events; others pass.',
				displayOptions: { show: hasStatus },
			},
			{
				displayName: 'Channels',
				name: 'channels',
				type: 'multiOptions',
				options: TARGET_CHANNELS,
				default: [],
				description:
					'Start only on conversations in these channels (the room’s channel). Broadcast log entries name no channel: broadcasts go out on WhatsApp, so they pass when a WhatsApp channel is chosen.',
			},
			{
				displayName: 'Channel Integration Names or IDs',
				name: 'channelIntegrationIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: INTEGRATIONS_METHOD },
				default: [],
				description:
					'Start only on events of these channel integrations (a particular WhatsApp number, bot or widget). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: { show: { '/registration': ['auto'] } },
			},
			{
				displayName: 'Channel Integration IDs',
				name: 'channelIntegrationIdList',
				type: 'string',
				default: '',
				placeholder: 'Comma-separated IDs',
				description:
					'Start only on events of these channel integrations, comma-separated (Qontak: Settings → Integrations, or the Qontak Omnichannel node’s Integration → Get Many)',
				displayOptions: { show: { '/registration': ['manual'] } },
			},
		],
	},
];
