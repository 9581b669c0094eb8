import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { VirtualTime } from '../../harness/virtualTime';
import { IDS } from '../../../simulators/qontak/chatFixtures';
import { ChatLegacySimulator } from '../../../simulators/qontak/chatLegacySimulator';
import { mekariSignature, QontakSimulator } from '../../../simulators/qontak/QontakSimulator';
import { call } from '../../../simulators/qontak/signedClient';

const CHAT = '/qontak/chat/v1';

describe('Qontak Chat behind the Mekari gateway', () => {
	const sim = new QontakSimulator({ chat: { broadcastLimit: 3, broadcastWindowMs: 400 } });
	// Moved by hand only, so the rate window opens and closes exactly where a test says.
	let time: VirtualTime;
	const chat = (method: string, path: string, body?: unknown) => call(sim, method, `${CHAT}${path}`, { body, ssoId: null });
	const direct = (overrides: Record<string, unknown> = {}) => ({
		to_number: '6281234567890',
		to_name: 'Rina',
		message_template_id: IDS.orderUpdateTemplate,
		channel_integration_id: IDS.waIntegration,
		language: { code: 'id' },
		parameters: { body: ['a', 'b', 'c'].map((text, index) => ({ key: String(index + 1), value: `v${index}`, value_text: text })) },
		...overrides,
	});

	beforeAll(async () => {
		await sim.start();
	});
	afterAll(async () => await sim.stop());
	beforeEach(() => {
		time = new VirtualTime();
		sim.time = time;
		sim.reset();
	});

	it('matches the self-computed chat vectors of the spec', () => {
		const date = 'Wed, 14 Nov 2024 06:23:23 GMT';
		expect(mekariSignature('CLIENT_SECRET', date, 'POST', '/qontak/chat/v1/broadcasts/whatsapp/direct')).toBe('UYf5bTTARiX8S5rduC2RW5QT9Zx0NvTOW1OhNpglv70=');
		expect(mekariSignature('CLIENT_SECRET', date, 'GET', '/qontak/chat/v1/integrations?target_channel=wa_cloud')).toBe('oxUvR9BqByA2DIUafhGbznjVn09cCD1jliWdxHtDeEo=');
	});

	it('checks the HMAC signature on chat routes but needs no CRM user header', async () => {
		expect((await chat('GET', '/integrations')).status).toBe(200);
		const unsigned = await call(sim, 'GET', `${CHAT}/integrations`, { authorization: null, ssoId: null });
		expect(unsigned.status).toBe(401);
		expect(unsigned.json).toEqual({ message: 'Unauthorized' });
		const wrongSecret = await call(sim, 'GET', `${CHAT}/integrations`, { secret: 'nope', ssoId: null });
		expect(wrongSecret.status).toBe(401);
	});

	it('answers unknown chat routes and bad ids in the chat error envelope', async () => {
		expect((await chat('GET', '/nothing/here')).json).toEqual({ status: 'error', error: { code: 404, messages: [`No route for GET ${CHAT}/nothing/here`] } });
		expect((await chat('GET', '/rooms/nope')).json).toEqual({ status: 'error', error: { code: 404, messages: ['Resource not found.'] } });
		expect((await chat('GET', '/rooms/specific/info')).status).toBe(422);
	});

	it('validates a direct broadcast the way the vendor describes', async () => {
		const refuse = async (body: unknown) => (await chat('POST', '/broadcasts/whatsapp/direct', body)).json.error.messages[0];
		expect(await refuse(direct({ to_number: '081234567890' }))).toBe('To number Not valid to_number (phone number)');
		expect(await refuse(direct({ parameters: { body: [] } }))).toBe('Message Template has 3 variable, please adjust your payload.');
		sim.chat.state.limiter.reset();
		expect(await refuse(direct({ message_template_id: IDS.pendingTemplate }))).toMatch(/is PENDING, only APPROVED/);
		expect(await refuse(direct({ channel_integration_id: IDS.telegramIntegration }))).toMatch(/Channel integration not found/);
		sim.chat.state.limiter.reset();
		expect(await refuse(direct({ message_template_id: IDS.promoImageTemplate, parameters: { body: [{ key: '1', value: 'n', value_text: 'x' }], buttons: [{ index: '0', type: 'url', value: 's' }] } }))).toBe(
			'Message Template has a IMAGE header, please add parameters header',
		);
	});

	it('limits direct broadcasts per window with Qontak’s 429 body and reset hints, then opens a new window', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await chat('POST', '/broadcasts/whatsapp/direct', direct())).status);
		expect(statuses).toEqual([201, 201, 201, 429]);
		const limited = await chat('POST', '/broadcasts/whatsapp/direct', direct());
		expect(limited.json.error.messages.slice(0, 4)).toEqual(['Too many requests', `organization_id: ${sim.chat.state.orgId()}`, 'rate_limit_limit: 3', 'rate_limit_remaining: 0']);
		expect(limited.json.error.messages[4]).toBe('rate_limit_reset: 0.4');
		expect(limited.headers['x-ratelimit-reset']).toBe('0.4');
		expect(sim.chat.state.rateLimited).toBe(2);
		time.advance(399);
		const last = await chat('POST', '/broadcasts/whatsapp/direct', direct());
		expect(last.status).toBe(429);
		expect(last.headers['x-ratelimit-reset']).toBe('0.001');
		time.advance(1);
		const next = await chat('POST', '/broadcasts/whatsapp/direct', direct());
		expect(next.status).toBe(201);
		expect(next.headers).toMatchObject({ 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': '2' });
		expect(sim.chat.state.broadcasts).toHaveLength(4);
	});

	it('shows log entries after the first read, each later read moving them pending → sent → delivered → read', async () => {
		const sent = await chat('POST', '/broadcasts/whatsapp/direct', direct());
		const id = String(sent.json.data.id);
		const log = async (query = '') => ((await chat('GET', `/broadcasts/${id}/whatsapp/log${query}`)).json.data as Array<{ status: string }>).map((entry) => entry.status);
		const counts = async () => (await chat('GET', `/broadcasts/${id}/whatsapp`)).json.data.message_status_count;
		expect(await log()).toEqual([]);
		expect(await log()).toEqual(['pending']);
		// Neither the broadcast's counts nor a later page of the log is a status read.
		expect(await counts()).toMatchObject({ pending: 1, sent: 0 });
		expect(await log('?offset=2&limit=10')).toEqual([]);
		expect(await log()).toEqual(['sent']);
		expect(await log()).toEqual(['delivered']);
		expect(await log()).toEqual(['read']);
		expect(await log()).toEqual(['read']);
		expect(await counts()).toMatchObject({ pending: 0, read: 1 });
	});

	it('moves a message WhatsApp cannot deliver from pending to failed', async () => {
		sim.chat.options.failingNumbers = ['6281234567890'];
		const sent = await chat('POST', '/broadcasts/whatsapp/direct', direct());
		const log = async () => ((await chat('GET', `/broadcasts/${String(sent.json.data.id)}/whatsapp/log`)).json.data as Array<{ status: string }>).map((entry) => entry.status);
		expect([await log(), await log(), await log(), await log()]).toEqual([[], ['pending'], ['failed'], ['failed']]);
	});

	it('replaces the organisation’s message webhook URL on PUT /message_interactions and delivers to it', async () => {
		const received: unknown[] = [];
		const receiver: Server = createServer((req, res) => {
			let body = '';
			req.on('data', (chunk: Buffer) => (body += chunk.toString()));
			req.on('end', () => {
				received.push(JSON.parse(body));
				res.end('ok');
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
		const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
		try {
			await chat('PUT', '/message_interactions', { url: 'https://other-integration.example/hook', receive_message_from_customer: true });
			const answer = await chat('PUT', '/message_interactions', { url, receive_message_from_customer: true, status_message: false });
			expect(answer.json.data.receive_message_from_customer).toEqual({ enabled: true, webhooks: [{ id: expect.any(String), event: 'receive_message_from_customer', url }] });
			expect(answer.json.data.status_message.enabled).toBe(false);
			expect(await sim.chat.deliver('receive_message_from_customer', { text: 'halo' })).toEqual([200]);
			expect(received).toEqual([{ text: 'halo' }]);
			expect(await sim.chat.deliver('status_message', { status: 'read' })).toEqual([]);
		} finally {
			await new Promise<void>((resolve) => receiver.close(() => resolve()));
		}
	});

	it('keeps every CRM route working beside the chat ones', async () => {
		expect((await call(sim, 'GET', '/qontak/crm/pipelines')).status).toBe(200);
		expect((await call(sim, 'GET', '/qontak/crm/pipelines', { ssoId: null })).status).toBe(403);
	});
});

describe('the legacy service-chat host', () => {
	const legacy = new ChatLegacySimulator();
	const post = (path: string, body: unknown, token?: string) =>
		new Promise<{ status: number; json: any }>((resolve, reject) => {
			const text = JSON.stringify(body);
			const req = request(`${legacy.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
				let data = '';
				res.on('data', (chunk: Buffer) => (data += chunk.toString()));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(data || 'null') }));
			});
			req.on('error', reject);
			req.end(text);
		});
	const grant = (overrides: Record<string, unknown> = {}) => ({
		username: legacy.options.username,
		password: legacy.options.password,
		grant_type: 'password',
		client_id: legacy.options.clientId,
		client_secret: legacy.options.clientSecret,
		...overrides,
	});

	beforeAll(async () => {
		await legacy.start();
	});
	afterAll(async () => await legacy.stop());
	beforeEach(() => legacy.reset());

	it('issues a bearer token for the password grant and refuses wrong client or password', async () => {
		const ok = await post('/oauth/token', grant());
		expect(ok.status).toBe(201);
		expect(ok.json).toMatchObject({ token_type: 'bearer', expires_in: legacy.options.tokenTtlSeconds, access_token: expect.any(String), refresh_token: expect.any(String) });
		expect((await post('/oauth/token', grant({ client_secret: 'x' }))).json.error).toBe('invalid_client');
		expect((await post('/oauth/token', grant({ password: 'x' }))).json.error).toBe('invalid_grant');
		const refreshed = await post('/oauth/token', { grant_type: 'refresh_token', refresh_token: ok.json.refresh_token, client_id: legacy.options.clientId, client_secret: legacy.options.clientSecret });
		expect(refreshed.status).toBe(201);
		expect(legacy.logins).toBe(2);
	});

	it('serves /api/open/v1 with a valid bearer only, and stops after revocation', async () => {
		const { access_token: token } = (await post('/oauth/token', grant())).json;
		const body = { room_id: IDS.assignedRoom, type: 'text', text: 'halo' };
		expect((await post('/api/open/v1/messages/whatsapp/bot', body)).status).toBe(401);
		expect((await post('/api/open/v1/messages/whatsapp/bot', body, token)).status).toBe(201);
		legacy.revokeTokens();
		expect((await post('/api/open/v1/messages/whatsapp/bot', body, token)).status).toBe(401);
		expect(legacy.chat.state.messages.filter((message) => message.text === 'halo')).toHaveLength(1);
	});
});
