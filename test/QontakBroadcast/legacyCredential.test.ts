import { QontakChatApi } from '../../credentials/QontakChatApi.credentials';
import { CredentialStore } from '../harness/runWorkflow';
import { ChatLegacySimulator } from '../../simulators/qontak/chatLegacySimulator';
import { binary, byId, customer, IDS, orderUpdate, runChat, useLegacyChatCredential, type ChatEnv } from './setup';

/** The older service-chat host: OAuth password grant, bearer token in a hidden expirable field. */
const legacy = new ChatLegacySimulator({ chat: { broadcastWindowMs: 1000 } });
const env = { sim: undefined as never, store: new CredentialStore(), credentials: {} } as unknown as ChatEnv;

beforeAll(async () => {
	await legacy.start();
});
afterAll(async () => await legacy.stop());
beforeEach(() => {
	legacy.reset();
	useLegacyChatCredential(env, legacy);
});

const listChannels = { authentication: 'qontakChat', resource: 'integration', operation: 'getAll', returnAll: true };
const calls = () => legacy.requests.map((request) => `${request.method} ${request.path} ${request.status}`);

it('logs in once, keeps the token with the credential, and reuses it in the next execution', async () => {
	const first = await runChat(env, listChannels);
	expect(first.nodeError).toBeUndefined();
	expect(first.items.length).toBeGreaterThan(0);
	expect(legacy.logins).toBe(1);
	expect(env.store.persisted).toEqual([{ id: 'chat-1', type: 'qontakChatApi', data: { accessToken: expect.any(String) } }]);
	const token = env.store.get('chat-1').data.accessToken;
	expect(legacy.requests.at(-1)!.authorization).toBe(`Bearer ${token}`);

	const second = await runChat(env, listChannels);
	expect(second.nodeError).toBeUndefined();
	expect(legacy.logins).toBe(1);
	expect(env.store.preAuthCount('qontakChatApi')).toBe(1);
	expect(calls().filter((call) => call.startsWith('POST /oauth/token'))).toHaveLength(1);
});

it('after a 401 logs in again, stores the new token and resends the request once', async () => {
	await runChat(env, listChannels);
	legacy.revokeTokens();
	legacy.requests = [];
	const { nodeError } = await runChat(env, listChannels);
	expect(nodeError).toBeUndefined();
	expect(calls()).toEqual(['GET /api/open/v1/integrations 401', 'POST /oauth/token 201', 'GET /api/open/v1/integrations 200']);
	expect(env.store.persisted).toHaveLength(2);
	expect(env.store.get('chat-1').data.accessToken).toBe(env.store.persisted[1].data.accessToken);
});

it('reads the credential once per run; after a 401 the later items send the renewed token without another login', async () => {
	await runChat(env, listChannels);
	legacy.revokeTokens();
	legacy.requests = [];
	const reads = env.store.decryptions.get('qontakChatApi') ?? 0;
	const input = [{ n: 1 }, { n: 2 }, { n: 3 }];
	const { items, nodeError } = await runChat(env, { ...listChannels, requestOptions: { concurrency: 1 } }, { input });
	expect(nodeError).toBeUndefined();
	expect(items.length).toBeGreaterThan(0);
	expect(calls()).toEqual([
		'GET /api/open/v1/integrations 401',
		'POST /oauth/token 201',
		'GET /api/open/v1/integrations 200',
		'GET /api/open/v1/integrations 200',
		'GET /api/open/v1/integrations 200',
	]);
	// One read for the requests, one for masking the output: not one per item.
	expect((env.store.decryptions.get('qontakChatApi') ?? 0) - reads).toBe(2);
});

it('a direct broadcast refused with 401 is sent again after the new login, and only once', async () => {
	await runChat(env, listChannels);
	legacy.revokeTokensOn('POST', '/api/open/v1/broadcasts/whatsapp/direct');
	const { items, nodeError } = await runChat(env, { ...orderUpdate(), authentication: 'qontakChat' }, { input: [customer('081234567890')] });
	expect(nodeError).toBeUndefined();
	expect(legacy.chat.state.broadcasts).toHaveLength(1);
	expect(items[0].json.id).toBe(legacy.chat.state.broadcasts[0].data.id);
	expect(calls().filter((call) => call.includes('/broadcasts/whatsapp/direct'))).toEqual([
		'POST /api/open/v1/broadcasts/whatsapp/direct 401',
		'POST /api/open/v1/broadcasts/whatsapp/direct 201',
	]);
});

it('resends a multipart upload after the new login (the body is a buffer, not a spent stream)', async () => {
	await runChat(env, listChannels);
	legacy.revokeTokens();
	const { items, nodeError } = await runChat(
		env,
		{ authentication: 'qontakChat', resource: 'file', operation: 'upload', binaryPropertyName: 'data' },
		{ input: [{ json: {}, binary: { data: binary('hello', 'hello.txt', 'text/plain') } }] },
	);
	expect(nodeError).toBeUndefined();
	expect(items[0].json).toEqual({ filename: 'hello.txt', url: legacy.chat.state.uploads[0].url });
	expect(calls().filter((call) => call.includes('file_uploader'))).toEqual(['POST /api/open/v1/file_uploader 401', 'POST /api/open/v1/file_uploader 201']);
});

it('a wrong password is one clear error: no retry storm, no secret in the message', async () => {
	env.store.get('chat-1').data.password = 'not-the-password';
	const { nodeError } = await runChat(env, listChannels);
	expect(nodeError?.message).toMatch(/^Qontak Chat login failed \(HTTP 400\): invalid_grant/);
	expect(nodeError?.message).toContain('Check the username, password, client ID and client secret');
	expect(JSON.stringify(nodeError)).not.toContain('not-the-password');
	expect(calls()).toEqual(['POST /oauth/token 400']);
});

it('a login failure before a send is not reported as "may have been sent"', async () => {
	env.store.get('chat-1').data.clientSecret = 'wrong';
	const { items } = await runChat(env, { ...orderUpdate(), authentication: 'qontakChat' }, { input: [customer('081234567890')], continueOnFail: true });
	expect(items[0].json.error).toMatch(/^Qontak Chat login failed \(HTTP 401\): invalid_client/);
	expect(items[0].json.mayHaveBeenSent).toBeUndefined();
	expect(legacy.chat.state.broadcasts).toHaveLength(0);
});

it('works with an access token copied from the web app, without logging in', async () => {
	await runChat(env, listChannels);
	const token = env.store.get('chat-1').data.accessToken as string;
	env.credentials = { qontakChatApi: env.store.add('chat-2', 'qontakChatApi', { baseUrl: legacy.baseUrl, grantType: 'staticToken', staticAccessToken: token }) };
	legacy.requests = [];
	const { nodeError } = await runChat(env, { authentication: 'qontakChat', resource: 'template', operation: 'get', templateId: byId(IDS.otpTemplate) });
	expect(nodeError).toBeUndefined();
	expect(calls()).toEqual([`GET /api/open/v1/templates/${IDS.otpTemplate}/whatsapp 200`]);

	legacy.revokeTokens();
	const refused = await runChat(env, { authentication: 'qontakChat', resource: 'template', operation: 'get', templateId: byId(IDS.otpTemplate) });
	expect(refused.nodeError?.message).toBe('Qontak Chat: Unauthorized');
	expect(refused.nodeError?.description).toMatch(/refused the access token/);
});

describe('QontakChatApi.authenticate', () => {
	const credential = new QontakChatApi();
	const data = { baseUrl: 'https://service-chat.qontak.com/', grantType: 'password', accessToken: 'tok-1', staticAccessToken: 'static-1' };

	it('resolves a node’s bare path against the credential’s host, folds qs in (arrays bracket-style) and sets the bearer', async () => {
		const signed = await credential.authenticate(data, { method: 'GET', url: '/api/open/v1/rooms', qs: { 'tags': ['vip', 'baru'], offset: 1 } });
		expect(signed.url).toBe('https://service-chat.qontak.com/api/open/v1/rooms?tags%5B%5D=vip&tags%5B%5D=baru&offset=1');
		expect(signed.qs).toEqual({});
		expect(signed.headers).toMatchObject({ Authorization: 'Bearer tok-1', Accept: 'application/json' });
	});

	it('keeps the HTTP Request node’s legacy `uri` shape, and uses a copied token as it is', async () => {
		const request = { method: 'GET', uri: 'https://service-chat.qontak.com/api/open/v1/integrations?all=true' } as never;
		const signed = (await credential.authenticate({ ...data, grantType: 'staticToken' }, request)) as { uri?: string; url?: string; headers?: Record<string, string> };
		expect(signed.uri).toBe('https://service-chat.qontak.com/api/open/v1/integrations?all=true');
		expect(signed.url).toBeUndefined();
		expect(signed.headers?.Authorization).toBe('Bearer static-1');
	});
});
