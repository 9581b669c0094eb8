import { trimmedText } from '../shared/parseInput';

/**
 * The statuses Netzme's records use for money received. Netzme documents no record shape for
 * the non-SNAP lookups and list; its SNAP equivalents say SUCCESS, the invoice callback "paid",
 * and the payment callback status 100 (https://apidocs.netzme.id/api-reference/toko-netzme/).
 */
const PAID = new Set(['success', 'paid', 'settled', 'settlement', '100']);

export function isPaidStatus(status: unknown): boolean {
	return PAID.has(trimmedText(status).toLowerCase());
}
