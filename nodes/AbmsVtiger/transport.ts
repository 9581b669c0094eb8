import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { randomInt } from 'node:crypto';
import { NodeApiError, sleep } from 'n8n-workflow';

import { findVtigerLoginError } from '../../credentials/vtigerLogin';
import type { VtigerReply } from '../../credentials/vtigerReply';
import { IP_WHITELIST_HINT, isSessionError, readVtigerReply } from '../../credentials/vtigerReply';
import { backoffDelay } from '../shared/backoff';

export const CREDENTIAL_TYPE = 'abmsVtigerApi';

export type VtigerContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface VtigerCall {
	operation: string;
	/** GET operations read only the query string, POST operations only the form body. */
	method: 'GET' | 'POST';
	params?: IDataObject;
	/** Named in error messages, e.g. "module 'Contacts'". */
	subject?: string;
	itemIndex?: number;
	timeoutMs?: number;
	/** Resends after a transport failure; only for calls that are safe to repeat. */
	maxRetries?: number;
}

const GATEWAY_STATUS = [502, 503, 504];

/** vtiger serialises calls that share a session (PHP's session lock), so concurrency buys little. */
export const VTIGER_DEFAULTS = { concurrency: 1, maxRetries: 2 };

/**
 * Upper bound of the random wait before the first login of an execution: executions starting
 * together without a session then mostly find the one the quickest of them stored.
 */
const LOGIN_STAGGER_MS = 250;

/** Operations that change nothing, or end in the same state when repeated. */
const REPEATABLE = new Set(['revise', 'update', 'delete']);

/**
 * Per-execution coordination of logins. vtiger keeps one challenge per user, so two
 * logins at once make one of them fail: the first call of an execution goes alone
 * (it may log in), and when a session turns out to be gone only one call logs in
 * again while the others wait and then reuse the new stored session. Nothing here
 * outlives the execution; the session itself lives in the credential.
 */
export class SessionGate {
	private lock: Promise<void> | undefined;
	private unlockFn: (() => void) | undefined;
	private warmed = false;
	/** Bumped after every re-login. */
	generation = 0;
	/** A login that failed: later calls in this execution fail the same way instead of retrying. */
	failure: Error | undefined;

	// Each check-and-take below runs without an await between the check and the take.
	private hold(): void {
		this.lock = new Promise<void>((resolve) => (this.unlockFn = resolve));
	}

	unlock(): void {
		const resolve = this.unlockFn;
		this.lock = undefined;
		this.unlockFn = undefined;
		resolve?.();
	}

	/** Whether the caller is the first call of the execution (and then holds the lock). */
	async enter(): Promise<boolean> {
		while (this.lock) await this.lock;
		if (this.failure) throw this.failure;
		if (this.warmed) return false;
		this.warmed = true;
		this.hold();
		return true;
	}

	/**
	 * After a "session gone" answer to a call sent at `generation`: 'resend' when
	 * someone logged in again since, else 'relogin' with the lock held by the caller.
	 */
	async afterSessionError(generation: number): Promise<'resend' | 'relogin'> {
		while (this.lock) await this.lock;
		if (this.failure) throw this.failure;
		if (this.generation !== generation) return 'resend';
		this.hold();
		return 'relogin';
	}
}

const HINTS: Record<string, string> = {
	ACCESS_DENIED:
		'The module or record is not available to this user: check the module name (plural, e.g. Contacts; see Module → List Types) and the user’s role and sharing rules in the CRM.',
	RECORD_NOT_FOUND: 'No record has this ID (it may have been deleted). Check the ID, e.g. with Get Many.',
	INVALID_ID_ATTRIBUTE:
		'vtiger IDs look like 12x345: the module’s ID prefix (see Module → Describe, idPrefix), an x, then the record number. The prefix must belong to the module of the record.',
	MANDATORY_FIELDS_MISSING: 'Give a value to the field the message names (mandatory fields are marked in Describe).',
	QUERY_SYNTAX_ERROR:
		'VTQL needs every value in single quotes (\'a@b.com\', \'2024-01-31\', \'12x5\'), field names as Module → Describe lists them, and no parentheses or NOT.',
	REFERENCE_INVALID: 'A reference field needs the full ID of an existing record of the right module, e.g. 11x45 for an organization.',
	DATABASE_QUERY_ERROR: 'The database refused a value: dates must be YYYY-MM-DD, numbers plain digits, and the query must name existing fields.',
	UNKNOWN_OPERATION: 'This vtiger server does not offer this operation (it may be older than vtiger 7, or the operation is disabled).',
	LEAD_ALREADY_CONVERTED: 'The lead was converted before; look up the organization or contact it became instead.',
	INTERNAL_SERVER_ERROR: 'vtiger failed while processing the request; this often means an ID or relation label it could not use. Check the inputs.',
	'0': 'vtiger’s duplicate check refused the record. Change the values that must be unique, or look the existing record up.',
	OPERATION_NOT_SUPPORTED: 'vtiger cannot do this on this module.',
};

function apiError(
	this: VtigerContext,
	call: VtigerCall,
	message: string,
	description: string,
	detail: IDataObject = {},
): NodeApiError {
	return new NodeApiError(this.getNode(), { message, ...detail } as JsonObject, {
		message,
		description,
		itemIndex: call.itemIndex,
	});
}

function label(call: VtigerCall): string {
	return `ABMS vtiger ${call.operation}${call.subject ? ` (${call.subject})` : ''}`;
}

function invalidReplyError(this: VtigerContext, call: VtigerCall, reply: Extract<VtigerReply, { kind: 'invalid' }>): NodeApiError {
	const seen = reply.excerpt ? `with a body that is not a vtiger reply: "${reply.excerpt}"` : 'with an empty body';
	const phpError = /fatal error|parse error|uncaught|stack trace/i.test(reply.excerpt) || (reply.status >= 500 && reply.excerpt === '');
	let description: string;
	if (reply.status === 403) description = `The server refused this client. ${IP_WHITELIST_HINT}`;
	else if (phpError) {
		description = `vtiger crashed on '${call.operation}' (a PHP error on the server; vtiger 7.5 on PHP 8 fails this way for some operations). Other operations may still work. Ask the CRM administrator to check the PHP error log.`;
	} else description = `This is not a vtiger answer: check the base URL in the credential. ${IP_WHITELIST_HINT}`;
	return apiError.call(this, call, `${label(call)} got HTTP ${reply.status} ${seen}`, description, { httpStatus: reply.status });
}

function vendorError(this: VtigerContext, call: VtigerCall, reply: Extract<VtigerReply, { kind: 'error' }>): NodeApiError {
	return apiError.call(
		this,
		call,
		`${label(call)}: ${reply.message} (${reply.code})`,
		HINTS[reply.code] ?? 'vtiger rejected the request; the message says why.',
		{ vtigerCode: reply.code, vtigerMessage: reply.message },
	);
}

function encode(params: IDataObject | undefined): IDataObject {
	const encoded: IDataObject = {};
	for (const [key, value] of Object.entries(params ?? {})) {
		if (value === undefined || value === null) continue;
		// vtiger decodes element, fieldTypeList and friends from JSON text.
		encoded[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
	return encoded;
}

interface FullResponse {
	statusCode: number;
	body: unknown;
}

/** A reply and the session it was sent with, so a "session gone" answer can be told from a newer stored session. */
interface Sent {
	reply: VtigerReply;
	session: string;
}

function sessionOf(data: ICredentialDataDecryptedObject): string {
	return typeof data.sessionToken === 'string' ? data.sessionToken : '';
}

async function storedCredentials(this: VtigerContext): Promise<ICredentialDataDecryptedObject> {
	// n8n decrypts anew on every call, so this sees a session another execution stored meanwhile.
	return { ...((await this.getCredentials(CREDENTIAL_TYPE)) as ICredentialDataDecryptedObject) };
}

/**
 * Sends one call with the stored session, or with a new login when `newLogin` is set or no
 * session is stored (n8n's preAuthentication runs on the empty field, stores the session and
 * writes it into the data sent). A login that fails while another execution stored a session
 * meanwhile is not an error: that session is used.
 */
async function send(this: VtigerContext, gate: SessionGate, call: VtigerCall, newLogin = false): Promise<Sent> {
	const params = { operation: call.operation, ...encode(call.params) };
	const options: IHttpRequestOptions = {
		method: call.method,
		url: 'webservice.php',
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: call.timeoutMs ?? 30_000,
	};
	if (call.method === 'GET') options.qs = params;
	else {
		options.body = params;
		options.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
	}
	const repeatable = call.method === 'GET' || REPEATABLE.has(call.operation);
	const maxRetries = repeatable ? (call.maxRetries ?? 2) : 0;
	const saved = this.getNode().credentials?.[CREDENTIAL_TYPE];
	let adopted = false;
	for (let attempt = 0; ; attempt++) {
		let data = await storedCredentials.call(this);
		// The session known to be gone, when this is a forced new login.
		const gone = newLogin ? sessionOf(data) : '';
		if (newLogin) data.sessionToken = '';
		else if (sessionOf(data) === '') {
			await sleep(randomInt(LOGIN_STAGGER_MS));
			data = await storedCredentials.call(this);
		}
		newLogin = false;
		const response = (await this.helpers.httpRequestWithAuthentication
			.call(this, CREDENTIAL_TYPE, { ...options, qs: options.qs && { ...options.qs }, body: options.body && { ...(options.body as IDataObject) } }, {
				credentialsDecrypted: { id: saved?.id ?? '', name: saved?.name ?? '', type: CREDENTIAL_TYPE, data },
			})
			.catch((error: Error) => error)) as FullResponse | Error;
		if (!(response instanceof Error)) {
			const reply = readVtigerReply(response.statusCode, response.body);
			// A proxy or load balancer hiccup in front of vtiger: safe to ask again for reads.
			if (reply.kind === 'invalid' && GATEWAY_STATUS.includes(reply.status) && attempt < maxRetries) {
				await sleep(backoffDelay(attempt));
				continue;
			}
			return { reply, session: sessionOf(data) };
		}
		const login = findVtigerLoginError(response);
		if (login) {
			if (!adopted) {
				adopted = true;
				const stored = sessionOf(await storedCredentials.call(this));
				if (stored !== '' && stored !== gone) {
					attempt--;
					continue;
				}
			}
			// Every other call would try (and fail) the same login: let them fail at once.
			gate.failure = apiError.call(this, call, login.message, login.description, { vtigerCode: login.vendorCode ?? '' });
			throw gate.failure;
		}
		const reason = response.message || 'no response';
		if (attempt < maxRetries) {
			await sleep(backoffDelay(attempt));
			continue;
		}
		if (!repeatable) {
			throw apiError.call(
				this,
				call,
				`${label(call)} got no answer (${reason}); it may have been carried out anyway`,
				'It was not sent again, to avoid doing it twice. Check in the CRM (e.g. with Get Many) before running this item again.',
			);
		}
		throw apiError.call(this, call, `${label(call)} could not reach the server: ${reason}`, `Check the base URL in the credential and the network. ${IP_WHITELIST_HINT}`);
	}
}

/** A server's error page could echo request data: keep the credential's secrets out of the excerpt. */
async function withoutSecrets(this: VtigerContext, reply: Extract<VtigerReply, { kind: 'invalid' }>): Promise<typeof reply> {
	const credentials = (await this.getCredentials(CREDENTIAL_TYPE).catch(() => ({}))) as ICredentialDataDecryptedObject;
	let excerpt = reply.excerpt;
	for (const secret of [credentials.sessionToken, credentials.secretAccessKey]) {
		if (typeof secret === 'string' && secret.length >= 4) excerpt = excerpt.split(secret).join('***');
	}
	return { ...reply, excerpt };
}

/**
 * After vtiger said the session `sent` is gone: the session another execution stored since,
 * if any, else a new login for this call (a copy of the credential with an empty session
 * makes n8n run preAuthentication, store the new session and send with it).
 */
async function renewSession(this: VtigerContext, gate: SessionGate, call: VtigerCall, sent: string): Promise<VtigerReply> {
	try {
		const stored = sessionOf(await storedCredentials.call(this));
		if (stored !== '' && stored !== sent) {
			const adopted = await send.call(this, gate, call);
			if (!isSessionError(adopted.reply)) return adopted.reply;
		}
		return (await send.call(this, gate, call, true)).reply;
	} finally {
		// Even when the resend failed the login may have been stored: waiting calls retry with it.
		gate.generation++;
	}
}

/**
 * One webservice call, answered with vtiger's `result`. vtiger reports a lost session
 * inside an HTTP 200 body, which n8n cannot see: such a call is resent with the session
 * another execution stored since, or else logs in again once and is resent once (safe,
 * since vtiger refused it before doing anything).
 */
export async function vtigerCall<T = unknown>(this: VtigerContext, gate: SessionGate, call: VtigerCall): Promise<T> {
	const first = await gate.enter();
	try {
		const generation = gate.generation;
		const sent = await send.call(this, gate, call);
		let reply = sent.reply;
		if (isSessionError(reply)) {
			if (first) reply = await renewSession.call(this, gate, call, sent.session);
			else if ((await gate.afterSessionError(generation)) === 'resend') reply = (await send.call(this, gate, call)).reply;
			else {
				try {
					reply = await renewSession.call(this, gate, call, sent.session);
				} finally {
					gate.unlock();
				}
			}
			if (isSessionError(reply) && reply.kind === 'error') {
				// The server loses sessions as fast as we get them: more logins would not help.
				throw (gate.failure = apiError.call(
					this,
					call,
					`${label(call)}: vtiger refused a fresh session too (${reply.code}: ${reply.message})`,
					'A new login succeeded but vtiger still rejected the session. The server may be dropping PHP sessions (session storage full or misconfigured); ask the CRM administrator.',
				));
			}
		}
		if (reply.kind === 'invalid') throw invalidReplyError.call(this, call, await withoutSecrets.call(this, reply));
		if (reply.kind === 'error') throw vendorError.call(this, call, reply);
		return reply.result as T;
	} finally {
		if (first) gate.unlock();
	}
}

export const VTIGER_PAGE_SIZE = 100;

export interface PagedQuery {
	/** A SELECT without LIMIT and without the trailing semicolon. */
	query: string;
	/** Stop after this many rows; undefined reads to the end. */
	limit?: number;
	itemIndex?: number;
	subject?: string;
	timeoutMs?: number;
	maxRetries?: number;
	/** Return early (rows so far) when this says so, e.g. a poll running out of time. */
	shouldStop?: () => boolean;
}

/**
 * Pages with LIMIT offset,100. vtiger drops rows the user may not see after applying
 * the LIMIT, so a page shorter than asked does not mean the end: only an empty page does.
 */
export async function vtigerQueryAll(this: VtigerContext, gate: SessionGate, paged: PagedQuery): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	// The same page size throughout, even when rows turn out hidden: fewer requests than chasing the remainder.
	const size = paged.limit === undefined ? VTIGER_PAGE_SIZE : Math.min(VTIGER_PAGE_SIZE, paged.limit);
	for (let offset = 0; ; offset += size) {
		const page = (await vtigerCall.call(this, gate, {
			operation: 'query',
			method: 'GET',
			params: { query: `${paged.query} LIMIT ${offset}, ${size};` },
			subject: paged.subject,
			itemIndex: paged.itemIndex,
			timeoutMs: paged.timeoutMs,
			maxRetries: paged.maxRetries,
		})) as IDataObject[];
		if (!Array.isArray(page) || page.length === 0) return rows;
		rows.push(...page);
		if (paged.limit !== undefined && rows.length >= paged.limit) return rows.slice(0, paged.limit);
		if (paged.shouldStop?.()) return rows;
	}
}
