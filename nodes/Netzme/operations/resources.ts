import { balance } from './balance';
import { deposit } from './deposit';
import { invoice } from './invoice';
import { merchant } from './merchant';
import { pin } from './pin';
import { receipt } from './receipt';
import { splitFee } from './splitFee';
import { transaction } from './transaction';
import { withdraw } from './withdraw';

export const resources = [merchant, balance, transaction, invoice, pin, withdraw, deposit, splitFee, receipt];
