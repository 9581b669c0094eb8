import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { eventLedger } from '../shared/eventLedger';
import { mekariCredentialTest } from '../shared/mekariCredentialTest';
import { CALLBACK_WEBHOOK, jsonCallback, reply, startWith } from '../shared/webhookReply';
import { rejectWithoutSecret, sharedSecretOptions } from '../shared/webhookSecret';
import { readRecords } from './trigger/confirmRecord';
import { deliveryMeta, EVENT_OPTIONS, eventKey, readEvent, type CrmEvent } from './trigger/crmEvents';
import { CREDENTIAL_TYPE } from './transport';

/** What the API calls a lead is a contact in the editor. */
const OBJECT_NAMES = { deal: 'deal', lead: 'contact', company: 'company' } as const;

interface Refusal {
	eventType: string;
	id: string;
	reason: string;
}

const DUPLICATE = { message: 'Event already received', duplicate: true };

/** Answers 200 and starts one execution; the counts say what else the request held. */
function start(this: IWebhookFunctions, items: INodeExecutionData[], duplicates: number, refused: Refusal[]): IWebhookResponseData {
	const body: IDataObject = {};
	if (duplicates) body.duplicates = duplicates;
	if (refused.length) body.refused = refused as unknown as IDataObject[];
	return startWith(this, items, body);
}

/** Confirmation off: the callbacks as sent, one execution per event all the same. */
function startUnconfirmed(this: IWebhookFunctions, events: CrmEvent[]): IWebhookResponseData {
	const ledger = eventLedger(this);
	const fresh = events.map((event) => ({ event, key: eventKey(event) })).filter(({ key }) => ledger.claim(key));
	if (fresh.length === 0) return reply(this, 200, DUPLICATE);
	for (const { key } of fresh) ledger.settle(key);
	const items = fresh.map(({ event }) => ({ json: { ...event.body, confirmedByQontak: false } }));
	return start.call(this, items, events.length - fresh.length, []);
}

/**
 * Mekari signs nothing (its webhook docs name no signature:
 * https://developers.mekari.com/docs/kb/webhooks/qontak), so a callback only says which record to
 * look at: the item is Qontak's own record, and an event whose record Qontak does not have (or, for
 * a deletion, still has) starts nothing.
 */
async function startConfirmed(this: IWebhookFunctions, events: CrmEvent[]): Promise<IWebhookResponseData> {
	try {
		await this.getCredentials(CREDENTIAL_TYPE);
	} catch {
		// Without this, every event would look like "Qontak unreachable" and be retried forever.
		throw new NodeOperationError(this.getNode(), 'Confirm with Qontak needs a Mekari HMAC credential', {
			description: 'Select the Mekari HMAC credential on the Qontak CRM Trigger, or turn Confirm with Qontak off. No event is accepted until then.',
		});
	}
	const ledger = eventLedger(this);
	// Creations and deletions happen once per record, so they are claimed before Qontak is asked:
	// a delivery arriving meanwhile sees them taken. An update is one per state of the record,
	// which only Qontak's answer tells, so it is claimed once that answer is in.
	const claimed = new Map<CrmEvent, string>();
	const toCheck: CrmEvent[] = [];
	let duplicates = 0;
	for (const event of events) {
		if (event.action === 'update') {
			toCheck.push(event);
			continue;
		}
		const key = eventKey(event);
		if (!ledger.claim(key)) {
			duplicates++;
			continue;
		}
		claimed.set(event, key);
		toCheck.push(event);
	}
	if (toCheck.length === 0) return reply(this, 200, DUPLICATE);

	const releaseAll = () => {
		for (const key of claimed.values()) ledger.release(key);
	};
	const checks = await readRecords.call(this, toCheck);
	const failure = checks.find((check) => 'error' in check);
	if (failure && 'error' in failure) {
		releaseAll();
		throw failure.error;
	}
	const unreachable = checks.find((check) => 'unreachable' in check);
	if (unreachable && 'unreachable' in unreachable) {
		// Nothing of this request starts, so the sender's retry brings all of it back.
		releaseAll();
		return reply(this, 503, { message: 'Could not confirm the event with Qontak yet; please retry', reason: unreachable.unreachable });
	}

	const started: Array<{ key: string; json: IDataObject }> = [];
	const refused: Refusal[] = [];
	const refuse = (event: CrmEvent, reason: string) => {
		// Given back: a forged event must not block the real one.
		const key = claimed.get(event);
		if (key !== undefined) ledger.release(key);
		refused.push({ eventType: event.eventType, id: event.id, reason });
	};
	toCheck.forEach((event, index) => {
		const check = checks[index];
		const what = `${OBJECT_NAMES[event.object]} ${event.id}`;
		const meta = deliveryMeta(event.body);
		if (event.action === 'delete') {
			if ('exists' in check && check.exists) return refuse(event, `${what} still exists in Qontak`);
			const named = Object.fromEntries(['id', 'name', 'slug'].filter((field) => event.named[field] !== undefined).map((field) => [field, event.named[field]]));
			started.push({ key: claimed.get(event)!, json: { eventType: event.eventType, ...meta, ...named, confirmedByQontak: true } });
			return;
		}
		if (!('exists' in check) || !check.exists) return refuse(event, `Qontak has no ${what}`);
		let key = claimed.get(event);
		if (key === undefined) {
			key = eventKey(event, check.record);
			if (!ledger.claim(key)) {
				duplicates++;
				return;
			}
		}
		started.push({ key, json: { eventType: event.eventType, ...meta, ...check.record, confirmedByQontak: true } });
	});

	if (started.length === 0) {
		if (refused.length === 0) return reply(this, 200, DUPLICATE);
		return reply(this, 422, {
			message: `Event not confirmed by Qontak: ${refused.map((refusal) => refusal.reason).join('; ')}`,
			refused: refused as unknown as IDataObject[],
		});
	}
	for (const { key } of started) ledger.settle(key);
	return start.call(
		this,
		started.map(({ json }) => ({ json })),
		duplicates,
		refused,
	);
}

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
		credentials: [{ name: 'mekariHmacApi', required: true, testedBy: 'mekariHmacApiTest', displayOptions: { show: { confirmWithQontak: [true] } } }],
		webhooks: [CALLBACK_WEBHOOK],
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
				options: EVENT_OPTIONS,
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
				displayName: 'Confirm with Qontak',
				name: 'confirmWithQontak',
				type: 'boolean',
				default: true,
				description:
					'Whether to ask Qontak for the record each event names before starting the workflow. Only events whose record exists (for deletions: no longer exists) start it, and the item holds Qontak’s current record instead of the callback body.',
			},
			{
				displayName:
					'Without confirmation, anyone who learns this URL can start the workflow with a made-up event, and the item is the callback exactly as sent. Turn it off only behind another check (a Shared Secret below, or a lookup later in the workflow).',
				name: 'unconfirmedWarning',
				type: 'notice',
				default: '',
				displayOptions: { show: { confirmWithQontak: [false] } },
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

	methods = { credentialTest: mekariCredentialTest };

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
		const parsed = jsonCallback(this, { allowBatch: true });
		if (!parsed.ok) return reply(this, 400, { message: `Callback refused: ${parsed.reason}` });
		const bodies = Array.isArray(parsed.body) ? parsed.body : [parsed.body];

		const wanted = this.getNodeParameter('events', []) as string[];
		const events: CrmEvent[] = [];
		for (const [index, body] of bodies.entries()) {
			const read = readEvent(body, wanted);
			// One bad event refuses the whole batch before anything is claimed or asked.
			if ('malformed' in read) return reply(this, 400, { message: `Callback refused: ${bodies.length > 1 ? `event ${index + 1}: ` : ''}${read.malformed}` });
			if ('event' in read) events.push(read.event);
		}
		if (events.length === 0) return reply(this, 200, { message: 'Event received, not subscribed' });

		if (!this.getNodeParameter('confirmWithQontak', true)) return startUnconfirmed.call(this, events);
		return await startConfirmed.call(this, events);
	}
}
