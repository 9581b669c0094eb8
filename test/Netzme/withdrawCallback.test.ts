import type { IDataObject } from 'n8n-workflow';

import { identifyCallback } from '../../nodes/Netzme/trigger/callbackKind';
import { startWebhook, type WebhookHarness } from '../harness/webhookServer';
import { runNetzme, useNetzme } from './setup';

const env = useNetzme();
let hook: WebhookHarness | undefined;

afterEach(async () => {
	await hook?.close();
	hook = undefined;
});

async function listen(events: string[]) {
	hook = await startWebhook({ type: 'netzmeTrigger', parameters: { events }, credentials: env.credentials, store: env.store });
	return hook;
}

const identify = (body: IDataObject) => identifyCallback(body, JSON.stringify(body));
const emittedJson = (harness: WebhookHarness) => harness.emitted.map((items) => items.map((item) => item.json));

/** A withdrawal submitted through the node, still pending at Netzme: its customerReffNum. */
async function submittedWithdrawal(): Promise<string> {
	const { items } = await runNetzme(env, { resource: 'withdraw', operation: 'submit', amount: 37995, pin: "={{ '123456' }}" });
	return items[0].json.customerReffNum as string;
}

describe('withdraw status callbacks are told apart', () => {
	it('reads the SNAP shape: reference, partner reference, status and an amount object', () => {
		const callback = identify({
			originalReferenceNo: 'WD000001',
			originalPartnerReferenceNo: 'partner-77',
			amount: { value: '37995.00', currency: 'IDR' },
			latestTransactionStatus: '00',
			transactionStatusDesc: 'SUCCESS',
		});
		expect(callback).toEqual({
			event: 'withdrawStatus',
			key: 'withdraw:WD000001:00',
			withdrawal: { referenceNo: 'WD000001', partnerReferenceNo: 'partner-77', status: '00', amount: 37995 },
		});
	});

	it('reads the Toko shape Submit Withdraw answers with: customerReffNum and "IDR" text', () => {
		expect(identify({ customerReffNum: 'WD000002', userId: 'M_czBSCDVY', withdrawalAmount: 'IDR 10000.00', status: 'FAILED' })).toEqual({
			event: 'withdrawStatus',
			key: 'withdraw:WD000002:failed',
			withdrawal: { referenceNo: 'WD000002', status: 'FAILED', amount: 10000 },
		});
	});

	it('keys each status of a withdrawal apart, and a resend of one status alike', () => {
		const key = (status: string) => (identify({ originalReferenceNo: 'WD000003', status }) as { key: string }).key;
		expect(key('PENDING')).not.toBe(key('SUCCESS'));
		expect(key('SUCCESS')).toBe(key('success'));
	});

	it.each([
		['a reference that is an object', { originalReferenceNo: { $ne: 1 }, status: 'SUCCESS' }, 'originalReferenceNo'],
		['an empty reference', { customerReffNum: ' ', status: 'SUCCESS' }, 'customerReffNum'],
		['a withdraw type without any reference', { type: 'withdraw', status: 'SUCCESS' }, 'needs originalReferenceNo or customerReffNum'],
	])('refuses %s as malformed', (_case, body, reason) => {
		expect(identify(body as IDataObject)).toEqual({ malformed: expect.stringContaining(reason) });
	});

	it('still tells payments and anything else apart from withdrawals', () => {
		expect(identify(env.sim.payQris('M_czBSCDVY', 1000) as IDataObject)).toMatchObject({ event: 'qrisPayment' });
		expect(identify({ transaction_id: 'TRX-1', id: 'NETZ-INV-1', amount: 1000 })).toMatchObject({ event: 'invoicePaid' });
		expect(identify({ notice: 'maintenance tonight' })).toMatchObject({ event: 'other' });
	});
});

describe('Withdraw Status on the Netzme Trigger', () => {
	it('starts the workflow once per withdrawal and status, with the withdrawal’s fields, unconfirmed', async () => {
		const reference = await submittedWithdrawal();
		const trigger = await listen(['withdrawStatus']);
		const callback = env.sim.finishWithdrawal(reference, 'SUCCESS');
		const calls = env.sim.tokoCalls().length;
		expect(await env.sim.postCallback(trigger.url, callback, { deliveries: 3 })).toEqual([200, 200, 200]);
		expect(emittedJson(trigger)).toEqual([
			[
				{
					event: 'withdrawStatus',
					...callback,
					withdrawalAmount: 37995,
					withdrawal: { referenceNo: reference, status: 'SUCCESS', amount: 37995 },
					confirmedByNetzme: false,
				},
			],
		]);
		expect(JSON.parse(trigger.responses[2].body)).toEqual({ message: 'Callback already received', duplicate: true });
		// Nothing to confirm it with: Netzme has no status lookup for a merchant withdrawal.
		expect(env.sim.tokoCalls()).toHaveLength(calls);
	});

	it('passes a pending report and the final one for the same withdrawal, each once', async () => {
		const reference = await submittedWithdrawal();
		const trigger = await listen(['withdrawStatus']);
		const pendingReport = env.sim.withdrawCallback(env.sim.state.withdrawals[0]);
		await env.sim.postCallback(trigger.url, pendingReport, { deliveries: 2 });
		await env.sim.postCallback(trigger.url, env.sim.finishWithdrawal(reference, 'FAILED'), { deliveries: 2 });
		expect(emittedJson(trigger).map(([json]) => (json.withdrawal as IDataObject).status)).toEqual(['PENDING', 'FAILED']);
	});

	it('answers 200 and starts nothing when only payments are subscribed', async () => {
		const reference = await submittedWithdrawal();
		const trigger = await listen(['qrisPayment', 'invoicePaid']);
		expect(await env.sim.postCallback(trigger.url, env.sim.finishWithdrawal(reference))).toEqual([200]);
		expect(trigger.emitted).toHaveLength(0);
		expect(JSON.parse(trigger.responses[0].body)).toEqual({ message: 'Callback received, not subscribed', event: 'withdrawStatus' });
	});

	it('still passes withdrawals as Other Callbacks to a workflow subscribed to those alone, as before the event existed', async () => {
		const reference = await submittedWithdrawal();
		const trigger = await listen(['other']);
		const callback = env.sim.finishWithdrawal(reference);
		await env.sim.postCallback(trigger.url, callback, { deliveries: 2 });
		expect(emittedJson(trigger)).toEqual([[{ event: 'other', ...callback, withdrawalAmount: 37995, confirmedByNetzme: false }]]);
	});

	it('refuses a withdraw callback without a usable reference with 400 and a reason', async () => {
		const trigger = await listen(['withdrawStatus']);
		expect(await env.sim.postCallback(trigger.url, { type: 'withdraw', status: 'SUCCESS' }, { retries: 0 })).toEqual([400]);
		expect(trigger.responses[0].body).toContain('needs originalReferenceNo or customerReffNum');
		expect(trigger.emitted).toHaveLength(0);
	});
});
