import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { eventLedger } from '../shared/eventLedger';
import { mekariCredentialTest } from '../shared/mekariCredentialTest';
import { CALLBACK_WEBHOOK, jsonCallback, reply } from '../shared/webhookReply';
import { carriesSecret, newWebhookSecret, rejectWithoutSecret, sharedSecretOptions } from '../shared/webhookSecret';
import { attachmentOptions } from './operations/attachmentDownload';
import { authenticationProperty } from './operations/description';
import { startWithAttachments } from './trigger/attachments';
import { getChannelIntegrations } from './trigger/channelIntegrations';
import { eventFilter } from './trigger/eventFilters';
import { filterProperties, INTEGRATIONS_METHOD } from './trigger/filterProperties';
import { classifyEvent, EVENT_OPTIONS, eventKey, type OmnichannelEvent } from './trigger/messageEvents';
import { disableWebhooks, registeredUrl, registerWebhooks, SECRET_PARAMETER } from './trigger/registration';

type Registration = 'manual' | 'auto';

const auto = { registration: ['auto'] };
/** For options inside the collection, which see the node's parameters from the root. */
const onlyWhen = (registration: Registration) => ({ show: { '/registration': [registration] } });

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
		description: 'Starts the workflow on Qontak Omnichannel messages, message statuses, broadcast log updates and resolved rooms',
		defaults: { name: 'Qontak Omnichannel Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'mekariHmacApi', required: true, testedBy: 'mekariHmacApiTest', displayOptions: { show: { ...auto, authentication: ['mekariHmac'] } } },
			{ name: 'qontakChatApi', required: true, displayOptions: { show: { ...auto, authentication: ['qontakChat'] } } },
		],
		webhooks: [CALLBACK_WEBHOOK],
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
					'Careful: Qontak keeps one message webhook URL for the whole organisation. Activating this workflow replaces the URL that any other integration (a chatbot, a CRM, another workflow) receives these events on. The node registers its URL with a random secret and refuses deliveries without it. Listening for a test event registers nothing: post a sample to the test URL instead.',
				name: 'autoWarning',
				type: 'notice',
				default: '',
				displayOptions: { show: auto },
			},
			// Not tied to Registration: n8n's editor moves this field into the credential section and hides
			// every parameter its displayOptions name, which would hide Registration itself (isAuthRelatedParameter,
			// https://github.com/n8n-io/n8n/blob/master/packages/frontend/editor-ui/src/app/utils/nodeTypesUtils.ts).
			authenticationProperty,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				default: ['customerMessage'],
				required: true,
				description: 'Events that start the workflow; anything else Qontak posts is answered with 200 and dropped',
			},
			...filterProperties,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					...sharedSecretOptions.map((option) => ({ ...option, displayOptions: onlyWhen('manual') })),
					{
						displayName: 'Switch Events Off on Deactivate',
						name: 'disableOnDeactivate',
						type: 'boolean',
						default: false,
						description:
							'Whether deactivating the workflow switches the selected events off at Qontak. This is organisation-wide: leave it off if anything else relies on these events.',
						displayOptions: onlyWhen('auto'),
					},
					...attachmentOptions,
				],
			},
		],
	};

	methods = { credentialTest: mekariCredentialTest, loadOptions: { [INTEGRATIONS_METHOD]: getChannelIntegrations } };

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
					(registration === 'manual' || (staticData.events === events && typeof staticData.webhookSecret === 'string' && staticData.webhookSecret !== ''))
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
					// A fresh secret per activation, known only to Qontak and this workflow's static data.
					const secret = newWebhookSecret();
					await registerWebhooks.call(this, registeredUrl(webhookUrl, secret), events);
					staticData.webhookSecret = secret;
				} else {
					delete staticData.webhookSecret;
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
					await disableWebhooks.call(this, registeredUrl(String(staticData.webhookUrl), String(staticData.webhookSecret ?? '')), events);
				}
				delete staticData.registration;
				delete staticData.webhookSecret;
				delete staticData.webhookUrl;
				delete staticData.events;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (this.getNodeParameter('registration', 'manual') === 'auto') {
			// The editor's test URL is never registered at Qontak, so it has no secret: what reaches
			// it while the user listens is the sample they post themselves.
			const secret = String(this.getWorkflowStaticData('node').webhookSecret ?? '');
			if (this.getMode() !== 'manual' && !carriesSecret.call(this, secret, { query: SECRET_PARAMETER })) {
				return reply(this, 401, { message: 'Unauthorized' });
			}
		} else {
			const rejected = rejectWithoutSecret.call(this, this.getNodeParameter('options', {}) as IDataObject);
			if (rejected) return rejected;
		}
		const parsed = jsonCallback(this, { allowBatch: true });
		if (!parsed.ok) return reply(this, 400, { message: `Callback refused: ${parsed.reason}` });
		const bodies = Array.isArray(parsed.body) ? parsed.body : [parsed.body];

		const wanted = this.getNodeParameter('events', []) as OmnichannelEvent[];
		const passes = eventFilter(this.getNodeParameter('filters', {}) as IDataObject, this.getNodeParameter('registration', 'manual') as Registration);
		const events: Array<{ event: OmnichannelEvent; body: IDataObject; key: string }> = [];
		let filtered = 0;
		for (const [index, body] of bodies.entries()) {
			const event = classifyEvent(body);
			if (event === undefined || !wanted.includes(event)) continue;
			if (!passes(event, body)) {
				filtered++;
				continue;
			}
			const identity = eventKey(event, body);
			// One bad event refuses the whole batch before anything is claimed.
			if ('malformed' in identity) return reply(this, 400, { message: `Callback refused: ${bodies.length > 1 ? `event ${index + 1}: ` : ''}${identity.malformed}` });
			events.push({ event, body, key: identity.key });
		}
		if (events.length === 0) return reply(this, 200, { message: filtered ? 'Event received, filtered out' : 'Event received, not subscribed' });

		// Claimed synchronously, so a delivery arriving at the same moment sees them taken.
		const ledger = eventLedger(this);
		const fresh = events.filter(({ key }) => ledger.claim(key));
		if (fresh.length === 0) return reply(this, 200, { message: 'Event already received', duplicate: true });
		for (const { key } of fresh) ledger.settle(key);
		const answer: IDataObject = {};
		if (fresh.length < events.length) answer.duplicates = events.length - fresh.length;
		if (filtered) answer.filtered = filtered;
		return await startWithAttachments(
			this,
			fresh.map(({ event, body }) => ({ json: { qontakEvent: event, ...body } })),
			answer,
		);
	}
}
