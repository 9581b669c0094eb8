import type { IDataObject, IHttpRequestOptions, IWebhookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { qontakCrmMessage } from '../../shared/qontakMessages';
import { CREDENTIAL_TYPE } from '../transport';
import type { CrmEvent } from './crmEvents';

export type RecordCheck =
	| { exists: true; record: IDataObject }
	| { exists: false }
	/** Qontak could not answer now; the sender should try again later. */
	| { unreachable: string }
	/** Qontak refused us (credential, scope, base URL): the user's to fix, so it is thrown. */
	| { error: NodeApiError };

/** The sender waits for our answer; a webhook that hangs is worse than one that asks to be retried. */
const TIMEOUT_MS = 10_000;
const TRANSIENT = [408, 429, 500, 502, 503, 504];

const HINTS: Record<number, string> = {
	401: 'Check the client ID and secret in the Mekari HMAC credential, and that this machine’s clock is right. No event is confirmed, and none starts the workflow, until Qontak accepts the credential.',
	403: 'The Mekari application needs the qontak-crm:all scope, and the credential’s CRM user SSO ID must belong to a Qontak CRM user who can see deals, contacts and companies.',
};

/** The record in a GET answer: an object, or (the contacts docs example) a one-element array. */
function recordOf(body: unknown): IDataObject | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const response = (body as IDataObject).response;
	const record = Array.isArray(response) ? response[0] : response;
	return typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as IDataObject) : undefined;
}

/**
 * Asks Qontak for the record an event names, once (the sender's retry is the retry). A CRM
 * "not found" answer (HTTP 404 with Qontak's meta envelope, as in the 404 examples of
 * https://documenter.getpostman.com/view/22728681/2sAXxV6A5V) means the
 * record does not exist; a 404 without it comes from somewhere else (a wrong base URL) and, like
 * a refused credential, is the user's to fix: an error for the caller to throw.
 */
export async function readRecord(this: IWebhookFunctions, event: CrmEvent): Promise<RecordCheck> {
	const options: IHttpRequestOptions = {
		method: 'GET',
		url: `/qontak/crm${event.path}`,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: TIMEOUT_MS,
	};
	let response: { statusCode: number; body: unknown };
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options)) as typeof response;
	} catch (error) {
		return { unreachable: (error as Error).message || 'no response' };
	}
	const { statusCode: status, body } = response;
	if (status === 200) {
		const record = recordOf(body);
		return record ? { exists: true, record } : { unreachable: `Qontak answered GET ${options.url} without the record` };
	}
	const hasMeta = typeof body === 'object' && body !== null && typeof (body as IDataObject).meta === 'object';
	if (status === 404 && hasMeta) return { exists: false };
	if (TRANSIENT.includes(status) || status > 500) return { unreachable: `HTTP ${status}: ${qontakCrmMessage(body) ?? 'no message'}` };
	const message = qontakCrmMessage(body) ?? `Qontak answered HTTP ${status}`;
	const error = new NodeApiError(this.getNode(), (typeof body === 'object' && body !== null ? body : { message }) as JsonObject, {
		message: `Qontak CRM: ${message}`,
		description:
			HINTS[status] ??
			`GET ${options.url} failed with HTTP ${status} while confirming a ${event.eventType} event. Check the credential’s environment and base URL; no event is confirmed until Qontak answers.`,
		httpCode: String(status),
	});
	return { error };
}

/** Mekari documents no CRM rate limit; five reads at a time keeps a bulk-upload batch polite. */
const CONCURRENCY = 5;

/** readRecord for each event, in order, a few at a time; after an error, no further one is asked. */
export async function readRecords(this: IWebhookFunctions, events: CrmEvent[]): Promise<RecordCheck[]> {
	const checks: RecordCheck[] = new Array(events.length);
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (next < events.length && !failed) {
			const index = next++;
			checks[index] = await readRecord.call(this, events[index]);
			if ('error' in checks[index]) failed = true;
		}
	};
	await Promise.all(Array.from({ length: Math.min(CONCURRENCY, events.length) }, worker));
	return checks.filter((check) => check !== undefined);
}
