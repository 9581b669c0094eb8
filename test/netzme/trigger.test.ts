import type { IDataObject } from 'n8n-workflow';

import { NetzmeTrigger } from '../../nodes/Netzme/NetzmeTrigger.node';
import { safeEqual } from '../../nodes/Netzme/trigger/callbackAuth';
import { startWebhook, type WebhookHarness } from '../harness/webhookServer';
import { CREDENTIAL_ID, runNetzme, useNetzme } from './setup';

const env = useNetzme();
let hook: WebhookHarness | undefined;

afterEach(async () => {
	await hook?.close();
	hook = undefined;
});

async function listen(parameters: IDataObject = {}, staticData?: IDataObject) {
	hook = await startWebhook({
		type: 'netzmeTrigger',
		parameters: { events: ['qrisPayment', 'invoicePaid'], ...parameters },
		credentials: env.credentials,
		store: env.store,
		staticData,
	});
	return hook;
}

const emittedJson = (harness: WebhookHarness) => harness.emitted.map((items) => items.map((item) => item.json));
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('callbacks', () => {
	it('emits a QRIS payment and answers 200 at once, amounts as numbers', async () => {
		const trigger = await listen();
		const callback = env.sim.payQris('M_czBSCDVY', 2100);
		expect(await env.sim.postCallback(trigger.url, callback)).toEqual([200]);
		expect(trigger.responses[0].body).toBe('{"message":"Workflow was started"}');
		expect(emittedJson(trigger)).toEqual([[{ event: 'qrisPayment', ...callback, amount: 2100, netAmount: 2085, merchantFee: 15 }]]);
		expect(env.sim.tokensIssued).toBe(0);
	});

	it('keeps the callback exactly as sent when Simplify is off', async () => {
		const trigger = await listen({ simplify: false });
		const callback = env.sim.payQris('M_czBSCDVY', 2100);
		await env.sim.postCallback(trigger.url, callback);
		expect(trigger.emitted[0][0].json).toEqual({ event: 'qrisPayment', ...callback });
		expect(trigger.emitted[0][0].json.amount).toBe('IDR 2100.00');
	});

	it('emits an invoice paid for an invoice the node created', async () => {
		const { items } = await runNetzme(env, { resource: 'invoice', operation: 'createTransaction', amount: 45000 });
		const trigger = await listen();
		const callback = env.sim.payInvoice(items[0].json.trxId as string);
		expect(await env.sim.postCallback(trigger.url, callback)).toEqual([200]);
		expect(trigger.emitted[0][0].json).toMatchObject({ event: 'invoicePaid', transaction_id: items[0].json.trxId, status: 'paid', amount: 45000 });
	});

	it('answers a body that is not JSON with 400, as n8n does, and starts nothing', async () => {
		const trigger = await listen();
		const response = await fetch(trigger.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"amount": ' });
		expect(response.status).toBe(400);
		expect(trigger.emitted).toHaveLength(0);
	});

	it('answers callbacks it is not subscribed to with 200 and starts nothing', async () => {
		const trigger = await listen({ events: ['invoicePaid'] });
		expect(await env.sim.postCallback(trigger.url, env.sim.payQris('M_czBSCDVY', 1000))).toEqual([200]);
		expect(trigger.emitted).toHaveLength(0);
		expect(trigger.responses[0].body).toContain('not subscribed');
	});

	it('passes other callbacks on when asked, deduplicated on their bytes', async () => {
		const trigger = await listen({ events: ['other'] });
		const withdrawal = { originalReferenceNo: 'WD000001', amount: 'IDR 37995.00', status: 'SUCCESS' };
		expect(await env.sim.postCallback(trigger.url, withdrawal, { deliveries: 2 })).toEqual([200, 200]);
		expect(emittedJson(trigger)).toEqual([[{ event: 'other', originalReferenceNo: 'WD000001', amount: 37995, status: 'SUCCESS' }]]);
	});
});

describe('deduplication of Netzme’s retries', () => {
	it('emits once when Netzme delivers the same QRIS payment three times', async () => {
		const trigger = await listen();
		const callback = env.sim.payQris('M_czBSCDVY', 5000);
		expect(await env.sim.postCallback(trigger.url, callback, { deliveries: 3 })).toEqual([200, 200, 200]);
		expect(trigger.emitted).toHaveLength(1);
		expect(trigger.responses.map((response) => response.body)).toEqual([
			'{"message":"Workflow was started"}',
			'{"message":"Callback already received"}',
			'{"message":"Callback already received"}',
		]);
	});

	it('remembers across a restart through the workflow’s static data', async () => {
		const first = await listen();
		const callback = env.sim.payQris('M_czBSCDVY', 5000);
		await env.sim.postCallback(first.url, callback);
		// n8n saves static data that changed during the call, as JSON
		expect(first.staticData.__dataChanged).toBe(true);
		const saved = JSON.parse(JSON.stringify(first.staticData)) as IDataObject;
		delete saved.__dataChanged;
		await first.close();
		expect(JSON.stringify(saved)).toContain(`qris:${callback.transactionId}:${callback.referenceId}`);

		const second = await listen({}, saved);
		await env.sim.postCallback(second.url, callback);
		await env.sim.postCallback(second.url, env.sim.payQris('M_czBSCDVY', 6000));
		expect(second.emitted).toHaveLength(1);
		expect(second.emitted[0][0].json.amount).toBe(6000);
	});

	it('tells invoices apart by id and transaction id', async () => {
		const trigger = await listen();
		await runNetzme(env, { resource: 'invoice', operation: 'createTransaction', amount: 1000 });
		await runNetzme(env, { resource: 'invoice', operation: 'createTransaction', amount: 2000 });
		const [a, b] = env.sim.state.invoices;
		await env.sim.postCallback(trigger.url, env.sim.payInvoice(a.trxId), { deliveries: 2 });
		await env.sim.postCallback(trigger.url, env.sim.payInvoice(b.trxId), { deliveries: 2 });
		expect(emittedJson(trigger).map(([json]) => json.amount)).toEqual([1000, 2000]);
	});
});

describe('callback authentication', () => {
	it('accepts the agreed x-callback-token and rejects others with 401, which Netzme retries', async () => {
		const trigger = await listen({ authentication: 'headerToken' });
		const callback = env.sim.payQris('M_czBSCDVY', 1000);
		expect(await env.sim.postCallback(trigger.url, callback, { headers: { 'x-callback-token': 'wrong' } })).toEqual([401, 401, 401, 401]);
		expect(await env.sim.postCallback(trigger.url, callback, { retries: 0 })).toEqual([401]);
		expect(trigger.emitted).toHaveLength(0);
		expect(await env.sim.postCallback(trigger.url, callback, { headers: { 'x-callback-token': 'cb-token-123' } })).toEqual([200]);
		expect(trigger.emitted).toHaveLength(1);
		expect(trigger.responses[0].body).toBe('{"message":"Unauthorized"}');
	});

	it('accepts the agreed Basic auth and rejects a wrong password or user', async () => {
		const trigger = await listen({ authentication: 'basicAuth' });
		const callback = env.sim.payQris('M_czBSCDVY', 1000);
		expect(await env.sim.postCallback(trigger.url, callback, { retries: 0, headers: { authorization: basic('netzme', 'nope') } })).toEqual([401]);
		expect(await env.sim.postCallback(trigger.url, callback, { retries: 0, headers: { authorization: basic('other', 'cb-password') } })).toEqual([401]);
		expect(await env.sim.postCallback(trigger.url, callback, { retries: 0, headers: { authorization: 'Bearer cb-password' } })).toEqual([401]);
		expect(await env.sim.postCallback(trigger.url, callback, { headers: { authorization: basic('netzme', 'cb-password') } })).toEqual([200]);
		expect(trigger.emitted).toHaveLength(1);
	});

	it('refuses everything, loudly, when the credential lacks the agreed secret', async () => {
		env.store.get(CREDENTIAL_ID).data.callbackToken = '';
		const trigger = await listen({ authentication: 'headerToken' });
		expect(await env.sim.postCallback(trigger.url, env.sim.payQris('M_czBSCDVY', 1000), { retries: 0, headers: { 'x-callback-token': '' } })).toEqual([500]);
		expect(trigger.errors[0].message).toBe('The Netzme credential has no Callback Token');
		expect(trigger.emitted).toHaveLength(0);
	});

	it('compares secrets in constant time, whatever their lengths', () => {
		expect(safeEqual('cb-token-123', 'cb-token-123')).toBe(true);
		expect(safeEqual('cb-token-12', 'cb-token-123')).toBe(false);
		expect(safeEqual('', 'cb-token-123')).toBe(false);
		expect(safeEqual('cb-token-124', 'cb-token-123')).toBe(false);
	});
});

describe('verify by lookup', () => {
	it('emits a QRIS payment Netzme confirms, with Netzme’s record, sharing the node’s token', async () => {
		await runNetzme(env, { resource: 'balance', operation: 'get' });
		const trigger = await listen({ verifyByLookup: true });
		const callback = env.sim.payQris('M_czBSCDVY', 7500);
		expect(await env.sim.postCallback(trigger.url, callback)).toEqual([200]);
		expect(trigger.emitted[0][0].json).toMatchObject({ event: 'qrisPayment', amount: 7500, verification: { rrn: callback.referenceId, status: 'SUCCESS', amount: 7500 } });
		expect(env.sim.tokoCalls()).toEqual(['GET /api/aggregator/merchant/qr/balance/detail', `GET /api/aggregator/merchant/qris/acquire/transaction/${callback.referenceId}`]);
		expect(env.sim.tokensIssued).toBe(1);
	});

	it('refuses a forged QRIS payment Netzme does not know (422, not emitted)', async () => {
		const trigger = await listen({ verifyByLookup: true });
		const forged = { ...env.sim.payQris('M_czBSCDVY', 1000), referenceId: '999999999999', transactionId: 'FAKE-1' };
		expect(await env.sim.postCallback(trigger.url, forged, { retries: 0 })).toEqual([422]);
		expect(trigger.responses[0].body).toContain('Netzme has no such transaction');
		expect(trigger.emitted).toHaveLength(0);
	});

	it('refuses a callback whose amount differs from Netzme’s record', async () => {
		const trigger = await listen({ verifyByLookup: true });
		const tampered = { ...env.sim.payQris('M_czBSCDVY', 1000), amount: 'IDR 1000000.00' };
		expect(await env.sim.postCallback(trigger.url, tampered, { retries: 0 })).toEqual([422]);
		expect(trigger.responses[0].body).toContain("the amount differs from Netzme's record");
	});

	it('refuses an invoice-paid callback for an invoice still unpaid, and accepts it once paid', async () => {
		const { items } = await runNetzme(env, { resource: 'invoice', operation: 'createTransaction', amount: 3000 });
		const trigger = await listen({ verifyByLookup: true });
		const invoice = env.sim.state.invoices[0];
		const early = env.sim.invoicePaidCallback(invoice);
		expect(await env.sim.postCallback(trigger.url, early, { retries: 0 })).toEqual([422]);
		expect(trigger.responses[0].body).toContain('Netzme reports the transaction as INIT');
		const paid = env.sim.payInvoice(items[0].json.trxId as string);
		expect(await env.sim.postCallback(trigger.url, paid)).toEqual([200]);
		expect(trigger.emitted[0][0].json.verification).toMatchObject({ status: 'SUCCESS', amount: 3000 });
	});

	it('answers 503 while Netzme cannot be asked, so Netzme’s retry gets it through once', async () => {
		const trigger = await listen({ verifyByLookup: true });
		const callback = env.sim.payQris('M_czBSCDVY', 4000);
		env.sim.inject({ kind: '503', pathPrefix: '/api/aggregator/merchant/qris/acquire', times: 2 });
		expect(await env.sim.postCallback(trigger.url, callback)).toEqual([503, 200]);
		expect(trigger.emitted).toHaveLength(1);
	});
});

describe('registration lifecycle', () => {
	it('remembers the URL to give Netzme, since Netzme registers callbacks by hand', async () => {
		const staticData: IDataObject = {};
		const url = 'https://n8n.example/webhook/abc/webhook';
		const context = { getWorkflowStaticData: () => staticData, getNodeWebhookUrl: () => url } as never;
		const methods = new NetzmeTrigger().webhookMethods.default;
		expect(await methods.checkExists.call(context)).toBe(false);
		expect(await methods.create.call(context)).toBe(true);
		expect(await methods.checkExists.call(context)).toBe(true);
		expect(await methods.delete.call(context)).toBe(true);
		expect(staticData).toEqual({});
	});
});
