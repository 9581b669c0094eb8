import type { IDataObject } from 'n8n-workflow';

import { useVirtualTime } from '../harness/virtualTime';
import { byId, CHAT, chatCalls, IDS, runChat, useChat } from './setup';

const env = useChat();
// The 24-hour window is judged on the clock the simulator's rooms were stamped with.
const virtual = useVirtualTime(env.sim);

const BOT = `${CHAT}/messages/whatsapp/bot`;
const HOUR = 3_600_000;
const state = () => env.sim.chat.state;
// The simulator seeds rooms with messages of their own; the tests count only what the node sent.
let seeded = 0;
beforeEach(() => {
	seeded = state().messages.length;
});
const sent = () => state().messages.slice(seeded);
const botPosts = () => env.sim.requests.filter((request) => request.method === 'POST' && request.path === BOT);
const roomSearches = () => env.sim.requests.filter((request) => request.method === 'GET' && request.path === `${CHAT}/rooms`);

/** A customer's room on a channel, its last customer message `ageMs` ago (like the seeded ones). */
function addRoom(id: string, phone: string, ageMs: number, overrides: IDataObject = {}) {
	const at = new Date(virtual.time.now() - ageMs).toISOString();
	state().rooms.push({ ...state().rooms[0], id, name: `Pelanggan ${phone}`, tags: [], account_uniq_id: phone, session_at: at, last_message_at: at, ...overrides });
}

const reply = (overrides: IDataObject = {}) => ({
	resource: 'message',
	operation: 'sendToPhone',
	channelIntegrationId: byId(IDS.waIntegration),
	phoneNumber: '={{ $json.phone }}',
	messageType: 'text',
	text: 'Pesanan Anda sudah dikirim',
	...overrides,
});

describe('Message → Send to Phone Number', () => {
	it('finds the customer’s open room on the channel by number and sends into it', async () => {
		const { items, nodeError } = await runChat(env, reply(), { input: [{ phone: '6281234567001' }] });
		expect(nodeError).toBeUndefined();
		expect(items).toEqual([{ json: expect.objectContaining({ room_id: IDS.assignedRoom, type: 'text', text: 'Pesanan Anda sudah dikirim' }), pairedItem: { item: 0 } }]);
		expect(sent().map((message) => message.room_id)).toEqual([IDS.assignedRoom]);
		expect(chatCalls(env.sim)).toEqual(['GET /rooms', 'POST /messages/whatsapp/bot']);
		expect(roomSearches()[0].query).toMatchObject({ query: '6281234567001', 'channels[]': ['wa', 'wa_cloud'] });
		expect(botPosts()[0].body).toEqual({ room_id: IDS.assignedRoom, type: 'text', text: 'Pesanan Anda sudah dikirim' });
	});

	it('finds the room whichever way the number is written', async () => {
		const { items } = await runChat(env, reply(), { input: [{ phone: '0812-3456-7001' }, { phone: '+62 (0)812 3456 7001' }, { phone: 81234567001 }] });
		expect(items.map((item) => item.json.room_id)).toEqual([IDS.assignedRoom, IDS.assignedRoom, IDS.assignedRoom]);
		expect(roomSearches().map((request) => request.query.query)).toEqual(['6281234567001', '6281234567001', '6281234567001']);
	});

	it('outside the 24-hour window fails the item, points to Send Direct, and sends nothing', async () => {
		const { items } = await runChat(env, reply(), { input: [{ phone: '081234567004' }, { phone: '081234567002' }], continueOnFail: true });
		expect(items[0].json.error).toMatch(/^The 24-hour window with 6281234567004 on this WhatsApp channel has expired: the window closed at \d{4}-/);
		expect(items[0].json.description).toMatch(/free-form WhatsApp message can only be sent within 24 hours.*Broadcast → Send Direct/);
		expect(items[1].json.room_id).toBe(IDS.unassignedRoom);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(sent().map((message) => message.room_id)).toEqual([IDS.unassignedRoom]);
		expect(botPosts()).toHaveLength(1);
		expect(state().broadcasts).toEqual([]);
	});

	it('a window that closed a minute ago counts as closed (judged from the customer’s last message)', async () => {
		addRoom('5e000000-0000-4000-8000-0000000000a1', '6281234567011', 24 * HOUR + 60_000);
		const { nodeError } = await runChat(env, reply(), { input: [{ phone: '081234567011' }] });
		expect(nodeError?.message).toMatch(/window with 6281234567011 .* has expired/);
		expect(botPosts()).toEqual([]);
	});

	it('a room the vendor marks expired counts as closed whatever session_at says', async () => {
		addRoom('5e000000-0000-4000-8000-0000000000a2', '6281234567012', HOUR, { session: 'expired' });
		const { nodeError } = await runChat(env, reply(), { input: [{ phone: '081234567012' }] });
		expect(nodeError?.message).toMatch(/has expired/);
		expect(botPosts()).toEqual([]);
	});

	it('takes the open room when the customer also has an expired one on the channel', async () => {
		addRoom('5e000000-0000-4000-8000-0000000000a3', '6281234567004', 2 * HOUR);
		const { items } = await runChat(env, reply(), { input: [{ phone: '081234567004' }] });
		expect(items[0].json.room_id).toBe('5e000000-0000-4000-8000-0000000000a3');
	});

	it('a room of the same number on another channel does not count', async () => {
		addRoom('5e000000-0000-4000-8000-0000000000a4', '6281234567013', HOUR, { channel: 'wa_cloud', channel_integration_id: IDS.waCloudIntegration });
		const { nodeError } = await runChat(env, reply(), { input: [{ phone: '081234567013' }] });
		expect(nodeError?.message).toBe('No conversation with 6281234567013 on this WhatsApp channel');
		expect(nodeError?.description).toMatch(/no open 24-hour window.*Broadcast → Send Direct/);
		expect(botPosts()).toEqual([]);
	});

	it('a longer number that merely contains the asked one is not taken for it', async () => {
		// The search matches "62812345670" inside 6281234567001 and its neighbours; none is that number.
		const { nodeError } = await runChat(env, reply(), { input: [{ phone: '62812345670' }] });
		expect(nodeError?.message).toBe('No conversation with 62812345670 on this WhatsApp channel');
		expect(botPosts()).toEqual([]);
	});

	it('reads at most 5 pages of rooms, then says how far it searched', async () => {
		for (let index = 0; index < 600; index++) {
			addRoom(`5e000000-0000-4000-8000-${String(900000000000 + index)}`, `62812000${String(10000 + index)}`, HOUR, { name: 'Tanya 6281234567099' });
		}
		const { nodeError } = await runChat(env, reply(), { input: [{ phone: '081234567099' }] });
		expect(nodeError?.message).toBe('No conversation with 6281234567099 on this WhatsApp channel (searched the first 500 rooms matching the number)');
		expect(roomSearches().map((request) => request.query.offset)).toEqual(['1', '2', '3', '4', '5']);
		expect(botPosts()).toEqual([]);
	});

	it('a number that cannot be one fails its item naming the field, without a call', async () => {
		const { items } = await runChat(env, reply(), { input: [{ phone: '0812-ABC' }], continueOnFail: true });
		expect(items[0].json.error).toMatch(/^'Phone Number' contains 'A'/);
		expect(chatCalls(env.sim)).toEqual([]);
	});

	it('after an unclear failure the reply is not sent again, and the error says where to look', async () => {
		env.sim.inject({ kind: 'timeout', pathPrefix: BOT });
		const { items } = await runChat(env, reply({ requestOptions: { timeout: 1 } }), { input: [{ phone: '081234567001' }], continueOnFail: true });
		expect(botPosts()).toHaveLength(1);
		expect(sent()).toHaveLength(1);
		expect(items[0].json.error).toMatch(/did not confirm/);
		expect(items[0].json.description).toContain(`not sent again, so nothing is done twice. Open the conversation with 6281234567001 (room ${IDS.assignedRoom}) in Qontak`);
	});
});

describe('location and contact messages', () => {
	const location = { messageType: 'location', latitude: '-6.1754', longitude: '106.8272', locationName: 'Toko Sinar Jaya', locationAddress: 'Jl. Merdeka No. 1, Jakarta Pusat' };
	const contactCard = { messageType: 'contact', contactName: ' Ayu  Lestari ', contactPhones: '0812-3456-7890, 021 555 1234' };

	it('a location goes as JSON with latitude, longitude, name and address', async () => {
		const { items, nodeError } = await runChat(env, reply(location), { input: [{ phone: '081234567001' }] });
		expect(nodeError).toBeUndefined();
		const sent = { latitude: -6.1754, longitude: 106.8272, name: 'Toko Sinar Jaya', address: 'Jl. Merdeka No. 1, Jakarta Pusat' };
		expect(botPosts()[0].body).toEqual({ room_id: IDS.assignedRoom, type: 'location', location: sent });
		expect(items[0].json).toMatchObject({ type: 'location', location: sent });
	});

	it('a location without name or address sends only the coordinates', async () => {
		await runChat(env, { resource: 'message', operation: 'sendToRoom', roomId: byId(IDS.assignedRoom), messageType: 'location', latitude: -7.7956, longitude: '110,3695' });
		expect(botPosts()[0].body).toEqual({ room_id: IDS.assignedRoom, type: 'location', location: { latitude: -7.7956, longitude: 110.3695 } });
	});

	it('a contact card goes as JSON with the name and every number, +country code first', async () => {
		const { items } = await runChat(env, { resource: 'message', operation: 'sendToRoom', roomId: byId(IDS.assignedRoom), ...contactCard });
		const sent = { name: { formatted_name: 'Ayu Lestari', first_name: 'Ayu', last_name: 'Lestari' }, phones: [{ phone: '+6281234567890' }, { phone: '+62215551234' }] };
		expect(botPosts()[0].body).toEqual({ room_id: IDS.assignedRoom, type: 'contact', contact: sent });
		expect(items[0].json).toMatchObject({ type: 'contact', contact: sent });
	});

	it('a bad coordinate or contact number fails its item naming the field; nothing is looked up or sent', async () => {
		const input = [
			{ latitude: '-96', phones: '0812' },
			{ latitude: 'dekat monas', phones: '0812' },
		];
		const bad = await runChat(env, reply({ ...location, latitude: '={{ $json.latitude }}' }), { input: input.map((entry) => ({ ...entry, phone: '081234567001' })), continueOnFail: true });
		expect(bad.items.map((item) => item.json.error)).toEqual(["'Latitude' is not a latitude: \"-96\"", "'Latitude' is not a latitude: \"dekat monas\""]);
		const card = await runChat(env, reply({ ...contactCard, contactPhones: '0812345678901, 12' }), { input: [{ phone: '081234567001' }], continueOnFail: true });
		expect(card.items[0].json.error).toMatch(/^'Contact Phone Numbers' has 2 digits/);
		expect(chatCalls(env.sim)).toEqual([]);
	});
});
