import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { useQontakSimulator } from '../harness/qontakEnv';
import { CredentialStore, executeWorkflow, makeNode } from '../harness/runWorkflow';
import type { ChatOptions } from '../../simulators/qontak/chatApi';
import type { ChatLegacySimulator } from '../../simulators/qontak/chatLegacySimulator';
import { IDS } from '../../simulators/qontak/chatFixtures';
import { QontakSimulator } from '../../simulators/qontak/QontakSimulator';

export { IDS };

export const CHAT = '/qontak/chat/v1';
export const DIRECT = `${CHAT}/broadcasts/whatsapp/direct`;

/** A started Qontak simulator (CRM + chat) and a Mekari credential pointing at it, fresh per test. */
export function useChat(chat: Partial<ChatOptions> = {}) {
	return useQontakSimulator(new QontakSimulator({ chat }));
}

export type ChatEnv = ReturnType<typeof useChat>;

export interface RunOptions {
	input?: Array<IDataObject | INodeExecutionData>;
	continueOnFail?: boolean;
	credentials?: Record<string, { id: string; name: string }>;
	/** The node's version as the workflow saved it; 1 (the first) when absent. */
	typeVersion?: number;
}

const isItem = (value: IDataObject | INodeExecutionData): value is INodeExecutionData =>
	typeof (value as INodeExecutionData).json === 'object' && (value as INodeExecutionData).json !== null;

/** The Qontak Broadcast node alone in a workflow, fed `input`, through n8n-core's WorkflowExecute. */
export async function runChat(env: ChatEnv, parameters: IDataObject, options: RunOptions = {}) {
	const node = makeNode({
		type: 'qontakBroadcast',
		parameters,
		credentials: options.credentials ?? env.credentials,
		continueOnFail: options.continueOnFail,
		typeVersion: options.typeVersion,
	});
	const input = (options.input ?? [{}]).map((entry) => (isItem(entry) ? entry : { json: entry }));
	const result = await executeWorkflow({ nodes: [node], input, store: env.store });
	return { ...result, items: result.output('Node'), nodeError: result.error('Node') as (Error & { description?: string; httpCode?: string }) | undefined };
}

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export function binary(data: Buffer | string, fileName: string, mimeType: string): IBinaryData {
	const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data);
	return { data: buffer.toString('base64'), mimeType, fileName, fileExtension: fileName.split('.').pop() };
}

/** Requests the simulator received below the chat prefix, as "METHOD /path". */
export function chatCalls(sim: QontakSimulator): string[] {
	return sim.requests.filter((request) => request.path.startsWith(CHAT)).map((request) => `${request.method} ${request.path.slice(CHAT.length)}`);
}

/** The direct sends the simulator accepted, oldest first. */
export function accepted(sim: QontakSimulator) {
	return sim.chat.state.broadcasts.filter((record) => record.data.contact_list_id === null);
}

export const orderUpdate = (overrides: IDataObject = {}) => ({
	resource: 'broadcast',
	operation: 'sendDirect',
	channelIntegrationId: byId(IDS.waCloudIntegration),
	messageTemplateId: byId(IDS.orderUpdateTemplate),
	toNumber: '={{ $json.phone }}',
	toName: '={{ $json.name }}',
	templateParameters: {
		mappingMode: 'defineBelow',
		value: { body_1: '={{ $json.name }}', body_2: '={{ $json.order }}', body_3: '={{ $json.eta }}' },
	},
	...overrides,
});

export const customer = (phone: string, index = 0) => ({ phone, name: `Pelanggan ${index}`, order: `INV-${1000 + index}`, eta: 'besok' });

/**
 * A fresh credential store holding the Qontak Chat credential (OAuth password grant) for the
 * older service-chat host `legacy`, for suites that run against that host instead of the gateway.
 */
export function useLegacyChatCredential(env: ChatEnv, legacy: ChatLegacySimulator) {
	env.store = new CredentialStore();
	env.credentials = {
		qontakChatApi: env.store.add('chat-1', 'qontakChatApi', {
			baseUrl: legacy.baseUrl,
			grantType: 'password',
			username: legacy.options.username,
			password: legacy.options.password,
			clientId: legacy.options.clientId,
			clientSecret: legacy.options.clientSecret,
		}),
	};
}
