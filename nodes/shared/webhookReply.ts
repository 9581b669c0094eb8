import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { pathSegmentProblem } from './parseInput';
import { headerValue } from './rateHint';

/*
 * Every answer is JSON that says what happened, and the trigger writes it itself
 * (noWebhookResponse), also when it starts a workflow. That order is what makes n8n 2.41 keep
 * the trigger's static data (the event ledger's seenEvents): LiveWebhooks.executeWebhook saves
 * static data in its response callback, and only when the change flag is still set. If n8n
 * answered a started workflow itself (webhookResponse, responseMode onReceived), it would first
 * start the execution, whose new Workflow wraps the same static-data object and resets that flag
 * (WorkflowRunner.establishContextForPersistence → ObservableObject.create), so nothing would be
 * saved. Answering first, the save runs before the execution starts. The price: the vendor may
 * hear 200 a few milliseconds before the save lands; a resend inside that window to the same
 * process is stopped by the ledger's in-process claim. The triggers' webhook descriptions set
 * responseData to '', or n8n would answer with the literal text "firstEntryJson".
 */

/** The webhook description every trigger of this package uses. */
export const CALLBACK_WEBHOOK = { name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'webhook' } as const;

type RawResponse = { headersSent?: boolean; writeHead: (status: number, headers: IDataObject) => void; end: (body: string) => void };

/** Answers and starts nothing. */
export function reply(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	const response = context.getResponseObject() as unknown as RawResponse;
	if (!response.headersSent) {
		response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
		response.end(JSON.stringify(body));
	}
	return { noWebhookResponse: true };
}

/** Answers 200 with `answer` and starts one execution with these items. */
export function startWith(context: IWebhookFunctions, items: INodeExecutionData[], answer: IDataObject = {}): IWebhookResponseData {
	reply(context, 200, { message: 'Workflow started', items: items.length, ...answer });
	return { workflowData: [items], noWebhookResponse: true };
}

/**
 * Answers 200 as startWith does, then lets `prepare` finish the items (downloads, bounded by its
 * own deadline) before the execution starts with them. The vendor hears its answer at once, so a
 * slow file host cannot make it time out and deliver the event again. n8n saves static data only
 * after webhook() returns, so the event ledger's settle lands then; until it does, a repeat to this
 * process is stopped by the ledger's in-process claim. `prepare` must not throw: the vendor has
 * been told the workflow started.
 */
export async function startAfter(
	context: IWebhookFunctions,
	items: INodeExecutionData[],
	answer: IDataObject,
	prepare: (items: INodeExecutionData[]) => Promise<INodeExecutionData[]>,
): Promise<IWebhookResponseData> {
	reply(context, 200, { message: 'Workflow started', items: items.length, ...answer });
	return { workflowData: [await prepare(items)], noWebhookResponse: true };
}

export type CallbackBody = { ok: true; body: IDataObject | IDataObject[] } | { ok: false; reason: string };

/**
 * The request as a JSON object (or, where the vendor batches, an array of objects). Anything
 * else is refused with a reason: n8n would otherwise spread a string into {"0": …}.
 */
export function jsonCallback(context: IWebhookFunctions, options: { allowBatch: boolean }): CallbackBody {
	const type = (headerValue(context.getHeaderData() as IDataObject, 'content-type') ?? '').toLowerCase();
	if (!/^application\/([\w.+-]+\+)?json\b/.test(type)) return { ok: false, reason: 'Content-Type must be application/json' };
	const body: unknown = context.getBodyData();
	const isObject = (value: unknown): value is IDataObject => typeof value === 'object' && value !== null && !Array.isArray(value);
	if (isObject(body)) {
		if (Object.keys(body).length === 0) return { ok: false, reason: 'the body is empty' };
		return { ok: true, body };
	}
	if (options.allowBatch && Array.isArray(body) && body.length > 0 && body.every(isObject)) return { ok: true, body };
	return { ok: false, reason: options.allowBatch ? 'the body must be a JSON object or an array of objects' : 'the body must be a JSON object' };
}

/** A required id field: a non-empty string (or a whole number, as some vendors send). */
export function idField(body: IDataObject, name: string): string | undefined {
	const value = body[name];
	if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	// Ids from a callback may be looked up in a request path (Netzme confirms a payment by its RRN or trxId).
	return /^[A-Za-z0-9_.:-]{1,128}$/.test(trimmed) && pathSegmentProblem(trimmed) === undefined ? trimmed : undefined;
}
