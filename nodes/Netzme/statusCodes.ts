import type { IDataObject } from 'n8n-workflow';

/**
 * Netzme's envelope status codes; 100 is success. Named on the PIN, withdraw and deposit pages of
 * https://apidocs.netzme.id/api-reference/toko-netzme/ (e.g. …/create-pin, …/withdraw) and seen in
 * clients of the Toko API; the hints are ours.
 */
export interface StatusMeaning {
	code: string;
	hint: string;
}

const MEANINGS: Record<string, StatusMeaning> = {
	'201': {
		code: 'not_allow_retry',
		hint: 'Netzme throttles this request. Wait until the time it names has passed before trying again.',
	},
	'202': {
		code: 'existing_pin_not_found',
		hint: 'The merchant has no PIN yet: run PIN → Create for this merchant first.',
	},
	'203': {
		code: 'generic_error',
		hint: 'Netzme rejected the request. Check the values the message names (merchant ID, amount, PIN).',
	},
	'301': {
		code: 'transaction_already_exist',
		hint: 'This transaction ID was already sent. Use a new transaction ID, or look the existing one up with Split Fee → Get.',
	},
	'302': {
		code: 'invalid_merchant',
		hint: 'Check the merchant ID (M_…): it must be a merchant of this aggregator client.',
	},
	'303': {
		code: 'not_enough_balance',
		hint: 'The deposit balance is too low for this amount. Top the deposit up or lower the amount.',
	},
	'404': {
		code: 'merchant_not_found',
		hint: 'Netzme found no active merchant or transaction for this value. Check the phone number, merchant ID or transaction ID.',
	},
};

export function isSuccessStatus(envelope: IDataObject): boolean {
	const { status, statusMessage } = envelope;
	if (String(statusMessage ?? '').toLowerCase() === 'failed') return false;
	// Endpoints Netzme documents no envelope for may answer without one.
	if (status === undefined || status === null) return true;
	return String(status).trim() === '100';
}

export function statusMeaning(status: unknown): StatusMeaning | undefined {
	return MEANINGS[String(status ?? '').trim()];
}

/** "<code>: <Netzme's own message>" for the error title, from whichever fields the envelope carries. */
export function describeStatus(envelope: IDataObject): { title: string; hint: string } {
	const status = String(envelope.status ?? '').trim();
	const meaning = statusMeaning(status);
	const body = (typeof envelope.body === 'object' && envelope.body !== null ? envelope.body : {}) as IDataObject;
	const detail = [body.errorCode, body.errorMessage, body.message, envelope.statusMessage]
		.map((value) => (value === undefined || value === null ? '' : String(value)))
		.filter(
			(value, index, all) =>
				value !== '' && value.toLowerCase() !== 'failed' && value !== meaning?.code && all.indexOf(value) === index,
		)
		.join(', ');
	const code = meaning?.code ?? (status ? `status ${status}` : 'failed');
	let hint = meaning?.hint ?? 'Netzme rejected the request; the message above is Netzme’s own.';
	const wait = Number(body.timeLeftInMillis);
	if (Number.isFinite(wait) && wait > 0) hint = `${hint} Netzme asks to wait ${Math.ceil(wait / 1000)} s.`;
	return { title: `${code}${status && meaning ? ` (${status})` : ''}${detail ? `: ${detail}` : ''}`, hint };
}
