import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { HttpAnswer } from './policyTypes';

export type CredentialContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IWebhookFunctions | IHookFunctions;

/*
 * How a transport hands n8n the credential data a request is signed with. n8n's helper, left to
 * itself, reads the credential anew for every request: a database read, a decryption and an
 * expression pass (about a tenth of the Qontak CRM node's time per item in a real n8n, measured
 * with npm run bench:n8n -- --profile). Passing the data spares that, and n8n still runs
 * preAuthentication on it (writing a fetched token into it, and into its store) before it calls
 * the credential's authenticate.
 */

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
	return await send(context, type, options, asDecrypted(context, type, data));
}

function asDecrypted(context: CredentialContext, type: string, data: ICredentialDataDecryptedObject): ICredentialsDecrypted {
	const saved = context.getNode().credentials?.[type];
	return { id: saved?.id ?? '', name: saved?.name ?? '', type, data };
}

async function send(context: CredentialContext, type: string, options: IHttpRequestOptions, credential: ICredentialsDecrypted): Promise<HttpAnswer> {
	return (await context.helpers.httpRequestWithAuthentication.call(context, type, options, {
		credentialsDecrypted: credential,
	})) as HttpAnswer;
}

/**
 * The credential of each type, read once per node run. Keyed by the run's own context object (n8n
 * makes one per node run and drops it afterwards), so it is never shared with another execution or
 * worker: nothing here outlives the run, and a token still comes from and goes to n8n's store.
 */
const readThisRun = new WeakMap<object, Map<string, Promise<ICredentialsDecrypted>>>();

function credentialOfRun(context: CredentialContext, type: string): Promise<ICredentialsDecrypted> {
	const byType = readThisRun.get(context) ?? new Map<string, Promise<ICredentialsDecrypted>>();
	readThisRun.set(context, byType);
	const known = byType.get(type);
	if (known) return known;
	const credential = storedCredential(context, type).then((data) => asDecrypted(context, type, data));
	byType.set(type, credential);
	// A failed read is not kept: the next request reads again, and fails or succeeds on its own.
	credential.catch(() => byType.get(type) === credential && byType.delete(type));
	return credential;
}

/**
 * Sends with the credential as this node run first read it. For a credential whose data does not
 * change under the run (Mekari's client secret), or whose token n8n itself renews into that same
 * data after a 401 (the legacy Qontak Chat token): n8n's preAuthentication updates the object every
 * later request of the run signs with.
 */
export async function sendWithRunCredential(context: CredentialContext, type: string, options: IHttpRequestOptions): Promise<HttpAnswer> {
	return await send(context, type, options, await credentialOfRun(context, type));
}
