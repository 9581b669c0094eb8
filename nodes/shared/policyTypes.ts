import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { RateHints } from './rateHint';

/* What a vendor transport and the request policy (requestPolicy.ts) say to each other. */

/** What n8n's request helpers return with `returnFullResponse`. */
export interface HttpAnswer {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

/** How a vendor is named and advised in errors; one per transport. */
export interface VendorVoice {
	/** `Qontak CRM`, `Netzme`. */
	name: string;
	/** The vendor's own words in an error body, when its envelope has them. */
	message?(body: unknown): string | undefined;
	/** What a write that may have gone through may have been: `applied`, `carried out`. */
	effect: string;
	/** The first half of an unclear-write message; default `<name> did not confirm <request>`. */
	unconfirmed?(request: string): string;
	/** Why an unclear write was not resent and what to look up before running the item again. */
	notResent: string;
	/** What to check when the vendor could not be reached. */
	unreachable: string;
	/** vtiger answers every call with HTTP 200 itself; its 5xx pages (PHP, a proxy) are read, not guessed at. */
	readsServerErrors?: boolean;
	/** Strips fields that must not be kept from a vendor body stored on an error. */
	redact?(body: object): object;
}

export interface PolicyRequest {
	/** How errors name the request: `POST /qontak/crm/companies`. */
	request: string;
	/** Whether resending after a failure that may have reached the vendor is harmless. */
	idempotent: boolean;
	maxRetries: number;
	itemIndex?: number;
	/** This request's own advice after an unclear write, instead of the voice's. */
	notResent?: string;
	/** The credential the request is signed with: its secrets (and their derived forms) are masked in every error. */
	credential?: CredentialSource;
}

/** Where the policy reads the decrypted credential, only to ask it (credentials/secretForms.ts) what is secret. */
export interface CredentialSource {
	type: string;
	context: { getCredentials(type: string, itemIndex?: number): Promise<ICredentialDataDecryptedObject> };
}

export interface VendorError {
	message: string;
	description: string;
	httpCode?: number | string;
	/** What the vendor answered, kept as the error's response; else `{ message }`. */
	body?: unknown;
	/** Facts callers branch on, e.g. Netzme's own status code. */
	context?: IDataObject;
}

/** Send again at once: not a retry (a renewed token or session), so it does not count. */
export const RESEND = 'resend';
/** What a vendor's hook decides before the common rules: resend, retry after a wait, or leave it to the policy. */
export type Verdict = typeof RESEND | { retryInMs: number } | undefined;

/** One request's conversation with the vendor, as the transport knows it. */
export interface Exchange<T> {
	/** Gets what the next send needs (stored credentials, a session); its errors are not lost answers and pass through. */
	prepare?(): Promise<void>;
	/** Sends the request once, signed anew; throws when no answer came. */
	send(): Promise<HttpAnswer>;
	/** A failure without an answer that is the vendor's own (a failed login): throw, resend, or leave it. */
	onNoAnswer?(error: unknown): Promise<Verdict> | Verdict;
	/** An answer that is the vendor's own case (a token to renew, "please wait"): throw, resend, retry, or leave it. */
	onAnswer?(answer: HttpAnswer, attempt: number): Promise<Verdict> | Verdict;
	/** Rate hints in a 429 body, for a vendor that puts them there instead of in headers. */
	bodyRateHints?(body: unknown): RateHints;
	/** Waits out a 429; default: sleeps. A pacer holds back every later call instead. */
	waitOutRateLimit?(waitMs: number): Promise<void>;
	/** Reads an answer that is not resent: the vendor's envelope, or its error. */
	read(answer: HttpAnswer): T | Promise<T>;
}
