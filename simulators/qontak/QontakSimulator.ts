import type { IncomingMessage, ServerResponse } from 'node:http';

import { echoJson, echoText } from '../echoPage';
import { LocalServer } from '../localServer';
import { realTime, type TimeSource } from '../timeSource';
import { ChatApi, isChatPath, type ChatOptions } from './chatApi';
import { ChatFileHost } from './chatFileHost';
import { CrmError, errorBody } from './crmEnvelope';
import { USERS } from './crmFixtures';
import { CRM_PREFIX, Router, type RouteResult } from './crmRouter';
import { CRM_ROUTES } from './crmRoutes';
import { seedBulkContacts, seedBulkDeals, seedFixtures } from './crmSeed';
import { CrmState, recordKey, type CrmResource } from './crmState';
import { FaultQueue, isProcessed, type Fault, type FaultKind } from './faults';
import { verifyMekariRequest } from './mekariHmacVerifier';

/**
 * A local stand-in for Qontak CRM behind the Mekari API gateway: HMAC auth with clock skew,
 * the X-Crm-User-Sso-Id check, all 84 /qontak/crm routes over an in-memory tenant, and
 * injectable faults. Everything is checked with its own code; nothing is shared with the
 * credential or node under test.
 */

export type { CrmResource, Fault, FaultKind };
export { mekariSignature, mekariSigningString, signedRequestTarget, verifyMekariRequest } from './mekariHmacVerifier';
export { CRM_ROUTES } from './crmRoutes';

export interface QontakSimulatorOptions {
	clientId?: string;
	clientSecret?: string;
	ssoId?: string;
	/** Added to every response. */
	latencyMs?: number;
	/** Server clock skew vs `time`. */
	clockOffsetMs?: number;
	/** Qontak Chat (/qontak/chat/v1) behaviour: rate window, log timing, … (chatState.ts). */
	chat?: Partial<ChatOptions>;
	/**
	 * The Qontak scopes the Mekari application was granted: `crm` is qontak-crm:all (/qontak/crm),
	 * `chat` is qontak-chat:all (/qontak/chat). Both by default; a path outside them gets the
	 * gateway's 403.
	 */
	scopes?: QontakScope[];
}

export type QontakScope = 'crm' | 'chat';

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON, or the raw text when it is not JSON, or undefined when empty. */
	body: unknown;
	rawBody: string;
	/** HTTP status served; 0 while pending and for 'timeout' / 'reset' faults. */
	status: number;
}

const DEFAULTS: Required<QontakSimulatorOptions> = {
	clientId: 'sim-client',
	clientSecret: 'sim-secret',
	ssoId: '7d0b6c1e-0000-4000-8000-000000000001',
	latencyMs: 0,
	clockOffsetMs: 0,
	chat: {},
	scopes: ['crm', 'chat'],
};

const UNAUTHORIZED = '{"message":"Unauthorized"}';
/**
 * A missing scope is a 403 from the gateway (qontak-api-js README; body undocumented,
 * specs/mekari-hmac.md §8). The wording is an assumption: the bare `{"message"}` shape of the
 * gateway's documented 401, with the API gateway ACL's usual text, and no Qontak envelope.
 */
const SCOPE_MISSING = '{"message":"You cannot consume this service"}';
const JSON_TYPE = 'application/json; charset=utf-8';

type ParsedBody = { ok: true; value: unknown } | { ok: false };

function parseBody(raw: string): ParsedBody {
	if (raw.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(raw) };
	} catch {
		return { ok: false };
	}
}

function parseQuery(rawQuery: string): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const [key, value] of new URLSearchParams(rawQuery)) {
		const existing = query[key];
		query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return query;
}

const headerValue = (req: IncomingMessage, name: string): string | undefined => {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
};

/** A CRM list that always has one page more than the one asked for. */
function claimMorePages<R extends { body: unknown }>(result: R, query: Record<string, string | string[]>): R {
	const body = result.body as Record<string, unknown> | undefined;
	if (typeof body?.total_page !== 'number') return result;
	const asked = Number(Array.isArray(query.page) ? query.page[0] : (query.page ?? 1)) || 1;
	return { ...result, body: { ...body, total_page: asked + 1 } };
}

export class QontakSimulator extends LocalServer {
	readonly options: Required<QontakSimulatorOptions>;
	requests: RecordedRequest[] = [];
	authFailures = 0;
	/** The chat half of the gateway; its `state` and `options` are what chat tests seed and read. */
	readonly chat: ChatApi;
	/** The clock behind now() and the latency; tests put a virtual or a fixed one here. */
	time: TimeSource = realTime;
	/**
	 * Qontak's file CDN, on a port of its own: message file URLs point at it. It checks no
	 * signature, as a CDN does not; what it records shows what a client sent it.
	 */
	readonly files = new ChatFileHost();

	/**
	 * A broken vendor or caching proxy on GET lists below `path` (`/contacts` is short for
	 * `/qontak/crm/contacts`): it serves the first page whatever `page` / `offset` asks for, and a CRM
	 * list claims one page more than the one asked, so a client that trusts it never reaches the end.
	 * After `answers` such answers it behaves again (a test's guard against a client that never
	 * stops); count `requests` to see how long a client kept asking.
	 */
	stuckPaging: { path: string; answers: number } | undefined;

	private state!: CrmState;
	private readonly router = new Router(CRM_ROUTES);
	private readonly faults = new FaultQueue();

	constructor(options: QontakSimulatorOptions = {}) {
		super();
		this.options = { ...DEFAULTS, ...options };
		this.chat = new ChatApi(() => this.now(), this.options.chat);
		this.reset();
	}

	/** Also starts the file host (on `filesPort`, 0 = the OS's choice) and points message file URLs at it. */
	override async start(port = 0, filesPort = 0): Promise<string> {
		const url = await super.start(port);
		this.chat.fileHostUrl = await this.files.start(filesPort);
		return url;
	}

	override async stop(): Promise<void> {
		await Promise.all([super.stop(), this.files.stop()]);
	}

	/** The server's time: what it checks the Date header against and stamps records with. */
	now(): number {
		return this.time.now() + this.options.clockOffsetMs;
	}

	inject(fault: Fault): void {
		this.faults.add(fault);
	}

	/** The live store: pushing into it is how a test seeds exotic records. */
	records(resource: CrmResource): Array<Record<string, any>> {
		return this.state.stores[resource];
	}

	/**
	 * Links a contact or deal to a Qontak Omnichannel room, as an agent does when they create the
	 * record from a conversation: Deal → Find by Chat Room then finds it, and its chat history
	 * names the room (keeping the messages the link already had).
	 */
	linkChatRoom(resource: 'contacts' | 'deals', id: number, roomId: string): void {
		const key = recordKey(resource, id);
		this.state.chatRooms.set(key, { roomId, contents: this.state.chatRooms.get(key)?.contents ?? [] });
	}

	seedContacts(n: number): void {
		seedBulkContacts(this.state, n);
	}

	/** `n` more deals across every stage and owner, created six hours apart (crmSeed.ts). */
	seedDeals(n: number): void {
		seedBulkDeals(this.state, n);
	}

	/** Back to the initial fixtures; clears recorded requests, pending faults and counters. */
	reset(): void {
		this.state = new CrmState(() => this.now(), USERS, USERS[0]);
		seedFixtures(this.state);
		this.requests.length = 0;
		this.faults.clear();
		this.authFailures = 0;
		this.stuckPaging = undefined;
		this.chat.reset();
		this.files.reset();
	}

	protected override receive(req: IncomingMessage, res: ServerResponse): void {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			this.dispatch(req, res, raw.toString('utf8'), raw);
		});
		req.on('error', () => undefined); // a client abort mid-body is not our failure
	}

	private dispatch(req: IncomingMessage, res: ServerResponse, rawBody: string, raw: Buffer): void {
		const rawUrl = req.url ?? '/';
		const method = (req.method ?? 'GET').toUpperCase();
		const q = rawUrl.indexOf('?');
		const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
		const query = parseQuery(q === -1 ? '' : rawUrl.slice(q + 1));
		const parsed = parseBody(rawBody);
		const record: RecordedRequest = {
			method,
			path,
			query,
			headers: { ...req.headers },
			body: parsed.ok ? parsed.value : rawBody,
			rawBody,
			status: 0,
		};
		this.requests.push(record);

		const send = (status: number, body: string, contentType = JSON_TYPE, headers: Record<string, string> = {}) => {
			record.status = status;
			if (status === 401) this.authFailures++;
			this.afterLatency(() => {
				if (res.destroyed) return;
				res.writeHead(status, {
					'content-type': contentType,
					'content-length': Buffer.byteLength(body),
					server: 'Mekari',
					'x-envoy-upstream-service-time': String(this.options.latencyMs),
					...headers,
				});
				res.end(body);
			});
		};
		const sendResult = (result: { status: number; body: unknown; headers?: Record<string, string> }) =>
			send(result.status, JSON.stringify(result.body), JSON_TYPE, result.headers);

		const verdict = verifyMekariRequest(
			{ method, url: rawUrl, authorization: headerValue(req, 'authorization'), date: headerValue(req, 'date') },
			{ [this.options.clientId]: this.options.clientSecret },
			this.state.clock(),
		);
		if (!verdict.ok) return send(401, UNAUTHORIZED);

		const chat = isChatPath(path);
		if (!chat && path !== CRM_PREFIX && !path.startsWith(`${CRM_PREFIX}/`)) return send(404, '{"message":"Not Found"}');
		if (!this.options.scopes.includes(chat ? 'chat' : 'crm')) return send(403, SCOPE_MISSING);

		if (!chat && headerValue(req, 'x-crm-user-sso-id') !== this.options.ssoId) {
			const message = 'X-Crm-User-Sso-Id header is missing or is not the SSO id of a CRM user in this company';
			return sendResult({ status: 403, body: errorBody(403, message, this.state.clock()) });
		}

		const stuck = this.isStuck(method, path);
		const asked = stuck ? { ...query, page: '1', offset: '1' } : query;
		const serve = chat
			? () => this.chat.handle({ method, path, query: asked, contentType: headerValue(req, 'content-type'), rawBody: raw })
			: () => this.route(method, path.slice(CRM_PREFIX.length), asked, parsed);
		const run = stuck ? () => claimMorePages(serve(), query) : serve;
		const fault = this.faults.take(method, path);
		if (!fault) return sendResult(run());

		const done = isProcessed(fault) ? run() : undefined; // the work happened; only the answer is lost
		switch (fault.kind) {
			case '429': {
				if (fault.hint === false) return send(429, '{"message":"Too Many Requests"}');
				const wait = fault.retryAfterSeconds ?? 1;
				const reset = Math.ceil(this.state.clock() / 1000) + wait;
				return send(429, '{"message":"Too Many Requests"}', JSON_TYPE, {
					'retry-after': String(wait),
					'x-ratelimit-limit': '60',
					'x-ratelimit-remaining': '0',
					'x-ratelimit-reset': String(reset),
				});
			}
			case 'malformed':
				return send(200, '<html>upstream error', 'text/html');
			case 'truncated': {
				const full = JSON.stringify(done?.body ?? { status: 'success', data: { id: 0, name: 'not carried out' } });
				return send(200, full.slice(0, Math.floor(full.length / 2)));
			}
			case 'echo':
				return send(400, echoJson(method, rawUrl, { ...req.headers }, rawBody), JSON_TYPE);
			case 'echo200':
				return send(200, echoText(method, rawUrl, { ...req.headers }, rawBody), 'text/plain');
			case 'timeout':
				return; // never answered; stop() or the client's abort ends it
			case 'reset':
				req.socket.destroy();
				return;
			default: {
				const status = Number(fault.kind);
				return sendResult({ status, body: errorBody(status, `Injected ${fault.kind} fault`, this.state.clock()) });
			}
		}
	}

	private isStuck(method: string, path: string): boolean {
		const stuck = this.stuckPaging;
		if (method !== 'GET' || stuck === undefined || stuck.answers <= 0) return false;
		const prefix = stuck.path;
		if (!path.startsWith(prefix) && (prefix.startsWith('/qontak/') || !path.startsWith(`${CRM_PREFIX}${prefix}`))) return false;
		stuck.answers--;
		return true;
	}

	private route(method: string, relativePath: string, query: Record<string, string | string[]>, parsed: ParsedBody): RouteResult {
		const now = this.state.clock();
		const match = this.router.match(method, relativePath);
		if (!match) return { status: 404, body: errorBody(404, `No route for ${method} ${CRM_PREFIX}${relativePath}`, now) };
		if (!parsed.ok) return { status: 400, body: errorBody(400, 'Request body is not valid JSON', now) };
		try {
			return match.route.handler({ state: this.state, params: match.params, query, body: parsed.value });
		} catch (error) {
			if (error instanceof CrmError) return { status: error.status, body: errorBody(error.status, error.message, now) };
			return { status: 500, body: errorBody(500, `Simulator bug: ${(error as Error).message}`, now) };
		}
	}

	private afterLatency(fn: () => void): void {
		if (this.options.latencyMs <= 0) return fn();
		void this.time.sleep(this.options.latencyMs).then(fn);
	}
}

