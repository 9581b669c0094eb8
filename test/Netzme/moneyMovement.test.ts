import type { Fault } from '../../simulators/netzme/NetzmeSimulator';
import { balance, runNetzme, useNetzme } from './setup';

/* Reads and inquiries are resent after a transient failure; anything that moves money or
 * creates something payable is sent once and, when the answer is unclear, reported as
 * "may have happened" instead of being resent. 429 and 401 are refusals before processing,
 * so those are always resent. */

const env = useNetzme();

const submit = { resource: 'withdraw', operation: 'submit', amount: 37995, pin: "={{ '123456' }}" };
const notify = { resource: 'splitFee', operation: 'notify', transactionId: 'ORDER-77', paidAmount: 50000, mdrFeeAmount: 350 };
const fast = { requestOptions: { timeout: 1, maxRetries: 2 } };

const calls = (path: string) => env.sim.requests.filter((request) => request.path === path);
const SUBMIT = '/api/aggregator/merchant/qr/withdraw';
const NOTIF = '/api/aggregator/merchant/payment/notif';

describe('reads are retried', () => {
	it('a balance read survives one 503', async () => {
		env.sim.inject({ kind: '503', pathPrefix: '/api/aggregator/merchant/qr/balance' });
		const { items, nodeError } = await runNetzme(env, balance);
		expect(nodeError).toBeUndefined();
		expect(items[0].json.totalBalance).toBe(150000);
		expect(calls('/api/aggregator/merchant/qr/balance/detail').map((call) => call.status)).toEqual([503, 200]);
	});

	it('a withdraw inquiry (a POST that moves nothing) survives a dropped connection, with a new requestId', async () => {
		env.sim.inject({ kind: 'reset', pathPrefix: '/api/aggregator/merchant/qr/withdraw/inquiry' });
		const { items, nodeError } = await runNetzme(env, { resource: 'withdraw', operation: 'inquiry' });
		expect(nodeError).toBeUndefined();
		expect(items[0].json.withdrawalAmount).toBe(37995);
		const ids = calls('/api/aggregator/merchant/qr/withdraw/inquiry').map((call) => (call.body as { requestId: string }).requestId);
		expect(ids).toHaveLength(2);
		expect(new Set(ids).size).toBe(2);
	});

	it('stops after Max Retries with an error naming the reach problem', async () => {
		env.sim.inject({ kind: '502', pathPrefix: '/api/aggregator/merchant/qr/balance', times: 5 });
		const { nodeError } = await runNetzme(env, { ...balance, requestOptions: { maxRetries: 1 } });
		expect(nodeError?.message).toMatch(/^Netzme: HTTP 502/);
		expect(calls('/api/aggregator/merchant/qr/balance/detail')).toHaveLength(2);
	});
});

describe('money movement is never resent after an ambiguous failure', () => {
	it.each<[string, Fault]>([
		['a 503 after processing', { kind: '503', processed: true }],
		['a 500 before processing', { kind: '500' }],
		['a dropped connection', { kind: 'reset', processed: true }],
		['an HTML page with HTTP 200', { kind: 'malformed', processed: true }],
	])('withdraw submit: %s → one attempt, "may have been carried out"', async (_, fault) => {
		env.sim.inject({ ...fault, method: 'POST', path: SUBMIT });
		const { nodeError } = await runNetzme(env, { ...submit, ...fast });
		expect(nodeError?.message).toMatch(/^Netzme did not confirm POST \/api\/aggregator\/merchant\/qr\/withdraw \(.*\); it may have been carried out anyway$/);
		expect((nodeError as { description?: string }).description).toMatch(/not resent.*Check the merchant’s balance/);
		expect(calls(SUBMIT)).toHaveLength(1);
		expect(env.sim.state.withdrawals.length).toBe(fault.processed ? 1 : 0);
	});

	it('withdraw submit that times out is not resent', async () => {
		env.sim.inject({ kind: 'timeout', method: 'POST', path: SUBMIT, processed: true });
		const { nodeError } = await runNetzme(env, { ...submit, ...fast });
		expect(nodeError?.message).toMatch(/^Netzme did not confirm POST \/api\/aggregator\/merchant\/qr\/withdraw \(no answer within the timeout\); it may have been carried out anyway$/);
		expect(calls(SUBMIT)).toHaveLength(1);
		expect(env.sim.state.withdrawals).toHaveLength(1);
	});

	it('split fee notification: a 502 is reported, not resent, and the deposit moved once', async () => {
		env.sim.inject({ kind: '502', pathPrefix: NOTIF, processed: true });
		const { nodeError } = await runNetzme(env, { ...notify, ...fast });
		expect(nodeError?.message).toMatch(/^Netzme did not confirm POST \/api\/aggregator\/merchant\/payment\/notif/);
		expect(calls(NOTIF)).toHaveLength(1);
		expect(env.sim.state.merchant('M_czBSCDVY')!.depositBalance).toBe(500000 - 350);
	});

	it('an invoice create that fails ambiguously is not resent', async () => {
		env.sim.inject({ kind: '503', pathPrefix: '/api/v1/invoice', processed: true });
		const { nodeError } = await runNetzme(env, { resource: 'invoice', operation: 'createTransaction', amount: 1000, ...fast });
		expect(nodeError?.message).toMatch(/^Netzme did not confirm POST \/api\/v1\/invoice\/createTransaction/);
		expect(env.sim.requests.filter((request) => request.host === 'invoice')).toHaveLength(1);
	});

	it('429 is a refusal, so a withdraw submit is resent once Netzme allows, and happens once', async () => {
		env.sim.inject({ kind: '429', method: 'POST', path: SUBMIT });
		const { nodeError, items } = await runNetzme(env, submit);
		expect(nodeError).toBeUndefined();
		expect(items[0].json.withdrawalAmount).toBe(37995);
		expect(calls(SUBMIT).map((call) => call.status)).toEqual([429, 200]);
		expect(env.sim.state.withdrawals).toHaveLength(1);
	});

	it('401 is a refusal, so a split fee is re-signed with a fresh token and sent again, once', async () => {
		await runNetzme(env, balance);
		env.sim.issueTokenElsewhere();
		const { nodeError } = await runNetzme(env, notify);
		expect(nodeError).toBeUndefined();
		expect(calls(NOTIF).map((call) => call.status)).toEqual([401, 200]);
		expect(env.sim.state.splitFees).toHaveLength(1);
	});

	it('every POST carries its own requestId, a resend included', async () => {
		await runNetzme(env, { resource: 'withdraw', operation: 'inquiry' }, { input: Array.from({ length: 5 }, () => ({})) });
		env.sim.inject({ kind: '429', method: 'POST', pathPrefix: NOTIF });
		await runNetzme(env, notify);
		const ids = env.sim.requests.filter((request) => request.method === 'POST' && request.host === 'toko' && request.path !== '/oauth/merchant/accesstoken').map((request) => (request.body as { requestId: string }).requestId);
		expect(ids).toHaveLength(7);
		expect(new Set(ids).size).toBe(7);
		for (const id of ids) expect(id).toMatch(new RegExp(`^${env.sim.options.clientId}\\d{23}$`));
	});
});
