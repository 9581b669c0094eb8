import type { ICredentialDataDecryptedObject, IHttpRequestHelper, INode } from 'n8n-workflow';

import { NetzmeApi } from '../../credentials/NetzmeApi.credentials';
import { netzmePinHash } from '../../credentials/netzmePin';
import type { HttpAnswer, VendorVoice } from '../../nodes/shared/requestPolicy';
import { RequestPolicy } from '../../nodes/shared/requestPolicy';
import { leaked } from '../harness/leaks';

const node: INode = { id: 'n', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };
const voice: VendorVoice = { name: 'Netzme', effect: 'carried out', notResent: 'Look it up first.', unreachable: 'Check the network.' };
const credentials: ICredentialDataDecryptedObject = {
	clientId: 'aggregator-1',
	clientSecret: 'sim-client-secret',
	accessToken: '3d5e01328fa1b642b8ee8e7b9db036d6',
	invoiceToken: 'sim-invoice-token',
	withdrawalPinSecret: '123456',
	defaultMerchantId: 'M_czBSCDVY',
};
const pinHash = netzmePinHash('aggregator-1', 'M_czBSCDVY', '123456');
const basic = Buffer.from('aggregator-1:sim-client-secret').toString('base64');
const secrets = { clientSecret: 'sim-client-secret', basic, accessToken: String(credentials.accessToken), invoiceToken: 'sim-invoice-token', pinHash };

/** Every text n8n keeps of an error. */
function kept(error: unknown): string {
	const { message, description, messages, errorResponse, cause } = error as Record<string, unknown>;
	return JSON.stringify({ message, description, messages, errorResponse, cause: cause instanceof Error ? cause.message : cause });
}

async function failWith(answer: Partial<HttpAnswer>, idempotent: boolean): Promise<unknown> {
	const policy = new RequestPolicy(node, voice, {
		request: 'POST /api/aggregator/merchant/qr/withdraw',
		idempotent,
		maxRetries: 0,
		credential: { type: 'netzmeApi', context: { getCredentials: async () => credentials } },
	});
	return await policy
		.run({
			send: async () => ({ statusCode: 200, headers: {}, body: {}, ...answer }),
			read: (reply) => {
				if (reply.statusCode >= 400) throw policy.httpError(reply);
				if (typeof reply.body !== 'object') throw policy.notJson(reply);
				return reply.body;
			},
		})
		.then(
			() => undefined,
			(error: unknown) => error,
		);
}

describe('the request policy masks what a vendor echoed', () => {
	it('keeps the PIN hash, the token and the invoice token out of the error response and message', async () => {
		const body = { status: 'BAD_REQUEST', request: `Authorization: Bearer ${String(credentials.accessToken)}\n{"body":{"pin":"${pinHash}"}} custom sim-invoice-token` };
		const error = await failWith({ statusCode: 400, body }, false);
		expect(error).toBeDefined();
		expect(leaked(kept(error), secrets)).toEqual([]);
	});

	it.each([false, true])('masks a non-JSON answer before its excerpt is cut (idempotent: %s)', async (idempotent) => {
		// The secret straddles the excerpt's 120-character cut: cut first, it could not be recognised.
		const body = `${'x'.repeat(104)} ${pinHash} ${basic}`;
		for (const statusCode of [200, 500]) {
			const error = await failWith({ statusCode, body }, idempotent);
			expect(error).toBeDefined();
			expect(leaked(kept(error), secrets)).toEqual([]);
		}
	});
});

describe('an error the transport builds after the policy returned', () => {
	it('masks a session echoed, unlabelled, in an HTTP 200 error envelope', async () => {
		const session = '5f1e2d3c4b5a69788796a5b4';
		const policy = new RequestPolicy(node, { ...voice, name: 'ABMS vtiger' }, {
			request: 'query',
			idempotent: true,
			maxRetries: 0,
			credential: { type: 'abmsVtigerApi', context: { getCredentials: async () => ({ secretAccessKey: 'k3y-16-characters', sessionToken: session }) } },
		});
		const reply = (await policy.run({
			send: async () => ({ statusCode: 200, headers: {}, body: { success: false, error: { code: 'DEBUG', message: `no access for ${session}` } } }),
			read: (answer) => answer.body,
		})) as { error: { message: string } };
		const error = policy.error({ message: reply.error.message, description: 'Check the user.', body: reply });
		expect(leaked(kept(error), { session })).toEqual([]);
	});
});

describe('the Netzme credential masks its own token error', () => {
	it('masks the client secret and the Basic header before the vendor text is cut', async () => {
		const helper = {
			helpers: { httpRequest: async () => ({ statusCode: 401, body: `${'x'.repeat(160)} Authorization: Basic ${basic} secret=sim-client-secret` }) },
		} as unknown as IHttpRequestHelper;
		const data = { ...credentials, environment: 'custom', tokoBaseUrl: 'https://toko.example', invoiceBaseUrl: 'https://pay.example', accessToken: '' };
		const error = await new NetzmeApi().preAuthentication.call(helper, data).then(
			() => undefined,
			(thrown: unknown) => thrown,
		);
		expect((error as Error).message).toMatch(/Netzme did not issue an access token \(HTTP 401/);
		expect(leaked((error as Error).message, secrets)).toEqual([]);
	});
});
