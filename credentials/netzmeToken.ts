import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { storedToken } from './storedToken';

/** The Netzme credential's OAuth access token, which its preAuthentication fetches and n8n stores. */
export const netzmeAccessToken = storedToken('accessToken');

/** Keeps n8n from fetching an OAuth token for the invoice host, which authenticates with the invoice token instead. */
const NO_TOKEN_NEEDED = 'invoice-host-uses-the-invoice-token';

/** The credential as the invoice host needs it: without a stored token, a placeholder stands in so none is fetched. */
export function forInvoiceHost(credentials: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	return netzmeAccessToken.fingerprint(credentials) === '' ? { ...credentials, accessToken: NO_TOKEN_NEEDED } : credentials;
}
