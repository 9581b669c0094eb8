import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import type { Page, PageOptions } from '../../shared/paging';
import { eachPage, readSizedPages } from '../../shared/paging';
import type { HttpAnswer, VendorVoice } from '../../shared/requestPolicy';
import { RequestPolicy } from '../../shared/requestPolicy';
import { qontakCrmMessage } from '../../shared/qontakMessages';
import { sendWithRunCredential } from '../../shared/storedCredential';

export const CREDENTIAL_TYPE = 'mekariHmacApi';
const CRM_PREFIX = '/qontak/crm';

/** Qontak documents no CRM rate limit; five items in flight keeps Return All and batches polite. */
export const CRM_DEFAULTS = { concurrency: 5, maxRetries: 3 };

type Context = IExecuteFunctions | ILoadOptionsFunctions;

export interface QontakRequest {
	method: IHttpRequestMethods;
	/** Path below /qontak/crm, e.g. `/contacts/12`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	timeoutMs?: number;
	maxRetries?: number;
	/**
	 * Qontak's own 404 (its meta envelope, not the gateway's bare `{"message"}`) means "there is none"
	 * here, not a wrong ID: the answer is then `{}`.
	 */
	missingIsEmpty?: boolean;
}

const HINTS: Record<number, string> = {
	401: 'Check the client ID and secret in the Mekari HMAC credential, and that this machine’s clock is right: Mekari rejects a Date more than 300 seconds off.',
	403: 'The Mekari application needs the qontak-crm:all scope, and the credential’s CRM user SSO ID must belong to a Qontak CRM user allowed to do this.',
	404: 'The record does not exist or the CRM user cannot see it. Check the ID.',
	422: 'Qontak rejected a field value: correct the field the message names.',
	429: 'Qontak is rate limiting this account; lower the node’s concurrency or run fewer items at once.',
};

const CRM_VOICE: VendorVoice = {
	name: 'Qontak CRM',
	message: qontakCrmMessage,
	effect: 'applied',
	notResent:
		'The request was not resent, to avoid creating a duplicate. Look the record up in Qontak (for example with Get Many and a name filter) before running this item again.',
	unreachable: 'Check the base URL in the credential and the network, then retry.',
};

/** Every CRM call but a create ends in the same state when repeated. */
const isIdempotent = (method: IHttpRequestMethods) => method !== 'POST';

const isCrmEnvelope = (body: unknown) => typeof body === 'object' && body !== null && 'meta' in body;

function readCrmAnswer(policy: RequestPolicy, answer: HttpAnswer, missingIsEmpty = false): IDataObject {
	const { statusCode: status, body } = answer;
	if (status === 404 && missingIsEmpty && isCrmEnvelope(body)) return {};
	if (status >= 400) throw policy.httpError(answer, HINTS[status]);
	if (typeof body === 'object' && body !== null) return body as IDataObject;
	if (status === 204 || body === '' || body === undefined) return {};
	throw policy.notJson(answer);
}

/** One Qontak CRM call, signed by the Mekari credential, through the shared request policy. */
export async function qontakRequest(this: Context, request: QontakRequest): Promise<IDataObject> {
	const policy = new RequestPolicy(this.getNode(), CRM_VOICE, {
		request: `${request.method} ${CRM_PREFIX}${request.path}`,
		idempotent: isIdempotent(request.method),
		maxRetries: request.maxRetries ?? CRM_DEFAULTS.maxRetries,
		itemIndex: request.itemIndex,
		credential: { type: CREDENTIAL_TYPE, context: this },
	});
	return await policy.run({
		send: async () =>
			await sendWithRunCredential(this, CREDENTIAL_TYPE, {
				method: request.method,
				url: `${CRM_PREFIX}${request.path}`,
				qs: request.qs,
				body: request.body,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: request.timeoutMs ?? 30_000,
			}),
		read: (answer) => readCrmAnswer(policy, answer, request.missingIsEmpty),
	});
}

/** CRM lists page with page (1-based) and per_page, and say how many pages there are in total_page. */
async function readCrmPage(this: Context, request: QontakRequest, page: number, size: number): Promise<Page> {
	const body = await qontakRequest.call(this, { ...request, qs: { ...(request.qs ?? {}), page, per_page: size } });
	const totalPages = Number(body.total_page ?? 0);
	return {
		rows: (Array.isArray(body.response) ? body.response : []) as IDataObject[],
		last: !Number.isFinite(totalPages) || page >= totalPages,
	};
}

export async function qontakRequestAllItems(
	this: Context,
	request: QontakRequest,
	options: PageOptions = {},
): Promise<IDataObject[]> {
	const voice = { node: this.getNode(), vendor: CRM_VOICE.name, itemIndex: request.itemIndex };
	return await readSizedPages(voice, options, 100, async (index, size) => await readCrmPage.call(this, request, index + 1, size));
}

/** Every page of a CRM list, 100 rows at a time, each handed to `take` and not kept; how many pages were read. */
export async function qontakEachPage(this: Context, request: QontakRequest, take: (rows: IDataObject[]) => void): Promise<number> {
	const voice = { node: this.getNode(), vendor: CRM_VOICE.name, itemIndex: request.itemIndex };
	return await eachPage({ voice, readPage: async (index) => await readCrmPage.call(this, request, index + 1, 100) }, take);
}
