import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { trimmedText } from './credentialText';
import { netzmePinHash } from './netzmePin';
import { secretVariants } from './secretMask';

/*
 * Per credential type: the secrets its data holds and every form they travel in, so a vendor that
 * echoes a request can be masked. The credential is the one place that knows what is secret; the
 * request policy reads the data only to call this.
 */

type Forms = (data: ICredentialDataDecryptedObject) => Array<string | undefined>;

const text = (data: ICredentialDataDecryptedObject, ...names: string[]) => names.map((name) => trimmedText(data[name]));

export const mekariSecretForms: Forms = (data) => text(data, 'clientSecret');

export const netzmeSecretForms: Forms = (data) => {
	const [clientId, clientSecret, accessToken, invoiceToken, pin, merchantId] = text(
		data,
		'clientId',
		'clientSecret',
		'accessToken',
		'invoiceToken',
		'withdrawalPinSecret',
		'defaultMerchantId',
	);
	return [
		clientSecret,
		clientSecret && Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64'),
		accessToken,
		accessToken && `Bearer ${accessToken}`,
		invoiceToken,
		invoiceToken && `custom ${invoiceToken}`,
		// The PIN itself is never sent (and 6 digits would mask amounts); its hash is.
		pin && merchantId ? netzmePinHash(clientId, merchantId, pin) : undefined,
		...text(data, 'callbackToken', 'callbackPassword'),
	];
};

export const qontakChatSecretForms: Forms = (data) => {
	const tokens = text(data, 'accessToken', 'staticAccessToken');
	return [...text(data, 'password', 'clientSecret'), ...tokens, ...tokens.map((token) => token && `Bearer ${token}`)];
};

export const vtigerSecretForms: Forms = (data) => {
	const [accessKey, session] = text(data, 'secretAccessKey', 'sessionToken');
	return [accessKey, session];
};

export const appKeySecretForms: Forms = (data) => {
	const tokens = text(data, 'userToken', 'accessToken', 'refreshToken');
	return [...tokens, ...tokens.map((token) => token && `Bearer ${token}`), ...text(data, 'privateKey')];
};

const FORMS: Record<string, Forms> = {
	mekariHmacApi: mekariSecretForms,
	netzmeApi: netzmeSecretForms,
	qontakChatApi: qontakChatSecretForms,
	abmsVtigerApi: vtigerSecretForms,
	appKeyApi: appKeySecretForms,
};

/** The secret values of a credential of `type` and their derived forms; [] for a type this package does not define. */
export function secretForms(type: string, data: ICredentialDataDecryptedObject): string[] {
	return (FORMS[type]?.(data) ?? []).filter((value): value is string => typeof value === 'string' && value !== '');
}

/** What to mask for a credential of `type`: its secret forms, each as it may appear in text (secretVariants), longest first. */
export function secretsToMask(type: string, data: ICredentialDataDecryptedObject): string[] {
	return secretVariants(secretForms(type, data));
}
