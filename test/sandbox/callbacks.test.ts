import { ControlServer } from '../../scripts/sandbox/callbacks';
import { DEMO } from '../../scripts/sandbox/demoData';
import { Vendors } from '../../scripts/sandbox/vendorSet';
import { LocalServer } from '../../simulators/localServer';
import { call } from '../../simulators/qontak/signedClient';

/** The sandbox's control endpoint, which the README and the examples' sticky notes tell users to curl. */

const vendors = new Vendors();
const control = new ControlServer(vendors);
const received: Array<Record<string, unknown>> = [];
// Stands in for n8n: the URL a fire command posts the vendor's callback to.
const receiver = new LocalServer((req, res) => {
	let text = '';
	req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
	req.on('end', () => {
		received.push(JSON.parse(text) as Record<string, unknown>);
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{}');
	});
});
let controlUrl = '';
let receiverUrl = '';

const fire = async (query: string) => {
	const response = await fetch(`${controlUrl}/fire/qontak-deal-stage?url=${encodeURIComponent(receiverUrl)}${query}`, { method: 'POST' });
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

beforeAll(async () => {
	await vendors.start(null);
	controlUrl = await control.start();
	receiverUrl = `${await receiver.start()}/webhook/test/webhook`;
});

afterAll(async () => {
	await Promise.all([vendors.stop(), control.stop(), receiver.stop()]);
});

beforeEach(() => {
	received.length = 0;
});

describe('POST /fire/qontak-deal-stage', () => {
	it('moves the deal through the CRM (stage history included) and posts deal.update with the new stage', async () => {
		const answer = await fire('&id=3003&stage=314');

		expect(answer.status).toBe(200);
		expect(received).toEqual([
			expect.objectContaining({
				eventType: 'qontak.crm.deal.update',
				companyId: expect.any(String),
				external_company_id: expect.any(Number),
				id: 3003,
				crm_stage_id: 314,
				crm_stage_name: 'Menang',
				crm_lead_ids: [1003],
			}),
		]);
		const history = await call(vendors.qontak, 'GET', '/qontak/crm/deals/3003/stage_history');
		expect(history.json.response.at(-1)).toEqual(expect.objectContaining({ prev_stage: { id: 311, name: 'Prospek' }, current_stage: { id: 314, name: 'Menang' } }));
	});

	it('moves the demo deal to the won stage when no id or stage is given', async () => {
		const answer = await fire('');

		expect(answer.status).toBe(200);
		expect(received).toEqual([expect.objectContaining({ id: DEMO.crm.dealId, crm_stage_id: DEMO.crm.wonStageId })]);
	});

	it('reports a move the CRM refuses with its answer, and posts nothing', async () => {
		const answer = await fire('&id=3001&stage=999');

		expect(answer.status).toBe(502);
		expect(JSON.stringify(answer.body.answer)).toMatch(/stage/i);
		expect(received).toEqual([]);
	});

	it('answers 404 for a deal the sandbox CRM does not have, and posts nothing', async () => {
		const answer = await fire('&id=3999');

		expect(answer.status).toBe(404);
		expect(answer.body.error).toMatch(/deal 3999/);
		expect(received).toEqual([]);
	});

	it('refuses ids that are not numbers before touching the CRM', async () => {
		const before = vendors.qontak.requests.length;
		const answer = await fire('&stage=menang');

		expect(answer.status).toBe(400);
		expect(answer.body.error).toMatch(/numeric/);
		expect(vendors.qontak.requests.length).toBe(before);
		expect(received).toEqual([]);
	});
});
