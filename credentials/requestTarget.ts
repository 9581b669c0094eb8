import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

/**
 * The one way every credential resolves, serialises and aims a request. Node helpers hand a
 * credential's authenticate `url` (+ `baseURL`) and `qs`; n8n's HTTP Request node hands the legacy
 * `uri` and `qs`. A credential must see the final target in both shapes, so what it signs is what
 * is sent, and (next) so it can refuse to authenticate a host that is not its own.
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
 * The URL the request will go to. An absolute url/uri goes where it says; a bare path hangs off
 * the request's baseURL, else off the credential's base, which a credential serving two hosts
 * picks by path.
 */
export function resolveUrl(request: AnyRequest, credentialBase: string | ((path: string) => string)): URL {
	const target = request.uri ?? request.url ?? '';
	if (ABSOLUTE.test(target)) return new URL(target);
	const path = `/${target.replace(/^\/+/, '')}`;
	const base = request.baseURL || (typeof credentialBase === 'string' ? credentialBase : credentialBase(path));
	const root = base.replace(/\/+$/, '');
	if (!ABSOLUTE.test(root)) {
		throw new UserError(`The base URL "${base}" for ${path} is not an absolute URL. Give it with its scheme, e.g. https://api.example.com`);
	}
	return new URL(`${root}${path}`);
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
