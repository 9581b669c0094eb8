import type { IHttpRequestOptions } from 'n8n-workflow';

import { NetzmeApi } from '../../credentials/NetzmeApi.credentials';
import { netzmeSignature, netzmeSigningPayload } from '../../credentials/netzmeSignature';
import { netzmePinHash } from '../../credentials/netzmePin';
import { pinHashFor, signatureFor } from '../../simulators/netzme/NetzmeSimulator';

/* The signing vectors of https://apidocs.netzme.id/api-reference/toko-netzme/authentication and the
 * PIN hash of …/create-pin (self-computed where Netzme gives no expected value): every vector is
 * checked against the credential's signer and, separately, against the simulator's verifier, which
 * share no code. */

const DOC = {
	secret: 'MaREaULkzAUTAFYg',
	time: 1615190625765,
	token: 'cafebface38fe374af5bcf7579a711658585012507d409eebb74f33fa4684711',
};
const BODY_B = '{"requestId":"aggregator20210409144959687","type":"withdraw_inquiry","body":{"userId":"M_czBSCDVY"}}';
const BODY_C1 = '{"requestId":"req-0001","type":"submit_withdraw","body":{"userId":"M_TEST0001","withdrawalAmount":10000}}';

const VECTORS = [
	{
		name: 'A (GET balance detail)',
		secret: DOC.secret,
		time: DOC.time,
		token: DOC.token,
		method: 'GET',
		path: '/api/aggregator/merchant/qr/balance/detail?userId=M_pXAFWzCg',
		body: '',
		signature: 'cbf99c2f6d5d65b582035a4dee21e67b82a5226f7d9eb7768450d085eac31eb6',
	},
	{
		name: 'B (POST withdraw inquiry)',
		secret: DOC.secret,
		time: DOC.time,
		token: DOC.token,
		method: 'POST',
		path: '/api/aggregator/merchant/qr/withdraw/inquiry',
		body: BODY_B,
		signature: '12d5263203bbfedc8b6416fe34c00933f671d8a2acc30def89e87bf2f4b7365b',
	},
	{
		name: 'C1 (POST submit withdraw)',
		secret: 'TEST_CLIENT_SECRET',
		time: 1700000000000,
		token: 'TEST_ACCESS_TOKEN',
		method: 'POST',
		path: '/api/aggregator/merchant/qr/withdraw',
		body: BODY_C1,
		signature: '5024e402ea370a8224585797c679e349c334c1a58934c96f27ed9c7c24db586f',
	},
	{
		name: 'C2 (GET merchant detail)',
		secret: 'TEST_CLIENT_SECRET',
		time: 1700000000000,
		token: 'TEST_ACCESS_TOKEN',
		method: 'GET',
		path: '/api/aggregator/merchant/qr/merchant_detail?phoneNo=6281234567890',
		body: '',
		signature: 'd6dd2d9d305a05710eadee59c03cec2a3247733c28117e000f3c1358d26e85b2',
	},
];

const credential = new NetzmeApi();

describe('Netzme signature vectors', () => {
	it.each(VECTORS)('vector $name: the credential signer reproduces it', (vector) => {
		const auth = `Bearer ${vector.token}`;
		const payload = netzmeSigningPayload(vector.path, vector.method, auth, String(vector.time), vector.body);
		expect(payload).toBe(`path=${vector.path}&method=${vector.method}&token=${auth}&timestamp=${vector.time}&body=${vector.body}`);
		expect(netzmeSignature(vector.secret, String(vector.time), auth, payload)).toBe(vector.signature);
	});

	it.each(VECTORS)('vector $name: the simulator verifier reproduces it', (vector) => {
		expect(
			signatureFor(vector.secret, {
				path: vector.path,
				method: vector.method,
				authorization: `Bearer ${vector.token}`,
				requestTime: String(vector.time),
				body: vector.body,
			}),
		).toBe(vector.signature);
	});

	it('vector A uses the documented key', () => {
		const auth = `Bearer ${DOC.token}`;
		const key = `${DOC.secret}-${DOC.time}-${auth}`;
		expect(key).toBe('MaREaULkzAUTAFYg-1615190625765-Bearer cafebface38fe374af5bcf7579a711658585012507d409eebb74f33fa4684711');
	});

	it('PIN hash: HMAC-SHA256 keyed by client ID + merchant ID (both implementations)', () => {
		const expected = 'edaf116a5d8d2ae0782d6e429dc5e9234bc24cf8d82164a9dd82538ccb7b7d66';
		expect(netzmePinHash('aggregator-1', 'M_czBSCDVY', '123456')).toBe(expected);
		expect(pinHashFor('aggregator-1', 'M_czBSCDVY', '123456')).toBe(expected);
		expect(netzmePinHash('aggregator-1', 'M_czBSCDVY', '654321')).not.toBe(expected);
	});
});

describe('NetzmeApi.authenticate', () => {
	const base = {
		environment: 'https://tokoapi-stg.netzme.com',
		clientId: 'aggregator',
		clientSecret: DOC.secret,
		accessToken: DOC.token,
		invoiceToken: 'INVOICE-TOKEN',
		defaultMerchantId: 'M_czBSCDVY',
	};
	beforeEach(() => jest.useFakeTimers({ now: DOC.time, doNotFake: ['nextTick', 'setImmediate'] }));
	afterEach(() => jest.useRealTimers());

	it('signs a node-helper GET (bare path + qs) as vector A, with every documented header', async () => {
		const signed = await credential.authenticate(base, {
			method: 'GET',
			url: '/api/aggregator/merchant/qr/balance/detail',
			qs: { userId: 'M_pXAFWzCg' },
			json: true,
		});
		expect(signed.url).toBe('https://tokoapi-stg.netzme.com/api/aggregator/merchant/qr/balance/detail?userId=M_pXAFWzCg');
		expect(signed.qs).toEqual({});
		expect(signed.body).toBeUndefined();
		expect(signed.headers).toEqual({
			Authorization: `Bearer ${DOC.token}`,
			'Request-Time': String(DOC.time),
			'Client-Id': 'aggregator',
			Signature: VECTORS[0].signature,
			'Content-Type': 'application/json',
		});
	});

	it('serialises an object body once, minified, and sends exactly the bytes it signed (vector B)', async () => {
		const signed = await credential.authenticate(base, {
			method: 'POST',
			url: '/api/aggregator/merchant/qr/withdraw/inquiry',
			body: { requestId: 'aggregator20210409144959687', type: 'withdraw_inquiry', body: { userId: 'M_czBSCDVY' } },
		});
		expect(signed.body).toBe(BODY_B);
		expect(signed.headers!.Signature).toBe(VECTORS[1].signature);
	});

	it('signs the legacy HTTP Request node shape (uri + qs) to the same target and signature', async () => {
		const legacy = (await credential.authenticate(base, {
			method: 'GET',
			uri: 'https://tokoapi-stg.netzme.com/api/aggregator/merchant/qr/balance/detail',
			qs: { userId: 'M_pXAFWzCg' },
			json: true,
		} as unknown as IHttpRequestOptions)) as IHttpRequestOptions & { uri: string };
		expect(legacy.uri).toBe('https://tokoapi-stg.netzme.com/api/aggregator/merchant/qr/balance/detail?userId=M_pXAFWzCg');
		expect(legacy.headers!.Signature).toBe(VECTORS[0].signature);
	});

	it('re-signs its own output (what n8n does after a refresh) with the new token, replacing the old headers', async () => {
		const first = await credential.authenticate(base, {
			method: 'POST',
			url: '/api/aggregator/merchant/qr/withdraw/inquiry',
			body: JSON.parse(BODY_B),
			headers: { signature: 'stale', 'request-time': '1' },
		});
		const again = await credential.authenticate({ ...base, accessToken: 'NEW' }, first);
		expect(again.url).toBe(first.url);
		expect(again.body).toBe(BODY_B);
		expect(Object.keys(again.headers!).sort()).toEqual(['Authorization', 'Client-Id', 'Content-Type', 'Request-Time', 'Signature']);
		expect(again.headers!.Authorization).toBe('Bearer NEW');
		expect(again.headers!.Signature).toBe(
			netzmeSignature(DOC.secret, String(DOC.time), 'Bearer NEW', netzmeSigningPayload('/api/aggregator/merchant/qr/withdraw/inquiry', 'POST', 'Bearer NEW', String(DOC.time), BODY_B)),
		);
	});

	it('sends invoice-host calls to the invoice host with the invoice token and User-Agent, unsigned', async () => {
		const signed = await credential.authenticate(base, {
			method: 'POST',
			url: '/api/v1/invoice/createTransaction',
			body: { request: { merchant: 'M_pXAFWzCg', amount: 1000 } },
		});
		expect(signed.url).toBe('https://pay-stg.netzme.com/api/v1/invoice/createTransaction');
		expect(signed.headers).toEqual({
			Authorization: 'custom INVOICE-TOKEN',
			'User-Agent': 'aggregator;M_pXAFWzCg',
			'Content-Type': 'application/json',
		});
		expect(signed.body).toBe('{"request":{"merchant":"M_pXAFWzCg","amount":1000}}');
	});

	it('routes production to both production hosts, and custom to the custom URLs', async () => {
		const production = { ...base, environment: 'https://tokoapi.netzme.com' };
		expect((await credential.authenticate(production, { method: 'GET', url: '/api/aggregator/merchant/qr/balance/detail' })).url).toBe(
			'https://tokoapi.netzme.com/api/aggregator/merchant/qr/balance/detail',
		);
		expect((await credential.authenticate(production, { method: 'POST', url: '/api/v1/invoice/create', body: {} })).url).toBe(
			'https://pay.netzme.com/api/v1/invoice/create',
		);
		const custom = { ...base, environment: 'custom', tokoBaseUrl: 'http://127.0.0.1:1/', invoiceBaseUrl: 'http://127.0.0.1:2' };
		expect((await credential.authenticate(custom, { method: 'POST', url: '/api/v1/invoice/create', body: {} })).url).toBe('http://127.0.0.1:2/api/v1/invoice/create');
		await expect(credential.authenticate({ ...custom, tokoBaseUrl: 'tokoapi.example' }, { method: 'GET', url: '/x' })).rejects.toThrow(
			/Toko API Base URL "tokoapi.example" is not an absolute URL/,
		);
	});

	it('never puts the client secret or invoice token anywhere they are not meant to be', async () => {
		const signed = await credential.authenticate(base, { method: 'POST', url: '/api/aggregator/merchant/pin/forgot_pin', body: { a: 1 } });
		expect(JSON.stringify(signed)).not.toContain(DOC.secret);
		expect(JSON.stringify(signed)).not.toContain('INVOICE-TOKEN');
	});
});

describe('NetzmeApi.preAuthentication', () => {
	const data = { environment: 'custom', tokoBaseUrl: 'http://netzme.test', clientId: 'TEST_CLIENT_ID', clientSecret: 'TEST_CLIENT_SECRET', accessToken: '' };
	const call = (response: { statusCode: number; body: unknown }) => {
		const requests: IHttpRequestOptions[] = [];
		const helpers = { httpRequest: async (options: IHttpRequestOptions) => (requests.push(options), response) };
		return { requests, run: () => credential.preAuthentication.call({ helpers } as never, data) };
	};

	it('posts the JSON client-credentials grant with Basic client id:secret and keeps the token', async () => {
		const { requests, run } = call({ statusCode: 200, body: { status: 'SUCCEES', access_token: 'abc', token_type: 'bearer', expiry_token: 1 } });
		await expect(run()).resolves.toEqual({ accessToken: 'abc' });
		expect(requests[0]).toMatchObject({
			method: 'POST',
			url: 'http://netzme.test/oauth/merchant/accesstoken',
			body: '{"grant_type":"client_credentials"}',
			headers: { Authorization: 'Basic VEVTVF9DTElFTlRfSUQ6VEVTVF9DTElFTlRfU0VDUkVU', 'Content-Type': 'application/json' },
		});
		expect(requests[0].headers).not.toHaveProperty('Signature');
	});

	it.each([
		['an HTTP 401', { statusCode: 401, body: { status: 'UNAUTHORIZED', message: 'invalid client' } }, /HTTP 401, UNAUTHORIZED: invalid client/],
		['a 200 without access_token', { statusCode: 200, body: { status: 'UNAUTHORIZED' } }, /HTTP 200, UNAUTHORIZED/],
		['a 200 that is not JSON', { statusCode: 200, body: '<html>maintenance</html>' }, /HTTP 200, <html>maintenance<\/html>/],
	])('refuses %s with a message naming the credential and no secret', async (_, response, message) => {
		const { run } = call(response);
		const error = await run().then(
			() => undefined,
			(failure: Error) => failure,
		);
		expect(error?.message).toMatch(message);
		expect(error?.message).toMatch(/Check the client ID, client secret and environment/);
		expect(error?.message).not.toContain('TEST_CLIENT_SECRET');
		expect(error?.message).not.toContain('VEVTVF9DTElFTlRfSUQ6VEVTVF9DTElFTlRfU0VDUkVU');
	});
});
