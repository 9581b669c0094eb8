import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { HttpAnswer } from './policyTypes';

/*
 * For a transport that must tell the token or session it sent from one another execution stored
 * since (n8n has no lock around preAuthentication): it reads the credential as stored now and sends
 * with exactly that data. It reads no secret in it: credentials/storedToken.ts compares fingerprints.
 */

export type CredentialContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IWebhookFunctions;

/** The credential as stored now: n8n decrypts anew on every call, so this sees what another execution stored meanwhile. */
export async function storedCredential(context: CredentialContext, type: string): Promise<ICredentialDataDecryptedObject> {
	return { ...(await context.getCredentials(type)) };
}

/** Sends with exactly these credential data: n8n runs preAuthentication, and writes what it fetched into `data`, when its token field is empty. */
export async function sendWithCredential(
	context: CredentialContext,
	type: string,
	options: IHttpRequestOptions,
	data: ICredentialDataDecryptedObject,
): Promise<HttpAnswer> {
	const saved = context.getNode().credentials?.[type];
	return (await context.helpers.httpRequestWithAuthentication.call(context, type, options, {
		credentialsDecrypted: { id: saved?.id ?? '', name: saved?.name ?? '', type, data },
	})) as HttpAnswer;
}
