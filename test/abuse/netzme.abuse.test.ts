import { netzmePinHash } from '../../credentials/netzmePin';
import type { FaultKind } from '../../simulators/netzme/NetzmeSimulator';
import { useVirtualTime } from '../harness/virtualTime';
import { CREDENTIAL_ID, runNetzme, storedToken, useNetzme } from '../Netzme/setup';
import { type AbuseCase, type AbuseTable, clean, recordVerdicts, runAbuse } from './abuseCase';

const env = useNetzme();
const virtual = useVirtualTime(env.sim);
recordVerdicts('Netzme');

const table: AbuseTable = {
	node: 'Netzme',
	run: async (parameters, input) => await runNetzme(env, parameters, { input, continueOnFail: true }),
	requests: () => env.sim.requests.length,
	waits: () => virtual.time.waits,
};

const secrets = () => ({
	clientSecret: env.sim.options.clientSecret,
	basic: Buffer.from(`${env.sim.options.clientId}:${env.sim.options.clientSecret}`).toString('base64'),
	invoiceToken: env.sim.options.invoiceToken,
	accessToken: storedToken(env),
	pinHash: netzmePinHash(env.sim.options.clientId, 'M_czBSCDVY', '123456'),
	callbackPassword: 'cb-password',
	callbackToken: 'cb-token-123',
});
const fast = { requestOptions: { timeout: 1, maxRetries: 2 } };
const NOTIF = '/api/aggregator/merchant/payment/notif';
const SUBMIT = '/api/aggregator/merchant/qr/withdraw';
const posts = (path: string) => () => env.sim.requests.filter((request) => request.method === 'POST' && request.path === path).length;
const notify = { resource: 'splitFee', operation: 'notify', transactionId: '={{ $json.tx }}', paidAmount: 50000, mdrFeeAmount: 350, ...fast };
const twoOrders = [{ tx: 'ORDER-1' }, { tx: 'ORDER-2' }];
const balance = { resource: 'balance', operation: 'get' };

/** An unclear failure of the first split-fee notification, which moves deposit money: not resent. */
const unclearNotify = (kind: FaultKind): AbuseCase => ({
	name: `${kind} on a split-fee notification is not resent`,
	parameters: notify,
	input: twoOrders,
	setup: () => env.sim.inject({ kind, method: 'POST', path: NOTIF, processed: true }),
	secrets,
	writes: posts(NOTIF),
	errors: 1,
});

const cases: AbuseCase[] = [
	{
		name: 'bad input: amount 1.5',
		parameters: { resource: 'withdraw', operation: 'submit', amount: '={{ $json.amount }}', pin: "={{ '123456' }}" },
		input: [{ amount: 1.5 }],
		secrets,
		writes: posts(SUBMIT),
		field: 'Amount',
		errors: 1,
	},
	{
		name: 'bad input: phone numbers that are not Indonesian',
		parameters: { resource: 'merchant', operation: 'getByPhone', phoneNumber: '={{ $json.phone }}' },
		input: [{ phone: 'abc' }, { phone: '0812 3456 7890' }, { phone: '+1 415 555 0100' }],
		secrets,
		field: 'Phone Number',
		errors: 2,
	},
	{
		name: "bad input: merchant id with '..'",
		parameters: { resource: 'deposit', operation: 'getBalance', merchantId: '={{ $json.merchant }}' },
		input: [{ merchant: 'M_czBSCDVY/../x' }, { merchant: 'M_czBSCDVY' }],
		secrets,
		field: 'Merchant ID',
		errors: 1,
	},
	{
		name: 'bad input: a date that is not one',
		parameters: { resource: 'deposit', operation: 'getTransactions', startDate: '={{ $json.start }}', endDate: '2024-05-01' },
		input: [{ start: '2024-02-30' }],
		secrets,
		field: 'Start Date',
		errors: 1,
	},
	{
		name: 'token request refused with the request echoed (401)',
		parameters: balance,
		input: [{}, {}],
		setup: () => (env.sim.options.echoTokenRequest = true),
		secrets,
		errors: 2,
	},
	{
		name: '429 on a withdrawal is a refusal: resent once allowed, withdrawn once',
		parameters: { resource: 'withdraw', operation: 'submit', amount: 37995, pin: "={{ '123456' }}" },
		input: [{}],
		setup: () => env.sim.inject({ kind: '429', method: 'POST', path: SUBMIT }),
		secrets,
		writes: () => posts(SUBMIT)() - 1, // the refused 429 is not a withdrawal
		errors: 0,
	},
	{
		name: '502 on every balance read gives up after Max Retries',
		parameters: { ...balance, ...fast },
		input: [{}, {}],
		setup: () => env.sim.inject({ kind: '502', pathPrefix: '/api/aggregator/merchant/qr/balance', times: 100 }),
		secrets,
		errors: 2,
	},
	unclearNotify('500'),
	unclearNotify('502'),
	unclearNotify('503'),
	unclearNotify('504'),
	unclearNotify('reset'),
	unclearNotify('timeout'),
	unclearNotify('malformed'),
	unclearNotify('truncated'),
	{
		name: '429 without any rate hint on a balance read is retried after the default wait',
		parameters: { ...balance, ...fast },
		input: [{}, {}],
		setup: () => env.sim.inject({ kind: '429', pathPrefix: '/api/aggregator/merchant/qr/balance', hint: false }),
		secrets,
		errors: 0,
	},
	{
		name: 'withdrawal echoed back (JSON 400) keeps the PIN hash and token out',
		parameters: { resource: 'withdraw', operation: 'submit', amount: 37995, pin: '' },
		input: [{}],
		setup: () => {
			env.store.get(CREDENTIAL_ID).data.withdrawalPinSecret = '123456';
			env.sim.inject({ kind: 'echo', path: SUBMIT });
		},
		secrets,
		writes: posts(SUBMIT),
		errors: 1,
	},
	{
		name: 'invoice create echoed back (text 200) keeps the invoice token out',
		parameters: { resource: 'invoice', operation: 'createTransaction', amount: 25000 },
		input: [{}, {}],
		setup: () => env.sim.inject({ kind: 'echo200', pathPrefix: '/api/v1/invoice' }),
		secrets,
		writes: () => env.sim.requests.filter((request) => request.host === 'invoice').length,
		errors: 1,
	},
];

describe('Netzme abuse table', () => {
	afterEach(() => (env.sim.options.echoTokenRequest = false));

	it.each(cases.map((abuse) => [abuse.name, abuse] as const))('%s', async (_name, abuse) => {
		const verdict = await runAbuse(table, abuse);
		expect(verdict).toEqual(clean(verdict));
	});
});
