import { randomUUID } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper, IHttpRequestMethods } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { trimmedString } from './credentialText';
import type { OwnHosts } from './requestTarget';
import { absoluteBase, ownHosts, resolveUrl } from './requestTarget';
import { appKeySecretForms } from './secretForms';
import { maskText, secretVariants } from './secretMask';

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

/** Statuses with which the vendor is assumed to reject an expired or revoked bearer token. */
const REJECTED_TOKEN_STATUSES = [401, 403];

/** The credential's Base URL, or '' when none is set (then only full URLs can be called). */
export function appKeyBase(credentials: ICredentialDataDecryptedObject): string {
	const base = trimmedString(credentials.baseUrl);
	return base ? absoluteBase(base, 'App Key API', 'Base URL', 'https://api.example.co.id') : '';
}

/**
 * The vendor publishes no host, so only what the credential's owner configured: the Base URL, and
 * the renewal and test endpoints where they are given as full URLs.
 */
export function appKeyHosts(credentials: ICredentialDataDecryptedObject): OwnHosts {
	const settings = ['baseUrl', 'accessRenewalPath', 'refreshRenewalPath', 'testPath'];
	return ownHosts('App Key API', credentials, settings.map((name) => credentials[name]));
}

/** Bare paths hang off the request's baseURL, else the credential's; only the credential's own hosts pass. */
export function appKeyUrl(target: string, baseURL: string | undefined, credentialBase: string, label: string, hosts: OwnHosts): string {
	return resolveUrl({ url: target, baseURL }, () => {
		if (!credentialBase) {
			throw new UserError(
				`${label} "${target}" is a path, but the App Key API credential has no Base URL. Set Base URL (e.g. https://api.example.co.id) or use a full URL`,
			);
		}
		return credentialBase;
	}, hosts).toString();
}

export function required(credentials: ICredentialDataDecryptedObject, name: string, label: string, hint: string): string {
	const value = trimmedString(credentials[name]);
	if (!value) throw new UserError(`The App Key API credential has no ${label}. ${hint}`);
	return value;
}

export function clientHeaders(credentials: ICredentialDataDecryptedObject): IDataObject {
	return {
		'x-app-key': required(credentials, 'appKey', 'App Key', 'Enter the x-app-key issued by the vendor\'s support team.'),
		// Unique per request (vendor rule); a retry is a new request and gets a new id.
		'x-request-id': randomUUID(),
		'x-language': trimmedString(credentials.language) || 'id',
	};
}

/** Reads a dotted field from the response, at the top level first, then inside a `data` envelope. */
export function tokenAt(body: unknown, field: string): string | undefined {
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

/** The vendor's own message, short, with every token of the credential and the bearer we sent masked (before the cut) in case it is echoed. */
function vendorMessage(body: unknown, secrets: Array<string | undefined>): string {
	const parsed = typeof body === 'string' ? (safeJson(body) ?? body) : body;
	let message = '';
	if (typeof parsed === 'string') message = parsed;
	else if (parsed !== null && typeof parsed === 'object') {
		const envelope = parsed as IDataObject;
		message = trimmedString(envelope.message) || trimmedString(envelope.error) || trimmedString(envelope.error_description);
	}
	return maskText(message, secretVariants(secrets)).slice(0, 200);
}

interface RenewalStep {
	label: string;
	url: string;
	method: IHttpRequestMethods;
	field: string;
	fieldSetting: string;
	pathSetting: string;
}

export function renewalSteps(credentials: ICredentialDataDecryptedObject): { access: RenewalStep; refresh: RenewalStep } {
	const base = appKeyBase(credentials);
	const hosts = appKeyHosts(credentials);
	const step = (kind: 'access' | 'refresh', label: string): RenewalStep => {
		const pathSetting = `New ${label} Path`;
		const path = trimmedString(credentials[`${kind}RenewalPath`]);
		if (!path) {
			throw new UserError(
				`The App Key API credential has an empty "${pathSetting}". Enter the vendor's endpoint (default ${APP_KEY_DEFAULTS[`${kind}RenewalPath`]}).`,
			);
		}
		return {
			label,
			url: appKeyUrl(path, undefined, base, `"${pathSetting}"`, hosts),
			method: (trimmedString(credentials[`${kind}RenewalMethod`]) || 'GET') as IHttpRequestMethods,
			field: trimmedString(credentials[`${kind}ResponseField`]) || APP_KEY_DEFAULTS[`${kind}ResponseField`],
			fieldSetting: `${label} Response Field`,
			pathSetting,
		};
	};
	return { access: step('access', 'Access Token'), refresh: step('refresh', 'Refresh Token') };
}

type RenewalResult = { ok: true; token: string; body: unknown } | { ok: false; status: number; message: string };

export async function renew(
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
		return { ok: false, status: statusCode, message: vendorMessage(body, [...appKeySecretForms(credentials), bearer, `Bearer ${bearer}`]) };
	}
	if (statusCode < 200 || statusCode >= 300) {
		const detail = vendorMessage(body, [...appKeySecretForms(credentials), bearer, `Bearer ${bearer}`]);
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

