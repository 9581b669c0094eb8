import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { AppKeyApi } from '../../credentials/AppKeyApi.credentials';

const credential = new AppKeyApi();
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The credential as n8n decrypts it: every property default applied, then the saved values. */
function credentialsWith(values: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	const defaults: ICredentialDataDecryptedObject = {};
	for (const property of credential.properties) defaults[property.name] = property.default as string;
	return {
		...defaults,
		baseUrl: 'https://api.example.co.id/',
		appKey: 'APP-KEY-1',
		userToken: 'USER-TOKEN-1',
		privateKey: '-----BEGIN PRIVATE KEY-----SECRETPEM',
		accessToken: 'ACCESS-1',
		refreshToken: 'REFRESH-1',
		...values,
	};
}

type Legacy = IHttpRequestOptions & { uri?: string };

describe('AppKeyApi.authenticate', () => {
	it('adds x-app-key, a UUID x-request-id, x-language, the access bearer and x-user-token', async () => {
		const sent = await credential.authenticate(credentialsWith(), { method: 'GET', url: '/tasks', headers: { Accept: 'application/json' } });
		expect(sent.url).toBe('https://api.example.co.id/tasks');
		expect(sent.headers).toEqual({
			Accept: 'application/json',
			'x-app-key': 'APP-KEY-1',
			'x-request-id': expect.stringMatching(UUID_V4),
			'x-language': 'id',
			Authorization: 'Bearer ACCESS-1',
			'x-user-token': 'USER-TOKEN-1',
		});
	});

	it('gives every request, including a resend of its own output, a new request id', async () => {
		const first = await credential.authenticate(credentialsWith(), { method: 'GET', url: '/tasks' });
		// n8n-core's 401 retry hands the already-authenticated options back in.
		const resend = await credential.authenticate(credentialsWith({ accessToken: 'ACCESS-2' }), first);
		expect(resend.url).toBe(first.url);
		expect(resend.headers!['x-request-id']).not.toBe(first.headers!['x-request-id']);
		expect(resend.headers!.Authorization).toBe('Bearer ACCESS-2');
		expect(Object.keys(resend.headers!).filter((name) => name.toLowerCase() === 'authorization')).toHaveLength(1);
	});

	it('gives the HTTP Request node shape (uri) the same headers and leaves absolute URLs on its own host as they are', async () => {
		const helper = await credential.authenticate(credentialsWith(), { method: 'GET', url: 'https://api.example.co.id/v1/tasks?page=2' });
		const legacy = (await credential.authenticate(credentialsWith(), {
			method: 'GET',
			uri: 'https://api.example.co.id/v1/tasks?page=2',
			json: true,
		} as unknown as IHttpRequestOptions)) as Legacy;
		expect(legacy.uri).toBe('https://api.example.co.id/v1/tasks?page=2');
		expect(legacy.url).toBeUndefined();
		expect(helper.url).toBe(legacy.uri);
		const { 'x-request-id': legacyId, ...legacyRest } = legacy.headers!;
		const { 'x-request-id': helperId, ...helperRest } = helper.headers!;
		expect(legacyRest).toEqual(helperRest);
		expect(legacyId).toMatch(UUID_V4);
		expect(legacyId).not.toBe(helperId);
	});

	it("resolves a bare path against the node's baseURL before the credential's", async () => {
		const sent = await credential.authenticate(credentialsWith({ baseUrl: 'http://127.0.0.1:9' }), { method: 'GET', baseURL: 'http://127.0.0.1:9/api/', url: 'tasks' });
		expect(sent.url).toBe('http://127.0.0.1:9/api/tasks');
		expect(sent.baseURL).toBeUndefined();
	});

	it('replaces caller-set spellings of the headers it owns and keeps the others', async () => {
		const sent = await credential.authenticate(credentialsWith({ language: 'en' }), {
			method: 'GET',
			url: '/tasks',
			headers: { authorization: 'Bearer stale', 'X-Request-Id': 'fixed', 'X-Trace': 't-1' },
		});
		expect(sent.headers).toMatchObject({ Authorization: 'Bearer ACCESS-1', 'x-language': 'en', 'X-Trace': 't-1' });
		expect(sent.headers).not.toHaveProperty('authorization');
		expect(sent.headers).not.toHaveProperty('X-Request-Id');
	});

	it('omits x-user-token when switched off and Authorization while no access token exists yet', async () => {
		const sent = await credential.authenticate(credentialsWith({ sendUserHeader: false, accessToken: '' }), { method: 'GET', url: '/tasks' });
		expect(sent.headers).not.toHaveProperty('x-user-token');
		expect(sent.headers).not.toHaveProperty('Authorization');
	});

	it('never sends the private key', async () => {
		const sent = await credential.authenticate(credentialsWith(), { method: 'POST', url: '/tasks', body: { a: 1 } });
		expect(JSON.stringify(sent)).not.toContain('SECRETPEM');
	});

	it.each([
		[{ baseUrl: '' }, /no Base URL\. Set Base URL/],
		[{ baseUrl: 'api.example.co.id' }, /Base URL "api\.example\.co\.id" is not an absolute URL/],
		[{ appKey: '  ' }, /has no App Key\. Enter the x-app-key/],
	])('rejects bad configuration %j with a message naming the field', async (values, message) => {
		await expect(credential.authenticate(credentialsWith(values), { method: 'GET', url: '/tasks' })).rejects.toThrow(message);
	});
});

interface FakeCall {
	method?: string;
	url: string;
	headers: Record<string, string>;
}

/** A scripted vendor for preAuthentication: answers per URL, records what was asked. */
function fakeVendor(answers: Record<string, (bearer: string) => { statusCode: number; body: unknown }>) {
	const calls: FakeCall[] = [];
	const httpRequest = jest.fn(async (options: IHttpRequestOptions) => {
		const headers = options.headers as Record<string, string>;
		calls.push({ method: options.method, url: options.url, headers });
		expect(options).toMatchObject({ returnFullResponse: true, ignoreHttpStatusErrors: true });
		const answer = answers[options.url];
		if (!answer) return { statusCode: 404, body: { message: 'Not Found' } };
		return answer(headers.Authorization.replace(/^Bearer /, ''));
	});
	return { calls, context: { helpers: { httpRequest } } as never };
}

const ACCESS_URL = 'https://api.example.co.id/authorize/access-token';
const REFRESH_URL = 'https://api.example.co.id/authorize/refresh-token';
const ok = (data: object) => ({ statusCode: 200, body: { status: 'success', data } });
const rejected = { statusCode: 401, body: { message: 'Token tidak valid' } };

describe('AppKeyApi.preAuthentication', () => {
	it('makes the access token the first hidden expirable field, the one n8n checks', () => {
		const expirable = credential.properties.filter((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		expect(expirable.map((p) => p.name)).toEqual(['accessToken', 'refreshToken']);
		expect(expirable.every((p) => p.typeOptions?.password === true)).toBe(true);
	});

	it('renews the access token with the stored refresh token when it is still good', async () => {
		const vendor = fakeVendor({ [ACCESS_URL]: (bearer) => (bearer === 'REFRESH-1' ? ok({ access_token: 'ACCESS-2' }) : rejected) });
		const output = await credential.preAuthentication.call(vendor.context, credentialsWith());
		expect(output).toEqual({ accessToken: 'ACCESS-2', refreshToken: 'REFRESH-1' });
		expect(vendor.calls.map((c) => `${c.method} ${c.url}`)).toEqual([`GET ${ACCESS_URL}`]);
		expect(vendor.calls[0].headers).toEqual({
			'x-app-key': 'APP-KEY-1',
			'x-request-id': expect.stringMatching(UUID_V4),
			'x-language': 'id',
			Accept: 'application/json',
			Authorization: 'Bearer REFRESH-1',
		});
	});

	it('falls back to the user token for a new refresh token when the refresh token is rejected', async () => {
		const vendor = fakeVendor({
			[ACCESS_URL]: (bearer) => (bearer === 'REFRESH-2' ? ok({ access_token: 'ACCESS-2' }) : rejected),
			[REFRESH_URL]: (bearer) => (bearer === 'USER-TOKEN-1' ? ok({ refresh_token: 'REFRESH-2' }) : rejected),
		});
		const output = await credential.preAuthentication.call(vendor.context, credentialsWith());
		expect(output).toEqual({ accessToken: 'ACCESS-2', refreshToken: 'REFRESH-2' });
		expect(vendor.calls.map((c) => `${c.url} ${c.headers.Authorization}`)).toEqual([
			`${ACCESS_URL} Bearer REFRESH-1`,
			`${REFRESH_URL} Bearer USER-TOKEN-1`,
			`${ACCESS_URL} Bearer REFRESH-2`,
		]);
		expect(new Set(vendor.calls.map((c) => c.headers['x-request-id'])).size).toBe(3);
	});

	it('goes straight to the user token when no refresh token is stored, and keeps a rotated refresh token', async () => {
		const vendor = fakeVendor({
			[REFRESH_URL]: () => ok({ refresh_token: 'REFRESH-2' }),
			[ACCESS_URL]: () => ({ statusCode: 200, body: { access_token: 'ACCESS-2', refresh_token: 'REFRESH-3' } }),
		});
		const output = await credential.preAuthentication.call(vendor.context, credentialsWith({ refreshToken: '' }));
		expect(output).toEqual({ accessToken: 'ACCESS-2', refreshToken: 'REFRESH-3' });
		expect(vendor.calls.map((c) => c.url)).toEqual([REFRESH_URL, ACCESS_URL]);
	});

	it('follows configured paths, methods and dotted response fields', async () => {
		const vendor = fakeVendor({
			'https://auth.example.co.id/v2/token': () => ({ statusCode: 200, body: { result: { tokens: { access: 'ACCESS-9' } } } }),
		});
		const output = await credential.preAuthentication.call(
			vendor.context,
			credentialsWith({
				accessRenewalPath: 'https://auth.example.co.id/v2/token',
				accessRenewalMethod: 'POST',
				accessResponseField: 'result.tokens.access',
			}),
		);
		expect(output.accessToken).toBe('ACCESS-9');
		expect(vendor.calls[0].method).toBe('POST');
	});

	it('asks the user to log in again when the user token is rejected, without echoing tokens', async () => {
		const vendor = fakeVendor({
			[ACCESS_URL]: () => rejected,
			[REFRESH_URL]: () => ({ statusCode: 401, body: { message: 'User token USER-TOKEN-1 expired' } }),
		});
		const error = await credential.preAuthentication.call(vendor.context, credentialsWith()).catch((e: Error) => e);
		expect((error as Error).message).toMatch(/rejected the user token \(HTTP 401: User token \*\*\* expired\).*Log in again/);
		expect(JSON.stringify(error)).not.toMatch(/USER-TOKEN-1|REFRESH-1|SECRETPEM/);
	});

	it('names the setting to fix when a renewal path answers with something other than a token', async () => {
		const missingPath = fakeVendor({});
		await expect(
			credential.preAuthentication.call(missingPath.context, credentialsWith({ refreshToken: '' })),
		).rejects.toThrow(/new refresh token request \(GET https:\/\/api\.example\.co\.id\/authorize\/refresh-token\) failed with HTTP 404: Not Found\. Check "New Refresh Token Path"/);

		const wrongField = fakeVendor({ [ACCESS_URL]: () => ok({ token: 'ACCESS-2' }) });
		await expect(credential.preAuthentication.call(wrongField.context, credentialsWith())).rejects.toThrow(
			/has no "access_token" field \(top-level keys: status, data\)\. Set "Access Token Response Field"/,
		);
	});

	it.each([
		[{ userToken: '' }, /has no User Token\. Log in/],
		[{ accessRenewalPath: '' }, /empty "New Access Token Path"/],
		[{ baseUrl: '' }, /"New Access Token Path" "\/authorize\/access-token" is a path, but .* has no Base URL/],
	])('rejects bad configuration %j before calling the vendor', async (values, message) => {
		const vendor = fakeVendor({});
		await expect(credential.preAuthentication.call(vendor.context, credentialsWith(values))).rejects.toThrow(message);
		expect(vendor.calls).toHaveLength(0);
	});
});
