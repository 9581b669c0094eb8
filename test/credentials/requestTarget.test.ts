import type { IHttpRequestOptions } from 'n8n-workflow';

import { AbmsVtigerApi } from '../../credentials/AbmsVtigerApi.credentials';
import { AppKeyApi } from '../../credentials/AppKeyApi.credentials';
import { MekariHmacApi } from '../../credentials/MekariHmacApi.credentials';
import { NetzmeApi } from '../../credentials/NetzmeApi.credentials';
import { QontakChatApi } from '../../credentials/QontakChatApi.credentials';
import { absoluteBase, ownHosts, resolveUrl } from '../../credentials/requestTarget';

const anyOf = (...urls: string[]) => ownHosts('Test', {}, urls);

describe('requestTarget', () => {
	it('sends an absolute URL where it says, and a bare path to the request’s baseURL before the credential’s base', () => {
		const hosts = anyOf('https://base.example', 'https://elsewhere.example', 'https://node.example');
		expect(resolveUrl({ url: 'https://elsewhere.example/a?b=1' }, 'https://base.example', hosts).toString()).toBe('https://elsewhere.example/a?b=1');
		expect(resolveUrl({ url: 'a/b', baseURL: 'https://node.example/v1/' }, 'https://base.example', hosts).toString()).toBe('https://node.example/v1/a/b');
		expect(resolveUrl({ url: '/a/b' }, 'https://base.example/', hosts).toString()).toBe('https://base.example/a/b');
		expect(resolveUrl({ uri: '/a', url: '/ignored' } as IHttpRequestOptions, 'https://base.example', hosts).toString()).toBe('https://base.example/a');
	});

	it('refuses any origin (scheme, host, port) not among the credential’s own, naming them', () => {
		const hosts = anyOf('https://base.example/api/', 'http://127.0.0.1:8080');
		expect(hosts.origins).toEqual(['https://base.example', 'http://127.0.0.1:8080']);
		expect(resolveUrl({ url: 'https://BASE.example:443/x' }, '', hosts).toString()).toBe('https://base.example/x');
		for (const url of ['http://base.example/x', 'https://base.example:8443/x', 'https://base.example.evil/x', 'https://base.example@evil.example/x', 'http://127.0.0.1:8081/x', 'http://169.254.169.254/latest/meta-data']) {
			expect(() => resolveUrl({ url }, '', hosts)).toThrow(
				`The Test credential signs only requests to its own hosts (https://base.example, http://127.0.0.1:8080), not to ${new URL(url).origin}. Nothing was sent.`,
			);
		}
		expect(() => resolveUrl({ url: '/x', baseURL: 'http://169.254.169.254' }, '', hosts)).toThrow(/not to http:\/\/169\.254\.169\.254/);
		expect(() => resolveUrl({ url: 'https://a.example/x' }, '', anyOf('', 'no-scheme.example'))).toThrow(/it has none yet: set its Base URL/);
	});

	it('lets a credential with two hosts pick the base by path', () => {
		const base = (path: string) => (path.startsWith('/pay') ? 'https://pay.example' : 'https://api.example');
		const hosts = anyOf('https://pay.example', 'https://api.example');
		expect(resolveUrl({ url: '/pay/x' }, base, hosts).host).toBe('pay.example');
		expect(resolveUrl({ url: '/x' }, base, hosts).host).toBe('api.example');
	});

	it('refuses a base URL without a scheme, naming the credential setting', () => {
		expect(() => absoluteBase('api.example.co.id', 'App Key API', 'Base URL', 'https://api.example.co.id')).toThrow(
			'The App Key API credential\'s Base URL "api.example.co.id" is not an absolute URL. Enter it with its scheme, e.g. https://api.example.co.id',
		);
		expect(() => resolveUrl({ url: '/x', baseURL: 'node.example' }, 'https://base.example', anyOf('https://base.example'))).toThrow(/base URL "node\.example" for \/x is not an absolute URL/);
	});

	it('is how all five credentials resolve a bare path against the node’s baseURL on their own host', async () => {
		const request = { method: 'GET' as const, baseURL: 'http://127.0.0.1:9/root/', url: 'webservice.php' };
		const credentials = {
			clientId: 'id',
			clientSecret: 'secret',
			environment: 'custom',
			customBaseUrl: 'http://127.0.0.1:9',
			tokoBaseUrl: 'http://127.0.0.1:9',
			invoiceBaseUrl: 'http://127.0.0.1:9',
			grantType: 'staticToken',
			staticAccessToken: 't',
			accessToken: 't',
			appKey: 'k',
			userToken: 'u',
			baseUrl: 'http://127.0.0.1:9',
			sessionToken: 's',
		};
		const credentialTypes = [new MekariHmacApi(), new QontakChatApi(), new NetzmeApi(), new AbmsVtigerApi(), new AppKeyApi()];
		for (const type of credentialTypes) {
			const aimed = await type.authenticate(credentials, { ...request });
			expect([type.name, String(aimed.url).split('?')[0]]).toEqual([type.name, 'http://127.0.0.1:9/root/webservice.php']);
			expect(aimed.baseURL).toBeUndefined();
		}
	});
});
