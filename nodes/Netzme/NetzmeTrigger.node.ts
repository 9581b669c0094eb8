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

import { eventLedger } from '../shared/eventLedger';
import { CALLBACK_WEBHOOK, jsonCallback, reply, startWith } from '../shared/webhookReply';
import { amountsAsNumbers } from './amounts';
import { checkCallbackAuth, type CallbackAuthMode } from './trigger/callbackAuth';
import { identifyCallback, type Callback, type CallbackEvent } from './trigger/callbackKind';
import { confirmWithNetzme } from './trigger/callbackVerify';
import { CREDENTIAL_TYPE } from './transport';

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
		description: 'Starts the workflow when Netzme reports a QRIS payment, a paid invoice or a withdrawal’s status',
		defaults: { name: 'Netzme Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'netzmeApi', required: true }],
		webhooks: [CALLBACK_WEBHOOK],
		properties: [
			{
				displayName:
					'Netzme registers callback URLs by hand: send this node’s Production URL to your Netzme contact for the QRIS payment (notify), invoice paid (create_invoice) and withdraw status (withdraw) callbacks. All can use the same URL. Until then, Netzme Payments (Polling) Trigger reads payments from the transaction list.',
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
					{
						name: 'Other Callbacks',
						value: 'other',
						description: 'Anything else Netzme posts here, passed on as it is (withdraw status too, unless Withdraw Status is selected)',
					},
					{ name: 'QRIS Payment', value: 'qrisPayment', description: 'A buyer paid the merchant’s static QRIS' },
					{
						name: 'Withdraw Status',
						value: 'withdrawStatus',
						description:
							'A withdrawal (Withdraw → Submit, Deposit → Withdraw) succeeded, failed or is pending; once per withdrawal and status. Netzme has no lookup to confirm it: use Authentication.',
					},
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
				displayName: 'Confirm with Netzme',
				name: 'confirmWithNetzme',
				type: 'boolean',
				default: true,
				description:
					'Whether to ask Netzme’s API for each payment before starting the workflow (invoice by trxId, QRIS payment by RRN). Only payments Netzme reports as paid, with the same amount, IDs and merchant, start it; their IDs, amount and status come from Netzme’s record.',
			},
			{
				displayName:
					'Without confirmation, anyone who learns this URL can start the workflow with a made-up payment. Turn it off only behind another check (Authentication above, or a lookup later in the workflow).',
				name: 'unconfirmedWarning',
				type: 'notice',
				default: '',
				displayOptions: { show: { confirmWithNetzme: [false] } },
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
		const parsed = jsonCallback(this, { allowBatch: false });
		if (!parsed.ok) return reply(this, 400, { message: `Callback refused: ${parsed.reason}` });
		const body = parsed.body as IDataObject;

		const mode = this.getNodeParameter('authentication', 'none') as CallbackAuthMode;
		let credentials: ICredentialDataDecryptedObject | undefined;
		if (mode !== 'none') credentials = await this.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
		const verdict = checkCallbackAuth(mode, this.getHeaderData() as Record<string, unknown>, credentials);
		if (!verdict.ok) {
			if ('misconfigured' in verdict) {
				throw new NodeOperationError(this.getNode(), `The Netzme credential has no ${verdict.misconfigured}`, {
					description: 'Fill it in the credential, or set Authentication to None. No callback is accepted until then.',
				});
			}
			return reply(this, 401, { message: 'Unauthorized' });
		}

		const identified = identifyCallback(body, rawBodyOf.call(this, body));
		if ('malformed' in identified) return reply(this, 400, { message: `Callback refused: ${identified.malformed}` });
		let callback: Callback = identified;
		const events = this.getNodeParameter('events', []) as CallbackEvent[];
		if (callback.event === 'withdrawStatus' && !events.includes('withdrawStatus') && events.includes('other')) {
			// Withdraw status came under Other Callbacks before it had an event of its own; workflows subscribed to those still get it as before.
			callback = { event: 'other', key: callback.key };
		}
		if (!events.includes(callback.event)) return reply(this, 200, { message: 'Callback received, not subscribed', event: callback.event });

		// Claimed before the first await, so a delivery arriving meanwhile sees it taken.
		const ledger = eventLedger(this);
		if (!ledger.claim(callback.key)) return reply(this, 200, { message: 'Callback already received', duplicate: true });

		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const shown = (value: IDataObject) => (simplify ? amountsAsNumbers(value) : value);
		let json: IDataObject = { event: callback.event, ...shown(body) };
		if (callback.event === 'withdrawStatus') json.withdrawal = { ...callback.withdrawal };
		if ((callback.event === 'qrisPayment' || callback.event === 'invoicePaid') && this.getNodeParameter('confirmWithNetzme', true)) {
			const confirmation = await confirmWithNetzme.call(this, callback, body);
			// Refusals give the event back too: a forged callback must not block the real one.
			if (!confirmation.confirmed) ledger.release(callback.key);
			if (!confirmation.confirmed && confirmation.unreachable) {
				return reply(this, 503, { message: 'Could not confirm the callback with Netzme yet; please retry' });
			}
			if (!confirmation.confirmed) return reply(this, 422, { message: `Callback not confirmed by Netzme: ${confirmation.reason}` });
			json = {
				...json,
				...shown(confirmation.identity),
				confirmedByNetzme: true,
				...(confirmation.unconfirmedFields.length ? { unconfirmedFields: confirmation.unconfirmedFields } : {}),
				verification: shown(confirmation.record),
			};
		} else {
			json.confirmedByNetzme = false;
		}
		ledger.settle(callback.key);
		return startWith(this, [{ json }]);
	}
}
