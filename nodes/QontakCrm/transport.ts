import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { backoffDelay } from '../shared/backoff';
import { clock } from '../shared/clock';

export const CREDENTIAL_TYPE = 'mekariHmacApi';
const CRM_PREFIX = '/qontak/crm';
const RETRIABLE_STATUS = [429, 502, 503, 504];

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
}

interface FullResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

const HINTS: Record<number, string> = {
	401: 'Check the client ID and secret in the Mekari HMAC credential, and that this machine’s clock is right: Mekari rejects a Date more than 300 seconds off.',
	403: 'The Mekari application needs the qontak-crm:all scope, and the credential’s CRM user SSO ID must belong to a Qontak CRM user allowed to do this.',
	404: 'The record does not exist or the CRM user cannot see it. Check the ID.',
	422: 'Qontak rejected a field value: correct the field the message names.',
	429: 'Qontak is rate limiting this account; lower the node’s concurrency or run fewer items at once.',
};

export function vendorMessage(body: unknown): string | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const { meta, message } = body as { meta?: IDataObject; message?: string };
	return (meta?.developer_message as string) || (meta?.message as string) || message;
}

function apiError(this: Context, request: QontakRequest, status: number, body: unknown, description?: string) {
	const message = vendorMessage(body) ?? `Qontak answered HTTP ${status}`;
	const errorBody = (typeof body === 'object' && body !== null ? body : { message }) as JsonObject;
	return new NodeApiError(this.getNode(), errorBody, {
		message: `Qontak CRM: ${message}`,
		description: description ?? HINTS[status] ?? `${request.method} ${CRM_PREFIX}${request.path} failed with HTTP ${status}.`,
		httpCode: String(status),
		itemIndex: request.itemIndex,
	});
}

function excerpt(body: unknown): string {
	return String(body ?? '').replace(/\s+/g, ' ').slice(0, 120);
}

/** A create that got no clear answer may exist anyway: say so instead of resending it. */
function ambiguousWrite(this: Context, request: QontakRequest, reason: string) {
	return new NodeApiError(
		this.getNode(),
		{ message: reason },
		{
			message: `Qontak CRM did not confirm ${request.method} ${CRM_PREFIX}${request.path} (${reason}); it may have been applied anyway`,
			description:
				'The request was not resent, to avoid creating a duplicate. Look the record up in Qontak (for example with Get Many and a name filter) before running this item again.',
			itemIndex: request.itemIndex,
		},
	);
}

/**
 * One Qontak CRM call, signed by the Mekari credential. 429 is retried after the wait
 * the vendor asks for (it was not processed); 502/503/504 and transport failures are
 * retried only for idempotent methods: a POST is never resent after an ambiguous failure.
 */
export async function qontakRequest(this: Context, request: QontakRequest): Promise<IDataObject> {
	const maxRetries = request.maxRetries ?? 3;
	const idempotent = request.method !== 'POST';
	for (let attempt = 0; ; attempt++) {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${CRM_PREFIX}${request.path}`,
			qs: request.qs,
			body: request.body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: request.timeoutMs ?? 30_000,
		};
		let response: FullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				options,
			)) as FullResponse;
		} catch (error) {
			if (idempotent && attempt < maxRetries) {
				await clock.sleep(backoffDelay(attempt));
				continue;
			}
			const reason = (error as Error).message || 'no response';
			if (!idempotent) throw ambiguousWrite.call(this, request, reason);
			throw new NodeApiError(this.getNode(), error as JsonObject, {
				message: `Qontak CRM could not be reached: ${reason}`,
				description: 'Check the base URL in the credential and the network, then retry.',
				itemIndex: request.itemIndex,
			});
		}

		const { statusCode: status, body, headers } = response;
		if (status < 400) {
			if (typeof body === 'object' && body !== null) return body as IDataObject;
			if (status === 204 || body === '' || body === undefined) return {};
			throw apiError.call(
				this,
				request,
				status,
				{ message: 'not JSON' },
				`Qontak answered HTTP ${status} with a body that is not JSON: "${excerpt(body)}". This is usually a gateway or maintenance page; retry later.`,
			);
		}
		const retriable = RETRIABLE_STATUS.includes(status) && (status === 429 || idempotent);
		if (retriable && attempt < maxRetries) {
			await clock.sleep(backoffDelay(attempt, headers));
			continue;
		}
		if (!idempotent && status >= 500) {
			throw ambiguousWrite.call(this, request, `HTTP ${status}: ${vendorMessage(body) ?? excerpt(body)}`);
		}
		throw apiError.call(this, request, status, body);
	}
}

export interface PageOptions {
	/** Stop after this many rows; undefined pages to the end. */
	limit?: number;
	perPage?: number;
}

/** Walks page/per_page until total_page (or an empty page): Return All and Limit both go through here. */
export async function qontakRequestAllItems(
	this: Context,
	request: QontakRequest,
	{ limit, perPage = 100 }: PageOptions = {},
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	const pageSize = Math.min(perPage, limit ?? perPage);
	for (let page = 1; ; page++) {
		const body = await qontakRequest.call(this, {
			...request,
			qs: { ...(request.qs ?? {}), page, per_page: pageSize },
		});
		const pageRows = (Array.isArray(body.response) ? body.response : []) as IDataObject[];
		for (const row of pageRows) {
			rows.push(row);
			if (limit !== undefined && rows.length >= limit) return rows;
		}
		const totalPages = Number(body.total_page ?? 0);
		if (pageRows.length === 0 || !Number.isFinite(totalPages) || page >= totalPages) return rows;
	}
}
