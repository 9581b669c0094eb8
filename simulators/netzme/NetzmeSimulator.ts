import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';

import { echoJson, echoText } from '../echoPage';
import { LocalServer } from '../localServer';
import { realTime, type TimeSource } from '../timeSource';
import { routeInvoice } from './invoiceRoutes';
import { idr, NetzmeState, type Invoice, type QrisTransaction, type Withdrawal } from './netzmeState';
import { verifySignature, type SignatureVerdict } from './netzmeVerifier';
import { routeToko } from './tokoRoutes';

/**
 * A local stand-in for Netzme's Toko API and invoice host: OAuth client-credentials with the
 * single-active-token rule (a new token kills the previous one), the non-SNAP HMAC signature
 * with a Request-Time window, the documented envelopes and business codes, the invoice host's
 * own auth, injectable faults, and callbacks posted (with Netzme's retries) to a trigger.
 * Everything is checked with its own code; nothing is shared with the credential or node.
 */

export { pinHashFor, signatureFor, verifySignature } from './netzmeVerifier';
export { QR_PNG_BASE64 } from './invoiceRoutes';

export interface NetzmeSimulatorOptions {
	clientId?: string;
	clientSecret?: string;
	invoiceToken?: string;
	/** Allowed |server time − Request-Time|; Netzme does not publish its window. */
	maxSkewMs?: number;
	/** Server clock offset vs `time`. */
	clockOffsetMs?: number;
	tokenTtlMs?: number;
	/** The token endpoint refuses every request with a debug page that prints the request back. */
	echoTokenRequest?: boolean;
	latencyMs?: number;
	/** Wait between Netzme's callback retries. */
	callbackRetryDelayMs?: number;
	forgotPinThrottleMs?: number;
	/** Whether QRIS invoices come back with a qrImage. */
	qrImage?: boolean;
	/** Rows per page of the deposit transaction list. */
	depositPageSize?: number;
	/** Whether a deposit list page says which page it is and how many there are (Netzme documents no shape). */
	depositPageCount?: boolean;
	/** A buyer pays an unpaid invoice as its status is asked for the Nth time (0: never by itself). */
	invoicePaidAfterStatusRequests?: number;
	/** Rows per page of the QRIS transaction list (Netzme does not publish its page size). */
	transactionPageSize?: number;
}

/**
 * `echo`: a JSON 400 whose message quotes the whole request (headers and body); `echo200`: the request as a text/plain 200 (a debug page).
 * `truncated`: a 200 application/json whose body is cut in half.
 */
export type FaultKind = '500' | '502' | '503' | '504' | '429' | 'timeout' | 'reset' | 'malformed' | 'truncated' | 'echo' | 'echo200';

export interface Fault {
	kind: FaultKind;
	method?: string;
	pathPrefix?: string;
	/** Exact path, when a prefix would also catch a sibling (…/withdraw vs …/withdraw/inquiry). */
	path?: string;
	times?: number;
	/** Whether the work is done before the failure (default: true for timeout and truncated, false otherwise). */
	processed?: boolean;
	/** For 429: false sends no Retry-After header. Default true. */
	hint?: boolean;
}

export interface RecordedRequest {
	host: 'toko' | 'invoice';
	method: string;
	path: string;
	url: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	body: unknown;
	status: number;
	/** Why a signed request was refused, if it was. */
	authFailure?: string;
}

interface TokenRecord {
	token: string;
	issuedAt: number;
	expiresAt: number;
}

const DEFAULTS: Required<NetzmeSimulatorOptions> = {
	clientId: 'sim-aggregator',
	clientSecret: 'sim-client-secret',
	invoiceToken: 'sim-invoice-token',
	maxSkewMs: 300_000,
	clockOffsetMs: 0,
	tokenTtlMs: 10 * 3600_000,
	echoTokenRequest: false,
	latencyMs: 0,
	callbackRetryDelayMs: 5,
	forgotPinThrottleMs: 60_000,
	qrImage: true,
	depositPageSize: 2,
	depositPageCount: true,
	invoicePaidAfterStatusRequests: 0,
	transactionPageSize: 100,
};

const JSON_TYPE = 'application/json';

export class NetzmeSimulator {
	readonly options: Required<NetzmeSimulatorOptions>;
	state!: NetzmeState;
	requests: RecordedRequest[] = [];
	/** Every token issued, oldest first; only the last one is accepted. */
	tokens: TokenRecord[] = [];
	private faults: Array<{ fault: Fault; remaining: number }> = [];
	private seenRequestIds = new Set<string>();
	// Netzme serves the Toko API and invoices from different hosts, so two servers.
	private readonly tokoHost = new LocalServer(this.withBody((req, res, raw) => this.toko(req, res, raw)));
	private readonly invoiceHost = new LocalServer(this.withBody((req, res, raw) => this.invoice(req, res, raw)));
	tokoUrl = '';
	invoiceUrl = '';
	/** The clock behind now(), latency and callback retry gaps; tests put a virtual one here. */
	time: TimeSource = realTime;

	constructor(options: NetzmeSimulatorOptions = {}) {
		this.options = { ...DEFAULTS, ...options };
		this.reset();
	}

	get tokensIssued(): number {
		return this.tokens.length;
	}

	get activeToken(): string | undefined {
		return this.tokens[this.tokens.length - 1]?.token;
	}

	now(): number {
		return this.time.now() + this.options.clockOffsetMs;
	}

	reset(): void {
		this.state = new NetzmeState(this.options.clientId);
		this.requests = [];
		this.tokens = [];
		this.faults = [];
		this.seenRequestIds.clear();
	}

	/** Ports default to OS-chosen; the `npm start` sandbox passes fixed ones. */
	async start(ports: { toko?: number; invoice?: number } = {}): Promise<void> {
		this.tokoUrl = await this.tokoHost.start(ports.toko);
		this.invoiceUrl = await this.invoiceHost.start(ports.invoice);
	}

	async stop(): Promise<void> {
		await Promise.all([this.tokoHost.stop(), this.invoiceHost.stop()]);
	}

	inject(fault: Fault): void {
		this.faults.push({ fault, remaining: Math.max(1, fault.times ?? 1) });
	}

	/** Another system with the same client ID asks for a token: ours stops working. */
	issueTokenElsewhere(): string {
		return this.issueToken();
	}

	expireActiveToken(): void {
		const active = this.tokens[this.tokens.length - 1];
		if (active) active.expiresAt = this.now() - 1;
	}

	/** Signed requests the Toko host answered, as "METHOD /path" (token calls excluded). */
	tokoCalls(): string[] {
		return this.requests.filter((r) => r.host === 'toko' && r.path !== '/oauth/merchant/accesstoken').map((r) => `${r.method} ${r.path}`);
	}

	/** A buyer pays an invoice: it becomes SUCCESS; returns the invoice-paid callback body. */
	payInvoice(trxId: string): Record<string, unknown> {
		const invoice = this.state.invoices.find((candidate) => candidate.trxId === trxId);
		if (!invoice) throw new Error(`No invoice ${trxId}`);
		invoice.status = 'SUCCESS';
		invoice.paidTs = this.now();
		return this.invoicePaidCallback(invoice);
	}

	invoicePaidCallback(invoice: Invoice): Record<string, unknown> {
		const paidAt = invoice.paidTs ?? this.now();
		return {
			id: invoice.id,
			transaction_id: invoice.trxId,
			status: 'paid',
			merchant: invoice.merchant,
			payment_time: `${new Date(paidAt + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`,
			amount: invoice.amount,
			fee: invoice.fee,
			netAmount: invoice.amount - invoice.fee,
			issuedBankCode: 'BCA',
			paymentMethod: invoice.paymentMethod,
			paymentChannel: 'QRIS',
			qrDetail: { terminalId: invoice.terminalId, amount: idr(invoice.amount) },
		};
	}

	/**
	 * The bank transfer of a submitted withdrawal ends: returns the withdraw callback body. Netzme
	 * publishes no non-SNAP payload, so this is the SNAP one's reference, partner reference, amount
	 * and status, with the fields Submit Withdraw answers (customerReffNum, userId, withdrawalAmount).
	 */
	finishWithdrawal(customerReffNum: string, status: 'SUCCESS' | 'FAILED' = 'SUCCESS'): Record<string, unknown> {
		const withdrawal = this.state.withdrawals.find((candidate) => candidate.customerReffNum === customerReffNum);
		if (!withdrawal) throw new Error(`No withdrawal ${customerReffNum}`);
		withdrawal.status = status;
		return this.withdrawCallback(withdrawal);
	}

	withdrawCallback(withdrawal: Withdrawal): Record<string, unknown> {
		return {
			originalReferenceNo: withdrawal.customerReffNum,
			customerReffNum: withdrawal.customerReffNum,
			userId: withdrawal.userId,
			withdrawalAmount: idr(withdrawal.withdrawalAmount),
			status: withdrawal.status,
			...withdrawal.bank,
			ts: new Date(this.now() + 7 * 3600_000).toISOString().replace('T', ' ').replace('Z', '000+0700'),
		};
	}

	/** A buyer scans the merchant's static QRIS: the acquirer record exists; returns the payment callback body. */
	payQris(merchantId: string, amount: number): Record<string, unknown> {
		return this.qrisCallback(this.recordQris(merchantId, amount));
	}

	/**
	 * A QRIS transaction at a given time (default now), paid (SUCCESS) or still PENDING, without a
	 * callback: what a merchant whose callback URL is not registered yet sees only in the list.
	 */
	recordQris(merchantId: string, amount: number, options: { at?: number; status?: QrisTransaction['status'] } = {}): QrisTransaction {
		const merchant = this.state.merchant(merchantId);
		if (!merchant) throw new Error(`No merchant ${merchantId}`);
		const trx: QrisTransaction = {
			transactionId: this.state.nextId('QRIS-'),
			rrn: String(240000000000 + this.state.qris.length + 1000),
			merchantId,
			amount,
			mdrAmount: Math.round(amount * 0.007),
			issuerId: 'ID.CO.BCA',
			customerName: 'PEMBELI',
			terminalId: 'A01',
			status: options.status ?? 'SUCCESS',
			createdTs: options.at ?? this.now(),
		};
		this.state.qris.push(trx);
		if (trx.status === 'SUCCESS') merchant.totalBalance += amount;
		return trx;
	}

	/** A PENDING QRIS transaction is paid at `at` (default now). */
	completeQris(transactionId: string, at = this.now()): QrisTransaction {
		const trx = this.state.qris.find((candidate) => candidate.transactionId === transactionId);
		if (!trx) throw new Error(`No QRIS transaction ${transactionId}`);
		if (trx.status !== 'SUCCESS') this.state.merchant(trx.merchantId)!.totalBalance += trx.amount;
		trx.status = 'SUCCESS';
		trx.paidTs = at;
		return trx;
	}

	qrisCallback(trx: QrisTransaction): Record<string, unknown> {
		const merchant = this.state.merchant(trx.merchantId)!;
		const ts = new Date(trx.createdTs + 7 * 3600_000).toISOString().replace('T', ' ').replace('Z', '000+0700');
		return {
			merchantUserId: trx.merchantId,
			buyerUserId: 'U_buyer01',
			buyerFullname: trx.customerName,
			amount: idr(trx.amount),
			netAmount: idr(trx.amount - trx.mdrAmount),
			merchantFee: idr(trx.mdrAmount),
			issuerName: trx.issuerId,
			acquirerName: 'NETZME',
			customerPan: '9360000812345678901',
			merchantPan: '9360081400000000010',
			merchantName: merchant.merchantName,
			merchantLocation: 'JAKARTA',
			transactionId: trx.transactionId,
			referenceId: trx.rrn,
			ts,
			tsLong: trx.createdTs,
			status: '100',
			statusMessage: 'success',
			type: 'pay_qris',
		};
	}

	/**
	 * Delivers a callback the way Netzme does: POST JSON, and up to 3 retries while the answer
	 * is not a 2xx. `deliveries` forces that many sends regardless (our OK got lost on the way).
	 * Returns the HTTP status of every send (0 = no answer).
	 */
	async postCallback(
		url: string,
		body: Record<string, unknown>,
		options: { headers?: Record<string, string>; retries?: number; deliveries?: number } = {},
	): Promise<number[]> {
		const statuses: number[] = [];
		const retries = options.retries ?? 3;
		const payload = JSON.stringify(body);
		for (let attempt = 0; ; attempt++) {
			const status = await this.send(url, payload, options.headers ?? {});
			statuses.push(status);
			if (options.deliveries !== undefined) {
				if (attempt + 1 >= options.deliveries) break;
			} else if ((status >= 200 && status < 300) || attempt >= retries) break;
			await this.time.sleep(this.options.callbackRetryDelayMs);
		}
		return statuses;
	}

	private send(url: string, payload: string, headers: Record<string, string>): Promise<number> {
		return new Promise((resolve) => {
			const request = httpRequest(
				url,
				{ method: 'POST', headers: { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(payload), ...headers } },
				(response) => {
					response.resume();
					response.on('end', () => resolve(response.statusCode ?? 0));
				},
			);
			request.on('error', () => resolve(0));
			request.end(payload);
		});
	}

	private issueToken(): string {
		const now = this.now();
		const token = randomBytes(32).toString('hex');
		this.tokens.push({ token, issuedAt: now, expiresAt: now + this.options.tokenTtlMs });
		return token;
	}

	private withBody(handler: (req: IncomingMessage, res: ServerResponse, raw: string) => void): RequestListener {
		return (req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
			req.on('error', () => undefined);
		};
	}

	private record(host: RecordedRequest['host'], req: IncomingMessage, rawBody: string): RecordedRequest {
		const url = req.url ?? '/';
		const q = url.indexOf('?');
		let body: unknown = rawBody;
		try {
			body = rawBody ? JSON.parse(rawBody) : undefined;
		} catch {
			// Kept as text; routes refuse it.
		}
		const entry: RecordedRequest = {
			host,
			method: (req.method ?? 'GET').toUpperCase(),
			path: q === -1 ? url : url.slice(0, q),
			url,
			query: Object.fromEntries(new URLSearchParams(q === -1 ? '' : url.slice(q + 1))),
			headers: { ...req.headers },
			rawBody,
			body,
			status: 0,
		};
		this.requests.push(entry);
		return entry;
	}

	private reply(res: ServerResponse, entry: RecordedRequest, status: number, body: unknown, contentType = JSON_TYPE): void {
		entry.status = status;
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		const write = () => {
			if (res.destroyed) return;
			res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
			res.end(text);
		};
		if (this.options.latencyMs <= 0) return write();
		void this.time.sleep(this.options.latencyMs).then(write);
	}

	private takeFault(method: string, path: string): Fault | undefined {
		const index = this.faults.findIndex(
			({ fault }) =>
				(!fault.method || fault.method.toUpperCase() === method) &&
				(!fault.pathPrefix || path.startsWith(fault.pathPrefix)) &&
				(!fault.path || path === fault.path),
		);
		if (index === -1) return undefined;
		const entry = this.faults[index];
		if (--entry.remaining === 0) this.faults.splice(index, 1);
		return entry.fault;
	}

	/** Runs `work` (or not) and answers with the fault instead of its result. Returns true when a fault was served. */
	private serveFault(req: IncomingMessage, res: ServerResponse, entry: RecordedRequest, work: () => unknown): boolean {
		const fault = this.takeFault(entry.method, entry.path);
		if (!fault) return false;
		const processed = fault.kind === '429' ? false : (fault.processed ?? (fault.kind === 'timeout' || fault.kind === 'truncated'));
		if (processed) work();
		switch (fault.kind) {
			case 'timeout':
				return true;
			case 'reset':
				req.socket.destroy();
				return true;
			case 'malformed':
				this.reply(res, entry, 200, '<html>upstream error</html>', 'text/html');
				return true;
			case 'truncated': {
				const full = JSON.stringify({ status: 'success', responseCode: '2000000', responseMessage: 'Successful', data: { id: 'cut' } });
				this.reply(res, entry, 200, full.slice(0, Math.floor(full.length / 2)));
				return true;
			}
			case 'echo':
			case 'echo200':
				if (fault.kind === 'echo') this.reply(res, entry, 400, echoJson(entry.method, entry.url, entry.headers, entry.rawBody));
				else this.reply(res, entry, 200, echoText(entry.method, entry.url, entry.headers, entry.rawBody), 'text/plain');
				return true;
			case '429':
				if (fault.hint !== false) res.setHeader('retry-after', '0');
				this.reply(res, entry, 429, { message: 'Too Many Requests' });
				return true;
			default:
				this.reply(res, entry, Number(fault.kind), { message: `Injected ${fault.kind}` });
				return true;
		}
	}

	private toko(req: IncomingMessage, res: ServerResponse, rawBody: string): void {
		const entry = this.record('toko', req, rawBody);
		if (entry.path === '/oauth/merchant/accesstoken') return this.tokenEndpoint(res, entry);

		const verdict: SignatureVerdict = verifySignature(
			{ method: entry.method, url: entry.url, headers: entry.headers, rawBody },
			{ clientId: this.options.clientId, clientSecret: this.options.clientSecret },
			this.now(),
			this.options.maxSkewMs,
		);
		if (!verdict.ok) {
			entry.authFailure = verdict.reason;
			return this.reply(res, entry, 401, { status: 'UNAUTHORIZED', statusMessage: `invalid signature (${verdict.reason})` });
		}
		const token = this.tokens.find((record) => record.token === verdict.token);
		if (!token || token.token !== this.activeToken || token.expiresAt <= this.now()) {
			entry.authFailure = !token ? 'unknown-token' : token.token !== this.activeToken ? 'superseded-token' : 'expired-token';
			return this.reply(res, entry, 401, { status: 'UNAUTHORIZED', statusMessage: 'invalid or expired token' });
		}

		let envelope: Record<string, unknown> | undefined;
		if (entry.method === 'POST') {
			if (typeof entry.body !== 'object' || entry.body === null) {
				return this.reply(res, entry, 400, { status: 400, statusMessage: 'body must be JSON' });
			}
			envelope = entry.body as Record<string, unknown>;
			const requestId = String(envelope.requestId ?? '');
			if (requestId && this.seenRequestIds.has(requestId)) {
				return this.reply(res, entry, 200, {
					requestId,
					type: envelope.type,
					status: 203,
					statusMessage: 'failed',
					body: { errorCode: 'generic_error', errorMessage: 'duplicate requestId' },
				});
			}
			if (requestId) this.seenRequestIds.add(requestId);
		}
		let result: ReturnType<typeof routeToko> | undefined;
		const run = () =>
			(result ??= routeToko(this.state, {
				method: entry.method,
				path: entry.path,
				query: entry.query,
				envelope: envelope as never,
				clientId: this.options.clientId,
				now: this.now(),
				forgotPinThrottleMs: this.options.forgotPinThrottleMs,
				depositPaging: { size: this.options.depositPageSize, count: this.options.depositPageCount },
				invoicePaidAfterStatusRequests: this.options.invoicePaidAfterStatusRequests,
				transactionPageSize: this.options.transactionPageSize,
			}));
		if (this.serveFault(req, res, entry, run)) return;
		const { status, body } = run();
		this.reply(res, entry, status, body);
	}

	private tokenEndpoint(res: ServerResponse, entry: RecordedRequest): void {
		const expected = `Basic ${Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64')}`;
		if (entry.method !== 'POST') return this.reply(res, entry, 405, { message: 'Method Not Allowed' });
		if (this.options.echoTokenRequest) return this.reply(res, entry, 401, echoText(entry.method, entry.url, entry.headers, entry.rawBody), 'text/plain');
		if (entry.headers.authorization !== expected) {
			return this.reply(res, entry, 401, { status: 'UNAUTHORIZED', message: 'invalid client credentials' });
		}
		const body = entry.body as Record<string, unknown> | undefined;
		if (!String(entry.headers['content-type'] ?? '').includes('application/json') || body?.grant_type !== 'client_credentials') {
			return this.reply(res, entry, 400, { status: 'BAD_REQUEST', message: 'grant_type client_credentials expected as JSON' });
		}
		const token = this.issueToken();
		this.reply(res, entry, 200, {
			status: 'SUCCESS',
			username: this.options.clientId,
			access_token: token,
			token_type: 'bearer',
			expiry_token: this.tokens[this.tokens.length - 1].expiresAt,
		});
	}

	private invoice(req: IncomingMessage, res: ServerResponse, rawBody: string): void {
		const entry = this.record('invoice', req, rawBody);
		let result: ReturnType<typeof routeInvoice> | undefined;
		const run = () =>
			(result ??= routeInvoice(this.state, {
				path: entry.path,
				headers: entry.headers,
				body: entry.body,
				clientId: this.options.clientId,
				invoiceToken: this.options.invoiceToken,
				now: this.now(),
				qrImage: this.options.qrImage,
			}));
		if (entry.method !== 'POST') return this.reply(res, entry, 405, { message: 'Method Not Allowed' });
		if (this.options.echoTokenRequest) return this.reply(res, entry, 401, echoText(entry.method, entry.url, entry.headers, entry.rawBody), 'text/plain');
		if (this.serveFault(req, res, entry, run)) return;
		const { status, body } = run();
		this.reply(res, entry, status, body);
	}
}
