import { createHash, timingSafeEqual } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export type CallbackAuthMode = 'none' | 'headerToken' | 'basicAuth';

export type AuthVerdict = { ok: true } | { ok: false; reason: string } | { ok: false; misconfigured: string };

/** Equal-time comparison that also hides the expected length: both sides are hashed first. */
export function safeEqual(given: string, expected: string): boolean {
	const a = createHash('sha256').update(given, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}

function header(headers: Record<string, unknown>, name: string): string {
	const value = headers[name];
	return Array.isArray(value) ? String(value[0] ?? '') : value === undefined ? '' : String(value);
}

export function checkCallbackAuth(
	mode: CallbackAuthMode,
	headers: Record<string, unknown>,
	credentials: ICredentialDataDecryptedObject | undefined,
): AuthVerdict {
	if (mode === 'none') return { ok: true };
	if (mode === 'headerToken') {
		const expected = String(credentials?.callbackToken ?? '');
		if (!expected) return { ok: false, misconfigured: 'Callback Token' };
		return safeEqual(header(headers, 'x-callback-token'), expected) ? { ok: true } : { ok: false, reason: 'x-callback-token does not match' };
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
	const userOk = safeEqual(givenUser, user);
	const passwordOk = safeEqual(givenPassword, password);
	return userOk && passwordOk ? { ok: true } : { ok: false, reason: 'Basic auth does not match' };
}
