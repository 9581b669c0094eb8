import { createHmac } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import type { AnyRequest, OwnHosts } from './requestTarget';
import { aimedAt, ownHosts, resolveUrl, serializeQuery, withQuery } from './requestTarget';

export const MEKARI_PRODUCTION_URL = 'https://api.mekari.com';
export const MEKARI_STAGING_URL = 'https://api.mekari.io';

/** base64 HMAC-SHA256 over `date: <Date>\n<METHOD> <target> HTTP/1.1`, keyed by the client secret. */
export function mekariSignature(secret: string, date: string, method: string, target: string): string {
	const signingString = `date: ${date}\n${method.toUpperCase()} ${target} HTTP/1.1`;
	return createHmac('sha256', secret).update(signingString, 'utf8').digest('base64');
}

export function mekariBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = credentials.environment as string;
	const url = environment === 'custom' ? (credentials.customBaseUrl as string) : environment;
	return (url || MEKARI_PRODUCTION_URL).replace(/\/+$/, '');
}

/**
 * Every Mekari API (Qontak CRM and Chat, Jurnal, Talenta, Klikpajak…) sits behind the same two
 * gateways (https://developers.mekari.com/docs/kb/hmac-authentication), so the signature goes to
 * those two on any path, and to the custom base when one is chosen.
 */
export function mekariHosts(credentials: ICredentialDataDecryptedObject): OwnHosts {
	return ownHosts('Mekari HMAC API', credentials, [mekariBaseUrl(credentials), MEKARI_PRODUCTION_URL, MEKARI_STAGING_URL]);
}

export class MekariHmacApi implements ICredentialType {
	name = 'mekariHmacApi';

	displayName = 'Mekari HMAC API';

	icon: Icon = { light: 'file:../icons/mekari.svg', dark: 'file:../icons/mekari.dark.svg' };

	documentationUrl = 'https://developers.mekari.com/docs/kb/hmac-authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'HMAC client ID from the Mekari Developer Center (Applications → HMAC credentials)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'HMAC client secret issued with the client ID; it signs every request and is never sent',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production (api.mekari.com)', value: MEKARI_PRODUCTION_URL },
				{ name: 'Staging (api.mekari.io)', value: MEKARI_STAGING_URL },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: MEKARI_PRODUCTION_URL,
		},
		{
			displayName: 'Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://sandbox-api.mekari.com',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Qontak CRM User SSO ID',
			name: 'crmUserSsoId',
			type: 'string',
			default: '',
			placeholder: '7d0b6c1e-…',
			description:
				'Mekari SSO UUID of the Qontak CRM user the calls act as (sent as X-Crm-User-Sso-Id on /qontak/crm requests). Find it in Mekari Account or ask Mekari support.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const request = requestOptions as AnyRequest;
		// A bare path goes to the credential's environment, so nodes never read the credential themselves.
		const url = resolveUrl(request, mekariBaseUrl(credentials), mekariHosts(credentials));
		const { pathAndQuery, finalUrl } = withQuery(url, serializeQuery(request.qs));

		const date = new Date().toUTCString();
		const method = (request.method ?? 'GET').toUpperCase();
		// The gateway verifies the decoded request target (Mekari SDK behaviour); the encoded one goes on the wire.
		const signature = mekariSignature(
			credentials.clientSecret as string,
			date,
			method,
			decodeURIComponent(pathAndQuery),
		);

		const headers: IDataObject = {
			...(request.headers ?? {}),
			Date: date,
			Authorization: `hmac username="${credentials.clientId as string}", algorithm="hmac-sha256", headers="date request-line", signature="${signature}"`,
		};
		if (headers.Accept === undefined && headers.accept === undefined) headers.Accept = 'application/json';
		if (url.pathname.startsWith('/qontak/crm') && credentials.crmUserSsoId) {
			headers['X-Crm-User-Sso-Id'] = credentials.crmUserSsoId;
		}

		return aimedAt(request, finalUrl, headers);
	}
}
