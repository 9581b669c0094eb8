import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * Node helpers hand a credential's authenticate `url` (+ `baseURL`) and `qs`; n8n's HTTP Request
 * node hands the legacy `uri` and `qs`. Signing credentials must see the final target in both.
 */
export type AnyRequest = IHttpRequestOptions & { uri?: string };

/** The URL the request will go to; a bare path falls back to the credential's own base URL. */
export function resolveUrl(request: AnyRequest, fallbackBase: string): URL {
	const target = request.uri ?? request.url ?? '';
	if (/^https?:\/\//i.test(target)) return new URL(target);
	const base = (request.baseURL ?? fallbackBase).replace(/\/+$/, '');
	return new URL(`${base}/${target.replace(/^\/+/, '')}`);
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
 * The request aimed at `finalUrl`, in the shape it came in, with qs emptied and baseURL dropped
 * so nothing re-serialises the query after it was signed.
 */
export function aimedAt(request: AnyRequest, finalUrl: string, headers: IDataObject): AnyRequest {
	const aimed: AnyRequest = { ...request, headers, qs: {} };
	delete aimed.baseURL;
	if (request.uri !== undefined) aimed.uri = finalUrl;
	else aimed.url = finalUrl;
	return aimed;
}
