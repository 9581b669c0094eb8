import type { IHttpRequestOptions } from 'n8n-workflow';

import { AbmsVtigerApi } from '../../credentials/AbmsVtigerApi.credentials';
import { AppKeyApi } from '../../credentials/AppKeyApi.credentials';
import { MekariHmacApi } from '../../credentials/MekariHmacApi.credentials';
import { NetzmeApi } from '../../credentials/NetzmeApi.credentials';
import { QontakChatApi } from '../../credentials/QontakChatApi.credentials';
import { absoluteBase, resolveUrl } from '../../credentials/requestTarget';

describe('requestTarget', () => {
	it('sends an absolute URL where it says, and a bare path to the request’s baseURL before the credential’s base', () => {
		expect(resolveUrl({ url: 'https://elsewhere.example/a?b=1' }, 'https://base.example').toString()).toBe('https://elsewhere.example/a?b=1');
		expect(resolveUrl({ url: 'a/b', baseURL: 'https://node.example/v1/' }, 'https://base.example').toString()).toBe('https://node.example/v1/a/b');
		expect(resolveUrl({ url: '/a/b' }, 'https://base.example/').toString()).toBe('https://base.example/a/b');
		expect(resolveUrl({ uri: '/a', url: '/ignored' } as IHttpRequestOptions, 'https://base.example').toString()).toBe('https://base.example/a');
	});

	it('lets a credential with two hosts pick the base by path', () => {
		const base = (path: string) => (path.startsWith('/pay') ? 'https://pay.example' : 'https://api.example');
		expect(resolveUrl({ url: '/pay/x' }, base).host).toBe('pay.example');
		expect(resolveUrl({ url: '/x' }, base).host).toBe('api.example');
	});

	it('refuses a base URL without a scheme, naming the credential setting', () => {
		expect(() => absoluteBase('api.example.co.id', 'App Key API', 'Base URL', 'https://api.example.co.id')).toThrow(
			'The App Key API credential\'s Base URL "api.example.co.id" is not an absolute URL. Enter it with its scheme, e.g. https://api.example.co.id',
		);
		expect(() => resolveUrl({ url: '/x', baseURL: 'node.example' }, 'https://base.example')).toThrow(/base URL "node\.example" for \/x is not an absolute URL/);
	});

	it('is how all five credentials resolve a bare path against the node’s baseURL', async () => {
		const request = { method: 'GET' as const, baseURL: 'http://127.0.0.1:9/root/', url: 'webservice.php' };
		const credentials = {
			clientId: 'id',
			clientSecret: 'secret',
			environment: 'https://api.mekari.com',
			grantType: 'staticToken',
			staticAccessToken: 't',
			accessToken: 't',
			appKey: 'k',
			userToken: 'u',
			baseUrl: 'https://crm.example.co.id',
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
