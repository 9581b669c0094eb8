import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import type { AnyRequest, OwnHosts } from './requestTarget';
import { qontakChatSecretForms } from './secretForms';
import { maskText, secretVariants } from './secretMask';
import { aimedAt, ownHosts, refusePreAuthentication, resolveUrl, serializeQuery, withQuery } from './requestTarget';

export const QONTAK_CHAT_LEGACY_URL = 'https://service-chat.qontak.com';

/** The older alias of the same open API, which some accounts were given. */
export const QONTAK_CHAT_LEGACY_ALIAS_URL = 'https://chat-service.qontak.com';

/** Marks a failed login so callers can tell "never sent" from "sent, answer lost". */
export const QONTAK_CHAT_LOGIN_FAILED = 'Qontak Chat login failed';

function baseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || QONTAK_CHAT_LEGACY_URL).replace(/\/+$/, '');
}

/** The configured base and the open API's two documented hosts. */
export function qontakChatHosts(credentials: ICredentialDataDecryptedObject): OwnHosts {
	return ownHosts('Qontak Chat API', credentials, [baseUrl(credentials), QONTAK_CHAT_LEGACY_URL, QONTAK_CHAT_LEGACY_ALIAS_URL]);
}

/** The login server's reason, with every secret of the credential masked (a debug server echoes the grant) before it is cut. */
function vendorReason(body: unknown, credentials: ICredentialDataDecryptedObject): string {
	const mask = (text: string) => maskText(text, secretVariants(qontakChatSecretForms(credentials)));
	if (typeof body !== 'object' || body === null) return mask(String(body ?? '')).slice(0, 120);
	const { error, error_description: description, message } = body as IDataObject;
	if (typeof error === 'object' && error !== null) return mask(((error as IDataObject).messages as string[] | undefined)?.join(', ') ?? 'error');
	return mask([error, description, message].filter(Boolean).join(': ')).slice(0, 400);
}

/**
 * The older Qontak Chat open API (service-chat.qontak.com/api/open/v1): an OAuth password
 * grant, or an access token copied from the Qontak web app. The token lives in a hidden
 * expirable field, so n8n fetches it once, stores it with the credential (shared by every
 * worker) and fetches a new one only after a 401.
 */
export class QontakChatApi implements ICredentialType {
	name = 'qontakChatApi';

	displayName = 'Qontak Chat API';

	icon: Icon = { light: 'file:../icons/qontak-chat.svg', dark: 'file:../icons/qontak-chat.dark.svg' };

	documentationUrl = 'https://github.com/FILL-IN-OWNER/n8n-nodes-nusantara#qontak-broadcast';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: QONTAK_CHAT_LEGACY_URL,
			description: 'The Qontak Chat host your account uses (older accounts: https://service-chat.qontak.com or https://chat-service.qontak.com)',
		},
		{
			displayName: 'Authentication',
			name: 'grantType',
			type: 'options',
			options: [
				{ name: 'Username and Password', value: 'password', description: 'OAuth password grant; the token is fetched and renewed for you' },
				{ name: 'Access Token', value: 'staticToken', description: 'A token copied from chat.qontak.com → Settings → API token' },
			],
			default: 'password',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			placeholder: 'name@company.com',
			description: 'The Qontak Chat user the API acts as (usually an email address)',
			displayOptions: { show: { grantType: ['password'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { grantType: ['password'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			description: 'OAuth client ID from Qontak’s API documentation or support',
			displayOptions: { show: { grantType: ['password'] } },
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { grantType: ['password'] } },
		},
		{
			displayName: 'Access Token',
			name: 'staticAccessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Copied from the Qontak web app; used as it is and never renewed',
			displayOptions: { show: { grantType: ['staticToken'] } },
		},
		{
			displayName: 'Session Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		refusePreAuthentication(credentials);
		if (credentials.grantType === 'staticToken') {
			return { accessToken: String(credentials.staticAccessToken ?? '') };
		}
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${baseUrl(credentials)}/oauth/token`,
			body: {
				username: credentials.username,
				password: credentials.password,
				grant_type: 'password',
				client_id: credentials.clientId,
				client_secret: credentials.clientSecret,
			},
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 30_000,
		})) as { statusCode: number; body: IDataObject };
		const token = response.body?.access_token;
		if (response.statusCode >= 400 || typeof token !== 'string' || token === '') {
			// A plain Error (no HTTP response attached) so n8n does not retry the login itself.
			throw new Error(
				`${QONTAK_CHAT_LOGIN_FAILED} (HTTP ${response.statusCode}): ${vendorReason(response.body, credentials) || 'no access token in the answer'}. Check the username, password, client ID and client secret of the Qontak Chat credential.`,
			);
		}
		return { accessToken: token };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const request = requestOptions as AnyRequest;
		const { finalUrl } = withQuery(resolveUrl(request, baseUrl(credentials), qontakChatHosts(credentials)), serializeQuery(request.qs));
		const token = credentials.grantType === 'staticToken' ? credentials.staticAccessToken : credentials.accessToken;
		const headers: IDataObject = { ...(request.headers ?? {}), Authorization: `Bearer ${String(token ?? '')}` };
		if (headers.Accept === undefined && headers.accept === undefined) headers.Accept = 'application/json';
		return aimedAt(request, finalUrl, headers);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/api/open/v1/integrations',
			method: 'GET',
		},
	};
}
