import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { trimmedString } from './credentialText';
import type { OwnHosts } from './requestTarget';
import { absoluteBase, ownHosts } from './requestTarget';

export const NETZME_STAGING_URL = 'https://tokoapi-stg.netzme.com';
export const NETZME_PRODUCTION_URL = 'https://tokoapi.netzme.com';

/**
 * The invoice API lives on its own host per environment
 * (https://apidocs.netzme.id/api-reference/toko-netzme/authentication).
 */
const INVOICE_HOSTS: Record<string, string> = {
	[NETZME_STAGING_URL]: 'https://pay-stg.netzme.com',
	[NETZME_PRODUCTION_URL]: 'https://pay.netzme.com',
};

export const NETZME_GRANT_PATH = '/oauth/merchant/accesstoken';

/** Paths served by the invoice host, which authenticates with the static invoice token, not the signature. */
export const INVOICE_PATH_PREFIX = '/api/v1/invoice';

export function netzmeTokoUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = trimmedString(credentials.environment) || NETZME_STAGING_URL;
	if (environment !== 'custom') return environment.replace(/\/+$/, '');
	return absoluteBase(trimmedString(credentials.tokoBaseUrl), 'Netzme', 'Toko API Base URL', NETZME_STAGING_URL);
}

export function netzmeInvoiceUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = trimmedString(credentials.environment) || NETZME_STAGING_URL;
	if (environment !== 'custom') return INVOICE_HOSTS[environment] ?? INVOICE_HOSTS[NETZME_STAGING_URL];
	return absoluteBase(trimmedString(credentials.invoiceBaseUrl), 'Netzme', 'Invoice API Base URL', NETZME_STAGING_URL);
}

/** Where a bare path goes: invoice paths to the invoice host, everything else to the Toko API. */
export function netzmeBaseFor(credentials: ICredentialDataDecryptedObject): (path: string) => string {
	return (path) => (path.startsWith(INVOICE_PATH_PREFIX) ? netzmeInvoiceUrl(credentials) : netzmeTokoUrl(credentials));
}

/**
 * The configured Toko and invoice hosts, and Netzme's documented ones for both environments
 * (https://apidocs.netzme.id/api-reference/toko-netzme/authentication). Custom URLs are taken as
 * typed, so a missing one is reported where it is used as a base, not here.
 */
export function netzmeHosts(credentials: ICredentialDataDecryptedObject): OwnHosts {
	const environment = trimmedString(credentials.environment) || NETZME_STAGING_URL;
	const configured = environment === 'custom' ? [trimmedString(credentials.tokoBaseUrl), trimmedString(credentials.invoiceBaseUrl)] : [environment, INVOICE_HOSTS[environment]];
	return ownHosts('Netzme', credentials, [...configured, ...Object.keys(INVOICE_HOSTS), ...Object.values(INVOICE_HOSTS)]);
}
