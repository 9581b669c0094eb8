import { ChatApi, CHAT_GATEWAY_PREFIX, CHAT_LEGACY_PREFIX } from '../../../simulators/qontak/chatApi';
import { IDS } from '../../../simulators/qontak/chatFixtures';

/** The chat routes without HTTP or auth: what the two doors hand over once a request is authenticated. */
const chat = new ChatApi(() => Date.now());
const post = (path: string, body: unknown, prefix = CHAT_GATEWAY_PREFIX) =>
	chat.handle({ method: 'POST', path: `${prefix}${path}`, query: {}, contentType: 'application/json', rawBody: Buffer.from(JSON.stringify(body)) }, prefix);
const refusal = (result: { status: number; body: unknown }) => ({ status: result.status, messages: (result.body as { error?: { messages: string[] } }).error?.messages });

// The simulator seeds rooms with messages of their own; only what these posts add counts.
let seeded = 0;
beforeEach(() => {
	chat.reset();
	seeded = chat.state.messages.length;
});
const added = () => chat.state.messages.slice(seeded);

describe('POST /messages/whatsapp/bot: location and contact', () => {
	const room = { room_id: IDS.assignedRoom };
	const card = { name: { formatted_name: 'Ayu Lestari', first_name: 'Ayu' }, phones: [{ phone: '+6281234567890' }] };

	it('takes a location object and a contact card, and keeps them on the message', () => {
		const place = post('/messages/whatsapp/bot', { ...room, type: 'location', location: { latitude: -6.2, longitude: 106.8, name: 'Monas' } });
		expect(place.status).toBe(201);
		expect(added()[0]).toMatchObject({ type: 'location', location: { latitude: -6.2, longitude: 106.8, name: 'Monas' } });
		expect(post('/messages/whatsapp/bot', { ...room, type: 'contact', contact: card }).status).toBe(201);
		expect(added()[1]).toMatchObject({ type: 'contact', contact: card });
	});

	it.each([
		['no location object', { latitude: -6.2, longitude: 106.8 }, 'location is missing'],
		['a latitude as text', { location: { latitude: '-6.2', longitude: 106.8 } }, 'location latitude must be a number between -90 and 90'],
		['a longitude out of range', { location: { latitude: -6.2, longitude: 181 } }, 'location longitude must be a number between -180 and 180'],
		['an unknown key', { location: { latitude: -6.2, longitude: 106.8, lat: 1 } }, 'location has unknown keys: lat'],
	])('refuses a location with %s (422)', (_case, fields, message) => {
		expect(refusal(post('/messages/whatsapp/bot', { ...room, type: 'location', ...fields }))).toEqual({ status: 422, messages: [message] });
		expect(added()).toEqual([]);
	});

	it.each([
		['no contact object', { name: 'Ayu', phone: '0812' }, 'contact is missing'],
		['no formatted name', { contact: { ...card, name: { first_name: 'Ayu' } } }, 'contact name formatted_name is missing'],
		['only a formatted name', { contact: { ...card, name: { formatted_name: 'Ayu' } } }, 'contact name needs one of first_name, last_name, middle_name, suffix, prefix'],
		['no phones', { contact: { ...card, phones: [] } }, 'contact phones is missing'],
		['a phone with letters', { contact: { ...card, phones: [{ phone: '0812-ABC' }] } }, 'contact phones phone must be a phone number (digits, optionally after +)'],
	])('refuses a contact with %s (422)', (_case, fields, message) => {
		expect(refusal(post('/messages/whatsapp/bot', { ...room, type: 'contact', ...fields }))).toEqual({ status: 422, messages: [message] });
		expect(added()).toEqual([]);
	});
});

describe('POST /broadcasts/contacts (validate numbers)', () => {
	const check = (body: unknown, prefix = CHAT_LEGACY_PREFIX) => post('/broadcasts/contacts', body, prefix);

	it('answers each number as sent, valid with its wa_id or invalid', () => {
		chat.state.numbersNotOnWhatsApp.add('6281234567002');
		const result = check({ channel_integration_id: IDS.waIntegration, phone_numbers: ['6281234567001', '6281234567002', '12'] });
		expect(result).toEqual({
			status: 200,
			body: {
				status: 'success',
				data: {
					contacts: [
						{ input: '6281234567001', status: 'valid', wa_id: '6281234567001' },
						{ input: '6281234567002', status: 'invalid' },
						{ input: '12', status: 'invalid' },
					],
				},
			},
		});
	});

	it('is served on the legacy host only', () => {
		expect(check({ channel_integration_id: IDS.waIntegration, phone_numbers: ['6281234567001'] }, CHAT_GATEWAY_PREFIX).status).toBe(404);
	});

	it('refuses an unknown or non-WhatsApp channel and an empty list (422)', () => {
		expect(refusal(check({ channel_integration_id: IDS.telegramIntegration, phone_numbers: ['6281234567001'] }))).toEqual({ status: 422, messages: ['channel_integration_id is not a WhatsApp channel'] });
		expect(refusal(check({ phone_numbers: ['6281234567001'] }))).toEqual({ status: 422, messages: ['channel_integration_id is missing or unknown'] });
		expect(refusal(check({ channel_integration_id: IDS.waIntegration, phone_numbers: [] }))).toEqual({ status: 422, messages: ['phone_numbers is missing'] });
	});
});
