import { createHmac } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { trimmedText } from './credentialText';
import type { AnyRequest } from './requestTarget';

/**
 * Netzme's PIN hash (https://apidocs.netzme.id/api-reference/toko-netzme/create-pin): lower-hex
 * HMAC-SHA256 of the 6-digit PIN, keyed by the client ID and merchant ID written together with no
 * separator.
 */
export function netzmePinHash(clientId: string, merchantId: string, pin: string): string {
	return createHmac('sha256', `${clientId}${merchantId}`).update(pin, 'utf8').digest('hex');
}

/**
 * The request property a Netzme node sets when the envelope body needs the merchant's PIN hash.
 * The credential consumes it: it hashes the PIN typed in the node, or else its own Withdrawal PIN,
 * writes the hash as the envelope body's `pin` and drops the property, so no PIN goes on the wire
 * and the node never reads the credential's PIN.
 */
export const PIN_REQUEST = 'netzmePin';

export interface NetzmePinRequest {
	merchantId: string;
	/** The PIN typed in the node; '' means the credential's Withdrawal PIN. */
	pin: string;
}

export const PIN_MUST_BE_SIX_DIGITS = "'PIN' must be exactly 6 digits";

/** How to fix a PIN that is not 6 digits; the PIN itself is never shown. */
export function pinFix(typedInNode: boolean): string {
	return typedInNode
		? 'Enter the merchant’s 6-digit numeric PIN (the value is not shown here on purpose)'
		: 'Enter the merchant’s 6-digit PIN here, or set Withdrawal PIN in the Netzme credential';
}

/** The credential refused to hash the PIN, before anything was sent. */
export class NetzmePinRefused extends UserError {
	readonly netzmePinRefused = true;

	constructor(typedInNode: boolean) {
		super(PIN_MUST_BE_SIX_DIGITS, { description: pinFix(typedInNode) });
	}
}

/** Walks an error's cause chain (n8n wraps what authenticate throws) to a PIN refusal, if any. */
export function findPinRefusal(error: unknown): NetzmePinRefused | undefined {
	let current = error as { cause?: unknown; netzmePinRefused?: boolean } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (current.netzmePinRefused === true) return current as unknown as NetzmePinRefused;
		current = current.cause as typeof current;
	}
	return undefined;
}

/** The request with the PIN hash in its envelope body, when it asked for one; otherwise unchanged. */
export function withPinHash(request: AnyRequest, credentials: ICredentialDataDecryptedObject): AnyRequest {
	const wanted = (request as unknown as IDataObject)[PIN_REQUEST] as NetzmePinRequest | undefined;
	if (wanted === undefined) return request;
	const rest = { ...request };
	delete (rest as unknown as IDataObject)[PIN_REQUEST];
	const typed = trimmedText(wanted.pin);
	const pin = typed || trimmedText(credentials.withdrawalPinSecret);
	if (!/^\d{6}$/.test(pin)) throw new NetzmePinRefused(typed !== '');
	const envelope = request.body as IDataObject | undefined;
	if (typeof envelope !== 'object' || envelope === null || typeof envelope.body !== 'object' || envelope.body === null) {
		throw new UserError('A Netzme request asking for a PIN hash needs a JSON envelope with a body object');
	}
	const hash = netzmePinHash(trimmedText(credentials.clientId), trimmedText(wanted.merchantId), pin);
	return { ...rest, body: { ...envelope, body: { ...(envelope.body as IDataObject), pin: hash } } };
}
