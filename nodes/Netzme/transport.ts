import { randomInt } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { backoffDelay } from '../shared/backoff';
import { clock } from '../shared/clock';
import { withoutSecrets } from './amounts';
import { describeStatus, isSuccessStatus } from './statusCodes';

export const CREDENTIAL_TYPE = 'netzmeApi';

type Context = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions;

/** Statuses that mean "not processed, ask again later": safe to resend even for money movement. */
const NOT_PROCESSED = [429];

/** One item at a time by default: most Netzme operations move money or depend on the previous one. */
export const NETZME_DEFAULTS = { concurrency: 1, maxRetries: 3 };
/**
 * n8n has no lock around preAuthentication, so executions starting together without a token
 * each fetch one and each new token kills the one before. A request keeps switching to the
 * newest stored token while the others settle, within these bounds.
 */
const AUTH_BUDGET_MS = 20_000;
/** How many times one request may adopt a token that another execution or item stored. */
const MAX_TOKEN_ADOPTIONS = 10;
/** Tokens one request may fetch after a rejection: one always, more only while other executions evidently fetch too. */
const MAX_TOKEN_REFRESHES = 3;
/** Upper bound of the random wait before refreshing a rejected token or fetching the first one. */
const REFRESH_STAGGER_MS = 250;
/**
 * Looks at the store after our own fresh token was rejected: a token fetched after ours may
 * still be on its way into the store. Without one, the rejection is not contention.
 */
const OWN_TOKEN_POLLS = 3;
const POLL_WAIT_MS = { min: 80, max: 240 };
/** Placeholder that keeps n8n from fetching an OAuth token for the invoice host, which never uses it. */
const NO_TOKEN_NEEDED = 'invoice-host-uses-the-invoice-token';

/**
 * Token bookkeeping for one execution. Netzme kills the previous token whenever a new one is
 * issued, so items running side by side must not each fetch one: the first item that needs a
 * token fetches it, the others wait for it and then read the stored one.
 */
export interface TokenSession {
	refreshing?: Promise<void>;
	tokenError?: Error;
}

export interface CallOptions {
	session: TokenSession;
	timeoutMs: number;
	maxRetries: number;
}

export interface TokoCall {
	method: 'GET' | 'POST';
	path: string;
	qs?: IDataObject;
	/** The request envelope's `type`, for POST. */
	type?: string;
	/** The request envelope's `body`, for POST. */
	body?: IDataObject;
	/** Whether resending after a failure that may have reached Netzme is harmless (reads, inquiries). */
	idempotent: boolean;
	itemIndex: number;
}

export interface TokoResult {
	envelope: IDataObject;
	/** The requestId sent with a POST; Split Fee → Get looks a notification up by it. */
	requestId?: string;
}

interface FullResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

function jakartaStamp(now: Date): string {
	const shifted = new Date(now.getTime() + 7 * 3600_000).toISOString();
	return shifted.replace(/[-:TZ.]/g, '').slice(0, 17);
}

/** `{ClientId}{yyyyMMddHHmmssSSS}{6 random digits}`: the documented shape, unique per request (a resend gets a new one). */
export function newRequestId(clientId: string, now = new Date()): string {
	return `${clientId}${jakartaStamp(now)}${String(randomInt(1_000_000)).padStart(6, '0')}`;
}

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

function excerpt(body: unknown): string {
	return (typeof body === 'string' ? body : JSON.stringify(body ?? '')).replace(/\s+/g, ' ').slice(0, 120);
}

function describe(call: { method: string; path: string }): string {
	return `${call.method} ${call.path}`;
}

function apiError(
	this: Context,
	call: TokoCall,
	message: string,
	description: string,
	status?: number,
	body?: unknown,
) {
	const errorBody = (typeof body === 'object' && body !== null ? withoutSecrets(body) : { message }) as JsonObject;
	return new NodeApiError(this.getNode(), errorBody, {
		message: `Netzme: ${message}`,
		description,
		httpCode: status === undefined ? undefined : String(status),
		itemIndex: call.itemIndex,
	});
}

/** A money movement with no clear answer may have happened: say so instead of resending it. */
function ambiguousWrite(this: Context, call: TokoCall, reason: string) {
	return new NodeApiError(
		this.getNode(),
		{ message: reason },
		{
			message: `Netzme did not confirm ${describe(call)} (${reason}); it may have been carried out anyway`,
			description:
				'The request was not resent, so nothing moves twice. Check the merchant’s balance and transactions (or the withdrawal or notification detail) in Netzme before running this item again.',
			itemIndex: call.itemIndex,
		},
	);
}

const TRANSPORT_FAILURES: Record<string, string> = {
	ECONNABORTED: 'no answer within the timeout',
	ETIMEDOUT: 'no answer within the timeout',
	ECONNRESET: 'the connection was dropped',
	EPIPE: 'the connection was dropped',
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host was not found',
	EAI_AGAIN: 'the host was not found',
};

/**
 * Plain words for a failure with no HTTP answer. n8n's NodeApiError swaps any message that
 * names an errno code (ECONNRESET…) for a generic text, which would hide "may have been
 * carried out", so the codes are translated here and never passed on.
 */
function transportReason(error: unknown): string {
	const { message, code, cause } = error as { message?: string; code?: string; cause?: { code?: string } };
	const known = TRANSPORT_FAILURES[String(code ?? cause?.code ?? '').toUpperCase()];
	if (known) return known;
	return (message ?? '').replace(/\bE[A-Z_]{4,}\b:?/g, '').replace(/\s+/g, ' ').trim() || 'no response';
}

async function freshCredentials(this: Context): Promise<ICredentialDataDecryptedObject> {
	// n8n decrypts anew on every call, so this sees a token another execution stored meanwhile.
	return { ...(await this.getCredentials(CREDENTIAL_TYPE)) };
}

/**
 * The credentials for the next attempt. A token is fetched (by n8n's preAuthentication, which
 * runs when the field is empty) only when none is stored or the stored one was rejected, and
 * by one item of the execution at a time. A first token is fetched after a short random wait,
 * so executions starting together mostly find the one the quickest of them stored.
 */
async function credentialsForAttempt(
	this: Context,
	session: TokenSession,
	forceRefresh: boolean,
): Promise<{ data: ICredentialDataDecryptedObject; release?: () => void }> {
	for (;;) {
		const data = await freshCredentials.call(this);
		if (!forceRefresh && text(data.accessToken) !== '') return { data };
		if (session.tokenError) throw session.tokenError;
		if (session.refreshing) {
			await session.refreshing;
			forceRefresh = false;
			continue;
		}
		// Claimed before anything else can run, so the other items of this execution wait for it.
		let resolve = () => {};
		const refreshing = new Promise<void>((done) => (resolve = done));
		session.refreshing = refreshing;
		const release = () => {
			if (session.refreshing === refreshing) session.refreshing = undefined;
			resolve();
		};
		if (!forceRefresh) {
			await clock.sleep(randomInt(REFRESH_STAGGER_MS));
			const now = await freshCredentials.call(this).catch(() => data);
			if (text(now.accessToken) !== '') {
				release();
				return { data: now };
			}
		}
		return { data: { ...data, accessToken: '' }, release };
	}
}

/** What one request went through on 401s: bounds its retries and tells contention from a real rejection. */
interface AuthAttempts {
	deadline: number;
	adoptions: number;
	refreshes: number;
	/** Tokens this request fetched itself. */
	fetched: Set<string>;
	rejected: Set<string>;
	/** Another execution stored a token while this request was waiting for one: they are fetching too. */
	contended: boolean;
}

/**
 * After a 401: the newest stored token when it is not one already rejected, else 'refresh'
 * when this request may fetch one, else undefined (give up). A stored token differing from
 * the rejected one is adopted as long as it keeps changing, within the budget; a token is
 * fetched only when the stored one is still a rejected one after a random wait.
 */
async function afterRejection(
	this: Context,
	auth: AuthAttempts,
	rejected: string,
): Promise<ICredentialDataDecryptedObject | 'refresh' | undefined> {
	auth.rejected.add(rejected);
	const polls = auth.fetched.has(rejected) ? OWN_TOKEN_POLLS : 1;
	for (let poll = 0; ; poll++) {
		if (clock.now() >= auth.deadline) return undefined;
		const data = await freshCredentials.call(this);
		const stored = text(data.accessToken);
		if (stored !== '' && !auth.rejected.has(stored)) {
			auth.contended = true;
			if (auth.adoptions >= MAX_TOKEN_ADOPTIONS) return undefined;
			auth.adoptions++;
			return data;
		}
		if (poll >= polls) break;
		// Random, so executions hit by the same rejection do not all refresh at once: the first
		// refresher stores its token and the others find it.
		await clock.sleep(poll === 0 && polls === 1 ? randomInt(REFRESH_STAGGER_MS) : randomInt(POLL_WAIT_MS.min, POLL_WAIT_MS.max));
	}
	if (auth.refreshes > 0 && !(auth.contended && auth.refreshes < MAX_TOKEN_REFRESHES)) return undefined;
	auth.refreshes++;
	return 'refresh';
}

async function send(
	this: Context,
	options: IHttpRequestOptions,
	data: ICredentialDataDecryptedObject,
): Promise<FullResponse> {
	const details = this.getNode().credentials?.[CREDENTIAL_TYPE];
	return (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options, {
		// n8n runs preAuthentication on this object when its token is empty and writes the new token into it.
		credentialsDecrypted: { id: details?.id ?? '', name: details?.name ?? '', type: CREDENTIAL_TYPE, data },
	})) as FullResponse;
}

function tokenFetchError(this: Context, call: TokoCall, error: unknown) {
	const cause = (error as { cause?: Error }).cause;
	const message = (cause instanceof Error ? cause.message : '') || (error as Error).message;
	return new NodeApiError(
		this.getNode(),
		{ message },
		{
			message: `Netzme: could not get an access token. ${message}`,
			description: 'Check the client ID, client secret and environment (or base URLs) in the Netzme credential.',
			itemIndex: call.itemIndex,
		},
	);
}

/**
 * One signed call to the Toko API. On 401 the request is re-signed and resent with the newest
 * stored token when it differs from the rejected one (another execution or item fetched it),
 * else with a token fetched anew: once, or a few times while other executions evidently fetch
 * too, all within a time budget. 429 is resent after the wait Netzme asks for; timeouts and
 * 5xx are resent only when the call is idempotent, never for money movement.
 */
export async function tokoRequest(this: Context, call: TokoCall, options: CallOptions): Promise<TokoResult> {
	let attempt = 0;
	let auth: AuthAttempts | undefined;
	let next: ICredentialDataDecryptedObject | 'refresh' | undefined;
	for (;;) {
		const { data, release } =
			next !== undefined && next !== 'refresh'
				? { data: next, release: undefined }
				: await credentialsForAttempt.call(this, options.session, next === 'refresh');
		next = undefined;

		const requestId = call.method === 'POST' ? newRequestId(text(data.clientId)) : undefined;
		const request: IHttpRequestOptions = {
			method: call.method,
			url: call.path,
			qs: call.qs,
			body: call.method === 'POST' ? { requestId, type: call.type, body: call.body ?? {} } : undefined,
			json: true,
			returnFullResponse: true,
			// 401 is handled below, where the stored token can be compared with the rejected one.
			ignoreHttpStatusErrors: true,
			timeout: options.timeoutMs,
		};

		const fetching = release !== undefined && text(data.accessToken) === '';
		let response: FullResponse;
		try {
			response = await send.call(this, request, data);
		} catch (error) {
			if (fetching && text(data.accessToken) === '') {
				options.session.tokenError = tokenFetchError.call(this, call, error);
				throw options.session.tokenError;
			}
			if (call.idempotent && attempt < options.maxRetries) {
				await clock.sleep(backoffDelay(attempt++));
				continue;
			}
			const reason = transportReason(error);
			if (!call.idempotent) throw ambiguousWrite.call(this, call, reason);
			throw apiError.call(
				this,
				call,
				`could not be reached (${reason})`,
				'Check the environment or base URL in the Netzme credential and the network, then retry.',
			);
		} finally {
			release?.();
		}

		const { statusCode: status, headers } = response;
		const body = parseBody(response.body);
		if (status === 401) {
			auth ??= { deadline: clock.now() + AUTH_BUDGET_MS, adoptions: 0, refreshes: 0, fetched: new Set(), rejected: new Set(), contended: false };
			// n8n wrote the token it fetched into `data`.
			if (fetching) auth.fetched.add(text(data.accessToken));
			next = await afterRejection.call(this, auth, text(data.accessToken));
			if (next !== undefined) continue;
			throw apiError.call(
				this,
				call,
				`unauthorized${excerpt(body) ? `: ${excerpt(body)}` : ''}`,
				auth.contended
					? 'Other executions or systems kept requesting new tokens with the same client ID faster than this request could use one (Netzme keeps only the newest). Run it again; if it keeps happening, check that no other system uses this client ID.'
					: 'Netzme rejected a freshly issued token. Check the client secret (it signs every request), that this machine’s clock is right (Request-Time), and that no other system keeps requesting tokens with the same client ID: Netzme keeps only the newest one.',
				status,
				body,
			);
		}
		if (NOT_PROCESSED.includes(status) && attempt < options.maxRetries) {
			await clock.sleep(backoffDelay(attempt++, headers));
			continue;
		}
		if (status >= 500 && call.idempotent && attempt < options.maxRetries) {
			await clock.sleep(backoffDelay(attempt++, headers));
			continue;
		}
		if (status >= 500 && !call.idempotent) throw ambiguousWrite.call(this, call, `HTTP ${status}: ${excerpt(body)}`);
		if (status >= 400) {
			throw apiError.call(this, call, `HTTP ${status} on ${describe(call)}: ${excerpt(body)}`, httpHint(status), status, body);
		}
		if (typeof body !== 'object' || body === null) {
			if (!call.idempotent) throw ambiguousWrite.call(this, call, `HTTP ${status} with a body that is not JSON: "${excerpt(body)}"`);
			throw apiError.call(
				this,
				call,
				`answered HTTP ${status} with a body that is not JSON`,
				`The body began "${excerpt(body)}". This is usually a gateway or maintenance page; retry later.`,
				status,
			);
		}
		const envelope = body as IDataObject;
		if (!isSuccessStatus(envelope)) {
			const { title, hint } = describeStatus(envelope);
			const error = apiError.call(this, call, title, hint, status, envelope);
			// Callers branch on Netzme's own code (e.g. 404 = no such record), not on the wording.
			error.context.netzmeStatus = String(envelope.status ?? '');
			throw error;
		}
		return { envelope, requestId };
	}
}

function httpHint(status: number): string {
	if (status === 404) return 'Netzme does not know this path or record. Check the IDs and the environment in the credential.';
	if (status === 400) return 'Netzme rejected the request format. Check the values of this item.';
	if (status === 403) return 'This client is not allowed to call this endpoint; ask Netzme to enable it.';
	return 'Check the values of this item and retry.';
}

export interface InvoiceCall {
	path: string;
	request: IDataObject;
	itemIndex: number;
}

/**
 * One call to the invoice host, which authenticates with the static invoice token (set by
 * the credential) and answers `{result, status: true/false, message, code}`. Creating an
 * invoice is never resent after an ambiguous failure.
 */
export async function invoiceRequest(this: Context, call: InvoiceCall, options: CallOptions): Promise<IDataObject> {
	const tokoCall: TokoCall = { method: 'POST', path: call.path, idempotent: false, itemIndex: call.itemIndex };
	for (let attempt = 0; ; attempt++) {
		const data = await freshCredentials.call(this);
		if (text(data.accessToken) === '') data.accessToken = NO_TOKEN_NEEDED;
		let response: FullResponse;
		try {
			response = await send.call(
				this,
				{
					method: 'POST',
					url: call.path,
					body: { request: call.request },
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: options.timeoutMs,
				},
				data,
			);
		} catch (error) {
			throw ambiguousWrite.call(this, tokoCall, transportReason(error));
		}
		const { statusCode: status, headers } = response;
		const body = parseBody(response.body);
		if (NOT_PROCESSED.includes(status) && attempt < options.maxRetries) {
			await clock.sleep(backoffDelay(attempt, headers));
			continue;
		}
		if (status === 401 || status === 403) {
			throw apiError.call(
				this,
				tokoCall,
				`the invoice host refused the invoice token (HTTP ${status})`,
				'Check the Invoice Token in the Netzme credential (it is not the client secret), and that the merchant ID belongs to this client.',
				status,
				body,
			);
		}
		if (status >= 500) throw ambiguousWrite.call(this, tokoCall, `HTTP ${status}: ${excerpt(body)}`);
		const envelope = (typeof body === 'object' && body !== null ? body : undefined) as IDataObject | undefined;
		if (!envelope) throw ambiguousWrite.call(this, tokoCall, `HTTP ${status} with a body that is not JSON: "${excerpt(body)}"`);
		if (status >= 400 || envelope.status !== true) {
			const message = text(envelope.message) || text((envelope.result as IDataObject | null)?.message) || `HTTP ${status}`;
			throw apiError.call(
				this,
				tokoCall,
				`invoice rejected: ${message}`,
				'Check the invoice fields the message names (merchant, amount, payment method, partner transaction ID).',
				status,
				envelope,
			);
		}
		return envelope;
	}
}
