import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { CredentialStore, runNode } from '../harness/runWorkflow';
import { AppKeySimulator, type AppKeySimulatorOptions } from '../../simulators/appKey/AppKeySimulator';

/*
 * End to end through n8n-core's real httpRequestWithAuthentication / requestWithAuthentication:
 * preAuthentication when the access token is empty, the one-shot renew-and-resend on 401, and
 * the write-back of both tokens into the credential store, against the simulator.
 */

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CREDENTIAL_ID = 'app-key-1';

function useSimulator(options: AppKeySimulatorOptions = {}) {
	const sim = new AppKeySimulator(options);
	beforeAll(async () => {
		await sim.start();
	});
	afterAll(async () => await sim.stop());
	beforeEach(() => sim.reset());
	return sim;
}

function setup(sim: AppKeySimulator, values: ICredentialDataDecryptedObject = {}) {
	const store = new CredentialStore();
	store.add(CREDENTIAL_ID, 'appKeyApi', {
		baseUrl: sim.baseUrl,
		appKey: sim.options.appKey,
		userToken: sim.options.userToken,
		privateKey: 'PRIVATE-PEM-NEVER-SENT',
		...values,
	});
	const credentials = { appKeyApi: { id: CREDENTIAL_ID, name: 'App Key API' } };
	const probe = async (parameters: IDataObject, continueOnFail = false) =>
		await runNode({ type: 'appKeyProbe', parameters, credentials, store, continueOnFail });
	const stored = () => store.get(CREDENTIAL_ID).data;
	return { store, probe, stored };
}

function headersOf(sim: AppKeySimulator, index: number) {
	return sim.requests[index].headers;
}

describe('App Key credential through n8n-core (simulator)', () => {
	const sim = useSimulator();

	it('walks the whole chain on first use and persists both tokens', async () => {
		const { store, probe, stored } = setup(sim);
		const { items, nodeError } = await probe({ method: 'GET', url: '/tasks' });
		expect(nodeError).toBeUndefined();
		expect(items[0].json.data).toHaveLength(2);
		expect(sim.calls()).toEqual([
			'GET /authorize/refresh-token user 200',
			'GET /authorize/access-token refresh 200',
			'GET /tasks access 200',
		]);
		expect(store.preAuthCount('appKeyApi')).toBe(1);
		expect(sim.isValidAccessToken(stored().accessToken as string)).toBe(true);
		expect(sim.isValidRefreshToken(stored().refreshToken as string)).toBe(true);
	});

	it('reuses the persisted access token on the next execution', async () => {
		const { store, probe } = setup(sim);
		await probe({ method: 'GET', url: '/tasks' });
		sim.requests.length = 0;
		const { nodeError } = await probe({ method: 'GET', url: '/tasks' });
		expect(nodeError).toBeUndefined();
		expect(sim.calls()).toEqual(['GET /tasks access 200']);
		expect(store.preAuthCount('appKeyApi')).toBe(1);
	});

	it('on a 401 renews the access token with the refresh token and resends once', async () => {
		const { store, probe, stored } = setup(sim, sim.issueTokens());
		const refreshBefore = stored().refreshToken;
		sim.expireAccessTokens();
		const { items, nodeError } = await probe({ method: 'GET', url: '/tasks' });
		expect(nodeError).toBeUndefined();
		expect(items[0].json.data).toHaveLength(2);
		expect(sim.calls()).toEqual([
			'GET /tasks unknown 401',
			'GET /authorize/access-token refresh 200',
			'GET /tasks access 200',
		]);
		expect(store.preAuthCount('appKeyApi')).toBe(1);
		expect(stored().refreshToken).toBe(refreshBefore);
		expect(sim.isValidAccessToken(stored().accessToken as string)).toBe(true);
	});

	it('when the refresh token is rejected too, gets a new one with the user token, and every request has its own id', async () => {
		const { probe, stored, store } = setup(sim, sim.issueTokens());
		sim.expireAccessTokens();
		sim.expireRefreshTokens();
		const { nodeError } = await probe({ method: 'GET', url: '/tasks' });
		expect(nodeError).toBeUndefined();
		expect(sim.calls()).toEqual([
			'GET /tasks unknown 401',
			'GET /authorize/access-token unknown 401',
			'GET /authorize/refresh-token user 200',
			'GET /authorize/access-token refresh 200',
			'GET /tasks access 200',
		]);
		const ids = sim.requests.map((request) => request.headers['x-request-id'] as string);
		expect(ids.every((id) => UUID_V4.test(id))).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
		expect(store.persisted).toHaveLength(1);
		expect(sim.isValidRefreshToken(stored().refreshToken as string)).toBe(true);
		expect(sim.isValidAccessToken(stored().accessToken as string)).toBe(true);
	});

	it('renews only once when the API keeps answering 401, then fails with the API message', async () => {
		const { probe, store } = setup(sim, sim.issueTokens());
		sim.rejectEverything = true;
		const { nodeError } = await probe({ method: 'GET', url: '/tasks' });
		expect(nodeError?.message).toMatch(/Authorization failed/);
		expect((nodeError as Error & { description?: string }).description).toBe('Token akses tidak valid atau kedaluwarsa');
		expect(sim.calls()).toEqual([
			'GET /tasks access 401',
			'GET /authorize/access-token refresh 200',
			'GET /tasks access 401',
		]);
		expect(store.preAuthCount('appKeyApi')).toBe(1);
	});

	it('sends the same headers from the HTTP Request node request shape (uri) and renews there too', async () => {
		const { probe } = setup(sim, sim.issueTokens());
		await probe({ method: 'GET', url: '/tasks' });
		sim.expireAccessTokens();
		const { items, nodeError } = await probe({ method: 'GET', url: `${sim.baseUrl}/tasks`, shape: 'legacy' });
		expect(nodeError).toBeUndefined();
		expect(items[0].json.data).toHaveLength(2);
		expect(sim.calls()).toEqual([
			'GET /tasks access 200',
			'GET /tasks unknown 401',
			'GET /authorize/access-token refresh 200',
			'GET /tasks access 200',
		]);
		const managed = (index: number) => {
			const h = headersOf(sim, index);
			return { appKey: h['x-app-key'], language: h['x-language'], user: h['x-user-token'], bearer: sim.requests[index].bearer };
		};
		expect(managed(3)).toEqual(managed(0));
		expect(managed(0)).toEqual({ appKey: sim.options.appKey, language: 'id', user: sim.options.userToken, bearer: 'access' });
		expect(headersOf(sim, 3)['x-request-id']).toMatch(UUID_V4);
	});

	it('sends x-user-token to user endpoints, and a POST body intact', async () => {
		const { probe } = setup(sim);
		const profile = await probe({ method: 'GET', url: '/user/profile' });
		expect(profile.items[0].json.data).toEqual({ name: 'Sari Wulandari', role: 'supervisor' });
		const created = await probe({ method: 'POST', url: '/tasks', body: '{"title":"Stock opname"}' });
		expect(created.items[0].json.data).toEqual({ id: 3, title: 'Stock opname' });
	});

	it('leaves x-user-token off when the credential says so, and the user endpoint refuses', async () => {
		const { probe } = setup(sim, { sendUserHeader: false, language: 'en' });
		const { items } = await probe({ method: 'GET', url: '/user/profile' }, true);
		expect(items[0].json.error).toMatch(/403|Forbidden/i);
		const last = sim.requests[sim.requests.length - 1];
		expect(last.headers).not.toHaveProperty('x-user-token');
		expect(last.headers['x-language']).toBe('en');
	});

	it('tells the user to log in again when the user token is revoked, in the chosen language, leaking no secret', async () => {
		const { probe } = setup(sim, { language: 'en' });
		sim.revokeUserToken();
		const result = await probe({ method: 'GET', url: '/tasks' });
		expect(result.nodeError?.message).toMatch(/rejected the user token \(HTTP 401: User token is invalid\).*Log in again/);
		expect(sim.calls()).toEqual(['GET /authorize/refresh-token unknown 401']);
		const everything = JSON.stringify(result.run);
		expect(everything).not.toContain(sim.options.userToken);
		expect(everything).not.toContain('PRIVATE-PEM-NEVER-SENT');
	});

	it('never puts the private key on the wire', async () => {
		const { probe } = setup(sim);
		await probe({ method: 'POST', url: '/tasks', body: '{"title":"x"}' });
		expect(JSON.stringify(sim.requests)).not.toContain('PRIVATE-PEM-NEVER-SENT');
	});
});

describe('App Key credential with a vendor that uses other paths, methods and fields', () => {
	const sim = useSimulator({
		accessPath: '/v2/auth/access',
		accessMethod: 'POST',
		refreshPath: '/v2/auth/refresh',
		refreshMethod: 'POST',
		accessField: 'token',
		refreshField: 'refreshToken',
		envelope: 'flat',
		rotateRefresh: true,
	});
	const configured = {
		accessRenewalPath: '/v2/auth/access',
		accessRenewalMethod: 'POST',
		accessResponseField: 'token',
		refreshRenewalPath: '/v2/auth/refresh',
		refreshRenewalMethod: 'POST',
		refreshResponseField: 'refreshToken',
	};

	it('follows the configuration and persists the rotated refresh token', async () => {
		const { probe, stored } = setup(sim, configured);
		await probe({ method: 'GET', url: '/tasks' });
		sim.expireAccessTokens();
		const { nodeError } = await probe({ method: 'GET', url: '/tasks' });
		expect(nodeError).toBeUndefined();
		expect(sim.calls()).toEqual([
			'POST /v2/auth/refresh user 200',
			'POST /v2/auth/access refresh 200',
			'GET /tasks access 200',
			'GET /tasks unknown 401',
			'POST /v2/auth/access refresh 200',
			'GET /tasks access 200',
		]);
		// The vendor retired the old refresh token; only the persisted rotated one still works.
		expect(sim.isValidRefreshToken(stored().refreshToken as string)).toBe(true);
	});

	it('names the response-field setting when the configured field is not in the response', async () => {
		const { probe } = setup(sim, { ...configured, accessResponseField: 'access_token' });
		const { nodeError } = await probe({ method: 'GET', url: '/tasks' });
		expect(nodeError?.message).toMatch(/has no "access_token" field \(top-level keys: status, message, token, refreshToken, meta\)\. Set "Access Token Response Field"/);
	});

	it('names the path setting when left on the defaults this vendor does not serve', async () => {
		const { probe } = setup(sim);
		const { nodeError } = await probe({ method: 'GET', url: '/tasks' });
		expect(nodeError?.message).toMatch(/new refresh token request \(GET .*\/authorize\/refresh-token\) failed with HTTP 404: Endpoint tidak ditemukan\. Check "New Refresh Token Path"/);
	});
});
