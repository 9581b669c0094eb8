/**
 * The Netzme transport: the token session that keeps parallel executions from killing each
 * other's tokens, the signed Toko API client, and the invoice host client. All three send
 * through the shared request policy.
 */
export type { CallOptions } from './netzmeHttp';
export { CREDENTIAL_TYPE, NETZME_DEFAULTS } from './netzmeHttp';
export type { TokenSession } from './tokenSession';
export type { TokoCall, TokoResult } from './tokoClient';
export { newRequestId, tokoRequest } from './tokoClient';
export type { InvoiceCall } from './invoiceClient';
export { invoiceRequest } from './invoiceClient';
