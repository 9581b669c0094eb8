import type { IDataObject, INode } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Netzme } from '../../nodes/Netzme/Netzme.node';
import { resources } from '../../nodes/Netzme/operations/resources';
import { useVirtualTime } from '../harness/virtualTime';
import { pinHashFor, QR_PNG_BASE64 } from '../../simulators/netzme/NetzmeSimulator';
import { runNetzme, useNetzme } from './setup';

const env = useNetzme();
// Netzme's clock only moves when something waits, so a throttle's time left is exact.
useVirtualTime(env.sim);
const covered = new Set<string>();

async function run(parameters: IDataObject, options: { input?: IDataObject[]; continueOnFail?: boolean } = {}) {
	covered.add(`${parameters.resource}.${parameters.operation}`);
	return await runNetzme(env, parameters, options);
}

async function ok(parameters: IDataObject) {
	const result = await run(parameters);
	if (result.nodeError) throw result.nodeError;
	return result.items;
}

const lastBody = (path: string) => env.sim.requests.filter((request) => request.path === path).pop()?.body as IDataObject;

describe('Merchant, Balance, Transaction', () => {
	it('Merchant → Get by Phone normalises +62 and returns the merchant', async () => {
		const [item] = await ok({ resource: 'merchant', operation: 'getByPhone', phoneNumber: '+62 812-3456-7890' });
		expect(item.json).toMatchObject({ userId: 'M_czBSCDVY', merchantName: 'Warung Kopi Sari', phoneNo: '6281234567890' });
		expect(env.sim.tokoCalls()).toEqual(['GET /api/aggregator/merchant/qr/merchant_detail']);
		expect(env.sim.requests.pop()?.url).toBe('/api/aggregator/merchant/qr/merchant_detail?phoneNo=6281234567890');
	});

	it('Balance → Get turns "IDR" amounts into numbers, and Simplify off keeps the raw response', async () => {
		const [simple] = await ok({ resource: 'balance', operation: 'get' });
		expect(simple.json).toMatchObject({ userId: 'M_czBSCDVY', totalBalance: 150000, settledBalance: 37995 });
		// Netzme wants the JSON content type on GET requests too
		expect(env.sim.requests.pop()?.headers['content-type']).toBe('application/json');
		const [raw] = await ok({ resource: 'balance', operation: 'get', merchantId: 'M_pXAFWzCg', simplify: false });
		expect(raw.json).toMatchObject({ status: 100, statusMessage: 'success', body: { totalBalance: 'IDR 20000.00', settledBalance: 'IDR 10000.00' } });
	});

	it('Transaction → Get Many sends the date range as YYYYMMDD and returns one item per transaction', async () => {
		const items = await ok({ resource: 'transaction', operation: 'getMany', startDate: '2024-05-01T00:00:00', endDate: '2024-05-02T00:00:00', returnAll: true });
		expect(items.map((item) => item.json.transactionId)).toEqual(['QRIS-0001', 'QRIS-0002']);
		expect(items[0].json.amount).toBe(25000);
		expect(env.sim.requests.pop()?.query).toEqual({ userId: 'M_czBSCDVY', startdate: '20240501', enddate: '20240502' });
		const limited = await ok({ resource: 'transaction', operation: 'getMany', startDate: '2024-05-01', endDate: '2024-05-03', limit: 2 });
		expect(limited).toHaveLength(2);
	});

	it('Transaction → Get QRIS Transaction by RRN', async () => {
		const [item] = await ok({ resource: 'transaction', operation: 'getByRrn', rrn: '240501000001' });
		expect(item.json).toMatchObject({ transactionId: 'QRIS-0001', amount: 25000, mdrAmount: 175, status: 'SUCCESS' });
	});

	it('Transaction → Get Invoice Status follows an invoice from INIT to SUCCESS', async () => {
		const [created] = await ok({ resource: 'invoice', operation: 'createTransaction', amount: 25000 });
		const trxId = created.json.trxId as string;
		const [before] = await ok({ resource: 'transaction', operation: 'getInvoiceStatus', trxId });
		expect(before.json).toMatchObject({ trxId, status: 'INIT', amount: 25000 });
		env.sim.payInvoice(trxId);
		const [after] = await ok({ resource: 'transaction', operation: 'getInvoiceStatus', trxId });
		expect(after.json.status).toBe('SUCCESS');
	});
});

describe('Invoice (invoice host)', () => {
	it('Create Transaction makes a QRIS invoice with the invoice token, fetching no OAuth token', async () => {
		const [item] = await ok({
			resource: 'invoice',
			operation: 'createTransaction',
			amount: 25000,
			additionalFields: { fullname: 'Andi', expire_in_second: 900, terminal_id: 'B07', basicAmount: 20000, shippingAmount: 5000 },
		});
		expect(item.json).toMatchObject({ paymentMethod: 'QRIS', terminalId: 'B07', nmid: 'ID1020000000001' });
		expect(String(item.json.id)).toMatch(/^NETZ-INV-/);
		const request = env.sim.requests.find((entry) => entry.host === 'invoice')!;
		expect(request.headers.authorization).toBe(`custom ${env.sim.options.invoiceToken}`);
		expect(request.headers['user-agent']).toBe(`${env.sim.options.clientId};M_czBSCDVY`);
		expect(request.headers.signature).toBeUndefined();
		expect(request.body).toEqual({
			request: {
				merchant: 'M_czBSCDVY',
				amount: 25000,
				amount_detail: { basicAmount: 20000, shippingAmount: 5000 },
				fullname: 'Andi',
				expire_in_second: 900,
				terminal_id: 'B07',
				payment_method: 'QRIS',
			},
		});
		expect(env.sim.tokensIssued).toBe(0);
	});

	it('puts the QR image into a binary PNG when asked', async () => {
		const [item] = await ok({ resource: 'invoice', operation: 'createTransaction', amount: 10000, qrImageBinary: true, binaryPropertyName: 'qr' });
		expect(item.binary?.qr).toMatchObject({ mimeType: 'image/png', data: QR_PNG_BASE64, fileExtension: 'png' });
		expect(item.binary?.qr.fileName).toBe(`${item.json.trxId}.png`);
	});

	it('Create Validated Transaction refuses a second invoice with the same partner ID', async () => {
		const parameters = { resource: 'invoice', operation: 'createValidated', amount: 5000, partnerTransactionId: 'ORDER-1' };
		const [first] = await ok(parameters);
		expect(env.sim.state.invoices[0].partnerTransactionId).toBe('ORDER-1');
		expect(first.json.trxId).toBeDefined();
		const { nodeError } = await run(parameters);
		expect(nodeError?.message).toBe('Netzme: invoice rejected: partner_transaction_id already exists');
		expect(env.sim.state.invoices).toHaveLength(1);
	});

	it('Wait Until Paid returns the paid invoice and why it stopped', async () => {
		const [created] = await ok({ resource: 'invoice', operation: 'createTransaction', amount: 25000 });
		env.sim.payInvoice(created.json.trxId as string);
		const [item] = await ok({ resource: 'invoice', operation: 'waitUntilPaid', trxId: created.json.trxId as string, intervalSeconds: 5, timeoutMinutes: 1 });
		expect(item.json).toMatchObject({ trxId: created.json.trxId, status: 'SUCCESS', amount: 25000, stoppedBecause: 'paid', statusChecks: 1 });
	});

	it('Create Payment Link sends several methods and the items', async () => {
		const [item] = await ok({
			resource: 'invoice',
			operation: 'createPaymentLink',
			merchantId: 'M_pXAFWzCg',
			amount: 30000,
			paymentMethods: ['QRIS', 'OVO'],
			itemDetails: { item: [{ item_id: 'SKU-1', name: 'Roti Sobek', amount: 15000, qty: 2 }] },
			simplify: false,
		});
		expect(item.json).toMatchObject({ status: true, code: 200 });
		expect(lastBody('/api/v1/invoice/create')).toEqual({
			request: {
				merchant: 'M_pXAFWzCg',
				amount: 30000,
				payment_methods: ['QRIS', 'OVO'],
				item_details: [{ item_id: 'SKU-1', name: 'Roti Sobek', amount: 15000, qty: 2 }],
			},
		});
		expect(env.sim.requests.pop()?.headers['user-agent']).toBe(`${env.sim.options.clientId};M_pXAFWzCg`);
	});
});

describe('PIN', () => {
	it('Create hashes the PIN with client ID + merchant ID and never outputs it', async () => {
		const [item] = await ok({ resource: 'pin', operation: 'create', merchantId: 'M_pXAFWzCg', pin: "={{ '246810' }}" });
		expect(env.sim.state.merchant('M_pXAFWzCg')!.pinHash).toBe(pinHashFor(env.sim.options.clientId, 'M_pXAFWzCg', '246810'));
		expect(lastBody('/api/aggregator/merchant/pin/create_pin')).toMatchObject({ type: 'create_pin', body: { username: 'M_pXAFWzCg' } });
		expect(Object.keys(item.json)).toEqual(['requestId']);
		expect(JSON.stringify(item.json)).not.toContain('246810');
	});

	it('Create reports Netzme’s own failure for a merchant that already has a PIN', async () => {
		const { nodeError } = await run({ resource: 'pin', operation: 'create', pin: "={{ '111111' }}" });
		expect(nodeError?.message).toBe('Netzme: generic_error (203): pin_already_exist, merchant already has a pin; use forgot pin');
		expect(JSON.stringify(nodeError)).not.toContain(pinHashFor(env.sim.options.clientId, 'M_czBSCDVY', '111111'));
	});

	it('Forgot succeeds once, then is throttled with the wait Netzme gives', async () => {
		await ok({ resource: 'pin', operation: 'forgot' });
		const { nodeError } = await run({ resource: 'pin', operation: 'forgot' });
		expect(nodeError?.message).toMatch(/^Netzme: not_allow_retry \(201\)/);
		expect((nodeError as { description?: string }).description).toMatch(/Netzme asks to wait 60 s\./);
	});

	it('Forgot for a merchant without a PIN says to create one', async () => {
		const { nodeError } = await run({ resource: 'pin', operation: 'forgot', merchantId: 'M_pXAFWzCg' });
		expect(nodeError?.message).toMatch(/^Netzme: existing_pin_not_found \(202\)/);
		expect((nodeError as { description?: string }).description).toContain('PIN → Create');
	});
});

describe('Withdraw', () => {
	it('Inquiry returns the withdrawable amount as a number and the bank account', async () => {
		const [item] = await ok({ resource: 'withdraw', operation: 'inquiry' });
		expect(item.json).toMatchObject({ withdrawalAmount: 37995, bankName: 'BCA', bankCode: '014', amountAllowed: true });
		expect(lastBody('/api/aggregator/merchant/qr/withdraw/inquiry')).toMatchObject({ type: 'withdraw_inquiry', body: { userId: 'M_czBSCDVY' } });
	});

	it('Submit re-checks the inquiry and withdraws exactly that amount to the account on file', async () => {
		const [item] = await ok({ resource: 'withdraw', operation: 'submit', amount: 37995, pin: "={{ '123456' }}" });
		expect(item.json).toMatchObject({ userId: 'M_czBSCDVY', withdrawalAmount: 37995, bankAccountNumber: '1234567890' });
		expect(String(item.json.customerReffNum)).toMatch(/^WD/);
		expect(env.sim.tokoCalls()).toEqual(['POST /api/aggregator/merchant/qr/withdraw/inquiry', 'POST /api/aggregator/merchant/qr/withdraw']);
		expect(lastBody('/api/aggregator/merchant/qr/withdraw')).toMatchObject({
			type: 'submit_withdraw',
			body: {
				userId: 'M_czBSCDVY',
				withdrawalAmount: 37995,
				accountHolderName: 'SARI WULANDARI',
				bankAccountNumber: '1234567890',
				bankName: 'BCA',
				bankCode: '014',
				pin: pinHashFor(env.sim.options.clientId, 'M_czBSCDVY', '123456'),
			},
		});
		expect(env.sim.state.merchant('M_czBSCDVY')!.settledBalance).toBe(0);
		expect(JSON.stringify(item.json)).not.toMatch(/123456"|pin/i);
	});

	it('Submit with a wrong PIN is refused by Netzme and nothing moves', async () => {
		const { nodeError } = await run({ resource: 'withdraw', operation: 'submit', amount: 37995, pin: "={{ '000000' }}" });
		expect(nodeError?.message).toBe('Netzme: generic_error (203): invalid pin');
		expect(env.sim.state.merchant('M_czBSCDVY')!.settledBalance).toBe(37995);
	});
});

describe('Deposit', () => {
	it('Get Balance', async () => {
		const [item] = await ok({ resource: 'deposit', operation: 'getBalance' });
		expect(item.json).toEqual({ userId: 'M_czBSCDVY', totalBalance: 500000, totalBalanceText: 'IDR 500000.00' });
		expect(env.sim.tokoCalls()).toEqual(['GET /api/aggregator/merchant/institution/balance/M_czBSCDVY']);
	});

	it('Get Transactions pages through the movements of a date range', async () => {
		const all = await ok({ resource: 'deposit', operation: 'getTransactions', startDate: '2024-05-01', endDate: '2024-05-02', returnAll: true });
		expect(all.map((item) => item.json.id)).toEqual(['DEP-0001', 'DEP-0002', 'DEP-0003']);
		expect(all[1].json.amount).toBe(-1500);
		expect(env.sim.requests.pop()?.query).toEqual({ userId: 'M_czBSCDVY', startdate: '20240501', enddate: '20240502', page: '2' });
	});

	it('Withdraw Inquiry (a GET), Withdraw, then Get Withdrawal', async () => {
		const [offer] = await ok({ resource: 'deposit', operation: 'withdrawInquiry' });
		expect(offer.json.withdrawalAmount).toBe(500000);
		const [done] = await ok({ resource: 'deposit', operation: 'withdraw', amount: 500000, pin: "={{ '123456' }}" });
		expect(String(done.json.customerReffNum)).toMatch(/^DWD/);
		expect(env.sim.tokoCalls()).toEqual([
			'GET /api/aggregator/merchant/deposit/withdraw/inquiry',
			'GET /api/aggregator/merchant/deposit/withdraw/inquiry',
			'POST /api/aggregator/merchant/deposit/withdraw',
		]);
		const [detail] = await ok({ resource: 'deposit', operation: 'getWithdrawal', trxId: done.json.customerReffNum as string });
		expect(detail.json).toMatchObject({ status: 'PENDING', withdrawalAmount: 500000 });
	});
});

describe('Split fee and receipt', () => {
	it('Send Payment Notification deducts the fee; Get finds it by the returned requestId; a repeat is 301', async () => {
		const parameters = {
			resource: 'splitFee',
			operation: 'notify',
			transactionId: 'ORDER-9',
			paidAmount: 200000,
			mdrFeeAmount: 1400,
			additionalFields: { sku: 'KOPI-1', productName: 'Kopi Susu', qty: 2, desc: 'dua gelas', bankName: 'BCA' },
		};
		const [sent] = await ok(parameters);
		expect(sent.json.transactionId).toBe('ORDER-9');
		expect(String(sent.json.requestId)).toMatch(new RegExp(`^${env.sim.options.clientId}\\d{17}\\d{6}$`));
		expect(lastBody('/api/aggregator/merchant/payment/notif')).toMatchObject({
			type: 'payment_notification_to_split_fee',
			body: {
				merchantId: 'M_czBSCDVY',
				transactionId: 'ORDER-9',
				sku: 'KOPI-1',
				productName: 'Kopi Susu',
				paymentStatus: 'paid',
				paymentMethod: 'QRIS',
				bankName: 'BCA',
				paidAmount: 'IDR 200000.00',
				mdrFeeAmount: 'IDR 1400.00',
				additionals: { qty: 2, desc: 'dua gelas' },
			},
		});
		expect(env.sim.state.merchant('M_czBSCDVY')!.depositBalance).toBe(498600);

		const [found] = await ok({ resource: 'splitFee', operation: 'get', requestId: sent.json.requestId as string });
		expect(found.json).toMatchObject({ transactionId: 'ORDER-9', paidAmount: 200000, mdrFeeAmount: 1400 });

		const { nodeError } = await run(parameters);
		expect(nodeError?.message).toMatch(/^Netzme: transaction_already_exist \(301\)/);
		expect(env.sim.state.merchant('M_czBSCDVY')!.depositBalance).toBe(498600);
	});

	it('Send Payment Notification beyond the deposit is not_enough_balance (303)', async () => {
		const { nodeError } = await run({ resource: 'splitFee', operation: 'notify', merchantId: 'M_pXAFWzCg', transactionId: 'ORDER-10', paidAmount: 200000, mdrFeeAmount: 1400 });
		expect(nodeError?.message).toMatch(/^Netzme: not_enough_balance \(303\)/);
		expect((nodeError as { description?: string }).description).toContain('Top the deposit up');
	});

	it('Receipt → Send posts the JSON receipt for the merchant', async () => {
		const [item] = await ok({ resource: 'receipt', operation: 'create', receiptJson: '{"transactionId":"QRIS-0001","phoneNo":"6281234567890","items":[{"name":"Kopi","qty":1}]}' });
		expect(String(item.json.receiptId)).toMatch(/^RCPT-/);
		expect(lastBody('/public/api/v1/createReceipt/M_czBSCDVY')).toMatchObject({
			type: 'create_e-receipt',
			body: { transactionId: 'QRIS-0001', items: [{ name: 'Kopi', qty: 1 }] },
		});
	});
});

describe('editor', () => {
	const node = new Netzme();

	it('every operation was run above against the simulator', () => {
		const all = resources.flatMap((resource) => resource.operations.map((operation) => `${resource.value}.${operation.value}`));
		expect(all).toHaveLength(21);
		expect([...covered].sort()).toEqual(all.sort());
	});

	it.each(resources.flatMap((resource) => resource.operations.map((operation) => [resource.value, operation.value])))(
		'%s → %s resolves its parameters as the editor does',
		(resource, operation) => {
			const parameters = NodeHelpers.getNodeParameters(
				node.description.properties,
				{ resource, operation },
				true,
				false,
				{ typeVersion: 1 } as INode,
				node.description,
			);
			expect(parameters).toMatchObject({ resource, operation });
		},
	);

	it('is usable as a tool; the trigger is not', async () => {
		const { NetzmeTrigger } = await import('../../nodes/Netzme/NetzmeTrigger.node');
		expect(node.description.usableAsTool).toBe(true);
		expect(new NetzmeTrigger().description.usableAsTool).toBeUndefined();
	});
});
