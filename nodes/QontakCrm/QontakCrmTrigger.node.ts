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

/** Mekari's Qontak CRM webhook events (specs/qontak-crm.md §6); a contact is a "lead" there. */
const EVENTS = [
	{ name: 'Company Created', value: 'qontak.crm.company.create' },
	{ name: 'Company Deleted', value: 'qontak.crm.company.delete' },
	{ name: 'Company Updated', value: 'qontak.crm.company.update' },
	{ name: 'Contact Created', value: 'qontak.crm.lead.create' },
	{ name: 'Contact Deleted', value: 'qontak.crm.lead.delete' },
	{ name: 'Contact Updated', value: 'qontak.crm.lead.update' },
	{ name: 'Deal Created', value: 'qontak.crm.deal.create' },
	{ name: 'Deal Deleted', value: 'qontak.crm.deal.delete' },
	{ name: 'Deal Updated (Including Stage Moves)', value: 'qontak.crm.deal.update' },
	{ name: 'Deals Uploaded in Bulk', value: 'qontak.crm.deal.upload' },
];

export class QontakCrmTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qontak CRM Trigger',
		name: 'qontakCrmTrigger',
		icon: { light: 'file:../../icons/qontak.svg', dark: 'file:../../icons/qontak.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].length + " event(s)"}}',
		description: 'Starts the workflow when a Qontak CRM deal, contact or company is created, updated or deleted',
		defaults: { name: 'Qontak CRM Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Mekari has no API to register CRM webhooks: give this node’s Production URL (with ?token=YOUR_SECRET if you set one) to Mekari in the Developer Center webhook settings or through Mekari support, for the events ticked below.',
				name: 'registrationNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENTS,
				default: [
					'qontak.crm.company.create',
					'qontak.crm.company.delete',
					'qontak.crm.company.update',
					'qontak.crm.lead.create',
					'qontak.crm.lead.delete',
					'qontak.crm.lead.update',
					'qontak.crm.deal.create',
					'qontak.crm.deal.delete',
					'qontak.crm.deal.update',
					'qontak.crm.deal.upload',
				],
				required: true,
				description: 'Events that start the workflow (matched on the payload’s eventType); others are answered with 200 and dropped',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: sharedSecretOptions,
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return this.getWorkflowStaticData('node').webhookUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				// Registration happens at Mekari by hand; remembering the URL keeps checkExists honest.
				this.getWorkflowStaticData('node').webhookUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				delete this.getWorkflowStaticData('node').webhookUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const rejected = rejectWithoutSecret.call(this, this.getNodeParameter('options', {}) as IDataObject);
		if (rejected) return rejected;
		const wanted = this.getNodeParameter('events', []) as string[];
		const items = eventsOf(this.getBodyData())
			.filter((body) => wanted.includes(String(body.eventType ?? '')))
			.map((body) => ({ json: body }));
		if (items.length === 0) return { webhookResponse: { message: 'Event received, not subscribed' } };
		return { workflowData: [items] };
	}
}
