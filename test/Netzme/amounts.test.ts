import type { IDataObject } from 'n8n-workflow';

import { runNetzme, useNetzme } from './setup';

const env = useNetzme();

const description = (error: unknown) => (error as { description?: string } | undefined)?.description;

async function refused(parameters: IDataObject) {
	const { nodeError } = await runNetzme(env, parameters);
	expect(nodeError).toBeDefined();
	// Refused before anything was sent: no token, no invoice, no inquiry.
	expect(env.sim.requests).toHaveLength(0);
	return nodeError!;
}

async function ok(parameters: IDataObject) {
	const { items, nodeError } = await runNetzme(env, parameters);
	if (nodeError) throw nodeError;
	return items.map((item) => item.json);
}

const lastBody = (path: string) => (env.sim.requests.filter((request) => request.path === path).pop()?.body ?? {}) as IDataObject;

const invoice = { resource: 'invoice', operation: 'createTransaction' };
const paymentLink = { resource: 'invoice', operation: 'createPaymentLink', paymentMethods: ['QRIS'] };
const splitFee = { resource: 'splitFee', operation: 'notify', transactionId: 'ORDER-1' };
const withdraw = { resource: 'withdraw', operation: 'submit', pin: "={{ '123456' }}" };
const depositWithdraw = { resource: 'deposit', operation: 'withdraw', pin: "={{ '123456' }}" };

describe('every typed amount is whole rupiah within its limits, refused per field before anything is sent', () => {
	it.each([
		['invoice Amount with cents', { ...invoice, amount: 25000.5 }, "'Amount' must be a whole number of rupiah above 0 (got 25000.5)"],
		['invoice Amount written with a thousands dot', { ...invoice, amount: "={{ '25.000' }}" }, "'Amount' must be a whole number of rupiah above 0 (got \"25.000\")"],
		['invoice Amount of 0', { ...invoice, amount: 0 }, "'Amount' must be a whole number of rupiah above 0 (got 0)"],
		['invoice Amount past the money format', { ...invoice, amount: 1e13 }, "'Amount' 10000000000000 is more than Netzme's largest amount, 9,999,999,999,999 rupiah"],
		['Basic Amount with cents', { ...invoice, amount: 25000, additionalFields: { basicAmount: 20000.5 } }, "'Basic Amount' must be a whole number of rupiah, 0 or more (got 20000.5)"],
		['negative Shipping Amount', { ...invoice, amount: 25000, additionalFields: { shippingAmount: -5000 } }, "'Shipping Amount' must be a whole number of rupiah, 0 or more (got -5000)"],
		['Commission Percentage over 100', { ...invoice, amount: 25000, additionalFields: { commission_percentage: 150 } }, "'Commission Percentage' must be a number from 0 to 100 (got 150)"],
		['a payment-link item priced with cents', { ...paymentLink, amount: 30000, itemDetails: { item: [{ name: 'Roti', amount: 1500.5, qty: 2 }] } }, "'Items → Amount' must be a whole number of rupiah, 0 or more (got 1500.5)"],
		['a payment-link item with half a quantity', { ...paymentLink, amount: 30000, itemDetails: { item: [{ name: 'Roti', amount: 1500, qty: 1.5 }] } }, "'Items → Quantity' must be a whole number of 1 or more (got 1.5)"],
		['split-fee Paid Amount with cents', { ...splitFee, paidAmount: 200000.5, mdrFeeAmount: 1400 }, "'Paid Amount' must be a whole number of rupiah above 0 (got 200000.5)"],
		['split-fee Paid Amount of 0', { ...splitFee, paidAmount: 0, mdrFeeAmount: 0 }, "'Paid Amount' must be a whole number of rupiah above 0 (got 0)"],
		['negative MDR Fee Amount', { ...splitFee, paidAmount: 200000, mdrFeeAmount: -1 }, "'MDR Fee Amount' must be a whole number of rupiah, 0 or more (got -1)"],
		['MDR Fee Amount with cents', { ...splitFee, paidAmount: 200000, mdrFeeAmount: 1400.25 }, "'MDR Fee Amount' must be a whole number of rupiah, 0 or more (got 1400.25)"],
		['an MDR fee larger than the paid amount', { ...splitFee, paidAmount: 1400, mdrFeeAmount: 200000 }, "'MDR Fee Amount' 200000 is more than 'Paid Amount' 1400"],
		['withdrawal Amount as text with a thousands dot', { ...withdraw, amount: "={{ '37.995' }}" }, "'Amount' must be a whole number of rupiah above 0 (got \"37.995\")"],
		['deposit withdrawal Amount with cents', { ...depositWithdraw, amount: 500000.5 }, "'Amount' must be a whole number of rupiah above 0 (got 500000.5)"],
	])('%s', async (_case, parameters, message) => {
		const error = await refused(parameters);
		expect(error.message).toBe(message);
		expect(description(error)).toEqual(expect.any(String));
	});

	it('the fix names the field, says rupiah have no cents, and gives an example', async () => {
		const error = await refused({ ...splitFee, paidAmount: 200000, mdrFeeAmount: 1400.25 });
		expect(description(error)).toBe(
			"Enter 'MDR Fee Amount' in whole rupiah (IDR has no cents in QRIS), without decimals or thousands separators, for example 1400",
		);
	});

	it('with continueOnFail only the item with cents fails; the others create their invoices', async () => {
		const { items } = await runNetzme(env, { ...invoice, amount: '={{ $json.amount }}' }, {
			input: [{ amount: 10000 }, { amount: 10000.5 }, { amount: '20000' }],
			continueOnFail: true,
		});
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[1].json.error).toBe("'Amount' must be a whole number of rupiah above 0 (got 10000.5)");
		const sent = env.sim.requests.filter((request) => request.host === 'invoice').map((request) => (request.body as { request: IDataObject }).request.amount);
		// Digits as text are whole rupiah too, and go out as a number.
		expect(sent).toEqual([10000, 20000]);
	});
});

describe('amounts within the limits are sent as Netzme wants them', () => {
	it('an invoice takes 0 for Basic/Shipping Amount and whole item prices', async () => {
		await ok({ ...paymentLink, amount: 30000, additionalFields: { basicAmount: 30000, shippingAmount: 0 }, itemDetails: { item: [{ name: 'Roti', amount: 15000, qty: 2 }] } });
		expect(lastBody('/api/v1/invoice/create')).toMatchObject({
			request: { amount: 30000, amount_detail: { basicAmount: 30000, shippingAmount: 0 }, item_details: [{ name: 'Roti', amount: 15000, qty: 2 }] },
		});
	});

	it('a split fee of 0 is sent in Netzme’s money text', async () => {
		await ok({ ...splitFee, paidAmount: 200000, mdrFeeAmount: 0 });
		expect(lastBody('/api/aggregator/merchant/payment/notif')).toMatchObject({ body: { paidAmount: 'IDR 200000.00', mdrFeeAmount: 'IDR 0.00' } });
	});

	it('the largest amount the money format carries is accepted', async () => {
		await ok({ ...invoice, amount: 9_999_999_999_999 });
		expect(lastBody('/api/v1/invoice/createTransaction')).toMatchObject({ request: { amount: 9_999_999_999_999 } });
	});
});

describe('outputs keep Netzme’s money text beside the number', () => {
	it('Balance → Get: each balance as a number, and as Netzme wrote it', async () => {
		expect(await ok({ resource: 'balance', operation: 'get' })).toEqual([
			{ userId: 'M_czBSCDVY', totalBalance: 150000, totalBalanceText: 'IDR 150000.00', settledBalance: 37995, settledBalanceText: 'IDR 37995.00' },
		]);
	});

	it('Withdraw → Inquiry: the number maps straight into Submit’s Amount, the text stays for a receipt', async () => {
		const [offer] = await ok({ resource: 'withdraw', operation: 'inquiry' });
		expect(offer).toMatchObject({ withdrawalAmount: 37995, withdrawalAmountText: 'IDR 37995.00' });
		const [done] = await ok({ ...withdraw, amount: offer.withdrawalAmount });
		expect(done).toMatchObject({ withdrawalAmount: 37995, withdrawalAmountText: 'IDR 37995.00' });
	});

	it('list rows and lookups carry both forms: transactions, deposit movements, invoice status, split fee', async () => {
		const [row] = await ok({ resource: 'transaction', operation: 'getMany', startDate: '2024-05-01', endDate: '2024-05-01', returnAll: true });
		expect(row).toMatchObject({ amount: 25000, amountText: 'IDR 25000.00' });
		const movements = await ok({ resource: 'deposit', operation: 'getTransactions', startDate: '2024-05-02', endDate: '2024-05-02', returnAll: true });
		expect(movements[0]).toMatchObject({ amount: -1500, amountText: 'IDR -1500.00' });
		const [created] = await ok({ ...invoice, amount: 45000 });
		const [status] = await ok({ resource: 'transaction', operation: 'getInvoiceStatus', trxId: created.trxId as string });
		expect(status).toMatchObject({ amount: 45000, amountText: 'IDR 45000.00', fee: 315, feeText: 'IDR 315.00' });
		const [sent] = await ok({ ...splitFee, paidAmount: 200000, mdrFeeAmount: 1400 });
		const [found] = await ok({ resource: 'splitFee', operation: 'get', requestId: sent.requestId as string });
		expect(found).toMatchObject({ paidAmount: 200000, paidAmountText: 'IDR 200000.00', mdrFeeAmount: 1400, mdrFeeAmountText: 'IDR 1400.00' });
	});

	it('Simplify off gives Netzme’s raw response untouched', async () => {
		const [raw] = await ok({ resource: 'balance', operation: 'get', simplify: false });
		expect(raw.body).toEqual({ userId: 'M_czBSCDVY', totalBalance: 'IDR 150000.00', settledBalance: 'IDR 37995.00' });
	});
});
