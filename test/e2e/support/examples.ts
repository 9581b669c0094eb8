import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { vendorDescription, type VendorAddresses } from './credentials';
import { loadSandboxScript } from './n8nRunner';
import type { WorkflowJson } from './workflow';

export interface Example {
	name: string;
	workflow: WorkflowJson;
	/** Has a Manual Trigger, so `n8n execute --id` can start it. */
	runnable: boolean;
}

/**
 * examples/*.json as `npm start` imports them (scripts/sandbox.mjs): our types as CUSTOM.<name>,
 * the sandbox credentials, Mekari's host pointed at the Qontak simulator.
 */
export function loadExamples(root: string, urls: VendorAddresses): Example[] {
	const folder = join(root, 'examples');
	if (!existsSync(folder) || !readdirSync(folder).some((file) => file.endsWith('.json'))) return [];
	return loadSandboxScript()
		.loadExamples(undefined, vendorDescription(urls))
		.map((workflow) => ({
			name: workflow.name,
			workflow: workflow as unknown as WorkflowJson,
			runnable: workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger'),
		}));
}
