import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import type { CredentialStore } from './credentialsHelper';
import { buildWorkflow, makeAdditionalData, makeNode } from './runWorkflow';

/**
 * The context n8n gives a node's methods (loadOptions, listSearch, resourceMapping)
 * while the user edits `parameters` in the editor: real credentials path included.
 */
export function loadOptionsContext(options: {
	type: string;
	parameters: IDataObject;
	credentials?: Record<string, { id: string; name: string }>;
	store: CredentialStore;
}): ILoadOptionsFunctions {
	const node = makeNode(options);
	const workflow = buildWorkflow([node]);
	const additionalData = makeAdditionalData(options.store);
	(additionalData as unknown as IDataObject).currentNodeParameters = options.parameters;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters');
}
