import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import { runPerItem } from '../../shared/itemLoop';
import type { Operation } from '../../shared/operation';
import { fieldError } from '../../shared/parseInput';
import { isPaidStatus } from '../paidStatus';
import { withoutSecrets } from '../withoutSecrets';
import type { TokoResult } from '../transport';
import { tokoRequest } from '../transport';
import type { OperationContext } from './context';
import { invoiceStatusCall, invoiceTrxId, invoiceTrxIdProperty } from './invoiceStatus';
import { shapeResult } from './output';
import { withoutPinInError } from './pin';
import { simplifyProperty } from './properties';

/**
 * The bounds of a wait.
 * - At least 5 s between checks: a buyer needs longer than that to scan a QR code and confirm in
 *   their bank app, and every check is a signed call on the one token all executions share.
 * - At most 5 min between checks, so a payment is seen within minutes.
 * - At most 1 hour in all: the execution (and in queue mode a worker's slot) stays busy the whole
 *   time, and an hour is the invoice's own default lifetime (Expire In, 3600 s). A longer wait
 *   belongs to the Netzme Trigger's Invoice Paid event, which holds nothing while it waits.
 */
export const WAIT_BOUNDS = {
	minIntervalSeconds: 5,
	maxIntervalSeconds: 300,
	minTimeoutMinutes: 1,
	maxTimeoutMinutes: 60,
};

/** An unpaid invoice's end (the SNAP equivalent documents INIT / SUCCESS / CLOSED). */
const CLOSED = new Set(['CLOSED', 'EXPIRED']);

export type StoppedBecause = 'paid' | 'expired' | 'timedOut' | 'cancelled';

const waitProperties: INodeProperties[] = [
	{
		displayName:
			'The execution stays running while it waits, up to Give Up After, and each item is checked on its own. n8n’s Wait node cannot do this: it pauses the whole execution and resumes without re-checking. For waits longer than an hour, use the Netzme Trigger’s Invoice Paid event.',
		name: 'waitNotice',
		type: 'notice',
		default: '',
	},
	invoiceTrxIdProperty,
	{
		displayName: 'Check Every (Seconds)',
		name: 'intervalSeconds',
		type: 'number',
		default: 10,
		typeOptions: { minValue: WAIT_BOUNDS.minIntervalSeconds, maxValue: WAIT_BOUNDS.maxIntervalSeconds, numberPrecision: 0 },
		description: `How long to wait between two status checks, from ${WAIT_BOUNDS.minIntervalSeconds} to ${WAIT_BOUNDS.maxIntervalSeconds} seconds`,
	},
	{
		displayName: 'Give Up After (Minutes)',
		name: 'timeoutMinutes',
		type: 'number',
		default: 15,
		typeOptions: { minValue: WAIT_BOUNDS.minTimeoutMinutes, maxValue: WAIT_BOUNDS.maxTimeoutMinutes, numberPrecision: 0 },
		description: `Stop waiting after this long, from ${WAIT_BOUNDS.minTimeoutMinutes} to ${WAIT_BOUNDS.maxTimeoutMinutes} minutes; the item then comes out with stoppedBecause "timedOut"`,
	},
	simplifyProperty,
];

function boundedNumber(this: IExecuteFunctions, name: string, label: string, range: [number, number], itemIndex: number): number {
	const value = this.getNodeParameter(name, itemIndex) as unknown;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < range[0] || number > range[1]) {
		fieldError(this.getNode(), itemIndex,
			`'${label}' must be a whole number from ${range[0]} to ${range[1]} (got ${JSON.stringify(value)})`,
			`Enter '${label}' within ${range[0]}–${range[1]}; a longer wait belongs to the Netzme Trigger’s Invoice Paid event`,
		);
	}
	return number;
}

/** Calls every item's wait off at once: a failed item without Continue On Fail, or a cancelled execution. */
class Stop {
	called = false;
	private readonly sleepers = new Set<() => void>();

	call(): void {
		this.called = true;
		for (const wake of this.sleepers) wake();
		this.sleepers.clear();
	}

	/** Sleeps on the node's clock, waking early when the wait is called off. */
	async pause(ms: number): Promise<void> {
		if (this.called) return;
		await new Promise<void>((resolve) => {
			this.sleepers.add(resolve);
			void clock.sleep(ms).then(() => {
				this.sleepers.delete(resolve);
				resolve();
			});
		});
	}
}

function stopReason(body: IDataObject, now: number, deadline: number): StoppedBecause | undefined {
	const status = String(body.status ?? '').trim().toUpperCase();
	if (isPaidStatus(status)) return 'paid';
	// An unpaid invoice past its expiredTs is CLOSED: it can no longer be paid.
	if (CLOSED.has(status)) return 'expired';
	if (now >= deadline) return 'timedOut';
	return undefined;
}

function outcome(this: IExecuteFunctions, result: TokoResult, stoppedBecause: StoppedBecause, statusChecks: number, itemIndex: number): IDataObject {
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const state = simplify ? shapeResult.call(this, result, itemIndex) : withoutSecrets(result.envelope);
	return { ...state, stoppedBecause, statusChecks };
}

interface Shared {
	context: OperationContext;
	stop: Stop;
}

/** One item: checks the status now, then every interval, until paid, closed or expired, or the deadline. */
async function waitForItem(this: IExecuteFunctions, itemIndex: number, shared: Shared): Promise<IDataObject> {
	const trxId = invoiceTrxId.call(this, itemIndex);
	const intervalMs =
		boundedNumber.call(this, 'intervalSeconds', 'Check Every (Seconds)', [WAIT_BOUNDS.minIntervalSeconds, WAIT_BOUNDS.maxIntervalSeconds], itemIndex) * 1000;
	const timeoutMs =
		boundedNumber.call(this, 'timeoutMinutes', 'Give Up After (Minutes)', [WAIT_BOUNDS.minTimeoutMinutes, WAIT_BOUNDS.maxTimeoutMinutes], itemIndex) * 60_000;
	const deadline = clock.now() + timeoutMs;
	// The deadline ends the loop; this cap holds even on a clock that does not move.
	const maxChecks = Math.ceil(timeoutMs / intervalMs) + 1;
	for (let checks = 1; ; checks++) {
		const result = await tokoRequest.call(this, invoiceStatusCall(trxId, itemIndex), shared.context);
		const body = (result.envelope.body ?? {}) as IDataObject;
		const reason = stopReason(body, clock.now(), deadline) ?? (checks >= maxChecks ? 'timedOut' : undefined);
		if (reason) return outcome.call(this, result, reason, checks, itemIndex);
		await shared.stop.pause(Math.min(intervalMs, deadline - clock.now()));
		if (shared.stop.called) return outcome.call(this, result, 'cancelled', checks, itemIndex);
	}
}

/**
 * Every item waits at the same time: a wait holds no item slot, so ten invoices take as long as
 * the slowest, not ten times as long. Request Options → Concurrency still bounds how many status
 * checks are at Netzme at once (the run's request slots). A failed item (without Continue On Fail) or a cancelled
 * execution calls the other waits off at once.
 *
 * Not putExecutionToWait: it parks the whole execution until a time, and n8n resumes it by
 * running the waiting node again disabled (its input passed through unchanged), so a node
 * cannot check the invoice again after the pause, nor wait per item.
 */
async function waitForAll(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const stop = new Stop();
	const cancelled = this.getExecutionCancelSignal();
	if (cancelled?.aborted) stop.call();
	cancelled?.addEventListener('abort', () => stop.call(), { once: true });
	const shared: Shared = { context, stop };
	const continueOnFail = this.continueOnFail();
	return await runPerItem.call(
		this,
		items,
		async (itemIndex) => {
			try {
				return await waitForItem.call(this, itemIndex, shared);
			} catch (error) {
				if (!continueOnFail) stop.call();
				throw withoutPinInError(error);
			}
		},
		{ concurrency: Math.max(1, items.length) },
	);
}

export const waitUntilPaid: Operation<OperationContext> = {
	value: 'waitUntilPaid',
	name: 'Wait Until Paid',
	action: 'Wait until an invoice is paid',
	description: 'Check an invoice’s status at an interval until it is paid or expired, or until a time limit; the execution stays running meanwhile',
	properties: waitProperties,
	executeAll: waitForAll,
};
