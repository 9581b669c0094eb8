import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { headerValue } from './rateHint';

/*
 * Every answer is JSON that says what happened. Refusals and duplicates are written here and
 * start nothing. A started workflow is answered by n8n itself, with the trigger's
 * webhookResponse: in responseMode onReceived n8n saves the static data first and answers
 * after (LiveWebhooks.executeWebhook), so a retry sent after our answer, to any process, sees
 * the event recorded. Answering it ourselves (noWebhookResponse) would answer before the save
 * and let such a retry race it. The triggers' webhook descriptions set responseData to '', or
 * n8n would answer with the literal text "firstEntryJson".
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

/** Starts one execution with these items; n8n answers 200 with `answer` once it has saved the static data. */
export function startWith(items: INodeExecutionData[], answer: IDataObject = {}): IWebhookResponseData {
	return { workflowData: [items], webhookResponse: { message: 'Workflow started', items: items.length, ...answer } };
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
	return /^[A-Za-z0-9_.:-]{1,128}$/.test(trimmed) && !/^\.+$/.test(trimmed) ? trimmed : undefined;
}
