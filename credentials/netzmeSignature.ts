import { createHmac } from 'node:crypto';

/**
 * Netzme Toko non-SNAP request signing
 * (https://apidocs.netzme.id/api-reference/toko-netzme/authentication). The payload carries the
 * token between method and timestamp even though Netzme's payload table omits it: every known
 * implementation, Netzme's own tool included, signs it.
 */

export function netzmeSigningPayload(
	pathWithQuery: string,
	method: string,
	authorization: string,
	requestTime: string,
	body: string,
): string {
	return `path=${pathWithQuery}&method=${method.toUpperCase()}&token=${authorization}&timestamp=${requestTime}&body=${body}`;
}

/** Lower-case hex HMAC-SHA256 keyed by `<secret>-<requestTime>-<authorization>`. */
export function netzmeSignature(
	clientSecret: string,
	requestTime: string,
	authorization: string,
	payload: string,
): string {
	return createHmac('sha256', `${clientSecret}-${requestTime}-${authorization}`)
		.update(payload, 'utf8')
		.digest('hex');
}
