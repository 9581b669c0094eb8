import { standingClock } from '../../harness/virtualTime';
import { NetzmeSimulator, signatureFor } from '../../../simulators/netzme/NetzmeSimulator';

/* The simulator must refuse what Netzme would refuse, or the node's tests prove nothing. */

const sim = new NetzmeSimulator();
// Requests are signed for this instant and the server's clock stands at it: skews are exact.
const NOW = Date.parse('2024-11-14T06:23:23.000Z');

beforeAll(async () => await sim.start());
afterAll(async () => await sim.stop());
beforeEach(() => {
	sim.reset();
	sim.options.clockOffsetMs = 0;
	sim.time = standingClock(NOW);
});

async function token(): Promise<string> {
	const response = await fetch(`${sim.tokoUrl}/oauth/merchant/accesstoken`, {
		method: 'POST',
		headers: {
			authorization: `Basic ${Buffer.from(`${sim.options.clientId}:${sim.options.clientSecret}`).toString('base64')}`,
			'content-type': 'application/json',
		},
		body: '{"grant_type":"client_credentials"}',
	});
	const body = (await response.json()) as { access_token: string; token_type: string; expiry_token: number };
	expect(body.token_type).toBe('bearer');
	expect(body.expiry_token).toBe(NOW + sim.options.tokenTtlMs);
	return body.access_token;
}

async function signed(
	method: 'GET' | 'POST',
	pathWithQuery: string,
	accessToken: string,
	options: { body?: string; sendBody?: string; time?: number; tamper?: (signature: string) => string; clientId?: string } = {},
) {
	const time = String(options.time ?? NOW);
	const authorization = `Bearer ${accessToken}`;
	const signature = signatureFor(sim.options.clientSecret, { path: pathWithQuery, method, authorization, requestTime: time, body: options.body ?? '' });
	const response = await fetch(`${sim.tokoUrl}${pathWithQuery}`, {
		method,
		headers: {
			authorization,
			'request-time': time,
			'client-id': options.clientId ?? sim.options.clientId,
			signature: options.tamper ? options.tamper(signature) : signature,
			'content-type': 'application/json',
		},
		body: method === 'POST' ? (options.sendBody ?? options.body) : undefined,
	});
	return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const BALANCE = '/api/aggregator/merchant/qr/balance/detail?userId=M_czBSCDVY';
const INQUIRY = '/api/aggregator/merchant/qr/withdraw/inquiry';
const inquiryBody = (id: string) => JSON.stringify({ requestId: id, type: 'withdraw_inquiry', body: { userId: 'M_czBSCDVY' } });

describe('token endpoint', () => {
	it('issues a token for Basic client id:secret and a JSON grant only', async () => {
		await token();
		const wrong = await fetch(`${sim.tokoUrl}/oauth/merchant/accesstoken`, {
			method: 'POST',
			headers: { authorization: 'Basic d3Jvbmc6d3Jvbmc=', 'content-type': 'application/json' },
			body: '{"grant_type":"client_credentials"}',
		});
		expect(wrong.status).toBe(401);
		const form = await fetch(`${sim.tokoUrl}/oauth/merchant/accesstoken`, {
			method: 'POST',
			headers: { authorization: `Basic ${Buffer.from(`${sim.options.clientId}:${sim.options.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'grant_type=client_credentials',
		});
		expect(form.status).toBe(400);
		expect(sim.tokensIssued).toBe(1);
	});

	it('keeps one active token: a new one kills the previous', async () => {
		const first = await token();
		expect((await signed('GET', BALANCE, first)).status).toBe(200);
		const second = await token();
		expect(await signed('GET', BALANCE, first)).toMatchObject({ status: 401, body: { status: 'UNAUTHORIZED' } });
		expect(sim.requests.pop()?.authFailure).toBe('superseded-token');
		expect((await signed('GET', BALANCE, second)).status).toBe(200);
	});

	it('expires tokens', async () => {
		const access = await token();
		sim.expireActiveToken();
		expect((await signed('GET', BALANCE, access)).status).toBe(401);
		expect(sim.requests.pop()?.authFailure).toBe('expired-token');
	});
});

describe('signature checks', () => {
	it('answers a correctly signed GET with the envelope, status 100 and IDR amounts', async () => {
		const { status, body } = await signed('GET', BALANCE, await token());
		expect(status).toBe(200);
		expect(body).toMatchObject({ status: 100, statusMessage: 'success', body: { totalBalance: 'IDR 150000.00', settledBalance: 'IDR 37995.00' } });
	});

	it.each([
		['a signature with the wrong secret', () => signatureFor('not-the-secret', { path: BALANCE, method: 'GET', authorization: 'Bearer x', requestTime: '1', body: '' })],
		['upper-case hex', (s: string) => s.toUpperCase()],
		['a Base64 digest', (s: string) => Buffer.from(s, 'hex').toString('base64')],
	])('refuses %s', async (_, tamper) => {
		expect((await signed('GET', BALANCE, await token(), { tamper })).status).toBe(401);
		expect(sim.requests.pop()?.authFailure).toBe('bad-signature');
	});

	it('refuses a POST whose bytes differ from the signed ones, even when they mean the same JSON', async () => {
		const access = await token();
		const body = inquiryBody('r-1');
		const pretty = JSON.stringify(JSON.parse(body), null, 2);
		expect((await signed('POST', INQUIRY, access, { body, sendBody: pretty })).status).toBe(401);
		expect(sim.requests.pop()?.authFailure).toBe('bad-signature');
		expect((await signed('POST', INQUIRY, access, { body })).status).toBe(200);
	});

	it('refuses a Request-Time outside the window, and a wrong Client-Id', async () => {
		const access = await token();
		expect((await signed('GET', BALANCE, access, { time: NOW - sim.options.maxSkewMs - 1 })).status).toBe(401);
		expect(sim.requests.pop()?.authFailure).toBe('clock-skew');
		expect((await signed('GET', BALANCE, access, { time: NOW + sim.options.maxSkewMs + 1 })).status).toBe(401);
		expect(sim.requests.pop()?.authFailure).toBe('clock-skew');
		expect((await signed('GET', BALANCE, access, { time: NOW - sim.options.maxSkewMs })).status).toBe(200);
		expect((await signed('GET', BALANCE, access, { clientId: 'another' })).status).toBe(401);
		expect(sim.requests.pop()?.authFailure).toBe('wrong-client-id');
	});

	it('refuses a reused requestId and a wrong envelope type', async () => {
		const access = await token();
		expect((await signed('POST', INQUIRY, access, { body: inquiryBody('same') })).body.status).toBe('100');
		expect((await signed('POST', INQUIRY, access, { body: inquiryBody('same') })).body).toMatchObject({ status: 203, body: { errorMessage: 'duplicate requestId' } });
		const wrongType = JSON.stringify({ requestId: 'r-2', type: 'submit_withdraw', body: { userId: 'M_czBSCDVY' } });
		expect((await signed('POST', INQUIRY, access, { body: wrongType })).body.status).toBe(203);
	});
});

describe('invoice host', () => {
	const create = (authorization: string, userAgent: string, request: Record<string, unknown>) =>
		fetch(`${sim.invoiceUrl}/api/v1/invoice/createTransaction`, {
			method: 'POST',
			headers: { authorization, 'user-agent': userAgent, 'content-type': 'application/json' },
			body: JSON.stringify({ request }),
		});

	it('accepts its own auth and refuses the OAuth bearer or a wrong User-Agent', async () => {
		const request = { merchant: 'M_czBSCDVY', amount: 1000 };
		const ok = await create(`custom ${sim.options.invoiceToken}`, `${sim.options.clientId};M_czBSCDVY`, request);
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject({ status: true, code: 200, result: { paymentMethod: 'QRIS' } });
		expect((await create(`Bearer ${await token()}`, `${sim.options.clientId};M_czBSCDVY`, request)).status).toBe(401);
		expect((await create(`custom ${sim.options.invoiceToken}`, `${sim.options.clientId};M_pXAFWzCg`, request)).status).toBe(401);
	});
});

describe('callbacks', () => {
	it('retries a callback 3 times while the answer is not 2xx', async () => {
		expect(await sim.postCallback('http://127.0.0.1:9/nowhere', { a: 1 })).toEqual([0, 0, 0, 0]);
	});
});
