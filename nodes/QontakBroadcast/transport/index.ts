import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	NodeApiError,
} from 'n8n-workflow';

import { QONTAK_CHAT_LOGIN_FAILED } from '../../../credentials/QontakChatApi.credentials';
import { afterReset, backoffDelay } from '../../shared/backoff';
import { clock } from '../../shared/clock';
import type { PageOptions } from '../../shared/paging';
import { readSizedPages } from '../../shared/paging';
import type { RatePacer } from '../../shared/ratePacer';
import type { RateHints } from '../../shared/rateHint';
import { rateHintsFromHeaders } from '../../shared/rateHint';
import type { HttpAnswer, Verdict, VendorVoice } from '../../shared/requestPolicy';
import { RequestPolicy } from '../../shared/requestPolicy';
import { qontakChatMessage } from '../../shared/qontakMessages';
import { sendWithRunCredential } from '../../shared/storedCredential';

export { mayHaveBeenProcessed } from '../../shared/requestPolicy';

export type ChatAuthentication = 'mekariHmac' | 'qontakChat';

export const CHAT_CREDENTIAL: Record<ChatAuthentication, string> = {
	mekariHmac: 'mekariHmacApi',
	qontakChat: 'qontakChatApi',
};

/** The same resource paths sit behind a different prefix on each host (README, Qontak Broadcast). */
const PREFIX: Record<ChatAuthentication, string> = {
	mekariHmac: '/qontak/chat/v1',
	qontakChat: '/api/open/v1',
};

export type ChatContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;

/** Reads overlap five at a time; writes and sends never overlap (see the router). */
export const CHAT_DEFAULTS = { concurrency: 5, maxRetries: 3 };

export function authenticationOf(context: ChatContext): ChatAuthentication {
	const value =
		'getInputData' in context
			? context.getNodeParameter('authentication', 0, 'mekariHmac')
			: (context as ILoadOptionsFunctions).getNodeParameter('authentication', 'mekariHmac');
	return value === 'qontakChat' ? 'qontakChat' : 'mekariHmac';
}

export interface ChatRequest {
	method: IHttpRequestMethods;
	/** Below the API prefix, e.g. `/rooms/{id}`; with `root`, from the host root (`/version`). */
	path: string;
	root?: boolean;
	qs?: IDataObject;
	/** JSON, or a ready multipart body with its `contentType`. */
	body?: IDataObject | Buffer;
	contentType?: string;
	itemIndex?: number;
	timeoutMs?: number;
	maxRetries?: number;
	/** Paces the call (direct broadcasts) and learns from the vendor's rate hints. */
	pacer?: RatePacer;
	/** Retry Qontak's "please wait a moment" 422 on bulk sends (it was not processed). */
	retryPleaseWait?: boolean;
	/** Said when a write got no clear answer: what to look up before running the item again. */
	checkBeforeRetry?: string;
}

const HINTS: Record<ChatAuthentication, Record<number, string>> = {
	mekariHmac: {
		401: 'Check the client ID and secret of the Mekari HMAC credential, and this machine’s clock: Mekari rejects a Date more than 300 seconds off.',
		403: 'The Mekari application needs the qontak-chat:all scope (or this operation’s own scope, such as qontak-chat:broadcasts:whatsapp:direct).',
	},
	qontakChat: {
		401: 'Qontak refused the access token even after a fresh login. Check the Qontak Chat credential (username and password, or the copied access token).',
		403: 'The Qontak Chat user of this credential may not do this; use a supervisor or owner account.',
	},
};

const COMMON_HINTS: Record<number, string> = {
	404: 'Qontak does not know this ID. Pick the record from the list, or check the ID.',
	422: 'Qontak rejected the request: correct what the message names.',
	429: 'Qontak is rate limiting this organisation (direct broadcasts: 60 per minute). Send fewer items per run or lower Max Broadcasts per Minute.',
};

/**
 * 429 bodies carry the limit as `name: value` strings in `error.messages`, e.g.
 * `rate_limit_reset: 10` (README, Send Direct).
 */
export function rateHintsFromBody(body: unknown): RateHints {
	const messages = (((body as IDataObject)?.error as IDataObject)?.messages ?? []) as unknown[];
	const read = (name: string) => {
		const line = messages.map(String).find((text) => text.startsWith(`${name}:`));
		const value = line === undefined ? NaN : Number(line.slice(name.length + 1).trim());
		return Number.isFinite(value) ? value : undefined;
	};
	const reset = read('rate_limit_reset');
	return {
		limit: read('rate_limit_limit'),
		remaining: read('rate_limit_remaining'),
		resetInMs: reset === undefined ? undefined : reset * 1000,
	};
}

function fullPath(auth: ChatAuthentication, request: ChatRequest): string {
	return request.root ? request.path : `${PREFIX[auth]}${request.path}`;
}

const CHAT_VOICE: VendorVoice = {
	name: 'Qontak Chat',
	message: qontakChatMessage,
	effect: 'carried out',
	unconfirmed: (request) => `Qontak did not confirm ${request}`,
	notResent: 'It was not sent again, so nothing is done twice. Check in Qontak whether it took effect before running this item again.',
	unreachable: 'Check the base URL of the credential and the network, then retry.',
};

/** Reads, updates and deletes end in the same state when repeated; a POST creates or sends. */
const isIdempotent = (method: IHttpRequestMethods) => method !== 'POST';

/**
 * The legacy credential's 401 comes back as a thrown error after n8n logged in again and resent
 * once, and a failed login is thrown by preAuthentication: neither was carried out, neither is
 * resent, and the user needs the credential hint rather than n8n's generic text.
 */
function refusedLogin(policy: RequestPolicy, auth: ChatAuthentication, error: unknown): NodeApiError | undefined {
	const httpCode = (error as NodeApiError).httpCode;
	const reason = (error as Error).message || 'no response';
	if (httpCode !== '401' && !reason.includes(QONTAK_CHAT_LOGIN_FAILED)) return undefined;
	// A fresh error: n8n hands a re-wrapped NodeApiError back unchanged, hint and all.
	return policy.error({
		message: reason.includes(QONTAK_CHAT_LOGIN_FAILED) ? reason : 'Qontak Chat: Unauthorized',
		description: HINTS[auth][401],
		httpCode: httpCode ?? undefined,
		body: { message: reason, httpCode },
	});
}

/** Qontak's "please wait a moment" 422 on bulk sends was not processed: wait and send again. */
function pleaseWait(request: ChatRequest, answer: HttpAnswer, attempt: number): Verdict {
	if (answer.statusCode !== 422 || !request.retryPleaseWait) return undefined;
	if (!/please wait a moment/i.test(qontakChatMessage(answer.body) ?? '')) return undefined;
	return { retryInMs: backoffDelay(attempt, undefined, 2000) };
}

function readChatAnswer(policy: RequestPolicy, auth: ChatAuthentication, answer: HttpAnswer): IDataObject {
	const { statusCode: status, body } = answer;
	const hint = () => HINTS[auth][status] ?? COMMON_HINTS[status];
	if (status >= 400) throw policy.httpError(answer, hint());
	if (typeof body === 'object' && body !== null) {
		if ((body as IDataObject).status === 'error') throw policy.httpError(answer, hint());
		return body as IDataObject;
	}
	if (status === 204 || body === '' || body === undefined) return {};
	// A 2xx page that is not Qontak's answer says nothing about whether a send went through.
	throw policy.notJson(answer);
}

/**
 * One Qontak Chat call through the node's credential and the shared request policy. A paced call
 * waits its turn and reports the vendor's rate hints to the pacer; with the legacy credential a
 * 401 goes back to n8n, which logs in again and resends once.
 */
export async function chatRequest(this: ChatContext, request: ChatRequest): Promise<IDataObject> {
	const auth = authenticationOf(this);
	const { pacer } = request;
	const policy = new RequestPolicy(this.getNode(), CHAT_VOICE, {
		request: `${request.method} ${fullPath(auth, request)}`,
		idempotent: isIdempotent(request.method),
		maxRetries: request.maxRetries ?? CHAT_DEFAULTS.maxRetries,
		itemIndex: request.itemIndex,
		notResent: request.checkBeforeRetry && `It was not sent again, so nothing is done twice. ${request.checkBeforeRetry}`,
		credential: { type: CHAT_CREDENTIAL[auth], context: this },
	});
	const release = pacer ? await pacer.acquire() : undefined;
	try {
		return await policy.run({
			send: async () => {
				await pacer?.waitTurn();
				const startedAt = clock.now();
				const answer = await sendWithRunCredential(this, CHAT_CREDENTIAL[auth], {
						method: request.method,
						url: fullPath(auth, request),
						qs: request.qs,
						body: request.body,
						headers: request.contentType ? { 'Content-Type': request.contentType } : {},
						json: true,
						returnFullResponse: true,
						// The legacy token is renewed by n8n only when a 401 is thrown; everything else comes back here.
						ignoreHttpStatusErrors: auth === 'qontakChat' ? { ignore: true, except: [401] } : true,
						timeout: request.timeoutMs ?? 30_000,
					}).catch((error: unknown) => {
						pacer?.observe({}, startedAt);
						throw error;
					});
				// Any answer but a 429 used up a slot of the vendor's window.
				if (answer.statusCode !== 429) pacer?.observe(rateHintsFromHeaders(answer.headers), startedAt);
				return answer;
			},
			onNoAnswer: (error) => {
				const refused = refusedLogin(policy, auth, error);
				if (refused) throw refused;
				return undefined;
			},
			onAnswer: (answer, attempt) => pleaseWait(request, answer, attempt),
			bodyRateHints: rateHintsFromBody,
			// Qontak rounds its reset to whole seconds: wait a margin past it, at most 2 s, and never past the cap.
			waitOutRateLimit: async (waitMs) =>
				pacer ? pacer.pause(waitMs) : await clock.sleep(afterReset(waitMs, 2000)),
			read: (answer) => readChatAnswer(policy, auth, answer),
		});
	} finally {
		release?.();
	}
}

/** `offset` is a 1-based page index on Qontak Chat lists; a short page is the last one. */
export async function chatRequestAllItems(
	this: ChatContext,
	request: ChatRequest,
	options: PageOptions = {},
): Promise<IDataObject[]> {
	const voice = { node: this.getNode(), vendor: CHAT_VOICE.name, itemIndex: request.itemIndex };
	return await readSizedPages(voice, options, 100, async (index, size) => {
		const body = await chatRequest.call(this, { ...request, qs: { ...(request.qs ?? {}), offset: index + 1, limit: size } });
		const rows = (Array.isArray(body.data) ? body.data : []) as IDataObject[];
		return { rows, last: rows.length < size };
	});
}
