import { createHash, randomInt } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { trimmedText } from './credentialText';
import { IP_WHITELIST_HINT, readVtigerReply } from './vtigerReply';
import type { VtigerReply } from './vtigerReply';

export const ABMS_BASE_URL = 'https://app.abms.co';

/** The login proof: lower-case md5 hex of the challenge token followed by the access key. */
export function vtigerAccessKeyHash(token: string, accessKey: string): string {
	return createHash('md5').update(`${token}${accessKey}`, 'utf8').digest('hex');
}

/** Users paste the app URL, the URL with a slash, or the full webservice.php URL: all mean the same instance. */
export function vtigerBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const url = String(credentials.baseUrl || ABMS_BASE_URL).trim();
	return url.replace(/\/+$/, '').replace(/\/webservice\.php$/i, '').replace(/\/+$/, '');
}

export function vtigerEndpoint(credentials: ICredentialDataDecryptedObject): string {
	return `${vtigerBaseUrl(credentials)}/webservice.php`;
}

/**
 * A login that did not produce a session. It carries its own hint and no HTTP
 * status field, so n8n's NodeApiError wrapper keeps this message instead of a
 * generic status text. The access key is never part of it.
 */
export class VtigerLoginError extends Error {
	readonly vtigerLoginError = true;

	constructor(
		message: string,
		readonly description: string,
		readonly vendorCode?: string,
	) {
		super(message);
		this.name = 'VtigerLoginError';
	}
}

const LOGIN_HINTS: Record<string, string> = {
	ACCESS_DENIED: 'vtiger does not know this user name. Use the login name shown in My Preferences (not the e-mail address, unless that is the login).',
	INVALID_USER_CREDENTIALS:
		'The access key is wrong or the user is inactive. Copy the Webservice Access Key from My Preferences (a 16-character value, not the password) into the credential. If the key is right, another integration logging in as the same user at that moment can also cause this: run it again.',
	ACCESSKEY_UNDEFINED: 'This user has no webservice access key yet. Generate one in My Preferences, or ask the CRM administrator.',
	INVALID_AUTH_TOKEN:
		'The login challenge was replaced by another login for the same user (another workflow or tool logged in at the same moment). Run it again; if it keeps happening, give each integration its own vtiger user.',
};

export interface VtigerSession {
	sessionName: string;
	userId: string;
	vtigerVersion: string;
}

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

interface FullResponse {
	statusCode: number;
	body: unknown;
}

function invalidReplyError(step: string, endpoint: string, reply: Extract<VtigerReply, { kind: 'invalid' }>): VtigerLoginError {
	const seen = reply.excerpt ? `: "${reply.excerpt}"` : ' with an empty body';
	return new VtigerLoginError(
		`${endpoint} did not answer ${step} as a vtiger webservice (HTTP ${reply.status}${seen})`,
		`${reply.status === 403 ? 'The server refused this client. ' : ''}${IP_WHITELIST_HINT} Also check the base URL: it is the address you open the CRM at, e.g. ${ABMS_BASE_URL}.`,
	);
}

async function call(
	httpRequest: HttpRequest,
	endpoint: string,
	step: string,
	options: Omit<IHttpRequestOptions, 'url'>,
): Promise<Exclude<VtigerReply, { kind: 'invalid' }>> {
	const response = (await httpRequest({
		...options,
		url: endpoint,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		json: true,
		timeout: 30_000,
	}).catch((error: Error) => error)) as FullResponse | Error;
	// A firewall that drops unknown IPs shows up as a connection that never completes.
	if (response instanceof Error) {
		throw new VtigerLoginError(
			`Could not reach ${endpoint} for ${step}: ${response.message}`,
			`Check the base URL and that this n8n server can reach it. ${IP_WHITELIST_HINT}`,
		);
	}
	const reply = readVtigerReply(response.statusCode, response.body);
	if (reply.kind === 'invalid') throw invalidReplyError(step, endpoint, reply);
	return reply;
}

function loginFailure(step: string, reply: Extract<VtigerReply, { kind: 'error' }>): VtigerLoginError {
	return new VtigerLoginError(
		`vtiger ${step} failed: ${reply.message} (${reply.code})`,
		LOGIN_HINTS[reply.code] ?? 'Check the user name and access key in the ABMS vtiger credential.',
		reply.code,
	);
}

async function attemptLogin(httpRequest: HttpRequest, credentials: ICredentialDataDecryptedObject): Promise<VtigerReply> {
	const endpoint = vtigerEndpoint(credentials);
	const username = trimmedText(credentials.username);
	const challenge = await call(httpRequest, endpoint, 'getchallenge', {
		method: 'GET',
		qs: { operation: 'getchallenge', username },
	});
	if (challenge.kind === 'error') throw loginFailure('getchallenge', challenge);
	const token = (challenge.result as IDataObject | undefined)?.token;
	if (typeof token !== 'string' || token === '') {
		throw new VtigerLoginError('vtiger getchallenge answered without a token', 'The server is not a vtiger webservice, or it is misconfigured.');
	}
	const form = new URLSearchParams({
		operation: 'login',
		username,
		accessKey: vtigerAccessKeyHash(token, trimmedText(credentials.secretAccessKey)),
	});
	return await call(httpRequest, endpoint, 'login', {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: form.toString(),
	});
}

/**
 * A challenge replaced by a concurrent getchallenge for the same user answers INVALID_AUTH_TOKEN:
 * each getchallenge replaces the user's previous token (include/Webservices/AuthToken.php of
 * vtiger 7.5.0, https://github.com/IT-Solutions4You/defalto/tree/1bb03aedbc28890ed45b575190f59738d8de923a).
 * Executions starting together without a session all log in at once (n8n has no lock around
 * preAuthentication), so this earns a few more attempts, each after a growing random wait that
 * spreads the logins apart.
 */
const LOST_CHALLENGE = 'INVALID_AUTH_TOKEN';
const MAX_LOGIN_ATTEMPTS = 6;
/**
 * A server comparing against the newest challenge only says INVALID_USER_CREDENTIALS instead,
 * which is also what a wrong access key gets: one more attempt, never more, so a wrong key
 * does not hammer the login.
 */
const AMBIGUOUS_LOGIN_FAILURE = 'INVALID_USER_CREDENTIALS';
const RETRY_WAIT_MS = { first: 100, max: 1_600 };

function retryWait(retry: number): number {
	const ceiling = Math.min(RETRY_WAIT_MS.max, RETRY_WAIT_MS.first * 2 ** retry);
	return randomInt(Math.floor(ceiling / 4), ceiling + 1);
}

/**
 * getchallenge, then login with md5(token + access key). A challenge lost to a concurrent
 * login is retried a bounded number of times with jittered backoff; a failure that may be a
 * wrong key is retried once.
 */
export async function vtigerLogin(httpRequest: HttpRequest, credentials: ICredentialDataDecryptedObject): Promise<VtigerSession> {
	if (!trimmedText(credentials.username) || !trimmedText(credentials.secretAccessKey)) {
		throw new VtigerLoginError('The ABMS vtiger credential needs a user name and an access key', 'Fill in both fields of the credential.');
	}
	let reply = await attemptLogin(httpRequest, credentials);
	let ambiguousRetried = false;
	for (let attempt = 1; reply.kind === 'error' && attempt < MAX_LOGIN_ATTEMPTS; attempt++) {
		if (reply.code === AMBIGUOUS_LOGIN_FAILURE && !ambiguousRetried) ambiguousRetried = true;
		else if (reply.code !== LOST_CHALLENGE) break;
		await sleep(retryWait(attempt - 1));
		reply = await attemptLogin(httpRequest, credentials);
	}
	if (reply.kind === 'error') throw loginFailure('login', reply);
	const result = (reply.kind === 'success' ? reply.result : undefined) as IDataObject | undefined;
	// Stock vtiger answers sessionName; ABMS's documentation shows sessionId.
	const session = result?.sessionName ?? result?.sessionId;
	if (typeof session !== 'string' || session === '') {
		throw new VtigerLoginError('vtiger login answered without a session', 'The login result has neither sessionName nor sessionId; the server may not be a vtiger webservice.');
	}
	return {
		sessionName: session,
		userId: typeof result?.userId === 'string' ? result.userId : '',
		vtigerVersion: result?.vtigerVersion === undefined ? '' : String(result.vtigerVersion),
	};
}

/** Walks an error's cause chain (n8n wraps what preAuthentication throws) to the login failure, if any. */
export function findVtigerLoginError(error: unknown): VtigerLoginError | undefined {
	let current = error as { cause?: unknown; vtigerLoginError?: boolean } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (current.vtigerLoginError === true) return current as unknown as VtigerLoginError;
		current = current.cause as typeof current;
	}
	return undefined;
}
