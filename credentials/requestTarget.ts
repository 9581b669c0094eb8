import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

/**
 * The one way every credential resolves, serialises and aims a request. Node helpers hand a
 * credential's authenticate `url` (+ `baseURL`) and `qs`; n8n's HTTP Request node hands the legacy
 * `uri` and `qs`. A credential must see the final target in both shapes, so what it signs is what
 * is sent, and so it refuses to authenticate a host that is not its own.
 */
export type AnyRequest = IHttpRequestOptions & { uri?: string };

const ABSOLUTE = /^https?:\/\//i;

/**
 * A base URL from a credential setting, without trailing slashes. Without a scheme it would
 * silently become a path, so it is refused with the setting's name and an example.
 */
export function absoluteBase(url: string, credential: string, setting: string, example: string): string {
	const base = url.replace(/\/+$/, '');
	if (!ABSOLUTE.test(base)) {
		throw new UserError(`The ${credential} credential's ${setting} "${url}" is not an absolute URL. Enter it with its scheme, e.g. ${example}`);
	}
	return base;
}

/**
 * The origins (scheme, host and port) a credential may send its secrets to: its configured base
 * URL(s) and its vendor's documented hosts. Through n8n's HTTP Request node anyone allowed to use
 * a shared credential picks the URL, so without this list the secret goes wherever they say.
 */
export interface OwnHosts {
	/** The credential's display name, for the error. */
	credential: string;
	origins: readonly string[];
	/** The decrypted credential data the request is being signed with (see refusePreAuthentication). */
	data: object;
}

/** Origins of the absolute URLs among `urls`; settings left empty or without a scheme add none. */
export function ownHosts(credential: string, data: object, urls: ReadonlyArray<unknown>): OwnHosts {
	const origins = new Set<string>();
	for (const url of urls) {
		if (typeof url !== 'string' || !ABSOLUTE.test(url.trim())) continue;
		try {
			origins.add(new URL(url.trim()).origin);
		} catch {
			// An unparseable setting is reported where it is used as a base; it authorises nothing here.
		}
	}
	return { credential, origins: [...origins], data };
}

/**
 * Credential data whose last request was refused. n8n's legacy requestWithAuthentication (the HTTP
 * Request node) re-runs preAuthentication with "expired" after ANY failure, including this refusal,
 * on the same data object; that would log in again (and, for Netzme, kill the active token every
 * other execution shares) for a request that will never be sent.
 */
const refused = new WeakMap<object, Error>();

function refusal(url: URL, hosts: OwnHosts): UserError {
	const allowed = hosts.origins.length
		? `its own hosts (${hosts.origins.join(', ')})`
		: 'its own hosts, and it has none yet: set its Base URL';
	return new UserError(
		`The ${hosts.credential} credential signs only requests to ${allowed}, not to ${url.origin}. Nothing was sent. Use a credential made for ${url.origin}, or, if it is this vendor's host, set it as the credential's base URL.`,
	);
}

/**
 * The URL the request will go to, once it is known to be one of the credential's own hosts. An
 * absolute url/uri goes where it says; a bare path hangs off the request's baseURL, else off the
 * credential's base, which a credential serving two hosts picks by path. Any other origin throws
 * before a secret is attached.
 */
export function resolveUrl(request: AnyRequest, credentialBase: string | ((path: string) => string), hosts: OwnHosts): URL {
	refused.delete(hosts.data);
	const target = request.uri ?? request.url ?? '';
	let url: URL;
	if (ABSOLUTE.test(target)) url = new URL(target);
	else {
		const path = `/${target.replace(/^\/+/, '')}`;
		const base = request.baseURL || (typeof credentialBase === 'string' ? credentialBase : credentialBase(path));
		const root = base.replace(/\/+$/, '');
		if (!ABSOLUTE.test(root)) {
			throw new UserError(`The base URL "${base}" for ${path} is not an absolute URL. Give it with its scheme, e.g. https://api.example.com`);
		}
		url = new URL(`${root}${path}`);
	}
	if (!hosts.origins.includes(url.origin)) {
		const error = refusal(url, hosts);
		refused.set(hosts.data, error);
		throw error;
	}
	return url;
}

/**
 * First thing in every preAuthentication: when the request it would fetch a token for was just
 * refused as foreign, fail with that refusal instead of logging in.
 */
export function refusePreAuthentication(credentials: object): void {
	const error = refused.get(credentials);
	if (error === undefined) return;
	refused.delete(credentials);
	throw error;
}

function appendQueryValue(pairs: string[], key: string, value: unknown): void {
	if (value === undefined || value === null) return;
	if (Array.isArray(value)) {
		// Mekari's own SDK sends arrays bracket-style (key[]=v).
		for (const entry of value) appendQueryValue(pairs, `${key}[]`, entry);
		return;
	}
	const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
	pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
}

/** Serialises qs once, in insertion order, so what is signed is exactly what is sent. */
export function serializeQuery(qs: IDataObject | undefined): string {
	const pairs: string[] = [];
	for (const [key, value] of Object.entries(qs ?? {})) appendQueryValue(pairs, key, value);
	return pairs.join('&');
}

/** The URL's own query followed by the serialised qs: the path+query to sign and the URL to send. */
export function withQuery(url: URL, serializedQs: string): { pathAndQuery: string; finalUrl: string } {
	const query = [url.search.replace(/^\?/, ''), serializedQs].filter(Boolean).join('&');
	const pathAndQuery = `${url.pathname}${query ? `?${query}` : ''}`;
	return { pathAndQuery, finalUrl: `${url.origin}${pathAndQuery}` };
}

/**
 * The request aimed at `url`, in the shape it came in, with baseURL dropped. Its qs is left for
 * n8n to serialise: for a credential that signs nothing over the query (vtiger, App Key), so the
 * HTTP Request node's own array format still applies.
 */
export function pointedAt(request: AnyRequest, url: string, headers?: IDataObject): AnyRequest {
	const pointed: AnyRequest = headers === undefined ? { ...request } : { ...request, headers };
	delete pointed.baseURL;
	if (request.uri !== undefined) pointed.uri = url;
	else pointed.url = url;
	return pointed;
}

/**
 * The request aimed at `finalUrl` (withQuery's), with qs emptied so nothing re-serialises the
 * query after it was signed.
 */
export function aimedAt(request: AnyRequest, finalUrl: string, headers: IDataObject): AnyRequest {
	return { ...pointedAt(request, finalUrl, headers), qs: {} };
}
