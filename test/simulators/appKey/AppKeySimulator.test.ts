import { AppKeySimulator } from '../../../simulators/appKey/AppKeySimulator';

/** The simulator must refuse what the real API refuses, or the credential tests prove nothing. */
describe('AppKeySimulator', () => {
	const sim = new AppKeySimulator();
	let counter = 0;

	beforeAll(async () => {
		await sim.start();
	});
	afterAll(async () => await sim.stop());
	beforeEach(() => sim.reset());

	async function call(path: string, headers: Record<string, string>, method = 'GET') {
		const response = await fetch(`${sim.baseUrl}${path}`, { method, headers });
		return { status: response.status, body: (await response.json()) as Record<string, any> };
	}

	const base = (bearer?: string): Record<string, string> => ({
		'x-app-key': 'sim-app-key',
		'x-request-id': `req-${++counter}`,
		...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
	});

	it('walks the chain: user token → refresh token → access token → business call', async () => {
		const refresh = await call('/authorize/refresh-token', base('sim-user-token'));
		expect(refresh.status).toBe(200);
		const access = await call('/authorize/access-token', base(refresh.body.data.refresh_token));
		expect(access.status).toBe(200);
		const tasks = await call('/tasks', base(access.body.data.access_token));
		expect(tasks.status).toBe(200);
		expect(tasks.body.data).toHaveLength(2);
	});

	it('refuses a wrong app key, a missing or reused request id and an unknown language', async () => {
		const { accessToken } = sim.issueTokens();
		expect((await call('/tasks', { ...base(accessToken), 'x-app-key': 'other' })).status).toBe(401);
		const { 'x-request-id': _omitted, ...noId } = base(accessToken);
		expect((await call('/tasks', noId)).status).toBe(400);
		const reused = base(accessToken);
		expect((await call('/tasks', reused)).status).toBe(200);
		const again = await call('/tasks', reused);
		expect(again.status).toBe(400);
		expect(again.body.message).toBe('x-request-id sudah pernah digunakan');
		expect((await call('/tasks', { ...base(accessToken), 'x-language': 'fr' })).status).toBe(400);
	});

	it('accepts each token only in its own role', async () => {
		const { accessToken, refreshToken } = sim.issueTokens();
		expect((await call('/tasks', base(refreshToken))).status).toBe(401);
		expect((await call('/tasks', base('sim-user-token'))).status).toBe(401);
		expect((await call('/authorize/access-token', base(accessToken))).status).toBe(401);
		expect((await call('/authorize/access-token', base('sim-user-token'))).status).toBe(401);
		expect((await call('/authorize/refresh-token', base(refreshToken))).status).toBe(401);
	});

	it('answers in the requested language and demands x-user-token on user endpoints', async () => {
		const { accessToken } = sim.issueTokens();
		const english = await call('/user/profile', { ...base(accessToken), 'x-language': 'en' });
		expect(english.status).toBe(403);
		expect(english.body.message).toBe('x-user-token is required for this endpoint');
		const withUser = await call('/user/profile', { ...base(accessToken), 'x-user-token': 'sim-user-token' });
		expect(withUser.status).toBe(200);
	});

	it('forgets tokens when told to expire them, and a new refresh token retires the old one', async () => {
		const { accessToken, refreshToken } = sim.issueTokens();
		sim.expireAccessTokens();
		expect((await call('/tasks', base(accessToken))).status).toBe(401);
		await call('/authorize/refresh-token', base('sim-user-token'));
		expect((await call('/authorize/access-token', base(refreshToken))).status).toBe(401);
		sim.revokeUserToken();
		expect((await call('/authorize/refresh-token', base('sim-user-token'))).status).toBe(401);
	});

	it('serves renewal on the configured paths, methods and field names only', async () => {
		const custom = new AppKeySimulator({
			accessPath: '/v2/auth/access',
			accessMethod: 'POST',
			refreshPath: '/v2/auth/refresh',
			refreshMethod: 'POST',
			refreshField: 'refreshToken',
			accessField: 'token',
			envelope: 'flat',
		});
		await custom.start();
		try {
			const post = async (path: string, bearer: string) =>
				await fetch(`${custom.baseUrl}${path}`, { method: 'POST', headers: base(bearer) });
			expect((await fetch(`${custom.baseUrl}/authorize/refresh-token`, { headers: base('sim-user-token') })).status).toBe(404);
			const refresh = (await (await post('/v2/auth/refresh', 'sim-user-token')).json()) as Record<string, string>;
			expect(refresh.refreshToken).toMatch(/^ref-/);
			const access = (await (await post('/v2/auth/access', refresh.refreshToken)).json()) as Record<string, string>;
			expect(access.token).toMatch(/^acc-/);
		} finally {
			await custom.stop();
		}
	});
});
