import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { QONTAK_CHAT_LOGIN_FAILED } from '../../credentials/QontakChatApi.credentials';
import { backoffDelay } from '../shared/backoff';
import { clock } from '../shared/clock';
import type { RateHints, RatePacer } from '../shared/ratePacer';
import { rateHintsFromHeaders } from '../shared/ratePacer';

export type ChatAuthentication = 'mekariHmac' | 'qontakChat';

export const CHAT_CREDENTIAL: Record<ChatAuthentication, string> = {
	mekariHmac: 'mekariHmacApi',
	qontakChat: 'qontakChatApi',
};

/** The same resource paths sit behind a different prefix on each host (spec §1). */
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

interface FullResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
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

/** The vendor's own words: the chat envelope, the gateway's `message`, or an OAuth error. */
export function chatVendorMessage(body: unknown): string | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const { error, message, error_description: description } = body as IDataObject;
	if (typeof error === 'object' && error !== null) {
		const messages = (error as IDataObject).messages;
		if (Array.isArray(messages) && messages.length) return messages.map(String).join(', ');
	}
	if (typeof message === 'string') return message;
	if (typeof description === 'string') return description;
	return typeof error === 'string' ? error : undefined;
}

/** 429 bodies carry the limit as `name: value` strings (spec §9.3). */
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

function excerpt(body: unknown): string {
	return String(body ?? '').replace(/\s+/g, ' ').slice(0, 120);
}

function apiError(this: ChatContext, auth: ChatAuthentication, request: ChatRequest, status: number, body: unknown, description?: string) {
	const message = chatVendorMessage(body) ?? `Qontak answered HTTP ${status}`;
	return new NodeApiError(this.getNode(), (typeof body === 'object' && body !== null ? body : { message }) as JsonObject, {
		message: `Qontak Chat: ${message}`,
		description:
			description ?? HINTS[auth][status] ?? COMMON_HINTS[status] ?? `${request.method} ${fullPath(auth, request)} failed with HTTP ${status}.`,
		httpCode: String(status),
		itemIndex: request.itemIndex,
	});
}

/** A write without a clear answer may have been carried out: say so, and what to check. */
function ambiguousWrite(this: ChatContext, auth: ChatAuthentication, request: ChatRequest, reason: string) {
	const error = new NodeApiError(
		this.getNode(),
		{ message: reason },
		{
			message: `Qontak did not confirm ${request.method} ${fullPath(auth, request)} (${reason}); it may have been carried out anyway`,
			description: `It was not sent again, so nothing is done twice. ${request.checkBeforeRetry ?? 'Check in Qontak whether it took effect before running this item again.'}`,
			itemIndex: request.itemIndex,
		},
	);
	error.context.mayHaveBeenProcessed = true;
	return error;
}

export function mayHaveBeenProcessed(error: unknown): boolean {
	return (error as NodeApiError)?.context?.mayHaveBeenProcessed === true;
}

const sleepMs = async (ms: number) => {
	if (ms > 0) await clock.sleep(ms);
};

/**
 * One Qontak Chat call through the node's credential. A 429 is waited out (the vendor's
 * reset) and resent, because it was not processed. 502/503/504 and lost answers are
 * retried only for reads, updates and deletes: a POST is never sent twice after an
 * ambiguous failure. With the legacy credential a 401 goes back to n8n, which logs in
 * again and resends once.
 */
export async function chatRequest(this: ChatContext, request: ChatRequest): Promise<IDataObject> {
	const auth = authenticationOf(this);
	const maxRetries = request.maxRetries ?? 3;
	const idempotent = request.method !== 'POST';
	const release = request.pacer ? await request.pacer.acquire() : undefined;
	try {
		for (let attempt = 0; ; attempt++) {
			const headers: IDataObject = {};
			if (request.contentType) headers['Content-Type'] = request.contentType;
			const options: IHttpRequestOptions = {
				method: request.method,
				url: fullPath(auth, request),
				qs: request.qs,
				body: request.body,
				headers,
				json: true,
				returnFullResponse: true,
				// The legacy token is renewed by n8n only when a 401 is thrown; everything else comes back here.
				ignoreHttpStatusErrors: auth === 'qontakChat' ? { ignore: true, except: [401] } : true,
				timeout: request.timeoutMs ?? 30_000,
			};
			await request.pacer?.waitTurn();
			const startedAt = clock.now();
			let response: FullResponse;
			try {
				response = (await this.helpers.httpRequestWithAuthentication.call(this, CHAT_CREDENTIAL[auth], options)) as FullResponse;
			} catch (error) {
				request.pacer?.observe({}, startedAt);
				const httpCode = (error as NodeApiError).httpCode;
				const reason = (error as Error).message || 'no response';
				if (httpCode === '401' || reason.includes(QONTAK_CHAT_LOGIN_FAILED)) {
					// A fresh error: n8n hands a re-wrapped NodeApiError back unchanged, hint and all.
					throw new NodeApiError(this.getNode(), { message: reason, httpCode } as JsonObject, {
						message: reason.includes(QONTAK_CHAT_LOGIN_FAILED) ? reason : 'Qontak Chat: Unauthorized',
						description: HINTS[auth][401],
						httpCode: httpCode ?? undefined,
						itemIndex: request.itemIndex,
					});
				}
				if (idempotent && attempt < maxRetries) {
					await sleepMs(backoffDelay(attempt));
					continue;
				}
				if (!idempotent) throw ambiguousWrite.call(this, auth, request, reason);
				throw new NodeApiError(this.getNode(), { message: reason } as JsonObject, {
					message: `Qontak Chat could not be reached: ${reason}`,
					description: 'Check the base URL of the credential and the network, then retry.',
					itemIndex: request.itemIndex,
				});
			}

			const { statusCode: status, body, headers: responseHeaders } = response;
			// Any answer but a 429 used up a slot of the vendor's window.
			if (status !== 429) request.pacer?.observe(rateHintsFromHeaders(responseHeaders), startedAt);
			if (status < 400) {
				if (typeof body === 'object' && body !== null) {
					if ((body as IDataObject).status === 'error') throw apiError.call(this, auth, request, status, body);
					return body as IDataObject;
				}
				if (status === 204 || body === '' || body === undefined) return {};
				// A 2xx page that is not Qontak's answer says nothing about whether a send went through.
				if (!idempotent) throw ambiguousWrite.call(this, auth, request, `HTTP ${status} with a body that is not JSON: "${excerpt(body)}"`);
				throw apiError.call(
					this,
					auth,
					request,
					status,
					{ message: 'not JSON' },
					`Qontak answered HTTP ${status} with a body that is not JSON: "${excerpt(body)}". This is usually a gateway or maintenance page; retry later.`,
				);
			}
			if (status === 429 && attempt < maxRetries) {
				const fromHeaders = rateHintsFromHeaders(responseHeaders);
				const waitMs = fromHeaders.resetInMs ?? rateHintsFromBody(body).resetInMs ?? backoffDelay(attempt, undefined, 1000);
				if (request.pacer) request.pacer.pause(waitMs);
				else await sleepMs(waitMs + Math.min(2000, Math.max(10, waitMs * 0.1)));
				continue;
			}
			if (
				status === 422 &&
				request.retryPleaseWait &&
				attempt < maxRetries &&
				/please wait a moment/i.test(chatVendorMessage(body) ?? '')
			) {
				await sleepMs(backoffDelay(attempt, undefined, 2000));
				continue;
			}
			if ([502, 503, 504].includes(status) && idempotent && attempt < maxRetries) {
				await sleepMs(backoffDelay(attempt, responseHeaders));
				continue;
			}
			if (!idempotent && status >= 500) {
				throw ambiguousWrite.call(this, auth, request, `HTTP ${status}: ${chatVendorMessage(body) ?? excerpt(body)}`);
			}
			throw apiError.call(this, auth, request, status, body);
		}
	} finally {
		release?.();
	}
}

export interface PageOptions {
	/** Stop after this many rows; undefined reads to the end. */
	limit?: number;
	pageSize?: number;
}

/** `offset` is a 1-based page index on Qontak Chat lists; a short page is the last one. */
export async function chatRequestAllItems(
	this: ChatContext,
	request: ChatRequest,
	{ limit, pageSize = 100 }: PageOptions = {},
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	const size = Math.min(pageSize, limit ?? pageSize);
	for (let offset = 1; ; offset++) {
		const body = await chatRequest.call(this, { ...request, qs: { ...(request.qs ?? {}), offset, limit: size } });
		const page = (Array.isArray(body.data) ? body.data : []) as IDataObject[];
		for (const row of page) {
			rows.push(row);
			if (limit !== undefined && rows.length >= limit) return rows;
		}
		if (page.length < size) return rows;
	}
}
