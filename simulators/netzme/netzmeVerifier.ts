import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Netzme's side of the non-SNAP signature
 * (https://apidocs.netzme.id/api-reference/toko-netzme/authentication), written apart from
 * credentials/ so that a signing bug cannot be mirrored by the check.
 */

export function signatureFor(
	secret: string,
	parts: { path: string; method: string; authorization: string; requestTime: string; body: string },
): string {
	const fields: Array<[string, string]> = [
		['path', parts.path],
		['method', parts.method],
		['token', parts.authorization],
		['timestamp', parts.requestTime],
		['body', parts.body],
	];
	const payload = fields.map(([name, value]) => `${name}=${value}`).join('&');
	const key = [secret, parts.requestTime, parts.authorization].join('-');
	return createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.from(payload, 'utf8')).digest('hex');
}

/** Netzme's PIN hash, for checking what the node sends against the merchant's real PIN. */
export function pinHashFor(clientId: string, merchantId: string, pin: string): string {
	return createHmac('sha256', Buffer.from(clientId + merchantId, 'utf8')).update(Buffer.from(pin, 'utf8')).digest('hex');
}

export type SignatureVerdict =
	| { ok: true; token: string }
	| {
			ok: false;
			reason:
				| 'missing-authorization'
				| 'not-bearer'
				| 'wrong-client-id'
				| 'missing-request-time'
				| 'bad-request-time'
				| 'clock-skew'
				| 'missing-signature'
				| 'bad-signature';
	  };

export interface SignedRequest {
	method: string;
	/** The request target exactly as received: path plus raw query. */
	url: string;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
}

function one(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

export function verifySignature(
	request: SignedRequest,
	client: { clientId: string; clientSecret: string },
	nowMs: number,
	maxSkewMs: number,
): SignatureVerdict {
	const authorization = one(request.headers.authorization);
	if (!authorization) return { ok: false, reason: 'missing-authorization' };
	const bearer = /^Bearer ([^\s]+)$/.exec(authorization);
	if (!bearer) return { ok: false, reason: 'not-bearer' };
	if (one(request.headers['client-id']) !== client.clientId) return { ok: false, reason: 'wrong-client-id' };
	const requestTime = one(request.headers['request-time']);
	if (!requestTime) return { ok: false, reason: 'missing-request-time' };
	if (!/^\d{13}$/.test(requestTime)) return { ok: false, reason: 'bad-request-time' };
	if (Math.abs(nowMs - Number(requestTime)) > maxSkewMs) return { ok: false, reason: 'clock-skew' };
	const given = one(request.headers.signature);
	if (!given) return { ok: false, reason: 'missing-signature' };
	const expected = signatureFor(client.clientSecret, {
		path: request.url,
		method: request.method.toUpperCase(),
		authorization,
		requestTime,
		body: request.method.toUpperCase() === 'GET' ? '' : request.rawBody,
	});
	// Netzme's examples are lower-case hex; an upper-case digest is not accepted here.
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(given, 'utf8');
	if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: 'bad-signature' };
	return { ok: true, token: bearer[1] };
}
