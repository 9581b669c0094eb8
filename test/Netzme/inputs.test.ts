import type { IDataObject } from 'n8n-workflow';

import { CREDENTIAL_ID, runNetzme, storedToken, useNetzme } from './setup';

const env = useNetzme();

const description = (error: unknown) => (error as { description?: string } | undefined)?.description;

async function failure(parameters: IDataObject, input?: IDataObject[]) {
	const { nodeError } = await runNetzme(env, parameters, { input });
	expect(nodeError).toBeDefined();
	return nodeError!;
}

describe('bad inputs are refused per item, naming the field, before anything is sent', () => {
	it('a withdrawal amount different from the inquiry’s', async () => {
		const error = await failure({ resource: 'withdraw', operation: 'submit', amount: 40000, pin: "={{ '123456' }}" });
		expect(error.message).toBe("'Amount' 40000 differs from the 37995 that Netzme's withdrawal inquiry offers");
		expect(description(error)).toMatch(/Nothing was withdrawn.*map its withdrawalAmount/);
		expect(env.sim.tokoCalls()).toEqual(['POST /api/aggregator/merchant/qr/withdraw/inquiry']);
		expect(env.sim.state.merchant('M_czBSCDVY')!.settledBalance).toBe(37995);
	});

	it('a deposit withdrawal amount different from the inquiry’s', async () => {
		const error = await failure({ resource: 'deposit', operation: 'withdraw', amount: 1, pin: "={{ '123456' }}" });
		expect(error.message).toBe("'Amount' 1 differs from the 500000 that Netzme's deposit withdrawal inquiry offers");
		expect(env.sim.tokoCalls()).toEqual(['GET /api/aggregator/merchant/deposit/withdraw/inquiry']);
	});

	it.each([
		[100.5, /'Amount' must be a whole number of rupiah above 0 \(got 100.5\)/],
		[0, /'Amount' must be a whole number of rupiah above 0 \(got 0\)/],
	])('a withdrawal amount of %p', async (amount, message) => {
		const error = await failure({ resource: 'withdraw', operation: 'submit', amount, pin: "={{ '123456' }}" });
		expect(error.message).toMatch(message);
		expect(env.sim.requests).toHaveLength(0);
	});

	it('a date range that ends before it starts', async () => {
		const error = await failure({ resource: 'transaction', operation: 'getMany', startDate: '2024-05-03', endDate: '2024-05-01' });
		expect(error.message).toBe("'Start Date' (20240503) is after 'End Date' (20240501)");
		expect(description(error)).toContain('Swap the dates');
		expect(env.sim.requests).toHaveLength(0);
	});

	it.each([['yesterday'], ['2024-02-30'], ['2024-13-01']])('a date that is not one: %p', async (startDate) => {
		const error = await failure({ resource: 'deposit', operation: 'getTransactions', startDate, endDate: '2024-05-01' });
		expect(error.message).toBe(`'Start Date' is not a date: ${JSON.stringify(startDate)}`);
		expect(description(error)).toContain('YYYY-MM-DD');
	});

	it('takes the Jakarta day of an instant with a zone', async () => {
		await runNetzme(env, { resource: 'transaction', operation: 'getMany', startDate: '2024-05-02T17:30:00Z', endDate: '20240503', returnAll: true });
		expect(env.sim.requests.pop()?.query).toMatchObject({ startdate: '20240503', enddate: '20240503' });
	});

	it.each([['abc'], ['12345'], ['+1 415 555 0100'], ['62-812']])('a phone number that is not Indonesian: %p', async (phoneNumber) => {
		const error = await failure({ resource: 'merchant', operation: 'getByPhone', phoneNumber });
		expect(error.message).toBe(`'Phone Number' is not an Indonesian phone number: ${JSON.stringify(phoneNumber)}`);
		expect(description(error)).toContain('6281234567890');
		expect(env.sim.requests).toHaveLength(0);
	});

	it('accepts the local 08… form', async () => {
		const { items } = await runNetzme(env, { resource: 'merchant', operation: 'getByPhone', phoneNumber: '0812 3456 7890' });
		expect(items[0].json.userId).toBe('M_czBSCDVY');
	});

	it('no merchant ID anywhere', async () => {
		env.store.get(CREDENTIAL_ID).data.defaultMerchantId = '';
		const error = await failure({ resource: 'balance', operation: 'get' });
		expect(error.message).toBe("'Merchant ID' is required");
		expect(description(error)).toContain('Default Merchant ID in the Netzme credential');
	});

	it('a merchant ID that would change the signed path', async () => {
		const error = await failure({ resource: 'deposit', operation: 'getBalance', merchantId: 'M_czBSCDVY/../x' });
		expect(error.message).toMatch(/^'Merchant ID' is not a Netzme merchant ID/);
	});

	it('a PIN that is not 6 digits, without echoing it', async () => {
		const error = await failure({ resource: 'pin', operation: 'create', merchantId: 'M_pXAFWzCg', pin: "={{ '98765' }}" });
		expect(error.message).toBe("'PIN' must be exactly 6 digits");
		expect(JSON.stringify(error)).not.toContain('98765');
		expect(env.sim.requests).toHaveLength(0);
	});

	it('a PIN typed as a fixed value, which n8n would keep in plain text, per item and without echoing it', async () => {
		const { items } = await runNetzme(
			env,
			{ resource: 'pin', operation: 'create', merchantId: 'M_pXAFWzCg', pin: '246810' },
			{ input: [{}, {}], continueOnFail: true },
		);
		expect(items.map((item) => item.json.error)).toEqual([expect.stringMatching(/^'PIN' is a fixed value/), expect.stringMatching(/^'PIN' is a fixed value/)]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(JSON.stringify(items)).not.toContain('246810');
		expect(env.sim.requests).toHaveLength(0);
	});

	it('a PIN left empty falls back to the credential’s Withdrawal PIN, and fails clearly when there is none', async () => {
		const missing = await failure({ resource: 'withdraw', operation: 'submit', amount: 37995 });
		expect(missing.message).toBe("'PIN' must be exactly 6 digits");
		expect(description(missing)).toContain('Withdrawal PIN in the Netzme credential');
		env.store.get(CREDENTIAL_ID).data.withdrawalPinSecret = '123456';
		const { items, nodeError } = await runNetzme(env, { resource: 'withdraw', operation: 'submit', amount: 37995 });
		expect(nodeError).toBeUndefined();
		expect(items[0].json.withdrawalAmount).toBe(37995);
	});

	it.each([
		[{ amount: 0 }, /^'Amount' must be a whole number of rupiah above 0/],
		[{ amount: 1000, additionalFields: { terminal_id: 'AA1' } }, /^'Terminal ID' must be a letter and two digits/],
		[{ amount: 1000, additionalFields: { splitFees: '{"a":1}' } }, /^'Split Fees \(JSON\)' must be a JSON array/],
		[{ amount: 1000, additionalFields: { splitFees: '[oops' } }, /^'Split Fees \(JSON\)' is not valid JSON/],
	])('invoice fields %p', async (fields, message) => {
		const error = await failure({ resource: 'invoice', operation: 'createTransaction', ...fields });
		expect(error.message).toMatch(message);
		expect(env.sim.requests).toHaveLength(0);
	});

	it('a validated invoice without a partner ID', async () => {
		const error = await failure({ resource: 'invoice', operation: 'createValidated', amount: 1000, partnerTransactionId: ' ' });
		expect(error.message).toBe("'Partner Transaction ID' is required");
	});

	it('a receipt that is not a JSON object', async () => {
		const error = await failure({ resource: 'receipt', operation: 'create', receiptJson: '{"items": [' });
		expect(error.message).toBe("'Receipt (JSON)' is not valid JSON");
	});

	it('an ID with spaces', async () => {
		const error = await failure({ resource: 'transaction', operation: 'getByRrn', rrn: '2405 01' });
		expect(error.message).toMatch(/^'RRN' may only contain letters, digits/);
	});
});

describe('Netzme business errors in HTTP 200 bodies', () => {
	it('404: no active merchant for the phone', async () => {
		const error = await failure({ resource: 'merchant', operation: 'getByPhone', phoneNumber: '6281300000000' });
		expect(error.message).toBe('Netzme: merchant_not_found (404): merchant not found or inactive');
		expect(description(error)).toContain('Check the phone number');
	});

	it('302: a merchant of another aggregator', async () => {
		const error = await failure({ resource: 'withdraw', operation: 'inquiry', merchantId: 'M_NOTOURS' });
		expect(error.message).toBe('Netzme: invalid_merchant (302): invalid merchant');
		expect((error as { httpCode?: string }).httpCode).toBe('200');
	});

	it('an unknown invoice transaction', async () => {
		const error = await failure({ resource: 'transaction', operation: 'getInvoiceStatus', trxId: 'TRX-NOPE' });
		expect(error.message).toBe('Netzme: merchant_not_found (404): transaction not found');
	});

	it('keeps going with continueOnFail: one output per item, in order, paired', async () => {
		const { items } = await runNetzme(
			env,
			{ resource: 'merchant', operation: 'getByPhone', phoneNumber: '={{ $json.phone }}' },
			{ input: [{ phone: '6281234567890' }, { phone: 'nope' }, { phone: '6289999999999' }, { phone: '6285711112222' }], continueOnFail: true },
		);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json.userId).toBe('M_czBSCDVY');
		expect(items[1].json.error).toMatch(/^'Phone Number' is not an Indonesian phone number/);
		expect(items[2].json.error).toMatch(/^Netzme: merchant_not_found \(404\)/);
		expect(items[3].json.userId).toBe('M_pXAFWzCg');
		expect(env.sim.tokensIssued).toBe(1);
	});
});

describe('secrets stay out of outputs and errors', () => {
	it('a wrong invoice token fails with a hint, fetches no OAuth token and leaks nothing', async () => {
		env.store.get(CREDENTIAL_ID).data.invoiceToken = 'not-the-invoice-token';
		const error = await failure({ resource: 'invoice', operation: 'createTransaction', amount: 1000 });
		expect(error.message).toBe('Netzme: the invoice host refused the invoice token (HTTP 401)');
		expect(description(error)).toContain('Invoice Token');
		expect(JSON.stringify(error)).not.toContain('not-the-invoice-token');
		expect(env.sim.tokensIssued).toBe(0);
	});

	it('no client secret, access token, invoice token or PIN hash in any output or error', async () => {
		const secrets = [env.sim.options.clientSecret, env.sim.options.invoiceToken];
		const runs = [
			await runNetzme(env, { resource: 'withdraw', operation: 'submit', amount: 37995, pin: "={{ '123456' }}", simplify: false }),
			await runNetzme(env, { resource: 'withdraw', operation: 'submit', amount: 37995, pin: "={{ '123456' }}" }),
			await runNetzme(env, { resource: 'pin', operation: 'create', pin: "={{ '123456' }}" }),
			await runNetzme(env, { resource: 'invoice', operation: 'createTransaction', amount: 1000, simplify: false }),
		];
		secrets.push(storedToken(env));
		const { pinHashFor } = await import('../../simulators/netzme/NetzmeSimulator');
		secrets.push(pinHashFor(env.sim.options.clientId, 'M_czBSCDVY', '123456'));
		for (const run of runs) {
			const text = JSON.stringify({ items: run.items, error: run.nodeError, description: description(run.nodeError) });
			for (const secret of secrets) expect(text).not.toContain(secret);
		}
	});
});

describe('ids that go into a signed request path', () => {
	const invoiceStatus = { resource: 'transaction', operation: 'getInvoiceStatus', trxId: '={{ $json.trxId }}' };

	async function twoInvoices(): Promise<string[]> {
		const ids: string[] = [];
		for (const amount of [1000, 2000]) {
			const { items } = await runNetzme(env, { resource: 'invoice', operation: 'createTransaction', amount });
			ids.push(items[0].json.trxId as string);
		}
		env.sim.requests.length = 0;
		return ids;
	}

	it("'..' fails its own item naming the field, signs and sends nothing for it, and the batch goes on", async () => {
		const [first, second] = await twoInvoices();
		const { items } = await runNetzme(env, invoiceStatus, { input: [{ trxId: first }, { trxId: '..' }, { trxId: second }], continueOnFail: true });
		expect(items).toHaveLength(3);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.trxId).toBe(first);
		expect(items[1].json.error).toBe(`'Invoice Transaction ID' is not an ID: ".."`);
		expect(items[2].json.trxId).toBe(second);
		expect(env.sim.tokoCalls()).toEqual([
			`GET /api/aggregator/merchant/invoice/transaction/${first}`,
			`GET /api/aggregator/merchant/invoice/transaction/${second}`,
		]);
	});

	it.each([
		['transaction', 'getInvoiceStatus', 'trxId', 'Invoice Transaction ID', '.'],
		['transaction', 'getInvoiceStatus', 'trxId', 'Invoice Transaction ID', '...'],
		['transaction', 'getByRrn', 'rrn', 'RRN', '..'],
		['deposit', 'getWithdrawal', 'trxId', 'Withdrawal Transaction ID', '..'],
	])('%s %s: %s (%s) %p is refused before anything is sent', async (resource, operation, name, label, value) => {
		const error = await failure({ resource, operation, [name]: value });
		expect(error.message).toBe(`'${label}' is not an ID: ${JSON.stringify(value)}`);
		expect(description(error)).toContain('climb a level of the request path');
		expect(env.sim.requests).toHaveLength(0);
	});

	it.each([['a/b'], ['a?b'], ['a#b'], ['%2e%2e'], ['a b']])('%p is refused before anything is sent', async (trxId) => {
		const error = await failure({ ...invoiceStatus, trxId });
		expect(error.message).toMatch(/^'Invoice Transaction ID' may only contain letters, digits/);
		expect(env.sim.requests).toHaveLength(0);
	});
});

describe('invoice amounts are whole rupiah within Netzme’s money format', () => {
	const invoice = { resource: 'invoice', operation: 'createTransaction', amount: '={{ $json.amount }}' };

	it.each([
		[1.5, "'Amount' must be a whole number of rupiah above 0 (got 1.5)"],
		[1e15, "'Amount' 1000000000000000 is more than Netzme's largest amount, 9,999,999,999,999 rupiah"],
		[-1000, "'Amount' must be a whole number of rupiah above 0 (got -1000)"],
	])('with continueOnFail, %p fails its own item and creates no invoice, the others go on', async (bad, message) => {
		const { items } = await runNetzme(env, invoice, { input: [{ amount: 1000 }, { amount: bad }, { amount: 2000 }], continueOnFail: true });
		expect(items).toHaveLength(3);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.trxId).toBeDefined();
		expect(items[1].json).toEqual({ error: message, description: expect.stringContaining("'Amount'") });
		expect(items[2].json.trxId).toBeDefined();
		const created = env.sim.requests.filter((request) => request.host === 'invoice').map((request) => (request.body as { request: { amount: number } }).request.amount);
		expect(created).toEqual([1000, 2000]);
	});

	it('says how to write the amount', async () => {
		const error = await failure({ resource: 'invoice', operation: 'createValidated', amount: 2.5, partnerTransactionId: 'P-1' });
		expect(error.message).toBe("'Amount' must be a whole number of rupiah above 0 (got 2.5)");
		expect(description(error)).toBe("Enter 'Amount' in whole rupiah (IDR has no cents in QRIS), without decimals or thousands separators, for example 25000");
		expect(env.sim.requests).toHaveLength(0);
	});
});
