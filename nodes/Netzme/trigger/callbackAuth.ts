import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { headerValue } from '../../shared/rateHint';
import { secretsMatch } from '../../shared/webhookSecret';

export type CallbackAuthMode = 'none' | 'headerToken' | 'basicAuth';

export type AuthVerdict = { ok: true } | { ok: false; reason: string } | { ok: false; misconfigured: string };

const header = (headers: Record<string, unknown>, name: string) => headerValue(headers as IDataObject, name) ?? '';

/**
 * Whether a callback carries the secret agreed with Netzme. The one place a node reads a credential
 * secret: n8n gives a credential no hook for incoming requests, so the webhook compares it itself.
 */
export function checkCallbackAuth(
	mode: CallbackAuthMode,
	headers: Record<string, unknown>,
	credentials: ICredentialDataDecryptedObject | undefined,
): AuthVerdict {
	if (mode === 'none') return { ok: true };
	if (mode === 'headerToken') {
		const expected = String(credentials?.callbackToken ?? '');
		if (!expected) return { ok: false, misconfigured: 'Callback Token' };
		return secretsMatch(expected, header(headers, 'x-callback-token')) ? { ok: true } : { ok: false, reason: 'x-callback-token does not match' };
	}
	const user = String(credentials?.callbackUsername ?? '');
	const password = String(credentials?.callbackPassword ?? '');
	if (!user || !password) return { ok: false, misconfigured: 'Callback Username and Callback Password' };
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header(headers, 'authorization'));
	const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
	const colon = decoded.indexOf(':');
	const givenUser = colon === -1 ? '' : decoded.slice(0, colon);
	const givenPassword = colon === -1 ? '' : decoded.slice(colon + 1);
	// Both compared every time, so timing does not tell which half was wrong.
	const userOk = secretsMatch(user, givenUser);
	const passwordOk = secretsMatch(password, givenPassword);
	return userOk && passwordOk ? { ok: true } : { ok: false, reason: 'Basic auth does not match' };
}
