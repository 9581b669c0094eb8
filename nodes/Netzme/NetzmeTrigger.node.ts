import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { amountsAsNumbers } from './amounts';
import { checkCallbackAuth, type CallbackAuthMode } from './trigger/callbackAuth';
import { isDuplicate, remember } from './trigger/callbackDedupe';
import { identifyCallback, type CallbackEvent } from './trigger/callbackKind';
import { verifyByLookup } from './trigger/callbackVerify';
import { CREDENTIAL_TYPE } from './transport';

type RawResponse = { headersSent?: boolean; writeHead: (status: number, headers: IDataObject) => void; end: (body: string) => void };

/** Answers directly (n8n then sends nothing itself); used for refusals. */
function answer(this: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	const response = this.getResponseObject() as unknown as RawResponse;
	if (!response.headersSent) {
		response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
		response.end(JSON.stringify({ message }));
	}
	return { noWebhookResponse: true };
}

function rawBodyOf(this: IWebhookFunctions, body: IDataObject): string {
	const raw = (this.getRequestObject() as unknown as { rawBody?: Buffer | string }).rawBody;
	if (Buffer.isBuffer(raw)) return raw.toString('utf8');
	if (typeof raw === 'string') return raw;
	return JSON.stringify(body);
}

export class NetzmeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Netzme Trigger',
		name: 'netzmeTrigger',
		icon: { light: 'file:../../icons/netzme.svg', dark: 'file:../../icons/netzme.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Netzme reports a QRIS payment or a paid invoice',
		defaults: { name: 'Netzme Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'netzmeApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Netzme registers callback URLs by hand: send this node’s Production URL to your Netzme contact for the QRIS payment (notify) and invoice paid (create_invoice) callbacks. Both can use the same URL.',
				name: 'registrationNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'Invoice Paid', value: 'invoicePaid', description: 'An invoice created with Invoice → Create was paid' },
					{ name: 'Other Callbacks', value: 'other', description: 'Anything else Netzme posts here (e.g. withdraw status), passed on as it is' },
					{ name: 'QRIS Payment', value: 'qrisPayment', description: 'A buyer paid the merchant’s static QRIS' },
				],
				default: ['qrisPayment', 'invoicePaid'],
				required: true,
				description: 'Callbacks that start the workflow; others are answered with 200 and dropped',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'None', value: 'none', description: 'Rely on an unguessable URL (Netzme signs no non-SNAP callback)' },
					{ name: 'Callback Token Header', value: 'headerToken', description: 'Require x-callback-token to equal the credential’s Callback Token' },
					{ name: 'Basic Auth', value: 'basicAuth', description: 'Require the credential’s Callback Username and Password' },
				],
				default: 'none',
				description: 'Check agreed with Netzme for each callback; failures get HTTP 401 and start nothing',
			},
			{
				displayName: 'Verify by Lookup',
				name: 'verifyByLookup',
				type: 'boolean',
				default: false,
				description:
					'Whether to ask Netzme’s API for the transaction before starting the workflow (invoice status by trxId, QRIS payment by RRN) and drop callbacks Netzme does not confirm as paid with the same amount',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to turn amounts such as "IDR 2100.00" into numbers; off keeps the callback exactly as Netzme sent it',
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				return staticData.callbackUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				// No API registers Netzme callbacks; the URL is remembered so the notice above stays true.
				const staticData = this.getWorkflowStaticData('node');
				staticData.callbackUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				delete staticData.callbackUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const body = (this.getBodyData() ?? {}) as IDataObject;
		const mode = this.getNodeParameter('authentication', 'none') as CallbackAuthMode;
		const verify = this.getNodeParameter('verifyByLookup', false) as boolean;

		let credentials: ICredentialDataDecryptedObject | undefined;
		if (mode !== 'none') credentials = await this.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
		const verdict = checkCallbackAuth(mode, this.getHeaderData() as Record<string, unknown>, credentials);
		if (!verdict.ok) {
			if ('misconfigured' in verdict) {
				throw new NodeOperationError(this.getNode(), `The Netzme credential has no ${verdict.misconfigured}`, {
					description: 'Fill it in the credential, or set Authentication to None. No callback is accepted until then.',
				});
			}
			return answer.call(this, 401, 'Unauthorized');
		}

		const { event, key } = identifyCallback(body, rawBodyOf.call(this, body));
		const events = this.getNodeParameter('events', []) as CallbackEvent[];
		if (!events.includes(event)) return { webhookResponse: { message: 'Callback received, not subscribed' } };

		const staticData = this.getWorkflowStaticData('node');
		if (isDuplicate(staticData, key)) return { webhookResponse: { message: 'Callback already received' } };

		const json: IDataObject = { event, ...(this.getNodeParameter('simplify', true) ? amountsAsNumbers(body) : body) };
		if (verify) {
			const verification = await verifyByLookup.call(this, event, body);
			if (!verification.verified && verification.unreachable) {
				// Not remembered: Netzme's retry gets another chance once the API answers.
				return answer.call(this, 503, 'Could not verify the callback with Netzme yet; please retry');
			}
			if (!verification.verified) return answer.call(this, 422, `Callback not confirmed by Netzme: ${verification.reason}`);
			json.verification = amountsAsNumbers(verification.record);
		}

		remember(staticData, key);
		return { workflowData: [this.helpers.returnJsonArray([json])] };
	}
}
