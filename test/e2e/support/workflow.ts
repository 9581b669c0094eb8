import { randomUUID } from 'node:crypto';

export type Json = Record<string, unknown>;
export type CredentialRef = Record<string, { id: string; name: string }>;

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Json;
	credentials?: CredentialRef;
	webhookId?: string;
	executeOnce?: boolean;
	onError?: 'continueRegularOutput';
}

export interface WorkflowJson {
	id: string;
	name: string;
	active: boolean;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings: Json;
	pinData?: Json;
}

export interface StepSpec {
	name: string;
	type: string;
	parameters: Json;
	credentials?: CredentialRef;
	typeVersion?: number;
	webhookId?: string;
	/** n8n's node setting: run once with the first input item (a lookup after a list). */
	executeOnce?: boolean;
	/** n8n's "On Error" setting: 'continueRegularOutput' turns an item's error into its output item. */
	onError?: 'continueRegularOutput';
}

/** Our nodes as a custom-extension load registers them. */
export const custom = (name: string) => `CUSTOM.${name}`;

/** A node chain (first node first, each feeding the next) as `n8n import:workflow` reads it. */
export function chain(id: string, name: string, steps: StepSpec[]): WorkflowJson {
	const nodes = steps.map((step, index) => ({
		id: randomUUID(),
		name: step.name,
		type: step.type,
		typeVersion: step.typeVersion ?? 1,
		position: [index * 220, 0] as [number, number],
		parameters: step.parameters,
		...(step.credentials ? { credentials: step.credentials } : {}),
		...(step.webhookId ? { webhookId: step.webhookId } : {}),
		...(step.executeOnce ? { executeOnce: true } : {}),
		...(step.onError ? { onError: step.onError } : {}),
	}));
	const connections: WorkflowJson['connections'] = {};
	for (let index = 0; index + 1 < nodes.length; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/** Manual Trigger followed by `steps`: what `n8n execute --id` starts from. */
export function manual(id: string, name: string, steps: StepSpec[]): WorkflowJson {
	return chain(id, name, [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} }, ...steps]);
}

/** A resource locator value as the editor stores it for "By ID". */
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

/** A resource mapper value with the fields filled in by hand. */
export const mapped = (value: Json) => ({ mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] });
