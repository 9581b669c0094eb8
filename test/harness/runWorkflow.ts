import './safeRegex';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { CredentialStore, TestCredentialsHelper } from './credentialsHelper';
import { credentialClasses, nodeClasses, PACKAGE } from './registry';

export const nodeTypes: INodeTypes = {
	getByName(type: string) {
		const name = type.split('.').pop()!;
		const nodeType = nodeClasses[name];
		if (!nodeType) throw new Error(`Unknown node type ${type}`);
		return nodeType;
	},
	getByNameAndVersion(type: string, version?: number) {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	},
	getKnownTypes() {
		return {};
	},
};

export interface WorkflowRun {
	run: IRun;
	/** Output items of each node's first run, first output. */
	output(nodeName: string): INodeExecutionData[];
	/** The error a node threw (undefined when it succeeded). */
	error(nodeName: string): Error | undefined;
}

/** The additionalData n8n hands every execution context, with our credentials helper. */
export function makeAdditionalData(store: CredentialStore, hooks?: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
	// Plain data, no jest mocks, so benchmarks can run the same harness outside jest.
	return {
		hooks,
		credentialsHelper: new TestCredentialsHelper(store, credentialClasses),
		executionId: '1',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		userId: 'test-user',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * `timezone` is the workflow's Timezone setting (what `this.getTimezone()` answers and what
 * expressions like $now use); without it n8n's default, America/New_York.
 */
export function buildWorkflow(nodes: INode[], connections: IConnections = {}, staticData?: IDataObject, id = 'test-workflow', timezone?: string): Workflow {
	return new Workflow({
		id,
		nodes,
		connections,
		nodeTypes,
		active: false,
		staticData,
		settings: { executionOrder: 'v1', ...(timezone ? { timezone } : {}) },
	});
}

/** A node as a workflow would hold it, typed with the package prefix. */
export function makeNode(options: {
	type: string;
	parameters: IDataObject;
	credentials?: Record<string, { id: string; name: string }>;
	continueOnFail?: boolean;
	typeVersion?: number;
	name?: string;
}): INode {
	return {
		id: `${options.name ?? 'Node'}-id`,
		name: options.name ?? 'Node',
		type: `${PACKAGE}.${options.type}`,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: options.credentials,
		onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
	};
}

export async function executeWorkflow(options: {
	nodes: INode[];
	connections?: IConnections;
	input: INodeExecutionData[];
	store: CredentialStore;
	mode?: WorkflowExecuteMode;
	staticData?: IDataObject;
	/** The workflow's Timezone setting (IANA name). */
	timezone?: string;
}): Promise<WorkflowRun> {
	const workflow = buildWorkflow(options.nodes, options.connections, options.staticData, undefined, options.timezone);
	const workflowData = {
		id: workflow.id,
		name: 'test',
		active: false,
		nodes: options.nodes,
		connections: options.connections ?? {},
		settings: options.timezone ? { timezone: options.timezone } : {},
	} as unknown as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks('trigger', '1', workflowData);
	let finish: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (finish = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finish(run));

	const runExecutionData: IRunExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{ node: workflow.getStartNode()!, data: { main: [options.input] }, source: null },
			],
		},
	} as unknown as IRunExecutionData;

	await new WorkflowExecute(
		makeAdditionalData(options.store, hooks),
		options.mode ?? 'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	const run = await finished;
	return {
		run,
		output: (nodeName) => run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
		error: (nodeName) => run.data.resultData.runData[nodeName]?.[0]?.error as Error | undefined,
	};
}

/** One node, fed `input`, as a workflow of its own: the usual shape of an operation test. */
export async function runNode(options: {
	type: string;
	parameters: IDataObject;
	credentials?: Record<string, { id: string; name: string }>;
	input?: IDataObject[];
	store: CredentialStore;
	continueOnFail?: boolean;
	typeVersion?: number;
	/** The workflow's Timezone setting (IANA name). */
	timezone?: string;
}) {
	const node = makeNode(options);
	const input = (options.input ?? [{}]).map((json) => ({ json }));
	const result = await executeWorkflow({ nodes: [node], input, store: options.store, timezone: options.timezone });
	return { ...result, items: result.output('Node'), nodeError: result.error('Node') };
}

export { CredentialStore };
