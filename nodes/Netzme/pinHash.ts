import { createHmac } from 'node:crypto';

/**
 * Netzme's PIN hash (specs/netzme.md §5): lower-hex HMAC-SHA256 of the 6-digit PIN, keyed by
 * the client ID and merchant ID written together with no separator.
 */
export function netzmePinHash(clientId: string, merchantId: string, pin: string): string {
	return createHmac('sha256', `${clientId}${merchantId}`).update(pin, 'utf8').digest('hex');
}
