import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { eachItem } from '../../shared/itemLoop';
import { normalizePhone, requirePhone } from '../../shared/phone';
import { authenticationOf, chatRequest } from '../transport';
import { locatorProperty, readId } from './locators';
import type { ExecutionContext } from './types';

const show = { show: { resource: ['contact'], operation: ['checkWhatsApp'] } };

/**
 * Numbers per request. Qontak documents no cap for this route and WhatsApp's contacts check none
 * either (https://developers.facebook.com/docs/whatsapp/on-premises/reference/contacts); 100 is
 * the largest page Qontak Chat is known to serve, and keeps one request small.
 */
export const CHECK_BATCH_SIZE = 100;

export const checkNumbersProperties: INodeProperties[] = [
	{
		displayName:
			'Needs Authentication "Qontak Chat (Service-Chat Host)": the Mekari gateway has no number check. Check only numbers you are about to message: WhatsApp may disable a sender that checks far more numbers than it messages. Newer WhatsApp versions answer "valid" for every number.',
		name: 'checkNumbersNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	locatorProperty('whatsAppChannel', show),
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '={{ $json.phone }}',
		description: 'One number per input item: 08…, 021…, +62… or 62… become 62…; a number abroad keeps its country code (+65…)',
		displayOptions: show,
	},
];

interface CheckRequest {
	/** The number as the item gave it. */
	input: string;
	phone: string;
	channelId: string;
}

/**
 * The route is only on the legacy host (POST /api/open/v1/broadcasts/contacts); the Mekari
 * gateway lists no such path (https://github.com/qontak-dev/docs, Qontak-CRM-OpenAPI-MAG.json).
 * Nothing is called: an unknown route on the gateway answers with an error that would only
 * confuse, and a guess at a gateway path could reach something else.
 */
function onlyWithLegacyCredential(this: IExecuteFunctions, itemIndex: number): NodeOperationError {
	return new NodeOperationError(this.getNode(), 'Checking numbers is only available with the Qontak Chat credential (legacy host service-chat.qontak.com)', {
		itemIndex,
		description:
			'Qontak offers the WhatsApp number check on its service-chat host only; the Mekari API gateway has no such route, so nothing was sent. Set Authentication to "Qontak Chat (Service-Chat Host)" with a Qontak Chat credential, or leave the check out: a direct broadcast to a number without WhatsApp shows as failed in the broadcast log.',
	});
}

function readRequest(this: IExecuteFunctions, itemIndex: number): CheckRequest {
	const given = this.getNodeParameter('phoneNumber', itemIndex, '');
	const phone = requirePhone(this.getNode(), given, 'Phone Number', itemIndex);
	return { input: String(given).trim(), phone, channelId: readId.call(this, 'whatsAppChannel', itemIndex) };
}

interface Batch {
	channelId: string;
	phones: string[];
}

const batchKey = (channelId: string, phone: string) => `${channelId} ${phone}`;

/**
 * The numbers to send: per channel, each number once, in item order, CHECK_BATCH_SIZE at a time;
 * keyed by channel and number, so each item finds its batch.
 */
function batchesOf(requests: Map<number, CheckRequest>): Map<string, Batch> {
	const byKey = new Map<string, Batch>();
	const open = new Map<string, Batch>();
	for (const { channelId, phone } of requests.values()) {
		if (byKey.has(batchKey(channelId, phone))) continue;
		let batch = open.get(channelId);
		if (!batch || batch.phones.length === CHECK_BATCH_SIZE) {
			batch = { channelId, phones: [] };
			open.set(channelId, batch);
		}
		batch.phones.push(phone);
		byKey.set(batchKey(channelId, phone), batch);
	}
	return byKey;
}

/**
 * Check WhatsApp Numbers: one input item per number, one request per batch of numbers, one output
 * item per input item in input order. A number that cannot be a phone number fails its own item
 * (continueOnFail: an error item in its place); a failed request fails the items of its batch.
 */
export async function checkNumbersAll(this: IExecuteFunctions, context: ExecutionContext): Promise<INodeExecutionData[]> {
	const all = this.getInputData().map((_, itemIndex) => itemIndex);
	if (authenticationOf(this) !== 'qontakChat') {
		const refused = await eachItem(this, all, async (itemIndex) => {
			throw onlyWithLegacyCredential.call(this, itemIndex);
		});
		return refused.flatMap((outcome) => (outcome.ok ? [] : [outcome.item]));
	}

	const requests = new Map<number, CheckRequest>();
	const read = await eachItem(this, all, async (itemIndex) => {
		requests.set(itemIndex, readRequest.call(this, itemIndex));
	});

	const batches = batchesOf(requests);
	const answers = new Map<Batch, Promise<IDataObject[]>>();
	const answerOf = async (batch: Batch, itemIndex: number): Promise<IDataObject[]> => {
		let answer = answers.get(batch);
		if (!answer) {
			answer = chatRequest
				.call(this, {
					method: 'POST',
					path: '/broadcasts/contacts',
					body: { channel_integration_id: batch.channelId, phone_numbers: batch.phones },
					itemIndex,
					timeoutMs: context.timeoutMs,
					maxRetries: context.maxRetries,
					checkBeforeRetry: 'Checking numbers sends nothing to the customers; running the items again is harmless.',
				})
				.then((response) => {
					const contacts = ((response.data ?? {}) as IDataObject).contacts;
					return (Array.isArray(contacts) ? contacts : []) as IDataObject[];
				});
			answers.set(batch, answer);
		}
		return await answer;
	};

	const checked = await eachItem(
		this,
		all.filter((itemIndex) => read[itemIndex].ok),
		async (itemIndex): Promise<IDataObject> => {
			const request = requests.get(itemIndex)!;
			const contacts = await answerOf(batches.get(batchKey(request.channelId, request.phone))!, itemIndex);
			// WhatsApp echoes each number as sent in `input`; compared normalised in case Qontak reformats it.
			const result = contacts.find((contact) => contact.input === request.phone) ?? contacts.find((contact) => normalizePhone(contact.input) === request.phone);
			if (!result) {
				throw new NodeOperationError(this.getNode(), `Qontak returned no result for ${request.phone}`, {
					itemIndex,
					description: 'Qontak answered the check without this number. Run the item again; if it stays missing, check the number in Qontak.',
				});
			}
			return {
				input: request.input,
				phone: request.phone,
				valid: result.status === 'valid',
				status: result.status ?? null,
				wa_id: result.wa_id ?? null,
			};
		},
	);

	return all.map((itemIndex): INodeExecutionData => {
		const outcome = read[itemIndex].ok ? checked[itemIndex] : read[itemIndex];
		return outcome.ok ? { json: outcome.value as IDataObject, pairedItem: { item: itemIndex } } : outcome.item;
	});
}
