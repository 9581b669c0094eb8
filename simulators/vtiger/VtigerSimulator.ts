import type { IncomingMessage, ServerResponse } from 'node:http';

import { echoText } from '../echoPage';
import { LocalServer } from '../localServer';
import { WsAuth, type SimUser } from './wsAuth';
import { IP_BLOCKED_PAGE, WsError, errorBody, phpFatalPage, successBody } from './wsEnvelope';
import { findModule } from './wsModules';
import { OPERATIONS, type OpContext } from './wsOperations';
import { createInventory, linesOf } from './wsInventory';
import { WsStore, dbDateTime, type LineItemRow, type StoredRecord } from './wsStore';

/**
 * A local vtiger 7 `webservice.php` (vtiger 7.5.0,
 * https://github.com/IT-Solutions4You/defalto/tree/1bb03aedbc28890ed45b575190f59738d8de923a): GET
 * operations read only the query string, POST operations only a form-encoded body; `element` is
 * JSON inside a form field; every answer is HTTP 200 with the {success, result | error} envelope;
 * challenge tokens expire and are replaced by a newer getchallenge; sessions end when idle or too
 * old; query pages are capped at 100 rows and filtered after the LIMIT. Switches reproduce a PHP
 * fatal error page and an IP-whitelist rejection. Nothing here is shared with the credential or
 * node under test.
 */

export interface VtigerSimulatorOptions {
	username?: string;
	accessKey?: string;
	/** Challenge token lifetime; vtiger uses 5 minutes. */
	tokenTtlMs?: number;
	/** Idle session lifetime; vtiger uses 30 minutes. */
	sessionIdleMs?: number;
	/** Absolute session lifetime; vtiger uses one day. */
	sessionMaxMs?: number;
	/** Server time per request, spent while holding the session's lock. */
	latencyMs?: number;
	/** Extra server time for some operations, e.g. { create: 300 }. */
	slowOperations?: Record<string, number>;
	/** Stock vtiger answers login with sessionName; ABMS documents sessionId. */
	loginResultKey?: 'sessionName' | 'sessionId';
	vtigerVersion?: string;
	/** false: the login result leaves vtigerVersion out, so a client learns the server's age only from its answers. */
	loginReportsVersion?: boolean;
	/**
	 * true, or the operations that die with a PHP fatal error (PHP 8 named arguments,
	 * https://github.com/IT-Solutions4You/defalto/blob/1bb03aedbc28890ed45b575190f59738d8de923a/include/Webservices/OperationManager.php).
	 */
	phpFatal?: boolean | string[];
	/**
	 * 'page': HTTP 200 with PHP's error text (display_errors on); 'empty500': HTTP 500, no body; 'echo': the page also prints
	 * the request URL; 'echoRequest': a text 500 printing the whole request (URL, headers, body); 'echoJson': vtiger's own error envelope whose message quotes the whole request.
	 */
	phpFatalStyle?: 'page' | 'empty500' | 'echo' | 'echoRequest' | 'echoJson';
	/** Answer every request with a 403 page, as a host that has not whitelisted the client IP. */
	ipBlocked?: boolean;
	/** PHP locks a session file per request, so calls sharing a session run one at a time. */
	serializeSessions?: boolean;
	clockOffsetMs?: number;
	/** The answer to a login whose challenge a newer getchallenge replaced. */
	replacedTokenCode?: 'INVALID_AUTH_TOKEN' | 'INVALID_USER_CREDENTIALS';
	/** PHP 8 deprecation notices printed before the JSON, as badly configured hosts do. */
	phpNotices?: boolean;
	/** vtiger 7.1+ duplicate prevention on organization names: {code: 0} errors. */
	rejectDuplicateAccounts?: boolean;
}

export interface RecordedRequest {
	method: string;
	operation: string;
	query: Record<string, string>;
	form: Record<string, string>;
	contentType: string;
	status: number;
	/** The error code of a success:false answer. */
	errorCode?: string;
	rawBody: string;
}

const DEFAULTS: Required<VtigerSimulatorOptions> = {
	username: 'admin',
	accessKey: 'Ab12Cd34Ef56Gh78',
	tokenTtlMs: 300_000,
	sessionIdleMs: 1_800_000,
	sessionMaxMs: 86_400_000,
	latencyMs: 0,
	slowOperations: {},
	loginResultKey: 'sessionName',
	vtigerVersion: '7.5.0',
	loginReportsVersion: true,
	phpFatal: false,
	phpFatalStyle: 'page',
	ipBlocked: false,
	serializeSessions: true,
	clockOffsetMs: 0,
	replacedTokenCode: 'INVALID_AUTH_TOKEN',
	phpNotices: false,
	rejectDuplicateAccounts: false,
};

const PHP_NOTICE =
	'<br />\n<b>Deprecated</b>:  Return type of Vtiger_Request::offsetGet($key) should be compatible with ArrayAccess::offsetGet in <b>/var/www/html/includes/http/Request.php</b> on line <b>38</b><br />\n';

export const OTHER_USER = { id: '19x5', username: 'budi', accessKey: 'Zy98Xw76Vu54Ts32' };

function params(text: string): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [key, value] of new URLSearchParams(text)) result[key] = value;
	return result;
}

export class VtigerSimulator extends LocalServer {
	readonly options: Required<VtigerSimulatorOptions>;
	requests: RecordedRequest[] = [];
	readonly auth: WsAuth;
	readonly store: WsStore;

	private readonly users: SimUser[];
	private readonly locks = new Map<string, Promise<void>>();
	private inFlight = 0;
	/** Highest number of requests the server was working on at once. */
	peakConcurrency = 0;
	/** When set, every session is forgotten just before the n-th next session-bound request. */
	forgetSessionsAfter: number | undefined;
	/** A broken server that loses every session at once (session storage full). */
	dropAllSessions = false;
	/** Time spent computing answers (not the simulated latency): what the simulator itself costs. */
	busyMs = 0;
	/** Per operation, how many of its next requests get a 502 page from a proxy in front of vtiger (never processed). */
	gatewayErrors: Record<string, number> = {};
	/** Per operation, how many of its next requests a proxy refuses with a bare 429, no rate headers (never processed). */
	hintlessRateLimits: Record<string, number> = {};
	/** Per operation, how many of its next answers arrive cut in half (the call is processed; HTTP 200, JSON type). */
	truncatedAnswers: Record<string, number> = {};
	/**
	 * How many of the next queries a broken server or caching proxy answers with the first page
	 * (`LIMIT 200, 100` read as `LIMIT 0, 100`); a test sets it high as a guard against a client that never stops.
	 */
	stuckPages = 0;

	constructor(options: VtigerSimulatorOptions = {}) {
		super();
		this.options = { ...DEFAULTS, ...options };
		this.users = [
			{ id: '19x1', username: this.options.username, accessKey: this.options.accessKey, active: true },
			{ id: OTHER_USER.id, username: OTHER_USER.username, accessKey: OTHER_USER.accessKey, active: true },
			{ id: '19x7', username: 'former', accessKey: 'Qq11Ww22Ee33Rr44', active: false },
		];
		const clock = () => this.now();
		this.auth = new WsAuth(this.users, clock, () => this.options);
		this.store = new WsStore(clock);
		this.reset();
	}

	now(): number {
		return Date.now() + this.options.clockOffsetMs;
	}

	/** Moves the server clock forward: tokens and sessions age, new writes get later times. */
	advance(ms: number): void {
		this.options.clockOffsetMs += ms;
	}

	get logins(): number {
		return this.auth.loginsSucceeded;
	}

	count(operation: string): number {
		return this.requests.filter((request) => request.operation === operation).length;
	}

	/** Back to the seed data, with no sessions, tokens, requests or switches. */
	reset(): void {
		const keep = { username: this.options.username, accessKey: this.options.accessKey };
		Object.assign(this.options, DEFAULTS, keep);
		this.auth.reset();
		this.store.reset();
		this.requests = [];
		this.peakConcurrency = 0;
		this.forgetSessionsAfter = undefined;
		this.dropAllSessions = false;
		this.busyMs = 0;
		this.gatewayErrors = {};
		this.hintlessRateLimits = {};
		this.truncatedAnswers = {};
		this.stuckPages = 0;
		this.seed();
	}

	/** A record straight into the database (no request): returns its ws id. */
	insert(moduleName: string, values: Record<string, string>, options: { hidden?: boolean; modifiedMs?: number; crmid?: number } = {}): string {
		const module = findModule(moduleName);
		if (!module) throw new Error(`No module ${moduleName}`);
		const record = this.store.insert(module, { assigned_user_id: '19x1', ...values }, options);
		return this.store.wsId(record);
	}

	/** A quote, order, invoice or purchase order with its lines straight into the database (no request): returns its ws id. */
	insertWithLines(moduleName: string, values: Record<string, string>, lines: Array<Record<string, unknown>>, options: { modifiedMs?: number; crmid?: number } = {}): string {
		const module = findModule(moduleName);
		if (!module?.inventory) throw new Error(`No inventory module ${moduleName}`);
		return this.store.wsId(createInventory(this.store, module, { LineItems: lines }, { assigned_user_id: '19x1', ...values }, options));
	}

	record(id: string): StoredRecord | undefined {
		return this.store.records.get(Number(id.split('x')[1]));
	}

	/** n Contacts named Bulk 1..n; every `hiddenEvery`-th one is not visible to the API user. */
	seedContacts(n: number, options: { hiddenEvery?: number } = {}): void {
		for (let i = 1; i <= n; i++) {
			this.insert('Contacts', { lastname: `Bulk ${i}`, email: `bulk${i}@example.co.id` }, { hidden: options.hiddenEvery ? i % options.hiddenEvery === 0 : false });
		}
	}

	/** Attaches a file to a record; returns the id files_retrieve takes. */
	attach(recordId: string, filename: string, filetype: string, content: Buffer): string {
		const record = this.record(recordId)!;
		const id = this.store.nextId();
		this.store.attachments.set(id, { id, crmid: record.crmid, filename, filetype, content });
		const existing = record.values.imageattachmentids;
		const wsId = `${record.module.idPrefix}x${id}`;
		record.values.imageattachmentids = existing ? `${existing},${wsId}` : wsId;
		return wsId;
	}

	/** The taxes (tax1..tax3 → percent) a product or service carries, as its edit view's tax checkboxes set them. */
	setProductTaxes(id: string, taxes: Record<string, number>): void {
		this.store.productTaxes.set(this.record(id)!.crmid, { ...taxes });
	}

	/** The stored lines of an inventory record, in order. */
	lineItems(id: string): LineItemRow[] {
		const record = this.record(id);
		return record ? linesOf(this.store, record) : [];
	}

	/** Ends every session as PHP's garbage collector would (INVALID_SESSIONID). */
	forgetSessions(): void {
		this.auth.forgetAllSessions();
	}

	private seed(): void {
		const at = this.now() - 3_600_000;
		const account = this.insert('Accounts', { accountname: 'PT Maju Jaya', industry: 'Retail', phone: '+62 21 555 0101' }, { modifiedMs: at });
		this.insert('Accounts', { accountname: 'CV Sinar Abadi', industry: 'Manufacturing' }, { modifiedMs: at });
		const contact = this.insert('Contacts', { firstname: 'Siti', lastname: 'Rahmawati', email: 'siti@majujaya.co.id', account_id: account }, { modifiedMs: at });
		this.insert('Contacts', { firstname: 'Agus', lastname: 'Wijaya', email: 'agus@example.co.id' }, { modifiedMs: at });
		this.insert('Contacts', { firstname: 'Dewi', lastname: 'Lestari', assigned_user_id: OTHER_USER.id }, { modifiedMs: at });
		this.insert('Leads', { firstname: 'Rudi', lastname: 'Hartono', company: 'PT Kopi Nusantara', email: 'rudi@kopinusantara.co.id', leadsource: 'Web Site' }, { modifiedMs: at });
		const potential = this.insert('Potentials', { potentialname: 'Maju Jaya renewal', amount: '15000000.00000000', closingdate: '2025-12-31', sales_stage: 'Prospecting', related_to: account }, { modifiedMs: at });
		this.store.relations.push({ source: this.record(contact)!.crmid, target: this.record(potential)!.crmid, label: 'Potentials' });
		// The catalogue sits below the first seeded crmid, so the ids tests know stay put.
		const coffee = this.insert('Products', { productname: 'Kopi Arabika Gayo 1 kg', unit_price: '185000.00000000', discontinued: '1', usageunit: 'Pack' }, { modifiedMs: at, crmid: 90 });
		const espresso = this.insert('Products', { productname: 'Mesin Espresso Rumahan', unit_price: '4500000.00000000', discontinued: '1', usageunit: 'Each' }, { modifiedMs: at, crmid: 91 });
		const training = this.insert('Services', { servicename: 'Pelatihan Barista', unit_price: '750000.00000000', discontinued: '1', service_usageunit: 'Days' }, { modifiedMs: at, crmid: 92 });
		this.insert('Vendors', { vendorname: 'PT Pemasok Kopi Nusantara' }, { modifiedMs: at, crmid: 93 });
		this.setProductTaxes(coffee, { tax1: 4.5 });
		this.setProductTaxes(espresso, { tax1: 4.5, tax2: 10 });
		this.setProductTaxes(training, { tax3: 12.5 });
	}

	protected override receive(req: IncomingMessage, res: ServerResponse): void {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => void this.dispatch(req, res, Buffer.concat(chunks).toString('utf8')));
		req.on('error', () => undefined);
	}

	private async dispatch(req: IncomingMessage, res: ServerResponse, rawBody: string): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		const rawUrl = req.url ?? '/';
		const q = rawUrl.indexOf('?');
		const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
		const query = params(q === -1 ? '' : rawUrl.slice(q + 1));
		const contentType = String(req.headers['content-type'] ?? '');
		// PHP fills $_POST from form bodies only; a JSON body is never read.
		const form = method === 'POST' && /application\/x-www-form-urlencoded/i.test(contentType) ? params(rawBody) : {};
		const request: Record<string, string> = { ...query, ...form };
		const operation = String(request.operation ?? '').toLowerCase();
		const record: RecordedRequest = { method, operation, query, form, contentType, status: 0, rawBody };
		this.requests.push(record);

		const truncate = (this.truncatedAnswers[operation] ?? 0) > 0;
		if (truncate) this.truncatedAnswers[operation]--;
		const send = (status: number, payload: string, type = 'application/json') => {
			record.status = status;
			const whole = this.options.phpNotices && type === 'application/json' ? `${PHP_NOTICE}${payload}` : payload;
			const body = truncate ? whole.slice(0, Math.floor(whole.length / 2)) : whole;
			if (res.destroyed) return;
			res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
			res.end(body);
		};
		const fail = (error: WsError) => {
			record.errorCode = String(error.code);
			send(200, errorBody(error.code, error.message));
		};

		if (this.options.ipBlocked) return send(403, IP_BLOCKED_PAGE, 'text/html');
		if ((this.hintlessRateLimits[operation] ?? 0) > 0) {
			this.hintlessRateLimits[operation]--;
			return send(429, '<html><body>Too Many Requests</body></html>', 'text/html');
		}
		if ((this.gatewayErrors[operation] ?? 0) > 0) {
			this.gatewayErrors[operation]--;
			return send(502, '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>', 'text/html');
		}
		if (path !== '/webservice.php') return send(404, '<html><body>Not Found</body></html>', 'text/html');

		const known = OPERATIONS[operation];
		const definition = known && (!known.availableIn || known.availableIn(this.options.vtigerVersion)) ? known : undefined;
		if (!definition) return fail(new WsError('UNKNOWN_OPERATION', `Unknown operation requested ${operation}`));
		if (operation === 'logout' && method !== 'POST') return fail(new WsError('UNKNOWN_OPERATION', 'Operation logout supports POST only'));

		const sessionName = request.sessionName;
		const stuck = this.stuckPages > 0 && operation === 'query' && query.query !== undefined;
		if (stuck) this.stuckPages--;
		const asked = stuck ? { ...query, query: query.query.replace(/\bLIMIT\s+\d+\s*,/i, 'LIMIT 0,') } : query;
		const context: OpContext = {
			params: definition.type === 'GET' ? asked : form,
			store: this.store,
			auth: this.auth,
			clock: () => this.now(),
			loginResultKey: this.options.loginResultKey,
			vtigerVersion: this.options.vtigerVersion,
			loginReportsVersion: this.options.loginReportsVersion,
			rejectDuplicateAccounts: this.options.rejectDuplicateAccounts,
		};

		const work = async () => {
			this.inFlight++;
			this.peakConcurrency = Math.max(this.peakConcurrency, this.inFlight);
			try {
				const wait = this.options.latencyMs + (this.options.slowOperations[operation] ?? 0);
				if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
				if (!definition.preLogin && this.forgetSessionsAfter !== undefined && --this.forgetSessionsAfter <= 0) {
					this.forgetSessionsAfter = undefined;
					this.auth.forgetAllSessions();
				}
				if (!definition.preLogin && this.dropAllSessions) this.auth.forgetAllSessions();
				if (!definition.preLogin) context.session = this.auth.use(sessionName);
				const fatal = this.options.phpFatal;
				if (fatal === true || (Array.isArray(fatal) && fatal.includes(operation))) {
					if (this.options.phpFatalStyle === 'empty500') return send(500, '', 'text/html');
					if (this.options.phpFatalStyle === 'echoRequest') return send(500, echoText(method, rawUrl, { ...req.headers }, rawBody), 'text/plain');
					if (this.options.phpFatalStyle === 'echoJson') return send(200, errorBody('INVALID_REQUEST', echoText(method, rawUrl, { ...req.headers }, rawBody)));
					const echo = this.options.phpFatalStyle === 'echo' ? `<br />Request: ${decodeURIComponent(rawUrl)}` : '';
					return send(200, `${echo}${phpFatalPage(operation)}`, 'text/html; charset=UTF-8');
				}
				const began = performance.now();
				try {
					send(200, successBody(definition.run(context)));
				} finally {
					this.busyMs += performance.now() - began;
				}
			} catch (error) {
				if (error instanceof WsError) return fail(error);
				send(200, errorBody('INTERNAL_SERVER_ERROR', `Simulator bug: ${(error as Error).message}`));
			} finally {
				this.inFlight--;
			}
		};

		if (!this.options.serializeSessions || definition.preLogin || !sessionName) return await work();
		const previous = this.locks.get(sessionName) ?? Promise.resolve();
		const current = previous.then(work);
		this.locks.set(sessionName, current);
		await current;
		if (this.locks.get(sessionName) === current) this.locks.delete(sessionName);
	}
}

export { dbDateTime };
