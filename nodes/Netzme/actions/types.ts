import type { ICredentialDataDecryptedObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../shared/itemLoop';
import type { TokenSession } from '../transport';

/** What one execution shares between its items. */
export interface OperationContext {
	session: TokenSession;
	timeoutMs: number;
	maxRetries: number;
	/** The Netzme credential, read once per execution (client ID for PIN hashes, default merchant). */
	credentials: () => Promise<ICredentialDataDecryptedObject>;
}

export interface NetzmeOperation {
	value: string;
	name: string;
	action: string;
	description: string;
	/** Parameters of this operation; description.ts scopes them to its resource and operation. */
	properties: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<ItemResult>;
}

export interface NetzmeResource {
	value: string;
	name: string;
	operations: NetzmeOperation[];
}
