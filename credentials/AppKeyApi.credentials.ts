import { randomUUID } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

/*
 * Token chain (vendor docs): Bearer <x-user-token> buys a refresh token, Bearer <refresh token>
 * buys an access token, Bearer <access token> goes on normal calls.
 *
 * n8n consults only the FIRST hidden expirable field to decide whether to call
 * preAuthentication, and core does no TTL check: it calls the hook when that field is '' or
 * after a 401. So `accessToken` is that field and must stay first. The hook renews along the
 * chain: the stored refresh token if there is one; when the vendor rejects it (401/403), the
 * user token for a new refresh token, then the access token. It returns both tokens so n8n
 * persists both (the refresh token is a plain hidden field riding along in the same save).
 *
 * Paths, methods and response fields are configurable because the vendor publishes none of
 * them; the defaults are our reading of its navigation ("Authorize → Access Token / Refresh
 * Token", GET) and must be confirmed with the vendor.
 */

export const APP_KEY_DEFAULTS = {
	accessRenewalPath: '/authorize/access-token',
	refreshRenewalPath: '/authorize/refresh-token',
	accessResponseField: 'access_token',
	refreshResponseField: 'refresh_token',
	testPath: '/user/profile',
} as const;

/** Headers this credential owns; any caller-supplied spelling of them is replaced. */
const MANAGED_HEADERS = ['x-app-key', 'x-request-id', 'x-language', 'x-user-token', 'authorization'];

/** Statuses with which the vendor is assumed to reject an expired or revoked bearer token. */
const REJECTED_TOKEN_STATUSES = [401, 403];

type LegacyRequest = IHttpRequestOptions & { uri?: string };

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const base = text(credentials.baseUrl).replace(/\/+$/, '');
	if (base && !/^https?:\/\//i.test(base)) {
		throw new UserError(
			`The App Key API credential's Base URL "${base}" is not an absolute URL. Enter it with its scheme, e.g. https://api.example.co.id`,
		);
	}
	return base;
}

/** Absolute targets pass through; bare paths hang off the given base, else the credential's. */
function resolveTarget(target: string, base: string | undefined, credentialBase: string, label: string): string {
	if (/^https?:\/\//i.test(target)) return target;
	const root = (base ?? '').replace(/\/+$/, '') || credentialBase;
	if (!root) {
		throw new UserError(
			`${label} "${target}" is a path, but the App Key API credential has no Base URL. Set Base URL (e.g. https://api.example.co.id) or use a full URL`,
		);
	}
	return `${root}/${target.replace(/^\/+/, '')}`;
}

function required(credentials: ICredentialDataDecryptedObject, name: string, label: string, hint: string): string {
	const value = text(credentials[name]);
	if (!value) throw new UserError(`The App Key API credential has no ${label}. ${hint}`);
	return value;
}

function clientHeaders(credentials: ICredentialDataDecryptedObject): IDataObject {
	return {
		'x-app-key': required(credentials, 'appKey', 'App Key', 'Enter the x-app-key issued by the vendor\'s support team.'),
		// Unique per request (vendor rule); a retry is a new request and gets a new id.
		'x-request-id': randomUUID(),
		'x-language': text(credentials.language) || 'id',
	};
}

function withoutManagedHeaders(headers: IDataObject | undefined): IDataObject {
	const kept: IDataObject = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		if (!MANAGED_HEADERS.includes(name.toLowerCase())) kept[name] = value;
	}
	return kept;
}

/** Reads a dotted field from the response, at the top level first, then inside a `data` envelope. */
function tokenAt(body: unknown, field: string): string | undefined {
	const parsed = typeof body === 'string' ? safeJson(body) : body;
	const pick = (root: unknown) => {
		let node = root;
		for (const key of field.split('.')) {
			if (node === null || typeof node !== 'object') return undefined;
			node = (node as IDataObject)[key];
		}
		return typeof node === 'string' && node !== '' ? node : undefined;
	};
	const envelope = parsed !== null && typeof parsed === 'object' ? (parsed as IDataObject).data : undefined;
	return pick(parsed) ?? pick(envelope);
}

function safeJson(raw: string): unknown {
	try {
		return JSON.parse(raw);
	} catch {
		return undefined;
	}
}

/** The vendor's own message, short, with the bearer we sent masked in case it is echoed. */
function vendorMessage(body: unknown, secret: string): string {
	const parsed = typeof body === 'string' ? (safeJson(body) ?? body) : body;
	let message = '';
	if (typeof parsed === 'string') message = parsed;
	else if (parsed !== null && typeof parsed === 'object') {
		const envelope = parsed as IDataObject;
		message = text(envelope.message) || text(envelope.error) || text(envelope.error_description);
	}
	message = message.slice(0, 200);
	return secret ? message.split(secret).join('***') : message;
}

interface RenewalStep {
	label: string;
	url: string;
	method: IHttpRequestMethods;
	field: string;
	fieldSetting: string;
	pathSetting: string;
}

function renewalSteps(credentials: ICredentialDataDecryptedObject): { access: RenewalStep; refresh: RenewalStep } {
	const base = baseUrlOf(credentials);
	const step = (kind: 'access' | 'refresh', label: string): RenewalStep => {
		const pathSetting = `New ${label} Path`;
		const path = text(credentials[`${kind}RenewalPath`]);
		if (!path) {
			throw new UserError(
				`The App Key API credential has an empty "${pathSetting}". Enter the vendor's endpoint (default ${APP_KEY_DEFAULTS[`${kind}RenewalPath`]}).`,
			);
		}
		return {
			label,
			url: resolveTarget(path, undefined, base, `"${pathSetting}"`),
			method: (text(credentials[`${kind}RenewalMethod`]) || 'GET') as IHttpRequestMethods,
			field: text(credentials[`${kind}ResponseField`]) || APP_KEY_DEFAULTS[`${kind}ResponseField`],
			fieldSetting: `${label} Response Field`,
			pathSetting,
		};
	};
	return { access: step('access', 'Access Token'), refresh: step('refresh', 'Refresh Token') };
}

type RenewalResult = { ok: true; token: string; body: unknown } | { ok: false; status: number; message: string };

async function renew(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	step: RenewalStep,
	bearer: string,
): Promise<RenewalResult> {
	const response = (await helper.helpers.httpRequest({
		method: step.method,
		url: step.url,
		headers: { ...clientHeaders(credentials), Accept: 'application/json', Authorization: `Bearer ${bearer}` },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as { statusCode: number; body: unknown };
	const { statusCode, body } = response;
	if (REJECTED_TOKEN_STATUSES.includes(statusCode)) {
		return { ok: false, status: statusCode, message: vendorMessage(body, bearer) };
	}
	if (statusCode < 200 || statusCode >= 300) {
		const detail = vendorMessage(body, bearer);
		throw new UserError(
			`The new ${step.label.toLowerCase()} request (${step.method} ${step.url}) failed with HTTP ${statusCode}${detail ? `: ${detail}` : ''}. Check "${step.pathSetting}" and its method in the App Key API credential.`,
		);
	}
	const token = tokenAt(body, step.field);
	if (!token) {
		const parsed = typeof body === 'string' ? safeJson(body) : body;
		const keys = parsed !== null && typeof parsed === 'object' ? Object.keys(parsed as object) : [];
		throw new UserError(
			`The new ${step.label.toLowerCase()} response has no "${step.field}" field (top-level keys: ${keys.join(', ') || 'none'}). Set "${step.fieldSetting}" in the App Key API credential to the field that holds it, e.g. data.${step.field}.`,
		);
	}
	return { ok: true, token, body };
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
				{ name: 'Bahasa Indonesia', value: 'id' },
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
		const steps = renewalSteps(credentials);
		const userToken = required(
			credentials,
			'userToken',
			'User Token',
			'Log in to the vendor\'s API and paste the x-user-token it issues.',
		);

		const stored = text(credentials.refreshToken);
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
		const request = requestOptions as LegacyRequest;
		const headers: IDataObject = { ...withoutManagedHeaders(request.headers), ...clientHeaders(credentials) };
		const accessToken = text(credentials.accessToken);
		if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
		const userToken = text(credentials.userToken);
		if (userToken && credentials.sendUserHeader !== false) headers['x-user-token'] = userToken;

		const base = baseUrlOf(credentials);
		// Node helpers hand over url (+ baseURL); n8n's HTTP Request node hands over the legacy uri.
		const authenticated: LegacyRequest = { ...request, headers };
		if (request.uri !== undefined) {
			authenticated.uri = resolveTarget(request.uri, undefined, base, 'The request URL');
		} else {
			authenticated.url = resolveTarget(request.url ?? '', request.baseURL, base, 'The request URL');
			delete authenticated.baseURL;
		}
		return authenticated;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '={{$credentials.testPath}}',
			method: 'GET',
		},
	};
}
