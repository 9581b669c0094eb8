import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { eventsOf, rejectWithoutSecret, sharedSecretOptions } from '../shared/webhookSecret';
import { authenticationProperty } from './actions/description';
import { classifyEvent, EVENT_OPTIONS, type OmnichannelEvent } from './trigger/messageEvents';
import { disableMessageWebhook, registeredUrl, registerMessageWebhook } from './trigger/registration';

type Registration = 'manual' | 'auto';

const auto = { registration: ['auto'] };

/** The editor's "listen for test event": n8n runs the lifecycle for the test URL in manual mode. */
const isTestListen = (context: IHookFunctions) => context.getMode() === 'manual';

export class QontakBroadcastTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qontak Omnichannel Trigger',
		name: 'qontakBroadcastTrigger',
		icon: { light: 'file:../../icons/qontak-chat.svg', dark: 'file:../../icons/qontak-chat.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow on Qontak Omnichannel messages, message statuses and broadcast log updates',
		defaults: { name: 'Qontak Omnichannel Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'mekariHmacApi', required: true, displayOptions: { show: { ...auto, authentication: ['mekariHmac'] } } },
			{ name: 'qontakChatApi', required: true, displayOptions: { show: { ...auto, authentication: ['qontakChat'] } } },
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Registration',
				name: 'registration',
				type: 'options',
				options: [
					{ name: 'Manual', value: 'manual', description: 'You register this node’s URL in Qontak yourself (recommended)' },
					{ name: 'Automatic (Organisation-Wide)', value: 'auto', description: 'The node registers its URL with Qontak when the workflow is activated' },
				],
				default: 'manual',
			},
			{
				displayName:
					'Register this node’s Production URL in Qontak (message interactions webhook: ask Qontak support, or call PUT /message_interactions once) and tick the same events there. Qontak keeps one message webhook URL per organisation.',
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				displayName:
					'Careful: Qontak keeps one message webhook URL for the whole organisation. Activating this workflow replaces the URL that any other integration (a chatbot, a CRM, another workflow) receives these events on. Listening for a test event registers nothing: post a sample to the test URL instead.',
				name: 'autoWarning',
				type: 'notice',
				default: '',
				displayOptions: { show: auto },
			},
			{ ...authenticationProperty, displayOptions: { show: auto } },
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				default: ['customerMessage'],
				required: true,
				description: 'Events that start the workflow; anything else Qontak posts is answered with 200 and dropped',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					...sharedSecretOptions,
					{
						displayName: 'Switch Events Off on Deactivate',
						name: 'disableOnDeactivate',
						type: 'boolean',
						default: false,
						description:
							'Whether deactivating the workflow switches the selected events off at Qontak (automatic registration only). This is organisation-wide: leave it off if anything else relies on these events.',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (isTestListen(this)) return false;
				const staticData = this.getWorkflowStaticData('node');
				const registration = this.getNodeParameter('registration', 'manual') as Registration;
				const events = [...(this.getNodeParameter('events', []) as string[])].sort().join(',');
				return (
					staticData.registration === registration &&
					staticData.webhookUrl === this.getNodeWebhookUrl('default') &&
					(registration === 'manual' || staticData.events === events)
				);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				// Registering the test URL would move the organisation's webhook off production.
				if (isTestListen(this)) return true;
				const staticData = this.getWorkflowStaticData('node');
				const registration = this.getNodeParameter('registration', 'manual') as Registration;
				const webhookUrl = this.getNodeWebhookUrl('default') as string;
				const events = this.getNodeParameter('events', []) as OmnichannelEvent[];
				if (registration === 'auto') {
					const options = this.getNodeParameter('options', {}) as IDataObject;
					await registerMessageWebhook.call(this, registeredUrl(webhookUrl, options), events);
				}
				// Manual: nothing to call; the flag records that the user was shown the URL to register.
				Object.assign(staticData, { registration, webhookUrl, events: [...events].sort().join(',') });
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				if (isTestListen(this)) return true;
				const staticData = this.getWorkflowStaticData('node');
				const options = this.getNodeParameter('options', {}) as IDataObject;
				if (staticData.registration === 'auto' && options.disableOnDeactivate === true) {
					const events = String(staticData.events ?? '').split(',').filter(Boolean) as OmnichannelEvent[];
					await disableMessageWebhook.call(this, registeredUrl(String(staticData.webhookUrl), options), events);
				}
				delete staticData.registration;
				delete staticData.webhookUrl;
				delete staticData.events;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const rejected = rejectWithoutSecret.call(this, options);
		if (rejected) return rejected;

		const wanted = this.getNodeParameter('events', []) as OmnichannelEvent[];
		const items = eventsOf(this.getBodyData())
			.map((body) => ({ event: classifyEvent(body), body }))
			.filter((entry): entry is { event: OmnichannelEvent; body: IDataObject } => entry.event !== undefined && wanted.includes(entry.event))
			.map(({ event, body }) => ({ json: { qontakEvent: event, ...body } }));
		if (items.length === 0) return { webhookResponse: { message: 'Event received, not subscribed' } };
		return { workflowData: [items] };
	}
}
