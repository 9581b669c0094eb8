import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { clock } from '../shared/clock';
import { amountsAsNumbers } from './amounts';
import { newestPayment, pollMerchantId, pollPayments, type PollConfig } from './trigger/pollPayments';
import { withoutSecrets } from './withoutSecrets';

const DEFAULT_BUDGET_MS = 5 * 60_000;

/**
 * A polling node of its own rather than a mode of Netzme Trigger: n8n runs a node either as a
 * webhook (it registers the URL on activation) or on a schedule (`polling`, with the Poll Times
 * it adds), decided by the description, so one node cannot be both without leaving the other
 * half's settings and notices on screen.
 */
export class NetzmePollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Netzme Payments (Polling) Trigger',
		name: 'netzmePollingTrigger',
		icon: { light: 'file:../../icons/netzme.svg', dark: 'file:../../icons/netzme.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Paid transactions of " + ($parameter["merchantId"] || "the default merchant")}}',
		description: 'Starts the workflow for each new paid QRIS transaction, read from Netzme’s transaction list on a schedule',
		defaults: { name: 'Netzme Payments (Polling)' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'netzmeApi', required: true }],
		properties: [
			{
				displayName:
					'For merchants whose callback URL Netzme has not registered yet: each poll reads the merchant’s transaction list and starts the workflow once for every payment it has not seen. Payments arrive a poll late; once the callback is registered, the Netzme Trigger starts at once.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Merchant ID',
				name: 'merchantId',
				type: 'string',
				default: '',
				placeholder: 'M_czBSCDVY',
				description: 'Netzme merchant (user) ID whose payments start the workflow. Leave empty to use the Default Merchant ID of the credential.',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to turn amounts such as "IDR 2100.00" into numbers; off keeps each transaction as Netzme lists it',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Look Back Days',
						name: 'lookBackDays',
						type: 'number',
						default: 0,
						typeOptions: { minValue: 0, maxValue: 7, numberPrecision: 0 },
						description:
							'Also read transactions created this many days earlier, for invoices paid on a later day than they were created. Every poll reads those days again.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const started = clock.now();
		const budget = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : DEFAULT_BUDGET_MS;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const config: PollConfig = {
			merchantId: await pollMerchantId.call(this),
			lookBackDays: Math.min(7, Math.max(0, Math.trunc(Number(options.lookBackDays ?? 0)) || 0)),
			session: {},
			outOfTime: () => clock.now() - started >= budget * 0.8,
		};
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const shown = (row: IDataObject) => withoutSecrets(simplify ? amountsAsNumbers(row) : row);

		// The editor's "Fetch Test Event": the newest paid transaction, and the stored mark left alone.
		if (this.getMode() === 'manual') {
			const newest = await newestPayment.call(this, config, started);
			return newest ? [this.helpers.returnJsonArray([shown(newest.row)])] : null;
		}
		const fresh = await pollPayments.call(this, config, started);
		return fresh.length ? [this.helpers.returnJsonArray(fresh.map((payment) => shown(payment.row)))] : null;
	}
}
