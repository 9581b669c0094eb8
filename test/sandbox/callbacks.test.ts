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

describe('POST /fire/qontak-message', () => {
	const fireMessage = async (query: string) => {
		const response = await fetch(`${controlUrl}/fire/qontak-message?url=${encodeURIComponent(receiverUrl)}${query}`, { method: 'POST' });
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};

	it("posts a message from the room of the number in from= (any written form), stores it in the room and reopens the room's 24-hour window", async () => {
		const room = vendors.qontak.chat.state.findRoom(DEMO.chat.rooms.siti)!;
		room.session_at = new Date(Date.now() - 2 * 86_400_000).toISOString();

		const answer = await fireMessage(`&from=${encodeURIComponent('0813-1111-0001')}&text=Halo`);

		expect(answer.status).toBe(200);
		expect(received).toEqual([
			expect.objectContaining({
				type: 'text',
				text: 'Halo',
				room_id: DEMO.chat.rooms.siti,
				room: expect.objectContaining({ id: DEMO.chat.rooms.siti, name: 'Siti Rahmawati', account_uniq_id: '6281311110001', channel: 'wa_cloud' }),
				sender: { name: 'Siti Rahmawati', avatar: null },
				data_event: 'receive_message_from_customer',
			}),
		]);
		const messages = await call(vendors.qontak, 'GET', `/qontak/chat/v1/rooms/${DEMO.chat.rooms.siti}/messages`);
		expect(messages.json.data.at(-1)).toEqual(expect.objectContaining({ id: received[0].id, text: 'Halo' }));
		expect(vendors.qontak.chat.state.sessionOpen(room)).toBe(true);
	});

	it("with file=image, posts a photo whose file URL is on the simulator's file host and downloads as the PNG", async () => {
		const answer = await fireMessage('&file=image');

		expect(answer.status).toBe(200);
		const [photo] = received as Array<{ type: string; room_id: string; file: { url: string; filename: string } }>;
		expect(photo).toMatchObject({ type: 'image', room_id: DEMO.chat.rooms.budi, file: { filename: 'bukti-transfer.png' } });
		expect(photo.file.url.startsWith(`${vendors.qontak.files.baseUrl}/`)).toBe(true);
		const file = await fetch(photo.file.url);
		const bytes = Buffer.from(await file.arrayBuffer());
		expect([file.status, file.headers.get('content-type'), bytes.subarray(1, 4).toString()]).toEqual([200, 'image/png', 'PNG']);
	});

	it('refuses a number no sandbox room has, and an unknown file kind, posting nothing', async () => {
		const stranger = await fireMessage('&from=6289999999999');
		const badFile = await fireMessage('&file=spreadsheet');

		expect(stranger.status).toBe(404);
		expect(stranger.body.error).toMatch(/6281311110002 \(Bambang Hartono\)/);
		expect(badFile.status).toBe(400);
		expect(received).toEqual([]);
	});
});

describe('demo conversations (examples 9 and 10)', () => {
	it("finds deal 3001 by Siti's room, and none by Bambang's", async () => {
		const siti = await call(vendors.qontak, 'GET', `/qontak/crm/deals/channel_integration_room/${DEMO.chat.rooms.siti}`);
		const bambang = await call(vendors.qontak, 'GET', `/qontak/crm/deals/channel_integration_room/${DEMO.chat.rooms.bambang}`);

		expect(siti.json.response).toEqual(expect.objectContaining({ id: 3001, crm_lead_ids: [1001] }));
		expect(bambang.status).toBe(404);
	});

	it("serves Siti's payment proof photo among her room's messages, its file on the file host", async () => {
		const messages = await call(vendors.qontak, 'GET', `/qontak/chat/v1/rooms/${DEMO.chat.rooms.siti}/messages`);

		const photo = (messages.json.data as Array<{ id: string; type: string; file: { url: string } | null }>).find((message) => message.type === 'image')!;
		expect(photo.id).toBe('7b000000-0000-4000-8000-000000000102');
		expect(photo.file!.url).toBe(`${vendors.qontak.files.baseUrl}/uploads/message/file/3f000000-0000-4000-8000-000000000001/bukti-transfer.png`);
	});
});
