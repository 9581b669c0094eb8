import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { VendorVoice } from '../../shared/requestPolicy';
import { withoutSecrets } from '../withoutSecrets';
import type { TokenSession } from './tokenSession';

export const CREDENTIAL_TYPE = 'netzmeApi';

export type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IWebhookFunctions;

/** One item at a time by default: most Netzme operations move money or depend on the previous one. */
export const NETZME_DEFAULTS = { concurrency: 1, maxRetries: 3 };

export interface CallOptions {
	session: TokenSession;
	timeoutMs: number;
	maxRetries: number;
}

/** How Netzme errors read; a money movement that may have happened names what to check. */
export const NETZME_VOICE: VendorVoice = {
	name: 'Netzme',
	effect: 'carried out',
	notResent:
		'The request was not resent, so nothing moves twice. Check the merchant’s balance and transactions (or the withdrawal or notification detail) in Netzme before running this item again.',
	unreachable: 'Check the environment or base URL in the Netzme credential and the network, then retry.',
	redact: withoutSecrets,
};
