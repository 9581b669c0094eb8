import { request, type IncomingHttpHeaders } from 'node:http';

import { mekariSignature, signedRequestTarget } from './mekariHmacVerifier';

/**
 * Minimal signed HTTP client for the simulator's own tests. node:http rather than fetch,
 * because fetch treats `Date` as a forbidden header in spec terms and we must send it.
 */

export interface CallOptions {
	body?: unknown;
	clientId?: string;
	secret?: string;
	ssoId?: string | null;
	/** Overrides the Date header (default: now). */
	date?: string;
	/** Overrides what gets signed (default: the decoded request target). */
	signTarget?: string;
	/** Replaces the whole Authorization header; null sends none. */
	authorization?: string | null;
	/** Gives up on the request when aborted (rejects), e.g. once a held answer has been checked. */
	signal?: AbortSignal;
}

export interface CallResult {
	status: number;
	headers: IncomingHttpHeaders;
	text: string;
	json: any;
}

export interface SimTarget {
	baseUrl: string;
	options: { clientId: string; clientSecret: string; ssoId: string };
}

export function call(sim: SimTarget, method: string, pathAndQuery: string, opts: CallOptions = {}): Promise<CallResult> {
	const date = opts.date ?? new Date().toUTCString();
	const clientId = opts.clientId ?? sim.options.clientId;
	const signature = mekariSignature(opts.secret ?? sim.options.clientSecret, date, method, opts.signTarget ?? signedRequestTarget(pathAndQuery));
	const headers: Record<string, string> = { Date: date, Accept: 'application/json' };
	const authorization =
		opts.authorization === undefined
			? `hmac username="${clientId}", algorithm="hmac-sha256", headers="date request-line", signature="${signature}"`
			: opts.authorization;
	if (authorization !== null) headers.Authorization = authorization;
	const ssoId = opts.ssoId === undefined ? sim.options.ssoId : opts.ssoId;
	if (ssoId !== null) headers['X-Crm-User-Sso-Id'] = ssoId;
	const payload = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
	if (payload !== undefined) headers['Content-Type'] = 'application/json';

	return new Promise((resolve, reject) => {
		const req = request(`${sim.baseUrl}${pathAndQuery}`, { method, headers, signal: opts.signal }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json: unknown;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
			});
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(payload);
	});
}
