import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { AbmsVtigerApi } from '../../credentials/AbmsVtigerApi.credentials';
import { AppKeyApi } from '../../credentials/AppKeyApi.credentials';
import { MekariHmacApi } from '../../credentials/MekariHmacApi.credentials';
import { NetzmeApi } from '../../credentials/NetzmeApi.credentials';
import { QontakChatApi } from '../../credentials/QontakChatApi.credentials';
import { nodeClasses } from '../harness/registry';
import { CredentialStore, runNode } from '../harness/runWorkflow';
import { LocalServer } from '../../simulators/localServer';

/*
 * A credential sends its secrets only to its own hosts: the configured base URL(s) and the
 * vendor's documented hosts. Anyone allowed to use a shared credential in n8n's HTTP Request
 * node could otherwise aim it at their own server or at 169.254.169.254 and collect the
 * Authorization header, the signature or the vtiger session.
 */

interface Seen {
	method: string;
	url: string;
	headers: Record<string, unknown>;
	body: string;
}

/** Records every request and answers 200 JSON; stands in for "own" and "foreign" hosts alike. */
class RecordingServer extends LocalServer {
	readonly seen: Seen[] = [];

	constructor() {
		super((req, res) => {
			let body = '';
			req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
			req.on('end', () => {
				this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ success: true, ok: true }));
			});
		});
	}
}

const CREDENTIAL_TYPES = ['mekariHmacApi', 'qontakChatApi', 'netzmeApi', 'abmsVtigerApi', 'appKeyApi'] as const;
type CredentialName = (typeof CREDENTIAL_TYPES)[number];

/** Test-only: one request per item with any of our credentials, in either request shape. */
class CredentialProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Credential Probe',
		name: 'credentialProbe',
		group: ['transform'],
		version: 1,
		description: 'Sends one request per item with the chosen credential (tests only)',
		defaults: { name: 'Credential Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: CREDENTIAL_TYPES.map((name) => ({ name, required: false })),
		properties: [
			{ displayName: 'Credential', name: 'credentialType', type: 'string', default: '' },
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Shape', name: 'shape', type: 'string', default: 'helper' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const type = this.getNodeParameter('credentialType', 0) as string;
		const method = this.getNodeParameter('method', 0) as IHttpRequestMethods;
		const url = this.getNodeParameter('url', 0) as string;
		const response =
			this.getNodeParameter('shape', 0) === 'legacy'
				? await this.helpers.requestWithAuthentication.call(this, type, { method, uri: url, json: true })
				: await this.helpers.httpRequestWithAuthentication.call(this, type, { method, url, json: true });
		return [[{ json: response as IDataObject, pairedItem: { item: 0 } }]];
	}
}
nodeClasses.credentialProbe = new CredentialProbe();

const SECRETS = {
	mekariSecret: 'MEKARI-SECRET-never-sent',
	chatToken: 'CHAT-BEARER-abcdefghijkl',
	netzmeAccess: 'NETZME-ACCESS-abcdefghijkl',
	netzmeSecret: 'NETZME-SECRET-abcdefghijkl',
	invoiceToken: 'INVOICE-TOKEN-abcdefghijkl',
	session: 'VTIGER-SESSION-abcdefghijkl',
	accessKey: 'VTIGERKEY0123456',
	userToken: 'APPKEY-USER-abcdefghijkl',
	appAccess: 'APPKEY-ACCESS-abcdefghijkl',
};

/** Each credential configured with `base` as its own host, tokens already stored. */
function credentialsFor(base: string): Record<CredentialName, ICredentialDataDecryptedObject> {
	return {
		mekariHmacApi: { clientId: 'client-1', clientSecret: SECRETS.mekariSecret, environment: 'custom', customBaseUrl: base, crmUserSsoId: 'sso-1' },
		qontakChatApi: { baseUrl: base, grantType: 'password', username: 'u@example.co.id', password: 'pw', clientId: 'c', clientSecret: 's', accessToken: SECRETS.chatToken },
		netzmeApi: {
			environment: 'custom',
			tokoBaseUrl: base,
			invoiceBaseUrl: base,
			clientId: 'NETZME-CLIENT',
			clientSecret: SECRETS.netzmeSecret,
			invoiceToken: SECRETS.invoiceToken,
			defaultMerchantId: 'M_1',
			accessToken: SECRETS.netzmeAccess,
		},
		abmsVtigerApi: { baseUrl: base, username: 'admin', secretAccessKey: SECRETS.accessKey, sessionToken: SECRETS.session, userId: '19x1', vtigerVersion: '7' },
		appKeyApi: { baseUrl: base, appKey: 'APP-KEY', userToken: SECRETS.userToken, accessToken: SECRETS.appAccess, refreshToken: 'APPKEY-REFRESH-abcdefghijkl' },
	};
}

const CLASSES: Record<CredentialName, ICredentialType> = {
	mekariHmacApi: new MekariHmacApi(),
	qontakChatApi: new QontakChatApi(),
	netzmeApi: new NetzmeApi(),
	abmsVtigerApi: new AbmsVtigerApi(),
	appKeyApi: new AppKeyApi(),
};

/** A path each credential's own host would serve. */
const PATHS: Record<CredentialName, string> = {
	mekariHmacApi: '/qontak/crm/deals',
	qontakChatApi: '/api/open/v1/integrations',
	netzmeApi: '/api/aggregator/merchant/qr/balance/detail',
	abmsVtigerApi: '/webservice.php',
	appKeyApi: '/tasks',
};

/** Where each credential puts its secret, as the receiving host would see it. */
function carriesSecret(seen: Seen): boolean {
	const text = JSON.stringify(seen);
	return /authorization|signature/i.test(Object.keys(seen.headers).join(' ')) || /sessionName|x-user-token/i.test(text);
}

type Legacy = IHttpRequestOptions & { uri?: string };

async function authenticate(name: CredentialName, data: ICredentialDataDecryptedObject, request: Legacy): Promise<Legacy> {
	const authenticateFn = CLASSES[name].authenticate as (c: ICredentialDataDecryptedObject, r: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
	return (await authenticateFn({ ...data }, { ...request })) as Legacy;
}

describe('credentials authenticate only their own hosts', () => {
	const own = new RecordingServer();
	const foreign = new RecordingServer();
	beforeAll(async () => {
		await own.start();
		await foreign.start();
	});
	afterAll(async () => {
		await own.stop();
		await foreign.stop();
	});
	beforeEach(() => {
		own.seen.length = 0;
		foreign.seen.length = 0;
	});

	describe.each(CREDENTIAL_TYPES)('%s, called directly', (name) => {
		const shapes: Array<[string, (target: string) => Legacy]> = [
			['url', (target) => ({ method: 'GET', url: target })],
			['baseURL + url', (target) => ({ method: 'GET', baseURL: new URL(target).origin, url: new URL(target).pathname })],
			['uri (HTTP Request node)', (target) => ({ method: 'GET', uri: target }) as Legacy],
		];

		it.each(shapes)('signs its configured host in the %s shape', async (_, shape) => {
			const signed = await authenticate(name, credentialsFor(own.baseUrl)[name], shape(`${own.baseUrl}${PATHS[name]}`));
			expect(String(signed.uri ?? signed.url).startsWith(`${own.baseUrl}${PATHS[name]}`)).toBe(true);
			expect(JSON.stringify(signed)).toMatch(/Authorization|sessionName|x-user-token/);
		});

		it.each(shapes)('refuses a foreign host in the %s shape, naming the allowed hosts', async (_, shape) => {
			const data = credentialsFor(own.baseUrl)[name];
			for (const target of [`${foreign.baseUrl}${PATHS[name]}`, `http://169.254.169.254${PATHS[name]}`]) {
				const outcome = await authenticate(name, data, shape(target)).then(
					(signed) => signed,
					(error: Error) => error,
				);
				expect(outcome).toBeInstanceOf(Error);
				const message = (outcome as Error).message;
				expect(message).toContain(new URL(target).origin);
				expect(message).toContain(own.baseUrl);
				for (const secret of Object.values(SECRETS)) expect(message).not.toContain(secret);
			}
		});
	});

	it.each([
		['mekariHmacApi', { environment: 'https://api.mekari.com' }, ['https://api.mekari.com/qontak/crm/deals', 'https://api.mekari.io/qontak/chat/v1/integrations', 'https://api.mekari.com/v2/klikpajak/v1/efaktur/out']],
		['qontakChatApi', { baseUrl: 'https://service-chat.qontak.com' }, ['https://service-chat.qontak.com/api/open/v1/rooms', 'https://chat-service.qontak.com/api/open/v1/rooms']],
		[
			'netzmeApi',
			{ environment: 'https://tokoapi.netzme.com', tokoBaseUrl: '', invoiceBaseUrl: '' },
			['https://tokoapi.netzme.com/api/aggregator/x', 'https://pay.netzme.com/api/v1/invoice/createTransaction', 'https://tokoapi-stg.netzme.com/x', 'https://pay-stg.netzme.com/api/v1/invoice/x'],
		],
	] as Array<[CredentialName, IDataObject, string[]]>)('%s also signs the vendor’s documented hosts', async (name, settings, targets) => {
		const data = { ...credentialsFor(own.baseUrl)[name], ...settings } as ICredentialDataDecryptedObject;
		for (const uri of targets) {
			const signed = await authenticate(name, data, { method: 'POST', uri, body: {} } as Legacy);
			expect(signed.uri?.startsWith(uri)).toBe(true);
		}
	});

	it.each([
		['mekariHmacApi', { environment: 'https://api.mekari.com' }, 'https://api.mekari.com.evil.example/qontak/crm/deals'],
		['mekariHmacApi', { environment: 'https://api.mekari.com' }, 'http://api.mekari.com/qontak/crm/deals'],
		['mekariHmacApi', { environment: 'https://api.mekari.com' }, 'https://api.mekari.com:8443/qontak/crm/deals'],
		['mekariHmacApi', { environment: 'https://api.mekari.com' }, 'https://api.mekari.com@evil.example/qontak/crm/deals'],
		['qontakChatApi', { baseUrl: 'https://service-chat.qontak.com' }, 'https://chat.qontak.com.evil.example/api/open/v1/rooms'],
		['netzmeApi', { environment: 'https://tokoapi-stg.netzme.com' }, 'https://pay-stg.netzme.id/api/v1/invoice/x'],
		['abmsVtigerApi', { baseUrl: 'https://app.abms.co' }, 'https://evil.abms.co/webservice.php'],
		['appKeyApi', { baseUrl: 'https://api.example.co.id' }, 'https://api.example.co.id.evil.example/tasks'],
	] as Array<[CredentialName, IDataObject, string]>)('%s refuses a look-alike of its host: %p → %s', async (name, settings, uri) => {
		const data = { ...credentialsFor(own.baseUrl)[name], ...settings } as ICredentialDataDecryptedObject;
		await expect(authenticate(name, data, { method: 'GET', uri } as Legacy)).rejects.toThrow(/signs only requests to its own hosts/);
	});

	it('lets an App Key credential with no Base URL sign nothing, and says to set one', async () => {
		const data = { ...credentialsFor(own.baseUrl).appKeyApi, baseUrl: '' };
		await expect(authenticate('appKeyApi', data, { method: 'GET', url: `${foreign.baseUrl}/tasks` })).rejects.toThrow(/Base URL/);
	});

	describe.each(CREDENTIAL_TYPES)('%s through n8n-core', (name) => {
		function setup() {
			const store = new CredentialStore();
			store.add('cred-1', name, credentialsFor(own.baseUrl)[name]);
			const probe = async (shape: 'helper' | 'legacy', url: string) =>
				await runNode({
					type: 'credentialProbe',
					parameters: { credentialType: name, shape, method: 'GET', url },
					credentials: { [name]: { id: 'cred-1', name } },
					store,
				});
			return { store, probe };
		}

		it.each(['helper', 'legacy'] as const)('signs a request to its own host (%s shape)', async (shape) => {
			const { probe } = setup();
			const { nodeError } = await probe(shape, `${own.baseUrl}${PATHS[name]}`);
			expect(nodeError).toBeUndefined();
			expect(own.seen).toHaveLength(1);
			expect(carriesSecret(own.seen[0])).toBe(true);
		});

		it.each(['helper', 'legacy'] as const)(
			'sends nothing to a foreign host, fetches no new token for it, and names its own hosts (%s shape)',
			async (shape) => {
				const { probe, store } = setup();
				const { nodeError } = await probe(shape, `${foreign.baseUrl}${PATHS[name]}`);
				expect(foreign.seen).toEqual([]);
				// n8n's legacy helper re-runs preAuthentication after any failure: no login for a refused host.
				expect(own.seen).toEqual([]);
				expect(store.persisted).toEqual([]);
				const shown = `${nodeError?.message} ${(nodeError as { description?: string } | undefined)?.description ?? ''}`;
				expect(shown).toContain(foreign.baseUrl);
				expect(shown).toContain(own.baseUrl);
				for (const secret of Object.values(SECRETS)) expect(shown).not.toContain(secret);
			},
		);
	});
});
