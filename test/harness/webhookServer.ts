/**
 * A trigger node's webhook() behind a real HTTP server on 127.0.0.1, wired the way n8n's
 * webhook process wires it, so triggers are tested through n8n-core's real WebhookContext:
 *
 *   const hook = await startWebhook({ type: 'myTrigger', parameters, credentials, store });
 *   await fetch(hook.url, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
 *   hook.emitted   // one INodeExecutionData[] per request that started the workflow
 *   hook.staticData // the workflow's static data (pass it to the next startWebhook to "restart")
 *   await hook.close();
 *
 * Per request it does what n8n 2.41's live webhooks do: parses JSON and urlencoded bodies into
 * req.body and keeps the bytes in req.rawBody, adds req.query/params and the express response
 * helpers (status/json/send/set), puts both on additionalData.httpRequest/httpResponse, builds
 * a fresh Workflow whose static data is read from the saved copy (n8n reads it from the
 * database for every request, so concurrent requests each see what was saved before them),
 * builds `new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null)` and
 * calls the node type's webhook(). Then it follows n8n's order: a node that answered itself
 * (noWebhookResponse) has the static data saved (if n8n's change flag is set) before its
 * workflowData starts an execution; without workflowData the node's webhookResponse or
 * {"message":"Webhook call received"} is sent and the data saved; with workflowData and no
 * answer of its own, the execution starts first (a new Workflow around the same static data,
 * which resets the change flag, as in n8n, so nothing is saved) and the answer is n8n's
 * onReceived one: the description's responseData (default: the literal text "firstEntryJson"),
 * else webhookResponse. Nothing is saved when webhook() threw; the answer is n8n's 500
 * {"code":0,"message":…}. The workflow itself is not run here. Credentials come from
 * the CredentialStore through the same TestCredentialsHelper as workflow runs, so
 * preAuthentication persists.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { LocalServer } from '../../simulators/localServer';
import type { CredentialStore } from './credentialsHelper';
import { buildWorkflow, makeAdditionalData, makeNode, nodeTypes } from './runWorkflow';

export interface WebhookHarness {
	/** POST (or whatever the webhook declares) here. */
	url: string;
	/** workflowData[0] of every request that started the workflow, in arrival order. */
	emitted: INodeExecutionData[][];
	/** Status and body of every answer, in arrival order. */
	responses: Array<{ status: number; body: string }>;
	/** Errors webhook() threw. */
	errors: Error[];
	/** The workflow's static data as last saved (pass it to the next startWebhook to "restart"). */
	readonly staticData: IDataObject;
	close(): Promise<void>;
}

type ExpressishResponse = ServerResponse & {
	status(code: number): ExpressishResponse;
	json(body: unknown): ExpressishResponse;
	send(body: unknown): ExpressishResponse;
	set(name: string, value: string): ExpressishResponse;
	header(name: string, value: string): ExpressishResponse;
};

function parseBody(req: IncomingMessage, raw: Buffer): IDataObject {
	const type = String(req.headers['content-type'] ?? '').toLowerCase();
	const text = raw.toString('utf8');
	if (type.includes('json')) return text.trim() === '' ? {} : (JSON.parse(text) as IDataObject);
	if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
	return {};
}

function expressish(res: ServerResponse): ExpressishResponse {
	const response = res as ExpressishResponse;
	response.status = (code) => {
		response.statusCode = code;
		return response;
	};
	response.set = (name, value) => {
		response.setHeader(name, value);
		return response;
	};
	response.header = response.set;
	response.send = (body) => {
		if (typeof body === 'object' && body !== null && !Buffer.isBuffer(body)) return response.json(body);
		response.end(body === undefined ? '' : (body as string | Buffer));
		return response;
	};
	response.json = (body) => {
		if (!response.getHeader('content-type')) response.setHeader('content-type', 'application/json; charset=utf-8');
		response.end(JSON.stringify(body));
		return response;
	};
	return response;
}

let harnessCount = 0;

export async function startWebhook(options: {
	type: string;
	parameters: IDataObject;
	credentials?: Record<string, { id: string; name: string }>;
	store: CredentialStore;
	staticData?: IDataObject;
	mode?: WorkflowExecuteMode;
	/** Which of the node's webhooks to serve; default 'default'. */
	webhookName?: string;
}): Promise<WebhookHarness> {
	const node = { ...makeNode({ type: options.type, parameters: options.parameters, credentials: options.credentials }), webhookId: 'test-webhook-id' };
	// Each harness is another workflow, as each test would be in n8n.
	const workflowId = `test-webhook-workflow-${++harnessCount}`;
	let saved = JSON.stringify(options.staticData ?? {});
	const load = () => buildWorkflow([node], {}, JSON.parse(saved) as IDataObject, workflowId);
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
	const name = options.webhookName ?? 'default';
	const description = (nodeType.description.webhooks ?? []).find((webhook) => webhook.name === name) as IWebhookDescription | undefined;
	if (!description || !nodeType.webhook) throw new Error(`${options.type} has no webhook named ${name}`);
	const mode = options.mode ?? 'webhook';

	const harness: WebhookHarness = {
		url: '',
		emitted: [],
		responses: [],
		errors: [],
		get staticData() {
			return JSON.parse(saved) as IDataObject;
		},
		close: async () => {},
	};

	const handle = async (req: IncomingMessage, raw: Buffer, res: ExpressishResponse) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		let body: IDataObject;
		try {
			body = parseBody(req, raw);
		} catch {
			res.status(400).json({ code: 400, message: 'Request body is not valid JSON' });
			return;
		}
		Object.assign(req, { body, rawBody: raw, query: Object.fromEntries(url.searchParams), params: {} });

		const additionalData = makeAdditionalData(options.store);
		Object.assign(additionalData, { httpRequest: req, httpResponse: res });
		const webhookData: IWebhookData = {
			httpMethod: (req.method ?? 'POST') as IWebhookData['httpMethod'],
			node: node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		};
		const workflow = load();
		const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);

		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook!.call(context);
		} catch (error) {
			harness.errors.push(error as Error);
			if (!res.headersSent) res.status(500).json({ code: 0, message: (error as Error).message });
			return;
		}
		// LiveWebhooks.executeWebhook saves static data in its response callback, and only while
		// n8n's change flag is set.
		const save = () => {
			if (workflow.staticData.__dataChanged !== true) return;
			const { __dataChanged, ...data } = workflow.staticData;
			saved = JSON.stringify(data);
			workflow.staticData.__dataChanged = false;
		};
		// WorkflowRunner builds the execution's Workflow around the same static-data object, and
		// ObservableObject.create resets the change flag on it: a save after this finds nothing to do.
		const startExecution = (workflowData: INodeExecutionData[][]) => {
			harness.emitted.push(workflowData[0] ?? []);
			buildWorkflow([node], {}, workflow.staticData, workflowId);
		};
		if (result.noWebhookResponse) {
			save();
			// The node promised to answer itself; a silent one would hang Netzme, so make it visible.
			if (!res.writableEnded) res.status(500).json({ code: 0, message: 'webhook() returned noWebhookResponse without answering' });
			if (result.workflowData !== undefined) startExecution(result.workflowData);
			return;
		}
		if (result.workflowData === undefined) {
			if (!res.headersSent) res.status(200).json(result.webhookResponse ?? { message: 'Webhook call received' });
			save();
			return;
		}
		startExecution(result.workflowData);
		// n8n's onReceived answer (webhook-on-received-response-extractor): the description's
		// responseData, which defaults to the literal text 'firstEntryJson', wins over webhookResponse.
		const responseData = description.responseData === undefined ? 'firstEntryJson' : description.responseData;
		if (!res.headersSent) {
			if (responseData === 'noData') res.status(200).end();
			else if (responseData) res.status(200).send(responseData);
			else res.status(200).json(result.webhookResponse ?? { message: 'Workflow was started' });
		}
		save();
	};

	const server = new LocalServer((req, res) => {
		const chunks: Buffer[] = [];
		const response = expressish(res);
		const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
		let written = '';
		res.end = ((...args: unknown[]) => {
			const chunk = args[0];
			if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) written += chunk.toString();
			harness.responses.push({ status: res.statusCode, body: written });
			return end(...args);
		}) as ServerResponse['end'];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			handle(req, Buffer.concat(chunks), response).catch((error: Error) => {
				harness.errors.push(error);
				if (!res.headersSent) response.status(500).json({ code: 0, message: error.message });
			});
		});
	});
	harness.url = `${await server.start()}/webhook/${node.webhookId}/${String(description.path)}`;
	harness.close = async () => await server.stop();
	return harness;
}
