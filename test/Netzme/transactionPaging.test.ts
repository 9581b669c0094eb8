import type { IDataObject } from 'n8n-workflow';

import { runNetzme, useNetzme } from './setup';

const env = useNetzme();

const LIST_PATH = '/api/aggregator/merchant/deposit/transaction/list';
const movements = { resource: 'deposit', operation: 'getTransactions', startDate: '2024-05-01', endDate: '2024-05-03' };

/** Five movements in the range: three pages of two, two and one at the simulator's page size of 2. */
beforeEach(() => {
	env.sim.options.depositPageCount = true;
	const at = (iso: string) => Date.parse(`${iso}+07:00`);
	env.sim.state.deposits.push(
		{ id: 'DEP-0004', userId: 'M_czBSCDVY', type: 'SPLIT_FEE', amount: -700, createdTs: at('2024-05-03T08:00:00') },
		{ id: 'DEP-0005', userId: 'M_czBSCDVY', type: 'TOPUP', amount: 100000, createdTs: at('2024-05-03T09:00:00') },
	);
});

async function ok(parameters: IDataObject) {
	const { items, nodeError } = await runNetzme(env, parameters);
	if (nodeError) throw nodeError;
	return items;
}

const pagesAsked = () => env.sim.requests.filter((request) => request.path === LIST_PATH).map((request) => request.query.page);

describe('Deposit → Get Transactions pages through Netzme’s deposit list', () => {
	it('Return All reads pages 1 to 3 and stops at the page count Netzme gives', async () => {
		const items = await ok({ ...movements, returnAll: true });
		expect(items.map((item) => item.json.id)).toEqual(['DEP-0001', 'DEP-0002', 'DEP-0003', 'DEP-0004', 'DEP-0005']);
		expect(pagesAsked()).toEqual(['1', '2', '3']);
		expect(items.map((item) => item.pairedItem)).toEqual(Array(5).fill({ item: 0 }));
		expect(items[3].json).toMatchObject({ amount: -700, amountText: 'IDR -700.00' });
	});

	it('Limit 3 reads only the two pages it needs and returns the first three movements', async () => {
		const items = await ok({ ...movements, limit: 3 });
		expect(items.map((item) => item.json.id)).toEqual(['DEP-0001', 'DEP-0002', 'DEP-0003']);
		expect(pagesAsked()).toEqual(['1', '2']);
	});

	it('Limit 2 reads one page', async () => {
		const items = await ok({ ...movements, limit: 2 });
		expect(items.map((item) => item.json.id)).toEqual(['DEP-0001', 'DEP-0002']);
		expect(pagesAsked()).toEqual(['1']);
	});

	it('without a page count from Netzme, Return All stops at the first empty page', async () => {
		env.sim.options.depositPageCount = false;
		const items = await ok({ ...movements, returnAll: true });
		expect(items.map((item) => item.json.id)).toEqual(['DEP-0001', 'DEP-0002', 'DEP-0003', 'DEP-0004', 'DEP-0005']);
		expect(pagesAsked()).toEqual(['1', '2', '3', '4']);
	});

	it('every page is asked for with the same merchant and Jakarta days', async () => {
		await ok({ ...movements, returnAll: true });
		const queries = env.sim.requests.filter((request) => request.path === LIST_PATH).map((request) => request.query);
		expect(queries).toEqual([1, 2, 3].map((page) => ({ userId: 'M_czBSCDVY', startdate: '20240501', enddate: '20240503', page: String(page) })));
	});

	it('Simplify off returns each page Netzme sent, raw', async () => {
		const items = await ok({ ...movements, returnAll: true, simplify: false });
		expect(items.map((item) => (item.json.body as IDataObject).page)).toEqual([1, 2, 3]);
		expect((items[0].json.body as IDataObject).transactions).toEqual([
			expect.objectContaining({ id: 'DEP-0001', amount: 'IDR 500000.00' }),
			expect.objectContaining({ id: 'DEP-0002', amount: 'IDR -1500.00' }),
		]);
	});

	it('a range with no movements reads one page and returns nothing', async () => {
		expect(await ok({ ...movements, startDate: '2024-06-01', endDate: '2024-06-30', returnAll: true })).toEqual([]);
		expect(pagesAsked()).toEqual(['1']);
	});

	it('each input item pages on its own: two merchants, one list each', async () => {
		env.sim.state.deposits.push({ id: 'DEP-B001', userId: 'M_pXAFWzCg', type: 'TOPUP', amount: 1000, createdTs: Date.parse('2024-05-02T10:00:00+07:00') });
		const { items } = await runNetzme(env, { ...movements, merchantId: '={{ $json.merchant }}', returnAll: true }, { input: [{ merchant: 'M_czBSCDVY' }, { merchant: 'M_pXAFWzCg' }] });
		expect(items.map((item) => [item.json.id, item.pairedItem])).toEqual([
			...['DEP-0001', 'DEP-0002', 'DEP-0003', 'DEP-0004', 'DEP-0005'].map((id) => [id, { item: 0 }]),
			['DEP-B001', { item: 1 }],
		]);
		expect(pagesAsked()).toEqual(['1', '2', '3', '1']);
	});
});

describe('Transaction → Get Many pages through the QRIS list once Netzme says there are more pages', () => {
	const QRIS_PATH = '/api/aggregator/merchant/qr/transaction/list';
	const qrisPages = () => env.sim.requests.filter((request) => request.path === QRIS_PATH).map((request) => request.query.page);
	const payments = { resource: 'transaction', operation: 'getMany', startDate: '2024-06-01', endDate: '2024-06-01' };

	beforeEach(() => {
		env.sim.options.transactionPageSize = 2;
		const seed = env.sim.state.qris[0];
		for (let n = 1; n <= 5; n++) {
			const createdTs = Date.parse(`2024-06-01T0${n}:00:00+07:00`);
			env.sim.state.qris.push({ ...seed, merchantId: 'M_czBSCDVY', transactionId: `TRX-PAGE-${n}`, rrn: `90000000000${n}`, status: 'SUCCESS', createdTs, paidTs: createdTs });
		}
	});

	it('Return All asks page 1 without a page (as documented), then pages 2 and 3', async () => {
		const items = await ok({ ...payments, returnAll: true });
		expect(items.map((item) => item.json.transactionId)).toEqual(['TRX-PAGE-1', 'TRX-PAGE-2', 'TRX-PAGE-3', 'TRX-PAGE-4', 'TRX-PAGE-5']);
		expect(qrisPages()).toEqual([undefined, '2', '3']);
	});

	it('Limit 3 stops after the page that holds the third', async () => {
		const items = await ok({ ...payments, limit: 3 });
		expect(items.map((item) => item.json.transactionId)).toEqual(['TRX-PAGE-1', 'TRX-PAGE-2', 'TRX-PAGE-3']);
		expect(qrisPages()).toEqual([undefined, '2']);
	});
});
