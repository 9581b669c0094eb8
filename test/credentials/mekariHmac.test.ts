import type { IHttpRequestOptions } from 'n8n-workflow';

import { MekariHmacApi, mekariSignature } from '../../credentials/MekariHmacApi.credentials';

const credential = new MekariHmacApi();
const credentials = {
	clientId: 'client-123',
	clientSecret: 'CLIENT_SECRET',
	environment: 'https://api.mekari.com',
	customBaseUrl: '',
	crmUserSsoId: 'sso-user-1',
};

function signatureOf(headers: Record<string, unknown>): string {
	return /signature="([^"]+)"/.exec(String(headers.Authorization))![1];
}

describe('mekariSignature', () => {
	it('reproduces the official Mekari vector', () => {
		expect(
			mekariSignature(
				'YOUR_MEKARI_API_CLIENT_SECRET',
				'Wed, 10 Nov 2021 07:24:29 GMT',
				'POST',
				'/v2/klikpajak/v1/efaktur/out?auto_approval=false',
			),
		).toBe('6+Ah/UTmbqd+DDqlh6zYZ0HuCwVhtElYDOoucRPCaFg=');
	});

	it('does not match the vector with the secret some doc pages misprint', () => {
		expect(
			mekariSignature('YOUR_MEKARI_CLIENT_SECRET', 'Wed, 10 Nov 2021 07:24:29 GMT', 'POST', '/v2/klikpajak/v1/efaktur/out?auto_approval=false'),
		).toBe('d4sL0agsjWTtg+3nJMrykO8C4UDWB2UqJS1MA6h63ts=');
	});

	it.each([
		['GET', '/qontak/crm/deals?page=1&per_page=25', '85xYB7+wg64apmRCHpn6KHsGCHUonB4K/r4+SlPU+GI='],
		['GET', '/qontak/crm/deals', 'MLnNueykxu/F8bkd7YjU13pqkI3ARpCcRg7EdQX+T6I='],
		['POST', '/qontak/crm/contacts', 'YYK2Xmd93ozqO5QPJDobkljrGDfNLmDQhHK0dcU8FlA='],
		['GET', '/qontak/crm/deals/info', 'dy7uIDV3uHjASZB5qA+0IOo0xze988Rm3XR1ZIWpHQ8='],
		['POST', '/qontak/chat/v1/broadcasts/whatsapp/direct', 'UYf5bTTARiX8S5rduC2RW5QT9Zx0NvTOW1OhNpglv70='],
		['GET', '/qontak/chat/v1/integrations?target_channel=wa_cloud', 'oxUvR9BqByA2DIUafhGbznjVn09cCD1jliWdxHtDeEo='],
	])('matches the spec vector for %s %s', (method, target, expected) => {
		expect(mekariSignature('CLIENT_SECRET', 'Wed, 14 Nov 2024 06:23:23 GMT', method, target)).toBe(expected);
	});
});

describe('MekariHmacApi.authenticate', () => {
	beforeEach(() => jest.useFakeTimers({ now: new Date('2024-11-14T06:23:23Z'), doNotFake: ['nextTick', 'setImmediate'] }));
	afterEach(() => jest.useRealTimers());

	it('signs the node-helper shape (url + baseURL + qs) with the query folded into the URL', async () => {
		const signed = await credential.authenticate(credentials, {
			method: 'GET',
			baseURL: 'https://api.mekari.com',
			url: '/qontak/crm/deals',
			qs: { page: 1, per_page: 25 },
		});
		expect(signed.url).toBe('https://api.mekari.com/qontak/crm/deals?page=1&per_page=25');
		expect(signed.qs).toEqual({});
		expect(signed.baseURL).toBeUndefined();
		expect(signed.headers).toMatchObject({
			Date: 'Thu, 14 Nov 2024 06:23:23 GMT',
			'X-Crm-User-Sso-Id': 'sso-user-1',
			Accept: 'application/json',
		});
		expect(signed.headers!.Authorization).toBe(
			`hmac username="client-123", algorithm="hmac-sha256", headers="date request-line", signature="${mekariSignature('CLIENT_SECRET', 'Thu, 14 Nov 2024 06:23:23 GMT', 'GET', '/qontak/crm/deals?page=1&per_page=25')}"`,
		);
	});

	it('gives the HTTP Request node shape (uri + qs) the same target and signature', async () => {
		const helperShape = await credential.authenticate(credentials, {
			method: 'GET',
			url: '/qontak/crm/deals',
			qs: { page: 1, per_page: 25 },
		});
		const legacyShape = (await credential.authenticate(credentials, {
			method: 'GET',
			uri: 'https://api.mekari.com/qontak/crm/deals',
			qs: { page: 1, per_page: 25 },
			json: true,
		} as unknown as IHttpRequestOptions)) as IHttpRequestOptions & { uri: string };
		expect(legacyShape.uri).toBe(helperShape.url);
		expect(signatureOf(legacyShape.headers!)).toBe(signatureOf(helperShape.headers!));
	});

	it('keeps a query already in the URL and signs the decoded target', async () => {
		const signed = await credential.authenticate(credentials, {
			method: 'GET',
			url: 'https://api.mekari.com/qontak/crm/contacts?name=Budi Santoso',
			qs: { ids: [1, 2] },
		});
		expect(signed.url).toBe('https://api.mekari.com/qontak/crm/contacts?name=Budi%20Santoso&ids%5B%5D=1&ids%5B%5D=2');
		expect(signatureOf(signed.headers!)).toBe(
			mekariSignature('CLIENT_SECRET', 'Thu, 14 Nov 2024 06:23:23 GMT', 'GET', '/qontak/crm/contacts?name=Budi Santoso&ids[]=1&ids[]=2'),
		);
	});

	it('uses the custom base URL for bare paths and sends the SSO id only to CRM routes', async () => {
		const custom = { ...credentials, environment: 'custom', customBaseUrl: 'http://127.0.0.1:9999/' };
		const chat = await credential.authenticate(custom, { method: 'POST', url: '/qontak/chat/v1/broadcasts/whatsapp/direct' });
		expect(chat.url).toBe('http://127.0.0.1:9999/qontak/chat/v1/broadcasts/whatsapp/direct');
		expect(chat.headers).not.toHaveProperty('X-Crm-User-Sso-Id');
	});

	it('never puts the client secret in the request it returns', async () => {
		const signed = await credential.authenticate(credentials, { method: 'GET', url: '/qontak/crm/deals' });
		expect(JSON.stringify(signed)).not.toContain('CLIENT_SECRET');
	});
});
