import { balance } from './balance';
import { deposit } from './deposit';
import { invoice } from './invoice';
import { merchant } from './merchant';
import { pin } from './pin';
import { receipt } from './receipt';
import { splitFee } from './splitFee';
import { transaction } from './transaction';
import type { NetzmeResource } from './types';
import { withdraw } from './withdraw';

export const resources: NetzmeResource[] = [merchant, balance, transaction, invoice, pin, withdraw, deposit, splitFee, receipt];

export function findOperation(resourceName: string, operationName: string) {
	const resource = resources.find((candidate) => candidate.value === resourceName);
	return resource?.operations.find((operation) => operation.value === operationName);
}
