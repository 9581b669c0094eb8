import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { secretsToMask } from '../../credentials/secretForms';
import { maskDeep, maskError, maskText } from '../../credentials/secretMask';

import { backoffDelay, MAX_BACKOFF_MS, pastCap, retryDelay, WaitTooLong } from './backoff';
import { clock } from './clock';
import { rateHintsFromHeaders } from './rateHint';
import { inRequestSlot } from './requestSlots';
import type { Exchange, HttpAnswer, PolicyRequest, VendorError, VendorVoice } from './policyTypes';
import { RESEND } from './policyTypes';

export type { CredentialSource, Exchange, HttpAnswer, PolicyRequest, VendorError, VendorVoice, Verdict } from './policyTypes';
export { RESEND } from './policyTypes';

/**
 * The one request policy every vendor transport sends through. It decides what is resent and when
 * (429 always, after the vendor's reset hint; 502/503/504 and lost answers only for idempotent
 * calls; a hint past MAX_BACKOFF_MS fails the item "rate-limited until <time>"), turns an unclear write into the one "may have happened; not resent" error, and maps every
 * vendor error to a NodeApiError in one place. A transport adds only its envelope, its hints and
 * its idempotency facts.
 */


/** Gateway and overload answers: the request most likely never reached the application. */
const RETRY_STATUSES = [502, 503, 504];
/** The first wait after a 429 that gave no reset: rate windows are a second or more. */
const RATE_LIMIT_BASE_MS = 1000;

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
 * Plain words for a failure with no HTTP answer. n8n's NodeApiError swaps any message that names
 * an errno code (ECONNRESET…) for a generic text, which would hide "may have been carried out",
 * so the codes are translated here and never passed on.
 */
export function transportReason(error: unknown): string {
	const { message, code, cause } = (error ?? {}) as { message?: string; code?: string; cause?: { code?: string } };
	const known = TRANSPORT_FAILURES[String(code ?? cause?.code ?? '').toUpperCase()];
	if (known) return known;
	return (message ?? '').replace(/\bE[A-Z_]{4,}\b:?/g, '').replace(/\s+/g, ' ').trim() || 'no response';
}

/**
 * The start of a vendor body, on one line, for a message: masked first, then cut, since a secret
 * cut mid-way no longer matches its mask. Without `mask`, secret-shaped values are still masked.
 */
export function excerpt(body: unknown, mask: (text: string) => string = maskText): string {
	const text = typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body);
	return mask(text.replace(/\s+/g, ' ')).slice(0, 120);
}

/**
 * A body a failure may be made of: an error status, text that is not JSON (a page, an echo), or an
 * envelope that reports an error with HTTP 200 (vtiger's `success: false`), which the transport
 * may turn into an error after the policy has returned.
 */
function mayBecomeError(answer: HttpAnswer): boolean {
	const { statusCode, body } = answer;
	if (statusCode >= 300) return true;
	if (typeof body === 'string') return !/^\s*[[{]/.test(body) || /"success"\s*:\s*false/.test(body);
	return isObject(body) && (body as IDataObject).success === false;
}

/** A body n8n left as text because the content type did not say JSON. */
function parsed(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** Whether an error says a write may have gone through (so it must not be repeated blindly). */
export function mayHaveBeenProcessed(error: unknown): boolean {
	return (error as NodeApiError)?.context?.mayHaveBeenProcessed === true;
}

export class RequestPolicy {
	/** The credential's secrets in every form they may be echoed in, longest first; read when a failure is near. */
	private secrets: string[] = [];

	constructor(
		private readonly node: INode,
		readonly voice: VendorVoice,
		readonly request: PolicyRequest,
	) {}

	/** `text` with every secret of the credential, and every secret-shaped value, masked. */
	readonly mask = (text: string): string => maskText(text, this.secrets);

	/** The start of a vendor body for a message, masked before it is cut. */
	excerpt(body: unknown): string {
		return excerpt(body, this.mask);
	}

	/**
	 * Reads the credential's secrets anew: a token or session fetched by preAuthentication during
	 * this request is in the stored credential only now. Only on the way to an error, so a
	 * successful call costs no extra credential read.
	 */
	private async learnSecrets(): Promise<void> {
		const source = this.request.credential;
		if (!source) return;
		try {
			const data = await source.context.getCredentials(source.type, this.request.itemIndex);
			this.secrets = secretsToMask(source.type, data);
		} catch {
			// No readable credential: the patterns still mask what looks like a secret.
		}
	}

	/** Every vendor error becomes a NodeApiError here, so what it keeps is decided in one place. */
	error({ message: said, description: advice, httpCode, body, context }: VendorError): NodeApiError {
		const message = this.mask(said);
		const description = this.mask(advice);
		const response = maskDeep(isObject(body) ? (this.voice.redact?.(body) ?? body) : { message }, this.secrets);
		const error = new NodeApiError(this.node, response as JsonObject, {
			message,
			description,
			httpCode: httpCode === undefined ? undefined : String(httpCode),
			itemIndex: this.request.itemIndex,
		});
		Object.assign(error.context, context);
		return error;
	}

	/** An HTTP error status: the vendor's message when its envelope has one, and the hint for the status. */
	httpError(answer: HttpAnswer, hint?: string): NodeApiError {
		const { statusCode: status, body } = answer;
		const said = this.voice.message?.(body) ?? `HTTP ${status} on ${this.request.request}: ${this.excerpt(body)}`;
		return this.error({
			message: `${this.voice.name}: ${said}`,
			description: hint ?? `${this.request.request} failed with HTTP ${status}.`,
			httpCode: status,
			body,
		});
	}

	/** A write without a clear answer may have gone through: say so, and never resend it. */
	unconfirmed(reason: string): NodeApiError {
		const { voice, request } = this;
		const head = voice.unconfirmed?.(request.request) ?? `${voice.name} did not confirm ${request.request}`;
		return this.error({
			message: `${head} (${reason}); it may have been ${voice.effect} anyway`,
			description: request.notResent ?? voice.notResent,
			body: { message: reason },
			context: { mayHaveBeenProcessed: true },
		});
	}

	/** A 2xx that is not the vendor's JSON (a gateway or maintenance page): unclear for a write. */
	notJson(answer: HttpAnswer): NodeApiError {
		const { statusCode: status, body } = answer;
		if (!this.request.idempotent) return this.unconfirmed(`HTTP ${status} with a body that is not JSON: "${this.excerpt(body)}"`);
		return this.error({
			message: `${this.voice.name} answered HTTP ${status} with a body that is not JSON`,
			description: `The body began "${this.excerpt(body)}". This is usually a gateway or maintenance page; retry later.`,
			httpCode: status,
		});
	}

	/** The vendor wants no request before a time further off than any wait here (backoff.ts): the item fails, saying when. */
	rateLimited(wait: WaitTooLong, httpCode?: number): NodeApiError {
		const { name } = this.voice;
		const seconds = Math.ceil(wait.waitMs / 1000);
		return this.error({
			message: `${name}: ${wait.message}`,
			description: `${name} asked for no further request for ${seconds} s, longer than the ${MAX_BACKOFF_MS / 1000} s this node waits. ${this.request.request} was not sent again; run the item again after that time, or send fewer requests.`,
			httpCode,
			context: { rateLimitedUntil: new Date(wait.until).toISOString() },
		});
	}

	private unreachable(reason: string): NodeApiError {
		return this.error({
			message: `${this.voice.name} could not be reached for ${this.request.request}: ${reason}`,
			description: this.voice.unreachable,
		});
	}

	/**
	 * Sends until the vendor answers something that is not resent, and reads that answer. Whatever
	 * it throws is masked here, the one step every error of every node passes: the secrets are read
	 * before an error is built from an answer (so excerpts are masked before they are cut), and the
	 * finished error is masked again (the vendor's words, its response, the cause).
	 */
	async run<T>(exchange: Exchange<T>): Promise<T> {
		// The request holds one of its node run's slots (found through the context it is signed from) from
		// its first send until its answer is read or its error is built, retries and their waits included.
		return await inRequestSlot(this.request.credential?.context, async () => await this.runInSlot(exchange));
	}

	private async runInSlot<T>(exchange: Exchange<T>): Promise<T> {
		const watched: Exchange<T> = {
			...exchange,
			send: async () => {
				const answer = await exchange.send();
				if (mayBecomeError(answer)) await this.learnSecrets();
				return answer;
			},
			onNoAnswer: async (error) => {
				await this.learnSecrets();
				return await exchange.onNoAnswer?.(error);
			},
		};
		try {
			return await this.exchange(watched);
		} catch (error) {
			await this.learnSecrets();
			throw maskError(error, this.secrets);
		}
	}

	private async exchange<T>(exchange: Exchange<T>): Promise<T> {
		const { idempotent, maxRetries } = this.request;
		/** The status of the last answer, for an error raised before the next send. */
		let lastStatus: number | undefined;
		for (let attempt = 0; ; ) {
			await exchange.prepare?.();
			let answer: HttpAnswer;
			try {
				answer = await exchange.send();
			} catch (error) {
				// A pacer refusing to wait that long: nothing was sent.
				if (error instanceof WaitTooLong) throw this.rateLimited(error, lastStatus);
				if ((await exchange.onNoAnswer?.(error)) === RESEND) continue;
				if (idempotent && attempt < maxRetries) {
					await clock.sleep(backoffDelay(attempt++));
					continue;
				}
				const reason = transportReason(error);
				throw idempotent ? this.unreachable(reason) : this.unconfirmed(reason);
			}
			answer = { ...answer, body: parsed(answer.body) };
			const status = answer.statusCode;
			lastStatus = status;

			const verdict = await exchange.onAnswer?.(answer, attempt);
			if (verdict === RESEND) continue;
			if (verdict !== undefined && attempt < maxRetries) {
				await clock.sleep(verdict.retryInMs);
				attempt++;
				continue;
			}
			// A 429 was refused before any processing: resending is safe even for money movement.
			if (status === 429 && attempt < maxRetries) {
				const asked = rateHintsFromHeaders(answer.headers).resetInMs ?? exchange.bodyRateHints?.(answer.body).resetInMs;
				const tooLong = pastCap(asked);
				if (tooLong) throw this.rateLimited(tooLong, status);
				const waitMs = retryDelay(attempt++, asked, RATE_LIMIT_BASE_MS);
				await (exchange.waitOutRateLimit ? exchange.waitOutRateLimit(waitMs) : clock.sleep(waitMs));
				continue;
			}
			if (RETRY_STATUSES.includes(status) && idempotent && attempt < maxRetries) {
				const tooLong = pastCap(rateHintsFromHeaders(answer.headers).resetInMs);
				if (tooLong) throw this.rateLimited(tooLong, status);
				await clock.sleep(backoffDelay(attempt++, answer.headers));
				continue;
			}
			if (status >= 500 && !idempotent && !this.voice.readsServerErrors) {
				throw this.unconfirmed(`HTTP ${status}: ${this.voice.message?.(answer.body) ?? this.excerpt(answer.body)}`);
			}
			return await exchange.read(answer);
		}
	}
}
