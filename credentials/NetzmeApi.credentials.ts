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

import { trimmedText } from './credentialText';
import { INVOICE_PATH_PREFIX, NETZME_GRANT_PATH, NETZME_PRODUCTION_URL, NETZME_STAGING_URL, netzmeBaseFor, netzmeHosts, netzmeTokoUrl } from './netzmeHosts';
import { withPinHash } from './netzmePin';
import { netzmeSecretForms } from './secretForms';
import { maskText, secretVariants } from './secretMask';
import { netzmeSignature, netzmeSigningPayload } from './netzmeSignature';
import type { AnyRequest } from './requestTarget';
import { aimedAt, refusePreAuthentication, resolveUrl, serializeQuery, withQuery } from './requestTarget';

export {
	INVOICE_PATH_PREFIX,
	NETZME_GRANT_PATH,
	NETZME_PRODUCTION_URL,
	NETZME_STAGING_URL,
	netzmeHosts,
	netzmeInvoiceUrl,
	netzmeTokoUrl,
} from './netzmeHosts';

/** Headers this credential owns; a caller's spelling of any of them is replaced. */
const SIGNED_HEADERS = ['authorization', 'request-time', 'client-id', 'signature', 'content-type'];
const INVOICE_HEADERS = ['authorization', 'user-agent', 'content-type', 'request-time', 'client-id', 'signature'];

/** The body exactly as it will go on the wire: what is signed must be byte-identical to what is sent. */
function wireBody(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return JSON.stringify(body);
}

function withoutHeaders(headers: IDataObject | undefined, names: string[]): IDataObject {
	const kept: IDataObject = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		if (value !== undefined && !names.includes(name.toLowerCase())) kept[name] = value;
	}
	return kept;
}

/** The merchant the invoice is for, which the invoice host also expects in User-Agent. */
function invoiceMerchant(body: string, credentials: ICredentialDataDecryptedObject): string {
	try {
		const parsed = JSON.parse(body) as { request?: { merchant?: unknown } };
		const merchant = trimmedText(parsed?.request?.merchant);
		if (merchant) return merchant;
	} catch {
		// Not JSON: fall back to the credential's merchant below.
	}
	return trimmedText(credentials.defaultMerchantId);
}

function required(credentials: ICredentialDataDecryptedObject, name: string, label: string, hint: string): string {
	const value = trimmedText(credentials[name]);
	if (!value) throw new UserError(`The Netzme credential has no ${label}. ${hint}`);
	return value;
}

/** Short vendor text for an error, with any secret we sent masked (before it is cut) in case the vendor echoes it. */
function vendorText(body: unknown, secrets: Array<string | undefined>): string {
	let message = '';
	if (typeof body === 'string') message = body;
	else if (body !== null && typeof body === 'object') {
		const envelope = body as IDataObject;
		message = [envelope.status, envelope.statusMessage, envelope.message, envelope.error_description, envelope.error]
			.map(trimmedText)
			.filter(Boolean)
			.join(': ');
	}
	return maskText(message.replace(/\s+/g, ' '), secretVariants(secrets)).slice(0, 200);
}

export class NetzmeApi implements ICredentialType {
	name = 'netzmeApi';

	displayName = 'Netzme API';

	icon: Icon = { light: 'file:../icons/netzme.svg', dark: 'file:../icons/netzme.dark.svg' };

	documentationUrl = 'https://apidocs.netzme.id/api-reference/toko-netzme/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Staging (tokoapi-stg.netzme.com)', value: NETZME_STAGING_URL },
				{ name: 'Production (tokoapi.netzme.com)', value: NETZME_PRODUCTION_URL },
				{ name: 'Custom Base URLs', value: 'custom' },
			],
			default: NETZME_STAGING_URL,
			description: 'Staging and production also pick the invoice host (pay-stg.netzme.com / pay.netzme.com)',
		},
		{
			displayName: 'Toko API Base URL',
			name: 'tokoBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://tokoapi-stg.netzme.com',
			description: 'Host of the token, merchant, balance, withdraw and deposit endpoints',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Invoice API Base URL',
			name: 'invoiceBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://pay-stg.netzme.com',
			description: 'Host of the /api/v1/invoice endpoints',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'Aggregator client ID issued by Netzme at onboarding',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Buys the access token and signs every request; it is never sent on signed calls',
		},
		{
			displayName: 'Invoice Token',
			name: 'invoiceToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Static token for the invoice host (sent as "Authorization: custom <token>"), issued by Netzme at onboarding. Needed only for the Invoice create operations.',
		},
		{
			displayName: 'Default Merchant ID',
			name: 'defaultMerchantId',
			type: 'string',
			default: '',
			placeholder: 'M_czBSCDVY',
			description: 'Merchant (user) ID used when an operation leaves its Merchant ID empty, and by the credential test',
		},
		{
			displayName: 'Withdrawal PIN',
			name: 'withdrawalPinSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional 6-digit PIN used by PIN → Create and the withdrawals when their PIN field is empty (for a client with one merchant). It is hashed locally; only the hash is sent.',
		},
		{
			displayName: 'Callback Token',
			name: 'callbackToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'For the Netzme Trigger: the x-callback-token value agreed with Netzme, when the trigger checks that header',
		},
		{
			displayName: 'Callback Username',
			name: 'callbackUsername',
			type: 'string',
			default: '',
			description: 'For the Netzme Trigger: the Basic auth user agreed with Netzme, when the trigger checks Basic auth',
		},
		{
			displayName: 'Callback Password',
			name: 'callbackPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'For the Netzme Trigger: the Basic auth password agreed with Netzme',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * Netzme keeps one active token per client: asking for one kills the previous. n8n calls this
	 * only when the stored token is empty or was rejected, and saves the result for every
	 * execution and worker, which is what keeps parallel executions from knocking each other out.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		refusePreAuthentication(credentials);
		const clientId = required(credentials, 'clientId', 'Client ID', 'Enter the client ID Netzme issued.');
		const clientSecret = required(credentials, 'clientSecret', 'Client Secret', 'Enter the client secret Netzme issued.');
		const url = `${netzmeTokoUrl(credentials)}${NETZME_GRANT_PATH}`;
		const basic = Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64');
		let response: { statusCode: number; body: unknown };
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url,
				headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/json', Accept: 'application/json' },
				body: '{"grant_type":"client_credentials"}',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: 30_000,
			})) as { statusCode: number; body: unknown };
		} catch (error) {
			// A plain error without the request: the axios one carries the Basic header.
			throw new UserError(`Netzme's token endpoint ${url} could not be reached: ${(error as Error).message}. Check the environment or base URL in the Netzme credential.`);
		}
		let body = response.body;
		if (typeof body === 'string') {
			try {
				body = JSON.parse(body);
			} catch {
				// Keep the text for the error message.
			}
		}
		const token = body !== null && typeof body === 'object' ? trimmedText((body as IDataObject).access_token) : '';
		// Netzme's success status is spelled inconsistently (even "SUCCEES"); the token is the proof.
		if (response.statusCode >= 300 || !token) {
			// The client secret and its Basic form are among the credential's secret forms.
			const detail = vendorText(body, netzmeSecretForms(credentials));
			throw new UserError(
				`Netzme did not issue an access token (HTTP ${response.statusCode}${detail ? `, ${detail}` : ''}). Check the client ID, client secret and environment in the Netzme credential.`,
			);
		}
		return { accessToken: token };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// A PIN hash goes into the body before anything is signed: the signature covers the exact body.
		const request = withPinHash(requestOptions as AnyRequest, credentials);
		const url = resolveUrl(request, netzmeBaseFor(credentials), netzmeHosts(credentials));
		const { pathAndQuery: pathWithQuery, finalUrl } = withQuery(url, serializeQuery(request.qs));
		const method = (request.method ?? 'GET').toUpperCase();
		const body = method === 'GET' || method === 'HEAD' ? '' : wireBody(request.body);
		const clientId = trimmedText(credentials.clientId);

		let headers: IDataObject;
		if (url.pathname.startsWith(INVOICE_PATH_PREFIX)) {
			const invoiceToken = required(
				credentials,
				'invoiceToken',
				'Invoice Token',
				'The invoice host needs the static invoice token Netzme issues at onboarding; enter it in the credential.',
			);
			headers = {
				...withoutHeaders(request.headers, INVOICE_HEADERS),
				Authorization: `custom ${invoiceToken}`,
				'User-Agent': `${clientId};${invoiceMerchant(body, credentials)}`,
				'Content-Type': 'application/json',
			};
		} else {
			const authorization = `Bearer ${trimmedText(credentials.accessToken)}`;
			const requestTime = String(Date.now());
			const payload = netzmeSigningPayload(pathWithQuery, method, authorization, requestTime, body);
			headers = {
				...withoutHeaders(request.headers, SIGNED_HEADERS),
				Authorization: authorization,
				'Request-Time': requestTime,
				'Client-Id': clientId,
				Signature: netzmeSignature(trimmedText(credentials.clientSecret), requestTime, authorization, payload),
				// Netzme expects it on GET requests too.
				'Content-Type': 'application/json',
			};
		}

		const signed = aimedAt(request, finalUrl, headers);
		if (body === '') delete signed.body;
		else signed.body = body;
		return signed;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.environment === "custom" ? $credentials.tokoBaseUrl : $credentials.environment}}',
			url: '/api/aggregator/merchant/qr/balance/detail',
			qs: { userId: '={{$credentials.defaultMerchantId}}' },
			method: 'GET',
		},
	};
}
