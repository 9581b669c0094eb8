import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { trimmedText } from '../../shared/parseInput';
import { CREDENTIAL_TYPE } from '../transport';
import type { TokenSession } from '../transport';
import { jakartaDay } from './netzmeTime';
import type { Payment, PaymentMark } from './paymentMark';
import { advanceMark, LATE_LISTING_MS, paidPayments, startingMark } from './paymentMark';
import { readTransactionWindow } from './transactionWindow';

const DAY_MS = 24 * 3600_000;
/** How many days back "Fetch Test Event" looks for a paid transaction to show. */
const SAMPLE_DAYS = 7;

export interface PollConfig {
	merchantId: string;
	/** Extra days before the mark's day to read (invoices paid days after they were created). */
	lookBackDays: number;
	session: TokenSession;
	outOfTime: () => boolean;
}

/** The node's Merchant ID, else the credential's Default Merchant ID (not a secret). */
export async function pollMerchantId(this: IPollFunctions): Promise<string> {
	let value = trimmedText(this.getNodeParameter('merchantId', ''));
	if (value === '') value = trimmedText((await this.getCredentials(CREDENTIAL_TYPE)).defaultMerchantId);
	if (value === '') {
		throw new NodeOperationError(this.getNode(), "'Merchant ID' is required", {
			description: 'Enter the merchant ID (M_…) in the node, or set Default Merchant ID in the Netzme credential',
		});
	}
	if (!/^[A-Za-z0-9_-]+$/.test(value)) {
		throw new NodeOperationError(this.getNode(), `'Merchant ID' is not a Netzme merchant ID: ${JSON.stringify(value)}`, {
			description: 'A merchant ID looks like M_czBSCDVY: letters, digits, "_" and "-" only. Merchant → Get by Phone on the Netzme node returns it as userId.',
		});
	}
	return value;
}

async function paidBetween(this: IPollFunctions, config: PollConfig, from: number, to: number) {
	const read = await readTransactionWindow.call(this, config, jakartaDay(from), jakartaDay(Math.max(from, to)));
	const { payments, undated } = paidPayments(read.rows);
	return { payments, undated, complete: read.complete };
}

/**
 * One scheduled poll: the paid transactions not emitted before, oldest first. The first poll (or
 * the first for another merchant) only notes what is paid already. The list is read from the
 * Jakarta day of the mark (less Look Back Days) to today, so a payment made at 23:59:50 and read
 * at 00:00:30 is still found on the day before.
 */
export async function pollPayments(this: IPollFunctions, config: PollConfig, now: number): Promise<Payment[]> {
	const state = this.getWorkflowStaticData('node') as PaymentMark;
	const replace = (next: PaymentMark) => {
		for (const name of Object.keys(state)) delete state[name];
		Object.assign(state, next);
	};

	if (state.key !== config.merchantId || typeof state.floor !== 'number') {
		// The same days a later poll reads, so nothing paid already is taken for new then.
		const from = now - LATE_LISTING_MS - config.lookBackDays * DAY_MS;
		const { payments, complete } = await paidBetween.call(this, config, from, now);
		replace(startingMark(config.merchantId, payments, now, complete));
		return [];
	}

	const { payments, undated, complete } = await paidBetween.call(this, config, state.floor - config.lookBackDays * DAY_MS, now);
	if (undated.length) {
		throw new NodeOperationError(this.getNode(), `Netzme listed ${undated.length} paid transaction(s) without a paid or created time (${undated.slice(0, 3).join(', ')})`, {
			description:
				'Without a time the trigger cannot tell whether a payment is new, so it stops here rather than skip or repeat one. Check the list with Transaction → Get Many on the Netzme node and report its shape.',
		});
	}
	const { fresh, mark } = advanceMark(state, payments, now, complete);
	replace(mark);
	return fresh;
}

/** "Fetch Test Event": the newest paid transaction of today, else of the days before (up to a week). */
export async function newestPayment(this: IPollFunctions, config: PollConfig, now: number): Promise<Payment | undefined> {
	for (let daysBack = 0; daysBack < SAMPLE_DAYS; daysBack++) {
		const day = now - daysBack * DAY_MS;
		const { payments } = await paidBetween.call(this, config, day, day);
		if (payments.length) return payments[payments.length - 1];
		if (config.outOfTime()) break;
	}
	return undefined;
}
