import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { ActionNode } from '../../shared/router';
import { CREDENTIAL_TYPE, NETZME_DEFAULTS } from '../transport';
import type { TokenSession } from '../transport';
import { withoutPinInError } from './pin';
import { resources } from './resources';

/** What one execution shares between its items. */
export interface OperationContext {
	session: TokenSession;
	timeoutMs: number;
	maxRetries: number;
	/** The Netzme credential, read once per execution (client ID for PIN hashes, default merchant). */
	credentials: () => Promise<ICredentialDataDecryptedObject>;
}

export const netzmeActions: ActionNode<OperationContext> = {
	resources,
	defaults: NETZME_DEFAULTS,
	context(options) {
		let credentials: Promise<ICredentialDataDecryptedObject> | undefined;
		return {
			session: {},
			timeoutMs: options.timeoutMs,
			maxRetries: options.maxRetries,
			credentials: () => (credentials ??= this.getCredentials(CREDENTIAL_TYPE)),
		};
	},
	mapError: withoutPinInError,
};
