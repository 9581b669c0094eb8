/**
 * The ABMS vtiger transport: vtiger's envelope and error hints, which calls are safe to repeat,
 * and the per-execution login gate. Calls send through the shared request policy.
 */
export { SessionGate } from './sessionGate';
export type { VtigerCall, VtigerContext } from './vtigerCall';
export { CREDENTIAL_TYPE, VTIGER_DEFAULTS, VtigerRefusal, vtigerCall } from './vtigerCall';
export type { PagedQuery } from './queryAll';
export { VTIGER_PAGE_SIZE, vtigerQueryAll } from './queryAll';
