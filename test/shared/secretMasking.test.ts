import { netzmePinHash } from '../../credentials/netzmePin';
import { ChatLegacySimulator } from '../../simulators/qontak/chatLegacySimulator';
import { leaked, storedText } from '../harness/leaks';
import { CredentialStore, runNode } from '../harness/runWorkflow';
import { CREDENTIAL_ID, runNetzme, storedToken, useNetzme } from '../Netzme/setup';
import { moduleParam, vtigerFixture } from '../AbmsVtiger/setup';
import { runCrm, useQontak } from '../QontakCrm/setup';
import type { ChatEnv } from '../QontakBroadcast/setup';
import { useLegacyChatCredential } from '../QontakBroadcast/setup';

/**
 * A vendor or a proxy that echoes the request (a debug error page, a non-JSON 200) must not put any
 * secret of the credential, or anything derived from one, into what n8n stores or logs.
 */

describe('Netzme', () => {
	const env = useNetzme();
	const basic = () => Buffer.from(`${env.sim.options.clientId}:${env.sim.options.clientSecret}`).toString('base64');
	const secrets = () => ({
		clientSecret: env.sim.options.clientSecret,
		basic: basic(),
		invoiceToken: env.sim.options.invoiceToken,
		accessToken: storedToken(env),
		pinHash: netzmePinHash(env.sim.options.clientId, 'M_czBSCDVY', '123456'),
	});
	afterEach(() => (env.sim.options.echoTokenRequest = false));

	it.each(['echo', 'echo200'] as const)('keeps the access token out of the stored error when a read is echoed (%s)', async (kind) => {
		await runNetzme(env, { resource: 'balance', operation: 'get' });
		env.sim.inject({ kind, pathPrefix: '/api/aggregator/merchant/qr/balance' });
		const run = await runNetzme(env, { resource: 'balance', operation: 'get' });
		expect(run.nodeError).toBeDefined();
		expect(storedToken(env)).not.toBe('');
		expect(leaked(storedText(run), secrets())).toEqual([]);
	});

	it.each(['echo', 'echo200'] as const)('keeps the PIN hash and the token out of a withdrawal echoed back (%s)', async (kind) => {
		env.store.get(CREDENTIAL_ID).data.withdrawalPinSecret = '123456';
		await runNetzme(env, { resource: 'balance', operation: 'get' });
		env.sim.inject({ kind, path: '/api/aggregator/merchant/qr/withdraw' });
		const run = await runNetzme(env, { resource: 'withdraw', operation: 'submit', amount: 37995, pin: '' }, { continueOnFail: true });
		expect(run.items[0].json.error).toBeDefined();
		expect(leaked(storedText(run), secrets())).toEqual([]);
	});

	it.each([
		['echo', false],
		['echo', true],
		['echo200', false],
		['echo200', true],
	] as const)('keeps the invoice token out of the stored error and the error item (%s, continueOnFail: %s)', async (kind, continueOnFail) => {
		env.sim.inject({ kind, pathPrefix: '/api/v1/invoice' });
		const run = await runNetzme(env, { resource: 'invoice', operation: 'createTransaction', amount: 25000 }, { continueOnFail });
		expect(continueOnFail ? run.items[0].json.error : run.nodeError).toBeDefined();
		expect(leaked(storedText(run), secrets())).toEqual([]);
	});

	it('keeps the client secret and its Basic header out of a refused token request that echoes it', async () => {
		env.sim.options.echoTokenRequest = true;
		const run = await runNetzme(env, { resource: 'balance', operation: 'get' });
		expect(run.nodeError?.message).toMatch(/Netzme did not issue an access token \(HTTP 401/);
		expect(leaked(storedText(run), secrets())).toEqual([]);
	});
});

describe('Qontak Chat (password grant)', () => {
	const legacy = new ChatLegacySimulator({ chat: { broadcastWindowMs: 1000 } });
	const env = { sim: undefined as never, store: new CredentialStore(), credentials: {} } as unknown as ChatEnv;
	beforeAll(async () => await legacy.start());
	afterAll(async () => await legacy.stop());
	beforeEach(() => {
		legacy.reset();
		legacy.options.echoLogin = false;
		useLegacyChatCredential(env, legacy);
	});
	const listChannels = { authentication: 'qontakChat', resource: 'integration', operation: 'getAll', returnAll: true };
	const run = async (continueOnFail = false) =>
		await runNode({ type: 'qontakBroadcast', parameters: listChannels, credentials: env.credentials, store: env.store, continueOnFail });
	const secrets = () => ({
		password: legacy.options.password,
		clientSecret: legacy.options.clientSecret,
		bearer: String(env.store.get('chat-1').data.accessToken ?? ''),
	});

	it('keeps the password and client secret out of the login error and out of n8n\'s log', async () => {
		legacy.options.echoLogin = true;
		env.store.get('chat-1').data.username = 'someone-else@example.com';
		const logged: string[] = [];
		const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
			jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))),
		);
		try {
			const result = await run();
			expect(result.nodeError?.message).toMatch(/Qontak Chat login failed \(HTTP 400\)/);
			expect(leaked(storedText(result), secrets())).toEqual([]);
		} finally {
			for (const spy of spies) spy.mockRestore();
		}
		expect(leaked(logged.join('\n'), secrets())).toEqual([]);
	});

	it.each([false, true])('keeps the bearer token out of an echoed error (continueOnFail: %s)', async (continueOnFail) => {
		await run();
		expect(secrets().bearer).not.toBe('');
		legacy.inject({ kind: 'echo', pathPrefix: '/api/open/v1/integrations' });
		const result = await run(continueOnFail);
		expect(continueOnFail ? result.items[0].json.error : result.nodeError).toBeDefined();
		expect(leaked(storedText(result), secrets())).toEqual([]);
	});

	it('keeps the bearer token out of an echoed non-JSON 200', async () => {
		await run();
		legacy.inject({ kind: 'echo200', pathPrefix: '/api/open/v1/integrations' });
		const result = await run(true);
		expect(leaked(storedText(result), secrets())).toEqual([]);
	});
});

describe('ABMS vtiger', () => {
	const vt = vtigerFixture();
	const listContacts = { resource: 'record', operation: 'getMany', module: moduleParam('Contacts'), limit: 5 };
	const secrets = () => ({ session: String(vt.stored().sessionToken ?? ''), accessKey: vt.sim.options.accessKey });

	it.each([
		['echoRequest', false],
		['echoRequest', true],
		['echoJson', false],
		['echoJson', true],
	] as const)('keeps the session out of a 500 that echoes the whole request (%s, continueOnFail: %s)', async (style, continueOnFail) => {
		await vt.run(listContacts);
		vt.sim.options.phpFatal = ['query'];
		vt.sim.options.phpFatalStyle = style;
		const run = await vt.run(listContacts, [{}], { continueOnFail });
		expect(secrets().session).not.toBe('');
		expect(continueOnFail ? run.items[0].json.error : run.nodeError).toBeDefined();
		expect(leaked(storedText(run), secrets())).toEqual([]);
	});

	it.each(['echoRequest', 'echoJson'] as const)('keeps the session out of a create whose form body is echoed (%s)', async (style) => {
		await vt.run(listContacts);
		vt.sim.options.phpFatal = ['create'];
		vt.sim.options.phpFatalStyle = style;
		const run = await vt.run(
			{ resource: 'record', operation: 'create', module: moduleParam('Accounts'), fields: { mappingMode: 'defineBelow', value: { accountname: 'PT Echo' }, matchingColumns: [], schema: [] } },
			[{}],
			{ continueOnFail: true },
		);
		expect(run.items[0].json.error).toBeDefined();
		expect(leaked(storedText(run), secrets())).toEqual([]);
	});
});

describe('Qontak CRM: a secret inside a valid answer', () => {
	const env = useQontak();

	it('is masked in the output item, and the rest of the record is kept as it is', async () => {
		const secret = String(env.store.get('mekari-1').data.clientSecret);
		const { items, nodeError } = await runCrm(env, {
			resource: 'contact',
			operation: 'create',
			fields: { mappingMode: 'defineBelow', value: { first_name: 'Budi', last_name: `custom made-to-order ${secret}` } },
		});
		expect(nodeError).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(JSON.stringify(items)).not.toContain(secret);
		expect(JSON.stringify(items)).toContain('custom made-to-order ***');
		expect(items[0].json.first_name).toBe('Budi');
	});
});
