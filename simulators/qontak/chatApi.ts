import { request } from 'node:http';

import { CHAT_GATEWAY_PREFIX, CHAT_LEGACY_PREFIX, ChatError, errorEnvelope, type ChatResult, type Query } from './chatEnvelope';
import { CHAT_ROUTES, formOf, type ChatRoute } from './chatRoutes';
import { CHAT_DEFAULTS, ChatState, DEFAULT_FILE_HOST, type ChatOptions, type MessageInteractionFlag } from './chatState';

/**
 * Qontak Chat behind either door: the Mekari gateway (`/qontak/chat/v1`, HMAC checked by
 * QontakSimulator) or the legacy service-chat host (`/api/open/v1`, bearer checked by
 * ChatLegacySimulator). Both hand the already-authenticated request to `handle`.
 */

export type { ChatOptions, ChatResult };
export { CHAT_DEFAULTS, CHAT_GATEWAY_PREFIX, CHAT_LEGACY_PREFIX, CHAT_ROUTES };

export const VERSION_PATH = '/version';

export function isChatPath(path: string, prefix = CHAT_GATEWAY_PREFIX): boolean {
	return path === VERSION_PATH || path === prefix || path.startsWith(`${prefix}/`);
}

export interface ChatRequest {
	method: string;
	/** Full path as received, prefix included. */
	path: string;
	query: Query;
	contentType: string | undefined;
	rawBody: Buffer;
}

/** A chat-side failure for the n-th matching request (after `skip` good ones): 5xx, done or not. */
export interface ChatFault {
	method?: string;
	path: string;
	skip?: number;
	status: number;
	/** Whether the work is carried out before the failure is answered (the ambiguous case). */
	processed: boolean;
}

interface CompiledRoute {
	route: ChatRoute;
	segments: string[];
	literals: number;
}

export class ChatApi {
	readonly options: ChatOptions;
	state!: ChatState;
	private readonly initialOptions: ChatOptions;
	/** Every route that answered, as `METHOD pattern` (what the coverage test reads). */
	readonly served = new Set<string>();
	private readonly routes: CompiledRoute[];
	private scheduled: Array<ChatFault & { skip: number }> = [];
	/** The base URL message files are served from; QontakSimulator points it at its file host. */
	fileHostUrl = DEFAULT_FILE_HOST;

	constructor(
		private readonly clock: () => number,
		options: Partial<ChatOptions> = {},
	) {
		this.initialOptions = { ...CHAT_DEFAULTS, ...options };
		this.options = { ...this.initialOptions };
		this.routes = CHAT_ROUTES.map((route) => {
			const segments = route.pattern.split('/').filter(Boolean);
			return { route, segments, literals: segments.filter((segment) => !segment.startsWith(':')).length };
		});
		this.reset();
	}

	/** Fresh organisation, and options back to what the constructor was given. */
	reset(): void {
		Object.assign(this.options, this.initialOptions, { failingNumbers: [...this.initialOptions.failingNumbers] });
		this.scheduled = [];
		this.state = new ChatState(this.options, this.clock, () => this.fileHostUrl);
		this.served.clear();
	}

	failLater(fault: ChatFault): void {
		this.scheduled.push({ ...fault, skip: fault.skip ?? 0 });
	}

	handle(req: ChatRequest, prefix = CHAT_GATEWAY_PREFIX): ChatResult {
		const method = req.method.toUpperCase();
		const index = this.scheduled.findIndex((fault) => fault.path === req.path && (!fault.method || fault.method === method));
		if (index !== -1) {
			const fault = this.scheduled[index];
			if (fault.skip > 0) fault.skip--;
			else {
				this.scheduled.splice(index, 1);
				if (fault.processed) this.handle(req, prefix);
				return { status: fault.status, body: errorEnvelope(fault.status, [`Injected ${fault.status} fault`]) };
			}
		}
		if (req.path === VERSION_PATH) {
			if (method !== 'GET') return { status: 404, body: errorEnvelope(404, ['Resource not found.']) };
			this.served.add('GET /version');
			return { status: 200, body: { status: 'success', data: { version: '1.0.3', name: 'qontak-chat-open-api' } } };
		}
		const relative = req.path.slice(prefix.length) || '/';
		const match = this.match(method, relative, prefix);
		if (!match) return { status: 404, body: errorEnvelope(404, [`No route for ${method} ${req.path}`]) };

		const form = formOf(req.contentType, req.rawBody);
		if (form === 'invalid') return { status: 400, body: errorEnvelope(400, ['Malformed multipart body']) };
		let body: unknown;
		if (!form && req.rawBody.length > 0) {
			try {
				body = JSON.parse(req.rawBody.toString('utf8'));
			} catch {
				return { status: 400, body: errorEnvelope(400, ['Request body is not valid JSON']) };
			}
		}
		try {
			const result = match.route.handler({ state: this.state, params: match.params, query: req.query, body, form });
			this.served.add(`${method} ${match.route.pattern}`);
			return result;
		} catch (error) {
			if (error instanceof ChatError) {
				this.served.add(`${method} ${match.route.pattern}`);
				return { status: error.status, body: errorEnvelope(error.status, error.messages), headers: error.headers };
			}
			return { status: 500, body: errorEnvelope(500, [`Simulator bug: ${(error as Error).message}`]) };
		}
	}

	private match(method: string, path: string, prefix: string): { route: ChatRoute; params: Record<string, string> } | undefined {
		const parts = path.split('/').filter(Boolean);
		let best: { compiled: CompiledRoute; params: Record<string, string> } | undefined;
		for (const compiled of this.routes) {
			if (compiled.route.method !== method || compiled.segments.length !== parts.length) continue;
			if (compiled.route.legacyOnly && prefix !== CHAT_LEGACY_PREFIX) continue;
			const params: Record<string, string> = {};
			const fits = compiled.segments.every((segment, index) => {
				if (segment.startsWith(':')) {
					params[segment.slice(1)] = decodeURIComponent(parts[index]);
					return true;
				}
				return segment === parts[index];
			});
			if (fits && (!best || compiled.literals > best.compiled.literals)) best = { compiled, params };
		}
		return best && { route: best.compiled.route, params: best.params };
	}

	/** Posts `payload` to every URL registered for `flag`, as Qontak would; resolves with their statuses. */
	async deliver(flag: MessageInteractionFlag | 'room_resolved', payload: unknown, headers: Record<string, string> = {}): Promise<number[]> {
		const setting = this.state.webhookSettings[flag];
		if (!setting.enabled) return [];
		return await Promise.all(setting.webhooks.map(async (webhook) => await postJson(webhook.url, payload, headers)));
	}
}

export function postJson(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<number> {
	const body = JSON.stringify(payload);
	return new Promise((resolve, reject) => {
		const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode ?? 0));
		});
		req.on('error', reject);
		req.end(body);
	});
}
