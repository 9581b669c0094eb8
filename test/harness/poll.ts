/**
 * Runs one poll of a polling trigger the way n8n does: n8n-core's real PollContext
 * (parameters, expressions, credentials with preAuthentication and persistence through
 * the test CredentialStore, request helpers), then the node type's `poll()`.
 *
 * `staticData` is the node's static data: `getWorkflowStaticData('node')` reads and
 * writes this very object, so passing the same object to consecutive polls lets them
 * see the mark the previous poll left, as n8n's saved workflow static data would.
 *
 *   const staticData = {};
 *   await runPoll({ type: 'myTrigger', parameters, credentials, store, staticData }); // first poll
 *   const { items } = await runPoll({ ...same, staticData });                        // next poll
 *
 * `mode: 'manual'` is the editor's "fetch test event" (getMode() === 'manual');
 * the default 'trigger' is an active workflow's scheduled poll.
 */
import { PollContext } from 'n8n-core';
import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';

import type { CredentialStore } from './credentialsHelper';
import { buildWorkflow, makeAdditionalData, makeNode, nodeTypes } from './runWorkflow';

export interface PollRun {
	/** What poll() returned: items to start an execution with, or null for "nothing new". */
	items: INodeExecutionData[][] | null;
	/** The node's static data after the poll (the same object that was passed in). */
	staticData: IDataObject;
}

export async function runPoll(options: {
	type: string;
	parameters: IDataObject;
	credentials?: Record<string, { id: string; name: string }>;
	store: CredentialStore;
	staticData: IDataObject;
	mode?: 'trigger' | 'manual';
	/** Defaults to the engine's 5 minutes. */
	pollBudgetMs?: number;
}): Promise<PollRun> {
	const mode = options.mode ?? 'trigger';
	const node = makeNode({ type: options.type, parameters: options.parameters, credentials: options.credentials, name: 'Trigger' });
	const workflow = buildWorkflow([node]);
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
	if (typeof nodeType.poll !== 'function') throw new Error(`${options.type} is not a polling trigger`);

	const context = new PollContext(
		workflow,
		node,
		makeAdditionalData(options.store),
		mode,
		mode === 'manual' ? 'manual' : 'activate',
		() => {
			throw new Error('runPoll returns the items; poll() must not call __emit itself');
		},
		(error) => {
			throw error;
		},
		undefined,
		undefined,
		() => options.staticData,
		options.pollBudgetMs === undefined ? undefined : () => options.pollBudgetMs!,
	);
	const items = await nodeType.poll.call(context);
	return { items, staticData: options.staticData };
}
