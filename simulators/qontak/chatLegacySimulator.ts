import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { echoJson, echoText } from '../echoPage';
import { LocalServer } from '../localServer';
import { realTime, type TimeSource } from '../timeSource';
import { ChatApi, CHAT_LEGACY_PREFIX, isChatPath, type ChatOptions } from './chatApi';
import { errorEnvelope } from './chatEnvelope';
import { FaultQueue, isProcessed, type Fault } from './faults';

/**
 * The older Qontak Chat host (service-chat.qontak.com,
 * https://github.com/qontak-dev/chat/blob/HEAD/docs/Guide/Authentication.md):
 * `POST /oauth/token` password and refresh grants, then `Authorization: Bearer` on every
 * `/api/open/v1` call. Tokens can be revoked to force the 401 → re-login path.
 */

export interface ChatLegacyOptions {
	username: string;
	password: string;
	clientId: string;
	clientSecret: string;
	/** What `expires_in` says; the simulator also refuses the token after it. */
	tokenTtlSeconds: number;
	/** A refused login also prints the request body it got in `message` (a debug-mode server). */
	echoLogin?: boolean;
	chat?: Partial<ChatOptions>;
}

const DEFAULTS: ChatLegacyOptions = {
	username: 'owner@sinarjaya.example',
	password: 'sim-password',
	clientId: 'sim-oauth-client',
	clientSecret: 'sim-oauth-secret',
	tokenTtlSeconds: 31_556_952,
};

interface Token {
	accessToken: string;
	refreshToken: string;
	expiresAtMs: number;
	revoked: boolean;
}

export interface LegacyRecordedRequest {
	method: string;
	path: string;
	authorization: string | undefined;
	contentType: string | undefined;
	body: string;
	status: number;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export class ChatLegacySimulator extends LocalServer {
	readonly options: ChatLegacyOptions;
	readonly chat: ChatApi;
	requests: LegacyRecordedRequest[] = [];
	/** Successful token grants (password and refresh), the number a "no login per execution" test reads. */
	logins = 0;
	/** The clock behind token expiry and the chat state; tests may put a virtual one here. */
	time: TimeSource = realTime;
	private tokens: Token[] = [];
	private readonly faults = new FaultQueue();

	constructor(options: Partial<ChatLegacyOptions> = {}) {
		super();
		this.options = { ...DEFAULTS, ...options };
		this.chat = new ChatApi(() => this.time.now(), this.options.chat);
	}

	reset(): void {
		this.requests = [];
		this.logins = 0;
		this.tokens = [];
		this.faults.clear();
		this.revokeOn = undefined;
		this.chat.reset();
	}

	inject(fault: Fault): void {
		this.faults.add(fault);
	}

	/** Every token issued so far stops working (what a password change or expiry looks like). */
	revokeTokens(): void {
		for (const token of this.tokens) token.revoked = true;
	}

	/** Revokes every token just before the next `method path` request is checked. */
	revokeTokensOn(method: string, path: string): void {
		this.revokeOn = { method: method.toUpperCase(), path };
	}

	private revokeOn: { method: string; path: string } | undefined;

	protected override receive(req: IncomingMessage, res: ServerResponse): void {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => this.dispatch(req, res, Buffer.concat(chunks)));
		req.on('error', () => undefined);
	}

	private dispatch(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
		const rawUrl = req.url ?? '/';
		const method = (req.method ?? 'GET').toUpperCase();
		const q = rawUrl.indexOf('?');
		const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
		const contentType = req.headers['content-type'];
		const record: LegacyRecordedRequest = { method, path, authorization: req.headers.authorization, contentType, body: raw.toString('utf8'), status: 0 };
		this.requests.push(record);
		const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
			record.status = status;
			const text = JSON.stringify(body);
			res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text), ...headers });
			res.end(text);
		};

		if (method === 'POST' && path === '/oauth/token') return this.grant(raw, send);
		if (!isChatPath(path, CHAT_LEGACY_PREFIX)) return send(404, errorEnvelope(404, ['Not Found']));

		if (this.revokeOn && this.revokeOn.method === method && this.revokeOn.path === path) {
			this.revokeOn = undefined;
			this.revokeTokens();
		}
		const bearer = /^Bearer (\S+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
		const token = this.tokens.find((candidate) => candidate.accessToken === bearer);
		if (!token || token.revoked || this.time.now() > token.expiresAtMs) return send(401, errorEnvelope(401, ['Unauthorized']));

		const query: Record<string, string | string[]> = {};
		for (const [key, value] of new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1))) {
			const existing = query[key];
			query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
		}
		const run = () => this.chat.handle({ method, path, query, contentType, rawBody: raw }, CHAT_LEGACY_PREFIX);
		const fault = this.faults.take(method, path);
		if (!fault) {
			const result = run();
			return send(result.status, result.body, result.headers);
		}
		if (isProcessed(fault)) run();
		if (fault.kind === 'timeout') return;
		if (fault.kind === 'reset') return void req.socket.destroy();
		if (fault.kind === 'echo' || fault.kind === 'echo200') {
			const echo = fault.kind === 'echo';
			const page = (echo ? echoJson : echoText)(method, rawUrl, { ...req.headers }, raw.toString('utf8'));
			record.status = echo ? 400 : 200;
			res.writeHead(record.status, { 'content-type': echo ? JSON_TYPE : 'text/plain', 'content-length': Buffer.byteLength(page) });
			return void res.end(page);
		}
		const status = fault.kind === 'malformed' ? 200 : Number(fault.kind);
		return send(status, errorEnvelope(status, [`Injected ${fault.kind} fault`]));
	}

	private grant(raw: Buffer, reply: (status: number, body: unknown) => void): void {
		const send = (status: number, body: unknown) =>
			reply(status, this.options.echoLogin && status >= 400 ? { ...(body as object), message: `request was ${raw.toString('utf8')}` } : body);
		let body: Record<string, unknown> = {};
		try {
			body = JSON.parse(raw.toString('utf8') || '{}');
		} catch {
			return send(400, { error: 'invalid_request', error_description: 'Body must be JSON' });
		}
		if (body.client_id !== this.options.clientId || body.client_secret !== this.options.clientSecret) {
			return send(401, { error: 'invalid_client', error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.' });
		}
		if (body.grant_type === 'password') {
			if (body.username !== this.options.username || body.password !== this.options.password) {
				return send(400, { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.' });
			}
		} else if (body.grant_type === 'refresh_token') {
			const previous = this.tokens.find((token) => token.refreshToken === body.refresh_token && !token.revoked);
			if (!previous) return send(400, { error: 'invalid_grant', error_description: 'The refresh token is invalid.' });
		} else {
			return send(400, { error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported by the authorization server.' });
		}
		const token: Token = {
			accessToken: randomBytes(24).toString('base64url'),
			refreshToken: randomBytes(24).toString('base64url'),
			expiresAtMs: this.time.now() + this.options.tokenTtlSeconds * 1000,
			revoked: false,
		};
		this.tokens.push(token);
		this.logins++;
		send(201, {
			access_token: token.accessToken,
			token_type: 'bearer',
			expires_in: this.options.tokenTtlSeconds,
			refresh_token: token.refreshToken,
			created_at: Math.floor(this.time.now() / 1000),
		});
	}
}
