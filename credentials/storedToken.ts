import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { trimmedText } from './credentialText';

/**
 * A token or session that a credential keeps in its hidden expirable field, as a node's transport
 * sees it. n8n has no lock around preAuthentication, so a transport must tell the stored token from
 * the one it sent (another execution may have stored a newer one) and must be able to ask n8n for
 * a new one. Neither needs the value: the transport gets a one-way fingerprint and a way to empty
 * the field, and the token itself is read only here, in the credential's code.
 */
export interface StoredToken {
	/** '' when none is stored; otherwise a fingerprint that differs between tokens and cannot be sent in place of one. */
	fingerprint(credentials: ICredentialDataDecryptedObject): string;
	/** A copy with the field emptied: n8n runs preAuthentication for a request sent with it and writes the new token into it. */
	cleared(credentials: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject;
}

export function storedToken(field: string): StoredToken {
	return {
		fingerprint(credentials) {
			const token = trimmedText(credentials[field]);
			return token === '' ? '' : createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 32);
		},
		cleared: (credentials) => ({ ...credentials, [field]: '' }),
	};
}
