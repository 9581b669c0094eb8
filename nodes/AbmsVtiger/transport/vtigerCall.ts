import { randomInt } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	NodeApiError,
} from 'n8n-workflow';

import { findVtigerLoginError } from '../../../credentials/vtigerLogin';
import type { VtigerReply } from '../../../credentials/vtigerReply';
import { IP_WHITELIST_HINT, isSessionError, readVtigerReply } from '../../../credentials/vtigerReply';
import { vtigerSession } from '../../../credentials/vtigerSession';
import { clock } from '../../shared/clock';
import type { VendorVoice } from '../../shared/requestPolicy';
import { RequestPolicy, RESEND } from '../../shared/requestPolicy';
import { sendWithCredential, storedCredential } from '../../shared/storedCredential';
import type { SessionGate } from './sessionGate';

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
	/** A "session gone" answer is the answer, not a reason to log in again: for logout. */
	keepSession?: boolean;
	/** vtiger error codes that are an answer the caller handles: the call returns a VtigerRefusal instead of failing. */
	expectedErrors?: string[];
}

/** vtiger's success:false answer with a code the caller expected (VtigerCall.expectedErrors). */
export class VtigerRefusal {
	constructor(
		readonly code: string,
		readonly message: string,
	) {}
}

/** vtiger serialises calls that share a session (PHP's session lock), so concurrency buys little. */
export const VTIGER_DEFAULTS = { concurrency: 1, maxRetries: 2 };

/**
 * Upper bound of the random wait before the first login of an execution: executions starting
 * together without a session then mostly find the one the quickest of them stored.
 */
const LOGIN_STAGGER_MS = 250;

/** Operations that change nothing, or end in the same state when repeated. */
const REPEATABLE = new Set(['revise', 'update', 'delete', 'logout']);

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

export const VTIGER_VOICE: VendorVoice = {
	name: 'ABMS vtiger',
	effect: 'carried out',
	unconfirmed: (request) => `ABMS vtiger ${request} got no answer`,
	notResent: 'It was not sent again, to avoid doing it twice. Check in the CRM (e.g. with Get Many) before running this item again.',
	unreachable: `Check the base URL in the credential and the network. ${IP_WHITELIST_HINT}`,
	readsServerErrors: true,
};

function describeCall(call: VtigerCall): string {
	return `${call.operation}${call.subject ? ` (${call.subject})` : ''}`;
}

function label(call: VtigerCall): string {
	return `ABMS vtiger ${describeCall(call)}`;
}

function policyFor(context: VtigerContext, call: VtigerCall): RequestPolicy {
	return new RequestPolicy(context.getNode(), VTIGER_VOICE, {
		request: describeCall(call),
		idempotent: call.method === 'GET' || REPEATABLE.has(call.operation),
		maxRetries: call.maxRetries ?? VTIGER_DEFAULTS.maxRetries,
		itemIndex: call.itemIndex,
		credential: { type: CREDENTIAL_TYPE, context },
	});
}

function vtigerError(policy: RequestPolicy, message: string, description: string, detail: IDataObject = {}): NodeApiError {
	return policy.error({ message, description, body: { message, ...detail } });
}

function invalidReplyError(policy: RequestPolicy, call: VtigerCall, reply: Extract<VtigerReply, { kind: 'invalid' }>): NodeApiError {
	const seen = reply.excerpt ? `with a body that is not a vtiger reply: "${reply.excerpt}"` : 'with an empty body';
	const phpError = /fatal error|parse error|uncaught|stack trace/i.test(reply.excerpt) || (reply.status >= 500 && reply.excerpt === '');
	let description: string;
	if (reply.status === 403) description = `The server refused this client. ${IP_WHITELIST_HINT}`;
	else if (phpError) {
		description = `vtiger crashed on '${call.operation}' (a PHP error on the server; vtiger 7.5 on PHP 8 fails this way for some operations). Other operations may still work. Ask the CRM administrator to check the PHP error log.`;
	} else description = `This is not a vtiger answer: check the base URL in the credential. ${IP_WHITELIST_HINT}`;
	return vtigerError(policy, `${label(call)} got HTTP ${reply.status} ${seen}`, description, { httpStatus: reply.status });
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

/** A reply and the fingerprint of the session it was sent with, so a "session gone" answer can be told from a newer stored session. */
interface Sent {
	reply: VtigerReply;
	session: string;
}

const sessionOf = (data: ICredentialDataDecryptedObject) => vtigerSession.fingerprint(data);

/**
 * Sends one call through the request policy with the stored session, or with a new login when
 * `newLogin` is set or no session is stored (n8n's preAuthentication runs on the empty field,
 * stores the session and writes it into the data sent). A login that fails while another
 * execution stored a session meanwhile is not an error: that session is used.
 */
async function send(this: VtigerContext, policy: RequestPolicy, gate: SessionGate, call: VtigerCall, newLogin = false): Promise<Sent> {
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
	let adopted = false;
	// The session known to be gone, when this is a forced new login.
	let gone = '';
	let data: ICredentialDataDecryptedObject = {};
	return await policy.run<Sent>({
		prepare: async () => {
			data = await storedCredential(this, CREDENTIAL_TYPE);
			gone = newLogin ? sessionOf(data) : '';
			if (newLogin) data = vtigerSession.cleared(data);
			else if (sessionOf(data) === '') {
				await clock.sleep(randomInt(LOGIN_STAGGER_MS));
				data = await storedCredential(this, CREDENTIAL_TYPE);
			}
			newLogin = false;
		},
		send: async () => {
			const copy = { ...options, qs: options.qs && { ...options.qs }, body: options.body && { ...(options.body as IDataObject) } };
			return await sendWithCredential(this, CREDENTIAL_TYPE, copy, data);
		},
		onNoAnswer: async (error) => {
			const login = findVtigerLoginError(error);
			if (!login) return undefined;
			if (!adopted) {
				adopted = true;
				const stored = sessionOf(await storedCredential(this, CREDENTIAL_TYPE));
				if (stored !== '' && stored !== gone) return RESEND;
			}
			// Every other call would try (and fail) the same login: let them fail at once.
			throw (gate.failure = vtigerError(policy, login.message, login.description, { vtigerCode: login.vendorCode ?? '' }));
		},
		read: (answer) => ({ reply: readVtigerReply(answer.statusCode, answer.body, policy.mask), session: sessionOf(data) }),
	});
}

/**
 * After vtiger said the session `sent` is gone: the session another execution stored since,
 * if any, else a new login for this call (a copy of the credential with an empty session
 * makes n8n run preAuthentication, store the new session and send with it).
 */
async function renewSession(this: VtigerContext, policy: RequestPolicy, gate: SessionGate, call: VtigerCall, sent: string): Promise<VtigerReply> {
	try {
		const stored = sessionOf(await storedCredential(this, CREDENTIAL_TYPE));
		if (stored !== '' && stored !== sent) {
			const adopted = await send.call(this, policy, gate, call);
			if (!isSessionError(adopted.reply)) return adopted.reply;
		}
		return (await send.call(this, policy, gate, call, true)).reply;
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
	const policy = policyFor(this, call);
	const first = await gate.enter();
	try {
		const generation = gate.generation;
		const sent = await send.call(this, policy, gate, call);
		let reply = sent.reply;
		if (isSessionError(reply) && !call.keepSession) {
			if (first) reply = await renewSession.call(this, policy, gate, call, sent.session);
			else if ((await gate.afterSessionError(generation)) === 'resend') reply = (await send.call(this, policy, gate, call)).reply;
			else {
				try {
					reply = await renewSession.call(this, policy, gate, call, sent.session);
				} finally {
					gate.unlock();
				}
			}
			if (isSessionError(reply) && reply.kind === 'error') {
				// The server loses sessions as fast as we get them: more logins would not help.
				throw (gate.failure = vtigerError(
					policy,
					`${label(call)}: vtiger refused a fresh session too (${reply.code}: ${reply.message})`,
					'A new login succeeded but vtiger still rejected the session. The server may be dropping PHP sessions (session storage full or misconfigured); ask the CRM administrator.',
				));
			}
		}
		if (reply.kind === 'invalid') throw invalidReplyError(policy, call, reply);
		if (reply.kind === 'error' && call.expectedErrors?.includes(reply.code)) return new VtigerRefusal(reply.code, policy.mask(reply.message)) as T;
		if (reply.kind === 'error') {
			throw vtigerError(policy, `${label(call)}: ${reply.message} (${reply.code})`, HINTS[reply.code] ?? 'vtiger rejected the request; the message says why.', {
				vtigerCode: reply.code,
				vtigerMessage: reply.message,
			});
		}
		return reply.result as T;
	} finally {
		if (first) gate.unlock();
	}
}
