import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { HttpAnswer, VendorVoice } from '../../shared/requestPolicy';
import { withoutSecrets } from '../withoutSecrets';
import type { TokenSession } from './tokenSession';

export const CREDENTIAL_TYPE = 'netzmeApi';

export type Context = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions;

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

/**
 * The credential as stored now, to be handed back to n8n for one request. n8n decrypts anew on
 * every call, so this sees a token another execution stored meanwhile. The transport reads no
 * secret in it: it only compares token fingerprints (credentials/netzmeToken.ts) and reads the
 * client ID, which is not secret.
 */
export async function storedCredentials(this: Context): Promise<ICredentialDataDecryptedObject> {
	return { ...(await this.getCredentials(CREDENTIAL_TYPE)) };
}

/** Sends with exactly these credentials: n8n fetches a token into `data` when its token is empty. */
export async function sendWith(
	this: Context,
	options: IHttpRequestOptions,
	data: ICredentialDataDecryptedObject,
): Promise<HttpAnswer> {
	const details = this.getNode().credentials?.[CREDENTIAL_TYPE];
	return (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options, {
		credentialsDecrypted: { id: details?.id ?? '', name: details?.name ?? '', type: CREDENTIAL_TYPE, data },
	})) as HttpAnswer;
}
