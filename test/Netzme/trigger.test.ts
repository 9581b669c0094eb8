import type { IDataObject } from 'n8n-workflow';

import { NetzmeTrigger } from '../../nodes/Netzme/NetzmeTrigger.node';
import { secretsMatch } from '../../nodes/shared/webhookSecret';
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
const started = '{"message":"Workflow started","items":1}';
const duplicate = '{"message":"Callback already received","duplicate":true}';
const post = async (url: string, body: string, contentType = 'application/json') =>
	await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });

describe('callbacks', () => {
	it('emits a QRIS payment Netzme confirms, its identity and amounts from Netzme’s record', async () => {
		const trigger = await listen();
		const callback = env.sim.payQris('M_czBSCDVY', 2100);
		expect(await env.sim.postCallback(trigger.url, callback)).toEqual([200]);
		expect(trigger.responses[0].body).toBe(started);
		expect(emittedJson(trigger)).toEqual([
			[
				{
					event: 'qrisPayment',
					...callback,
					amount: 2100,
					netAmount: 2085,
					merchantFee: 15,
					status: 'SUCCESS',
					confirmedByNetzme: true,
					verification: expect.objectContaining({ rrn: callback.referenceId, transactionId: callback.transactionId, merchantId: 'M_czBSCDVY', amount: 2100 }),
				},
			],
		]);
		expect(env.sim.tokoCalls()).toEqual([`GET /api/aggregator/merchant/qris/acquire/transaction/${String(callback.referenceId)}`]);
	});

	it('keeps Netzme’s amounts as text when Simplify is off', async () => {
		const trigger = await listen({ simplify: false });
		const callback = env.sim.payQris('M_czBSCDVY', 2100);
		await env.sim.postCallback(trigger.url, callback);
		expect(trigger.emitted[0][0].json).toMatchObject({ event: 'qrisPayment', ...callback, status: 'SUCCESS', amount: 'IDR 2100.00' });
		expect((trigger.emitted[0][0].json.verification as IDataObject).amount).toBe('IDR 2100.00');
	});

	it('emits an invoice paid for an invoice the node created', async () => {
		const { items } = await runNetzme(env, { resource: 'invoice', operation: 'createTransaction', amount: 45000 });
		const trigger = await listen();
		const callback = env.sim.payInvoice(items[0].json.trxId as string);
		expect(await env.sim.postCallback(trigger.url, callback)).toEqual([200]);
		expect(trigger.emitted[0][0].json).toMatchObject({
			event: 'invoicePaid',
			id: callback.id,
			transaction_id: items[0].json.trxId,
			merchant: 'M_czBSCDVY',
			status: 'SUCCESS',
			amount: 45000,
			confirmedByNetzme: true,
		});
	});

	it('answers callbacks it is not subscribed to with 200 and starts nothing', async () => {
		const trigger = await listen({ events: ['invoicePaid'] });
		expect(await env.sim.postCallback(trigger.url, env.sim.payQris('M_czBSCDVY', 1000))).toEqual([200]);
		expect(trigger.emitted).toHaveLength(0);
		expect(JSON.parse(trigger.responses[0].body)).toEqual({ message: 'Callback received, not subscribed', event: 'qrisPayment' });
		expect(env.sim.tokoCalls()).toEqual([]);
	});

	it('passes other callbacks on when asked, unconfirmed, deduplicated on their bytes', async () => {
		const trigger = await listen({ events: ['other'] });
		const withdrawal = { originalReferenceNo: 'WD000001', amount: 'IDR 37995.00', status: 'SUCCESS' };
		expect(await env.sim.postCallback(trigger.url, withdrawal, { deliveries: 2 })).toEqual([200, 200]);
		expect(emittedJson(trigger)).toEqual([[{ event: 'other', originalReferenceNo: 'WD000001', amount: 37995, status: 'SUCCESS', confirmedByNetzme: false }]]);
	});
});

describe('malformed callbacks get 400 with a reason and start nothing', () => {
	const payment = () => env.sim.payQris('M_czBSCDVY', 1000);
	it.each([
		['broken JSON', () => '{"amount": ', 'application/json', 'not valid JSON'],
		['a JSON string', () => '"pay_qris"', 'application/json', 'must be a JSON object'],
		['a JSON array', () => JSON.stringify([payment()]), 'application/json', 'must be a JSON object'],
		['an empty object', () => '{}', 'application/json', 'the body is empty'],
		['text/plain', () => JSON.stringify(payment()), 'text/plain', 'Content-Type must be application/json'],
		['an object as referenceId', () => JSON.stringify({ ...payment(), referenceId: { $ne: 1 } }), 'application/json', 'referenceId'],
		['a number as transactionId with dots', () => JSON.stringify({ ...payment(), transactionId: '..' }), 'application/json', 'transactionId'],
		['a referenceId of ".." (it is looked up in a request path)', () => JSON.stringify({ ...payment(), referenceId: '..' }), 'application/json', 'referenceId'],
		['an invoice transaction_id of "."', () => JSON.stringify({ transaction_id: '.', id: 'NETZ-INV-1', amount: 1000 }), 'application/json', 'transaction_id'],
		['no amount', () => JSON.stringify({ ...payment(), amount: undefined }), 'application/json', 'amount is missing'],
		['an amount of "lots"', () => JSON.stringify({ ...payment(), amount: 'lots' }), 'application/json', 'amount is missing or not an amount'],
		['an invoice without its id', () => JSON.stringify({ transaction_id: 'TRX-1', amount: 1000 }), 'application/json', 'id (the invoice id)'],
	])('%s', async (_case, body, contentType, reason) => {
		const trigger = await listen();
		const response = await post(trigger.url, body(), contentType);
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(reason);
		expect(trigger.emitted).toHaveLength(0);
		expect(env.sim.tokoCalls()).toEqual([]);
	});
});

describe('at most one execution per payment', () => {
	it('emits once when Netzme delivers the same QRIS payment four times', async () => {
		const trigger = await listen();
		const callback = env.sim.payQris('M_czBSCDVY', 5000);
		expect(await env.sim.postCallback(trigger.url, callback, { deliveries: 4 })).toEqual([200, 200, 200, 200]);
		expect(trigger.emitted).toHaveLength(1);
		expect(trigger.responses.map((response) => response.body)).toEqual([started, duplicate, duplicate, duplicate]);
	});

	it('emits once when three deliveries arrive together, asking Netzme once', async () => {
		const trigger = await listen();
		const callback = env.sim.payQris('M_czBSCDVY', 5000);
		const statuses = await Promise.all([1, 2, 3].map(async () => await env.sim.postCallback(trigger.url, callback, { retries: 0 })));
		expect(statuses).toEqual([[200], [200], [200]]);
		expect(trigger.emitted).toHaveLength(1);
		expect(env.sim.tokoCalls().filter((call) => call.includes('/qris/acquire/'))).toHaveLength(1);
	});

	it('remembers across a restart through the workflow’s saved static data alone', async () => {
		const first = await listen();
		const callback = env.sim.payQris('M_czBSCDVY', 5000);
		await env.sim.postCallback(first.url, callback);
		const saved = first.staticData;
		await first.close();
		const nodeData = Object.values(saved)[0] as IDataObject;
		expect(Object.keys(nodeData.seenEvents as IDataObject)).toEqual([`qris:${String(callback.referenceId)}`]);

		// Another workflow id: the in-process claims do not carry over, as after a restart.
		const second = await listen({}, saved);
		await env.sim.postCallback(second.url, callback);
		await env.sim.postCallback(second.url, env.sim.payQris('M_czBSCDVY', 6000));
		expect(second.emitted).toHaveLength(1);
		expect(second.emitted[0][0].json.amount).toBe(6000);
	});

	it('tells invoices apart by their transaction id', async () => {
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
		expect(trigger.responses.at(-1)!.body).toBe(started);
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
		expect(secretsMatch('cb-token-123', 'cb-token-123')).toBe(true);
		expect(secretsMatch('cb-token-123', 'cb-token-12')).toBe(false);
		expect(secretsMatch('cb-token-123', '')).toBe(false);
		expect(secretsMatch('cb-token-123', 'cb-token-124')).toBe(false);
	});
});

describe('confirmation with Netzme (on by default)', () => {
	it('refuses a forged QRIS payment Netzme does not know (422, not emitted)', async () => {
		const trigger = await listen();
		const forged = { type: 'pay_qris', merchantUserId: 'M_czBSCDVY', transactionId: 'FAKE-1', referenceId: '999999999999', amount: 'IDR 99999999.00' };
		expect(await env.sim.postCallback(trigger.url, forged, { retries: 0 })).toEqual([422]);
		expect(trigger.responses[0].body).toContain('Netzme has no such transaction');
		expect(trigger.emitted).toHaveLength(0);
	});

	it.each([
		['another transactionId', { transactionId: 'QRIS-9999' }, 'transactionId differs'],
		['another amount', { amount: 'IDR 1000000.00' }, "the amount differs from Netzme's record"],
		['another merchant', { merchantUserId: 'M_other' }, 'merchantUserId differs'],
	])('refuses a replay of a real QRIS payment with %s, and still emits the real one once', async (_case, change, reason) => {
		const trigger = await listen();
		const real = env.sim.payQris('M_czBSCDVY', 1000);
		expect(await env.sim.postCallback(trigger.url, { ...real, ...change }, { retries: 0 })).toEqual([422]);
		expect(trigger.responses[0].body).toContain(reason);
		expect(await env.sim.postCallback(trigger.url, real, { deliveries: 2 })).toEqual([200, 200]);
		expect(await env.sim.postCallback(trigger.url, { ...real, ...change }, { retries: 0 })).toEqual([200]);
		expect(emittedJson(trigger)).toEqual([[expect.objectContaining({ transactionId: real.transactionId, amount: 1000 })]]);
	});

	it('refuses a paid invoice replayed with the id of another, unpaid invoice', async () => {
		await runNetzme(env, { resource: 'invoice', operation: 'createTransaction', amount: 1000 });
		await runNetzme(env, { resource: 'invoice', operation: 'createTransaction', amount: 5000000 });
		const [small, large] = env.sim.state.invoices;
		const trigger = await listen();
		const replay = { ...env.sim.payInvoice(small.trxId), id: large.id };
		expect(await env.sim.postCallback(trigger.url, replay, { retries: 0 })).toEqual([422]);
		expect(trigger.responses[0].body).toContain("id differs from Netzme's record");
		expect(trigger.emitted).toHaveLength(0);
	});

	it('refuses an invoice-paid callback for an invoice still unpaid, and accepts it once paid', async () => {
		const { items } = await runNetzme(env, { resource: 'invoice', operation: 'createTransaction', amount: 3000 });
		const trigger = await listen();
		const invoice = env.sim.state.invoices[0];
		const early = env.sim.invoicePaidCallback(invoice);
		expect(await env.sim.postCallback(trigger.url, early, { retries: 0 })).toEqual([422]);
		expect(trigger.responses[0].body).toContain('Netzme reports the transaction as INIT');
		const paid = env.sim.payInvoice(items[0].json.trxId as string);
		expect(await env.sim.postCallback(trigger.url, paid)).toEqual([200]);
		expect(trigger.emitted[0][0].json.verification).toMatchObject({ status: 'SUCCESS', amount: 3000 });
	});

	it('answers 503 while Netzme cannot be asked, so Netzme’s retry gets it through once', async () => {
		const trigger = await listen();
		const callback = env.sim.payQris('M_czBSCDVY', 4000);
		env.sim.inject({ kind: '503', pathPrefix: '/api/aggregator/merchant/qris/acquire', times: 2 });
		expect(await env.sim.postCallback(trigger.url, callback)).toEqual([503, 200]);
		expect(trigger.emitted).toHaveLength(1);
	});

	it('shares the node’s stored token', async () => {
		await runNetzme(env, { resource: 'balance', operation: 'get' });
		const trigger = await listen();
		await env.sim.postCallback(trigger.url, env.sim.payQris('M_czBSCDVY', 7500));
		expect(env.sim.tokensIssued).toBe(1);
	});

	it('passes the callback on as sent, marked unconfirmed, only when the user turns confirmation off', async () => {
		const trigger = await listen({ confirmWithNetzme: false });
		const forged = { type: 'pay_qris', merchantUserId: 'M_czBSCDVY', transactionId: 'FAKE-1', referenceId: '999999999999', amount: 'IDR 5.00' };
		expect(await env.sim.postCallback(trigger.url, forged, { deliveries: 2 })).toEqual([200, 200]);
		expect(emittedJson(trigger)).toEqual([[{ event: 'qrisPayment', ...forged, amount: 5, confirmedByNetzme: false }]]);
		expect(env.sim.tokoCalls()).toEqual([]);
		const notice = new NetzmeTrigger().description.properties.find((property) => property.name === 'unconfirmedWarning');
		expect(notice).toMatchObject({ type: 'notice', displayOptions: { show: { confirmWithNetzme: [false] } } });
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
