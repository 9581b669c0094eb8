import { randomInt } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { NetzmePinRequest } from '../../../credentials/netzmePin';
import { findPinRefusal, PIN_REQUEST } from '../../../credentials/netzmePin';
import { netzmeAccessToken } from '../../../credentials/netzmeToken';

import type { HttpAnswer } from '../../shared/requestPolicy';
import { RequestPolicy, RESEND } from '../../shared/requestPolicy';
import { trimmedText } from '../../shared/parseInput';
import { describeStatus, isSuccessStatus } from '../statusCodes';
import type { CallOptions, Context } from './netzmeHttp';
import { sendWithCredential } from '../../shared/storedCredential';
import { CREDENTIAL_TYPE, NETZME_VOICE } from './netzmeHttp';
import type { AuthAttempts } from './tokenSession';
import { afterRejection, credentialsForAttempt, newAuthAttempts } from './tokenSession';

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
	/** The envelope body needs this merchant's PIN hash: the credential computes it and writes `body.pin`. */
	pinFor?: NetzmePinRequest;
}

export interface TokoResult {
	envelope: IDataObject;
	/** The requestId sent with a POST; Split Fee → Get looks a notification up by it. */
	requestId?: string;
}

function jakartaStamp(now: Date): string {
	const shifted = new Date(now.getTime() + 7 * 3600_000).toISOString();
	return shifted.replace(/[-:TZ.]/g, '').slice(0, 17);
}

/** `{ClientId}{yyyyMMddHHmmssSSS}{6 random digits}`: the documented shape, unique per request (a resend gets a new one). */
export function newRequestId(clientId: string, now = new Date()): string {
	return `${clientId}${jakartaStamp(now)}${String(randomInt(1_000_000)).padStart(6, '0')}`;
}

function httpHint(status: number): string {
	if (status === 404) return 'Netzme does not know this path or record. Check the IDs and the environment in the credential.';
	if (status === 400) return 'Netzme rejected the request format. Check the values of this item.';
	if (status === 403) return 'This client is not allowed to call this endpoint; ask Netzme to enable it.';
	return 'Check the values of this item and retry.';
}

/** Netzme answers HTTP 200 with its own status in the envelope; anything but success is an error. */
function readEnvelope(policy: RequestPolicy, answer: HttpAnswer): IDataObject {
	const { statusCode: status, body } = answer;
	if (status >= 400) throw policy.httpError(answer, httpHint(status));
	if (typeof body !== 'object' || body === null) throw policy.notJson(answer);
	const envelope = body as IDataObject;
	if (!isSuccessStatus(envelope)) {
		const { title, hint } = describeStatus(envelope);
		// Callers branch on Netzme's own code (e.g. 404 = no such record), not on the wording.
		throw policy.error({
			message: `Netzme: ${title}`,
			description: hint,
			httpCode: status,
			body: envelope,
			context: { netzmeStatus: String(envelope.status ?? '') },
		});
	}
	return envelope;
}

function tokenFetchError(policy: RequestPolicy, error: unknown) {
	const cause = (error as { cause?: Error }).cause;
	const message = (cause instanceof Error ? cause.message : '') || (error as Error).message;
	return policy.error({
		message: `Netzme: could not get an access token. ${message}`,
		description: 'Check the client ID, client secret and environment (or base URLs) in the Netzme credential.',
	});
}

function unauthorized(policy: RequestPolicy, auth: AuthAttempts, answer: HttpAnswer) {
	const said = policy.excerpt(answer.body);
	return policy.error({
		message: `Netzme: unauthorized${said ? `: ${said}` : ''}`,
		description: auth.contended
			? 'Other executions or systems kept requesting new tokens with the same client ID faster than this request could use one (Netzme keeps only the newest). Run it again; if it keeps happening, check that no other system uses this client ID.'
			: 'Netzme rejected a freshly issued token. Check the client secret (it signs every request), that this machine’s clock is right (Request-Time), and that no other system keeps requesting tokens with the same client ID: Netzme keeps only the newest one.',
		httpCode: answer.statusCode,
		body: answer.body,
	});
}

/**
 * One signed call to the Toko API through the shared request policy. On 401 the request is
 * re-signed and resent with the newest stored token when it differs from the rejected one
 * (another execution or item fetched it), else with a token fetched anew (see tokenSession.ts).
 */
export async function tokoRequest(this: Context, call: TokoCall, options: CallOptions): Promise<TokoResult> {
	const policy = new RequestPolicy(this.getNode(), NETZME_VOICE, {
		request: `${call.method} ${call.path}`,
		idempotent: call.idempotent,
		maxRetries: options.maxRetries,
		itemIndex: call.itemIndex,
		credential: { type: CREDENTIAL_TYPE, context: this },
	});
	let auth: AuthAttempts | undefined;
	let next: ICredentialDataDecryptedObject | 'refresh' | undefined;
	let sent: { data: ICredentialDataDecryptedObject; fetching: boolean; requestId?: string; release?: () => void } | undefined;
	return await policy.run({
		prepare: async () => {
			const { data, release } =
				next !== undefined && next !== 'refresh'
					? { data: next, release: undefined }
					: await credentialsForAttempt.call(this, options.session, next === 'refresh');
			next = undefined;
			const requestId = call.method === 'POST' ? newRequestId(trimmedText(data.clientId)) : undefined;
			sent = { data, requestId, release, fetching: release !== undefined && netzmeAccessToken.fingerprint(data) === '' };
		},
		send: async () => {
			const { data, requestId, fetching, release } = sent!;
			try {
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
				if (call.pinFor) Object.assign(request, { [PIN_REQUEST]: call.pinFor });
				return await sendWithCredential(this, CREDENTIAL_TYPE, request, data).catch((error: unknown) => {
					// The token fetch failed: the other items of this execution fail the same way at once.
					if (fetching && netzmeAccessToken.fingerprint(data) === '') options.session.tokenError = tokenFetchError(policy, error);
					throw error;
				});
			} finally {
				release?.();
			}
		},
		onNoAnswer: (error) => {
			// The credential would not hash the PIN: nothing was sent, and the fix is the node's or the credential's PIN.
			const refused = findPinRefusal(error);
			if (refused) throw new NodeOperationError(this.getNode(), refused.message, { itemIndex: call.itemIndex, description: refused.description ?? '' });
			if (sent?.fetching && netzmeAccessToken.fingerprint(sent.data) === '' && options.session.tokenError) throw options.session.tokenError;
			return undefined;
		},
		onAnswer: async (answer) => {
			if (answer.statusCode !== 401 || !sent) return undefined;
			auth ??= newAuthAttempts();
			// n8n wrote the token it fetched into `data`.
			const rejected = netzmeAccessToken.fingerprint(sent.data);
			if (sent.fetching) auth.fetched.add(rejected);
			next = await afterRejection.call(this, auth, rejected);
			if (next !== undefined) return RESEND;
			throw unauthorized(policy, auth, answer);
		},
		read: (answer) => ({ envelope: readEnvelope(policy, answer), requestId: sent?.requestId }),
	});
}
