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

import type { AnyRequest } from './requestTarget';
import { ownHosts, pointedAt, refusePreAuthentication, resolveUrl } from './requestTarget';
import { ABMS_BASE_URL, vtigerBaseUrl, vtigerLogin } from './vtigerLogin';

/** The HTTP Request node may hand a form object instead of a body. */
type FormRequest = AnyRequest & { form?: unknown };

function header(headers: IDataObject | undefined, name: string): string | undefined {
	const key = Object.keys(headers ?? {}).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : String(headers![key]);
}

/** vtiger's "encoded" parameters (element, fieldTypeList) are JSON text inside a form field. */
function formValue(value: unknown): string {
	if (typeof value === 'object' && value !== null) return JSON.stringify(value);
	return String(value);
}

function toForm(body: unknown): URLSearchParams | undefined {
	if (body === undefined || body === null || body === '') return new URLSearchParams();
	if (typeof body === 'string') return new URLSearchParams(body);
	if (body instanceof URLSearchParams) return new URLSearchParams(body);
	if (typeof body === 'object' && !Buffer.isBuffer(body) && typeof (body as { append?: unknown }).append !== 'function') {
		const form = new URLSearchParams();
		for (const [key, value] of Object.entries(body as IDataObject)) {
			if (value !== undefined && value !== null) form.append(key, formValue(value));
		}
		return form;
	}
	return undefined;
}

/** To the instance's webservice.php: a bare path (or none) against the credential's base URL. */
function aimedAtInstance(request: FormRequest, credentials: ICredentialDataDecryptedObject): FormRequest {
	const target = request.uri ?? request.url ?? '';
	const defaulted = target.replace(/^\/+/, '') === '' && request.uri === undefined ? { ...request, url: 'webservice.php' } : request;
	// Only the configured instance: vtiger is self-hosted, so no vendor host is implied.
	const base = vtigerBaseUrl(credentials);
	const hosts = ownHosts('ABMS Vtiger API', credentials, [base]);
	return pointedAt(request, resolveUrl(defaulted, base, hosts).toString());
}

export class AbmsVtigerApi implements ICredentialType {
	name = 'abmsVtigerApi';

	displayName = 'ABMS Vtiger API';

	icon: Icon = { light: 'file:../icons/abms.svg', dark: 'file:../icons/abms.dark.svg' };

	documentationUrl = 'https://api.abms.co/quick-start';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: ABMS_BASE_URL,
			required: true,
			placeholder: ABMS_BASE_URL,
			description: 'The address you open the CRM at. Any vtiger 6–8 instance works; /webservice.php is added for you.',
			hint: 'ABMS answers API calls only from whitelisted IP addresses: ask ABMS support to whitelist the public IP of this n8n server before the first call',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The CRM login name of the user the workflows act as',
		},
		{
			displayName: 'Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Webservice Access Key from My Preferences in the CRM (16 characters; not the password)',
		},
		{
			displayName: 'Session',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'vtiger Version',
			name: 'vtigerVersion',
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * Runs when the session field is empty (first use, or a node forcing a new login
	 * after vtiger reported the session gone) and on a credential test. n8n stores
	 * what it returns, so every execution and queue worker reuses the session.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		refusePreAuthentication(credentials);
		const session = await vtigerLogin(async (options) => await this.helpers.httpRequest(options), credentials);
		return { sessionToken: session.sessionName, userId: session.userId, vtigerVersion: session.vtigerVersion };
	}

	/**
	 * GET operations read their parameters from the query string only, POST operations
	 * from the form body only; sessionName is read from either, so it follows the
	 * request: the query for GET, the form body for a form POST, the query otherwise.
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const request = aimedAtInstance(requestOptions as FormRequest, credentials);
		const session = String(credentials.sessionToken ?? '');
		if (session === '') return request;
		const method = (request.method ?? 'GET').toUpperCase();
		const contentType = header(request.headers, 'content-type');

		if (method !== 'GET' && method !== 'HEAD') {
			if (request.form !== undefined && typeof request.form === 'object' && request.form !== null) {
				return { ...request, form: { ...(request.form as IDataObject), sessionName: session } } as IHttpRequestOptions;
			}
			const isForm = contentType === undefined ? request.body === undefined || typeof request.body === 'string' : /x-www-form-urlencoded/i.test(contentType);
			const form = isForm ? toForm(request.form ?? request.body) : undefined;
			if (form) {
				form.set('sessionName', session);
				const headers = { ...(request.headers ?? {}) };
				if (contentType === undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
				const signed: FormRequest = { ...request, headers };
				if (request.form !== undefined) signed.form = form.toString();
				else signed.body = form.toString();
				return signed;
			}
		}
		return { ...request, qs: { ...(request.qs ?? {}), sessionName: session } };
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			baseURL: `={{String($credentials.baseUrl || "${ABMS_BASE_URL}").trim().replace(/\\/+$/, "").replace(/\\/webservice\\.php$/i, "")}}`,
			url: '/webservice.php',
			qs: { operation: 'listtypes' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message: 'vtiger logged in but refused the session for listtypes: check that this user may use the webservice',
				},
			},
		],
	};
}
