import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/*
 * Triggers answer every request themselves, with JSON that says what happened. Left to n8n,
 * responseMode onReceived answers with the literal text "firstEntryJson" (the description's
 * responseData default) whatever webhookResponse says. Answering first also makes n8n save the
 * static data before it creates the execution (webhook-helpers: the response callback runs at
 * once for noWebhookResponse), which narrows the window for duplicates across processes.
 */

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

/** Answers 200 and starts one execution with these items. */
export function startWith(context: IWebhookFunctions, items: INodeExecutionData[], message = 'Workflow started'): IWebhookResponseData {
	reply(context, 200, { message, items: items.length });
	return { noWebhookResponse: true, workflowData: [items] };
}

export type CallbackBody = { ok: true; body: IDataObject | IDataObject[] } | { ok: false; reason: string };

/**
 * The request as a JSON object (or, where the vendor batches, an array of objects). Anything
 * else is refused with a reason: n8n would otherwise spread a string into {"0": …}.
 */
export function jsonCallback(context: IWebhookFunctions, options: { allowBatch: boolean }): CallbackBody {
	const type = String(context.getHeaderData()['content-type'] ?? '').toLowerCase();
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
