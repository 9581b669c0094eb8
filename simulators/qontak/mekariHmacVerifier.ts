import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The gateway side of Mekari HMAC auth, written independently of credentials/ so a bug
 * in the signer cannot be mirrored by the checker (see
 * https://developers.mekari.com/docs/kb/hmac-authentication).
 */

export const MAX_CLOCK_SKEW_MS = 300_000;

// RFC 7231 IMF-fixdate. Stricter than Date.parse on purpose: ISO or local-time strings
// parse fine in JS but are not what the gateway documents, and we want to catch them.
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

export function mekariSigningString(date: string, method: string, target: string): string {
	return `date: ${date}\n${method.toUpperCase()} ${target} HTTP/1.1`;
}

export function mekariSignature(secret: string, date: string, method: string, target: string): string {
	return createHmac('sha256', secret).update(mekariSigningString(date, method, target), 'utf8').digest('base64');
}

/**
 * The request target as the gateway verifies it: path as sent, query percent-decoded,
 * because Mekari's own SDK signs the decoded query while sending the encoded one.
 */
export function signedRequestTarget(rawUrl: string): string {
	const q = rawUrl.indexOf('?');
	if (q === -1) return rawUrl;
	const rawQuery = rawUrl.slice(q + 1);
	let query = rawQuery;
	try {
		query = decodeURIComponent(rawQuery);
	} catch {
		// A broken escape cannot have been produced by decoding either; verify the raw form.
	}
	return `${rawUrl.slice(0, q)}?${query}`;
}

export interface HmacAuthParams {
	username: string;
	algorithm: string;
	headers: string;
	signature: string;
}

export function parseHmacAuthorization(header: string | undefined): HmacAuthParams | undefined {
	if (!header) return undefined;
	const match = /^hmac\s+(.+)$/.exec(header.trim());
	if (!match) return undefined;
	const params: Record<string, string> = {};
	for (const [, key, value] of match[1].matchAll(/(\w+)="([^"]*)"/g)) params[key] = value;
	const { username, algorithm, headers, signature } = params;
	if (!username || !algorithm || !headers || !signature) return undefined;
	return { username, algorithm, headers, signature };
}

export type HmacVerdict =
	| { ok: true; clientId: string }
	| { ok: false; reason: 'missing-authorization' | 'malformed-authorization' | 'unknown-client' | 'missing-date' | 'bad-date' | 'clock-skew' | 'bad-signature' };

export interface HmacRequest {
	method: string;
	url: string;
	authorization: string | undefined;
	date: string | undefined;
}

/** Pure check; `secrets` maps client id to client secret, `nowMs` is the gateway clock. */
export function verifyMekariRequest(request: HmacRequest, secrets: Record<string, string>, nowMs: number): HmacVerdict {
	if (!request.authorization) return { ok: false, reason: 'missing-authorization' };
	const auth = parseHmacAuthorization(request.authorization);
	if (!auth || auth.algorithm !== 'hmac-sha256' || auth.headers !== 'date request-line') {
		return { ok: false, reason: 'malformed-authorization' };
	}
	const secret = Object.prototype.hasOwnProperty.call(secrets, auth.username) ? secrets[auth.username] : undefined;
	if (secret === undefined) return { ok: false, reason: 'unknown-client' };
	if (!request.date) return { ok: false, reason: 'missing-date' };
	if (!IMF_FIXDATE.test(request.date)) return { ok: false, reason: 'bad-date' };
	const sentAt = Date.parse(request.date);
	if (Number.isNaN(sentAt)) return { ok: false, reason: 'bad-date' };
	if (Math.abs(nowMs - sentAt) > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'clock-skew' };

	const expected = Buffer.from(mekariSignature(secret, request.date, request.method, signedRequestTarget(request.url)));
	const given = Buffer.from(auth.signature);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
	return { ok: true, clientId: auth.username };
}
