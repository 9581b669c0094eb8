import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { LocalServer } from '../localServer';

/**
 * A local stand-in for the x-app-key / x-user-token API (https://89owtcm51z.apidog.io/). It checks
 * what the documented scheme requires: the app key, a present and never-reused x-request-id,
 * x-language in id|en, and the right bearer per call: the user token buys a refresh token, the
 * refresh token buys an access token, the access token opens business routes. Paths, methods,
 * envelope and token field names are options, because the real ones are unpublished and the
 * credential has to follow whatever is configured. Tokens only expire when a test says so
 * (expire*), so no test waits on a clock.
 */

export interface AppKeySimulatorOptions {
	appKey?: string;
	userToken?: string;
	accessPath?: string;
	accessMethod?: 'GET' | 'POST';
	refreshPath?: string;
	refreshMethod?: 'GET' | 'POST';
	accessField?: string;
	refreshField?: string;
	/** 'data': `{ status, message, data: { <field>: token } }`; 'flat': `{ <field>: token }`. */
	envelope?: 'data' | 'flat';
	/** The access-token call also returns a new refresh token and retires the old one. */
	rotateRefresh?: boolean;
}

export interface RecordedRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	status: number;
	/** Which bearer the Authorization header carried, as the simulator classified it. */
	bearer: 'access' | 'refresh' | 'user' | 'unknown' | 'none';
}

const DEFAULTS: Required<AppKeySimulatorOptions> = {
	appKey: 'sim-app-key',
	userToken: 'sim-user-token',
	accessPath: '/authorize/access-token',
	accessMethod: 'GET',
	refreshPath: '/authorize/refresh-token',
	refreshMethod: 'GET',
	accessField: 'access_token',
	refreshField: 'refresh_token',
	envelope: 'data',
	rotateRefresh: false,
};

type Language = 'id' | 'en';

const MESSAGES: Record<string, Record<Language, string>> = {
	ok: { id: 'Berhasil', en: 'Success' },
	appKey: { id: 'x-app-key tidak valid', en: 'Invalid x-app-key' },
	requestIdMissing: { id: 'x-request-id wajib diisi', en: 'x-request-id is required' },
	requestIdReused: { id: 'x-request-id sudah pernah digunakan', en: 'x-request-id has already been used' },
	language: { id: 'x-language harus id atau en', en: 'x-language must be id or en' },
	access: { id: 'Token akses tidak valid atau kedaluwarsa', en: 'Access token is invalid or expired' },
	refresh: { id: 'Refresh token tidak valid atau kedaluwarsa', en: 'Refresh token is invalid or expired' },
	user: { id: 'User token tidak valid', en: 'User token is invalid' },
	userHeader: { id: 'x-user-token wajib untuk endpoint ini', en: 'x-user-token is required for this endpoint' },
	notFound: { id: 'Endpoint tidak ditemukan', en: 'Endpoint not found' },
};

const TASKS = [
	{ id: 1, title: 'Kunjungan toko Bandung', status: 'open' },
	{ id: 2, title: 'Laporan harian', status: 'done' },
];

function headerOf(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

export class AppKeySimulator extends LocalServer {
	readonly options: Required<AppKeySimulatorOptions>;
	requests: RecordedRequest[] = [];
	/** Business routes answer 401 whatever the token: a vendor that keeps refusing. */
	rejectEverything = false;

	private readonly accessTokens = new Set<string>();
	private readonly refreshTokens = new Set<string>();
	private readonly userTokens = new Set<string>();
	private readonly requestIds = new Set<string>();

	constructor(options: AppKeySimulatorOptions = {}) {
		super();
		this.options = { ...DEFAULTS, ...options };
		this.reset();
	}

	reset(): void {
		this.requests.length = 0;
		this.accessTokens.clear();
		this.refreshTokens.clear();
		this.userTokens.clear();
		this.userTokens.add(this.options.userToken);
		this.requestIds.clear();
		this.rejectEverything = false;
	}

	/** Issues a valid pair out of band, as if an earlier execution had renewed and persisted them. */
	issueTokens(): { accessToken: string; refreshToken: string } {
		return { accessToken: this.mint(this.accessTokens, 'acc'), refreshToken: this.mint(this.refreshTokens, 'ref') };
	}

	expireAccessTokens(): void {
		this.accessTokens.clear();
	}

	expireRefreshTokens(): void {
		this.refreshTokens.clear();
	}

	revokeUserToken(): void {
		this.userTokens.clear();
	}

	isValidAccessToken(token: string): boolean {
		return this.accessTokens.has(token);
	}

	isValidRefreshToken(token: string): boolean {
		return this.refreshTokens.has(token);
	}

	/** "METHOD /path bearer-kind status" per request, the shape tests compare chains with. */
	calls(): string[] {
		return this.requests.map((r) => `${r.method} ${r.path} ${r.bearer} ${r.status}`);
	}

	private mint(store: Set<string>, prefix: string): string {
		const token = `${prefix}-${randomBytes(12).toString('hex')}`;
		store.add(token);
		return token;
	}

	protected override receive(req: IncomingMessage, res: ServerResponse): void {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => this.dispatch(req, res, Buffer.concat(chunks).toString('utf8')));
		req.on('error', () => undefined);
	}

	private classify(bearer: string | undefined): RecordedRequest['bearer'] {
		if (bearer === undefined) return 'none';
		if (this.accessTokens.has(bearer)) return 'access';
		if (this.refreshTokens.has(bearer)) return 'refresh';
		if (this.userTokens.has(bearer)) return 'user';
		return 'unknown';
	}

	private dispatch(req: IncomingMessage, res: ServerResponse, rawBody: string): void {
		const method = (req.method ?? 'GET').toUpperCase();
		const path = (req.url ?? '/').split('?')[0];
		const bearerMatch = /^Bearer (.+)$/.exec(headerOf(req, 'authorization') ?? '');
		const bearer = bearerMatch?.[1];
		let body: unknown = rawBody;
		try {
			body = rawBody ? JSON.parse(rawBody) : undefined;
		} catch {
			// kept as text
		}
		const record: RecordedRequest = { method, path, headers: { ...req.headers }, body, status: 0, bearer: this.classify(bearer) };
		this.requests.push(record);

		const languageHeader = headerOf(req, 'x-language');
		const language: Language = languageHeader === 'en' ? 'en' : 'id';
		const requestId = headerOf(req, 'x-request-id');
		const reply = (status: number, key: string, extra: Record<string, unknown> = {}) => {
			record.status = status;
			const payload = JSON.stringify({
				status: status < 300 ? 'success' : 'error',
				message: MESSAGES[key][language],
				...extra,
				meta: { request_id: requestId ?? null },
			});
			res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
			res.end(payload);
		};

		if (headerOf(req, 'x-app-key') !== this.options.appKey) return reply(401, 'appKey');
		if (!requestId) return reply(400, 'requestIdMissing');
		if (this.requestIds.has(requestId)) return reply(400, 'requestIdReused');
		this.requestIds.add(requestId);
		if (languageHeader !== undefined && languageHeader !== 'id' && languageHeader !== 'en') return reply(400, 'language');

		const { accessPath, accessMethod, refreshPath, refreshMethod, accessField, refreshField } = this.options;
		const tokens = (fields: Record<string, string>) =>
			this.options.envelope === 'data' ? { data: { ...fields, token_type: 'Bearer' } } : fields;

		if (path === refreshPath && method === refreshMethod) {
			if (!bearer || !this.userTokens.has(bearer)) return reply(401, 'user');
			this.refreshTokens.clear();
			return reply(200, 'ok', tokens({ [refreshField]: this.mint(this.refreshTokens, 'ref') }));
		}
		if (path === accessPath && method === accessMethod) {
			if (!bearer || !this.refreshTokens.has(bearer)) return reply(401, 'refresh');
			const fields: Record<string, string> = { [accessField]: this.mint(this.accessTokens, 'acc') };
			if (this.options.rotateRefresh) {
				this.refreshTokens.clear();
				fields[refreshField] = this.mint(this.refreshTokens, 'ref');
			}
			return reply(200, 'ok', tokens(fields));
		}

		const routes: Record<string, () => void> = {
			'GET /tasks': () => reply(200, 'ok', { data: TASKS }),
			'POST /tasks': () => reply(201, 'ok', { data: { id: 3, ...(body as object) } }),
			'GET /user/profile': () => {
				if (!this.userTokens.has(headerOf(req, 'x-user-token') ?? '')) return reply(403, 'userHeader');
				return reply(200, 'ok', { data: { name: 'Sari Wulandari', role: 'supervisor' } });
			},
		};
		const route = routes[`${method} ${path}`];
		if (!route) return reply(404, 'notFound');
		if (this.rejectEverything || !bearer || !this.accessTokens.has(bearer)) return reply(401, 'access');
		route();
	}
}
