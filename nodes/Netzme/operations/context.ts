import { trimmedText } from '../../shared/parseInput';
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
	/** Request Options → Concurrency: how many requests this execution has at Netzme at once. */
	concurrency: number;
	/** The credential's Default Merchant ID (not a secret), read once per execution. */
	defaultMerchantId: () => Promise<string>;
}

export const netzmeActions: ActionNode<OperationContext> = {
	resources,
	defaults: NETZME_DEFAULTS,
	context(options) {
		let defaultMerchantId: Promise<string> | undefined;
		return {
			session: {},
			timeoutMs: options.timeoutMs,
			maxRetries: options.maxRetries,
			concurrency: options.concurrency,
			defaultMerchantId: async () =>
				await (defaultMerchantId ??= this.getCredentials(CREDENTIAL_TYPE).then((credentials) => trimmedText(credentials.defaultMerchantId))),
		};
	},
	mapError: withoutPinInError,
};
