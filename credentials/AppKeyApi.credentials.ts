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
import { UserError } from 'n8n-workflow';

import { APP_KEY_DEFAULTS, appKeyBase, appKeyHosts, appKeyUrl, clientHeaders, renew, renewalSteps, required, tokenAt } from './appKeyTokens';
import { trimmedString } from './credentialText';
import type { AnyRequest } from './requestTarget';
import { pointedAt, refusePreAuthentication } from './requestTarget';

export { APP_KEY_DEFAULTS } from './appKeyTokens';

/** Headers this credential owns; any caller-supplied spelling of them is replaced. */
const MANAGED_HEADERS = ['x-app-key', 'x-request-id', 'x-language', 'x-user-token', 'authorization'];

function withoutManagedHeaders(headers: IDataObject | undefined): IDataObject {
	const kept: IDataObject = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		if (!MANAGED_HEADERS.includes(name.toLowerCase())) kept[name] = value;
	}
	return kept;
}

export class AppKeyApi implements ICredentialType {
	name = 'appKeyApi';

	displayName = 'App Key API';

	icon: Icon = { light: 'file:../icons/appkey.svg', dark: 'file:../icons/appkey.dark.svg' };

	documentationUrl = 'https://89owtcm51z.apidog.io/';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api.example.co.id',
			description: 'The vendor publishes no base URL; ask its support team for the staging or production one',
		},
		{
			displayName: 'App Key',
			name: 'appKey',
			type: 'string',
			default: '',
			required: true,
			description: 'Public key issued by the vendor\'s support team, sent as x-app-key on every request',
		},
		{
			displayName: 'User Token',
			name: 'userToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The x-user-token issued after user login. It buys new refresh tokens and is sent as x-user-token on calls when enabled below.',
		},
		{
			displayName: 'Send User Token Header',
			name: 'sendUserHeader',
			type: 'boolean',
			default: true,
			description: 'Whether to send the user token as x-user-token on every call (needed by user-specific endpoints)',
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'options',
			options: [
				{ name: 'Indonesian', value: 'id' },
				{ name: 'English', value: 'en' },
			],
			default: 'id',
			description: 'Language of the API\'s response messages (x-language)',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			description:
				'Kept for the vendor\'s request signing, which is not published yet. It is stored only: never sent and not used to sign.',
		},
		{
			displayName: 'New Access Token Path',
			name: 'accessRenewalPath',
			type: 'string',
			default: APP_KEY_DEFAULTS.accessRenewalPath,
			description:
				'Path (or full URL) that returns a new access token when called with Authorization: Bearer <refresh token>. The default is an assumption; confirm it with the vendor.',
		},
		{
			displayName: 'New Access Token Method',
			name: 'accessRenewalMethod',
			type: 'options',
			options: [
				{ name: 'GET', value: 'GET' },
				{ name: 'POST', value: 'POST' },
			],
			default: 'GET',
		},
		{
			displayName: 'Access Token Response Field',
			name: 'accessResponseField',
			type: 'string',
			default: APP_KEY_DEFAULTS.accessResponseField,
			description:
				'Dotted path of the access token in that response; looked up at the top level, then inside a "data" envelope',
		},
		{
			displayName: 'New Refresh Token Path',
			name: 'refreshRenewalPath',
			type: 'string',
			default: APP_KEY_DEFAULTS.refreshRenewalPath,
			description:
				'Path (or full URL) that returns a new refresh token when called with Authorization: Bearer <user token>. The default is an assumption; confirm it with the vendor.',
		},
		{
			displayName: 'New Refresh Token Method',
			name: 'refreshRenewalMethod',
			type: 'options',
			options: [
				{ name: 'GET', value: 'GET' },
				{ name: 'POST', value: 'POST' },
			],
			default: 'GET',
		},
		{
			displayName: 'Refresh Token Response Field',
			name: 'refreshResponseField',
			type: 'string',
			default: APP_KEY_DEFAULTS.refreshResponseField,
			description:
				'Dotted path of the refresh token in that response (and in a new access token response, if the vendor rotates it)',
		},
		{
			displayName: 'Test Path',
			name: 'testPath',
			type: 'string',
			default: APP_KEY_DEFAULTS.testPath,
			description: 'A GET endpoint the credential test calls after renewing the tokens, e.g. the User → Profile endpoint',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		refusePreAuthentication(credentials);
		const steps = renewalSteps(credentials);
		const userToken = required(
			credentials,
			'userToken',
			'User Token',
			'Log in to the vendor\'s API and paste the x-user-token it issues.',
		);

		const stored = trimmedString(credentials.refreshToken);
		if (stored) {
			const access = await renew(this, credentials, steps.access, stored);
			if (access.ok) {
				return { accessToken: access.token, refreshToken: tokenAt(access.body, steps.refresh.field) ?? stored };
			}
		}

		const refresh = await renew(this, credentials, steps.refresh, userToken);
		if (!refresh.ok) {
			throw new UserError(
				`The API rejected the user token (HTTP ${refresh.status}${refresh.message ? `: ${refresh.message}` : ''}) when asked for a new refresh token. Log in again and paste the new x-user-token into the App Key API credential.`,
			);
		}
		const access = await renew(this, credentials, steps.access, refresh.token);
		if (!access.ok) {
			throw new UserError(
				`The API rejected the refresh token it had just issued (HTTP ${access.status}${access.message ? `: ${access.message}` : ''}). Check that "New Access Token Path" and "New Refresh Token Path" are not swapped.`,
			);
		}
		return {
			accessToken: access.token,
			refreshToken: tokenAt(access.body, steps.refresh.field) ?? refresh.token,
		};
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const request = requestOptions as AnyRequest;
		// Node helpers hand over url (+ baseURL); n8n's HTTP Request node hands over the legacy uri.
		// Resolved first: a foreign host is refused before any header is built.
		const target = request.uri ?? request.url ?? '';
		const baseURL = request.uri === undefined ? request.baseURL : undefined;
		const url = appKeyUrl(target, baseURL, appKeyBase(credentials), 'The request URL', appKeyHosts(credentials));
		const headers: IDataObject = { ...withoutManagedHeaders(request.headers), ...clientHeaders(credentials) };
		const accessToken = trimmedString(credentials.accessToken);
		if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
		const userToken = trimmedString(credentials.userToken);
		if (userToken && credentials.sendUserHeader !== false) headers['x-user-token'] = userToken;

		return pointedAt(request, url, headers);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '={{$credentials.testPath}}',
			method: 'GET',
		},
	};
}
