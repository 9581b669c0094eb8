import { HookContext } from 'n8n-core';
import type { IDataObject, IHookFunctions, INodeType, IWebhookData, IWebhookDescription } from 'n8n-workflow';

import type { CredentialStore } from './credentialsHelper';
import { buildWorkflow, makeAdditionalData, makeNode, nodeTypes } from './runWorkflow';

/** The webhook id startWebhook gives its node, so a lifecycle call and the harness share a URL. */
export const WEBHOOK_ID = 'test-webhook-id';

/**
 * n8n-core's real HookContext, as n8n builds it when it activates a workflow: what a
 * trigger's checkExists / create / delete run in. `webhookBaseUrl` decides the URL they see.
 */
export function hookContext(options: {
	type: string;
	parameters: IDataObject;
	credentials?: Record<string, { id: string; name: string }>;
	store: CredentialStore;
	staticData: IDataObject;
	webhookBaseUrl?: string;
	/** 'manual' is the editor's "listen for test event"; 'trigger' an activated workflow. */
	mode?: 'manual' | 'trigger';
}): { context: IHookFunctions; methods: { checkExists: () => Promise<boolean>; create: () => Promise<boolean>; delete: () => Promise<boolean> } } {
	const node = { ...makeNode({ type: options.type, parameters: options.parameters, credentials: options.credentials }), webhookId: WEBHOOK_ID };
	const workflow = buildWorkflow([node], {}, options.staticData);
	// The workflow copies static data; write through to the caller's object like n8n's save would.
	workflow.staticData = options.staticData as typeof workflow.staticData;
	const additionalData = makeAdditionalData(options.store);
	if (options.webhookBaseUrl) additionalData.webhookBaseUrl = options.webhookBaseUrl;
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
	const description = nodeType.description.webhooks![0] as IWebhookDescription;
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: String(description.path),
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: WEBHOOK_ID,
	};
	const mode = options.mode ?? 'trigger';
	const context = new HookContext(workflow, node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate', mode === 'manual' ? { ...webhookData, isTest: true } : webhookData);
	const lifecycle = nodeType.webhookMethods!.default!;
	return {
		context,
		methods: {
			checkExists: async () => await lifecycle.checkExists.call(context),
			create: async () => await lifecycle.create.call(context),
			delete: async () => await lifecycle.delete.call(context),
		},
	};
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
	const response = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
	return { status: response.status, text: await response.text() };
}
