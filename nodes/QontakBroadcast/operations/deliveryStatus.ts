import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import { chatRequest } from '../transport';
import type { ExecutionContext } from './types';

/**
 * Broadcast-log statuses in the order a message moves through them (Qontak's Omnichannel open API,
 * https://docs.qontak.com/docs/omnichannel-hub/fe286fab4f3cf-qontak-open-api-v1-0-3).
 */
const RANK: Record<string, number> = { pending: 0, sent: 1, delivered: 2, read: 3 };

export type WaitUntil = 'sent' | 'delivered' | 'read';

/** Reached the status the user waits for, or failed (which ends every wait). */
export function isSettled(status: unknown, waitUntil: WaitUntil): boolean {
	if (status === 'failed') return true;
	const rank = RANK[String(status)];
	return rank !== undefined && rank >= RANK[waitUntil];
}

export function deliverySummary(entry: IDataObject | undefined, settled: boolean, waitedMs: number): IDataObject {
	return {
		status: entry?.status ?? 'unknown',
		settled,
		...(settled ? {} : { timedOut: true }),
		whatsapp_message_id: entry?.whatsapp_message_id ?? null,
		whatsapp_error_message: entry?.whatsapp_error_message ?? null,
		log_id: entry?.id ?? null,
		waited_seconds: Math.round(waitedMs / 100) / 10,
	};
}

export function waitOptions(prefix: string): INodeProperties[] {
	return [
		{
			displayName: 'Wait Until',
			name: 'waitUntil',
			type: 'options',
			options: [
				{ name: 'Sent', value: 'sent', description: 'WhatsApp accepted the message' },
				{ name: 'Delivered', value: 'delivered', description: 'It reached the phone' },
				{ name: 'Read', value: 'read', description: 'The recipient opened it' },
			],
			default: 'sent',
			description: `${prefix} A failure always ends the wait`,
		},
		{
			displayName: 'Wait Timeout (Seconds)',
			name: 'waitTimeout',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 1 },
			description: 'Give up waiting after this long and return the last status seen',
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			default: 5,
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			description: 'How often the broadcast log is read while waiting (log entries appear some seconds after a send)',
		},
	];
}

export interface WaitSettings {
	waitUntil: WaitUntil;
	timeoutMs: number;
	intervalMs: number;
}

export function readWaitSettings(options: IDataObject): WaitSettings {
	const waitUntil = ['sent', 'delivered', 'read'].includes(options.waitUntil as string) ? (options.waitUntil as WaitUntil) : 'sent';
	return {
		waitUntil,
		timeoutMs: Math.max(1, Number(options.waitTimeout ?? 60)) * 1000,
		intervalMs: Math.max(0.1, Number(options.pollInterval ?? 5)) * 1000,
	};
}

/** Reads each sent broadcast's log until its message settles or the wait times out; the status joins its output item. */
export async function waitForDeliveries(
	this: IExecuteFunctions,
	sent: Array<{ itemIndex: number; broadcastId: string; sentAt: number }>,
	output: INodeExecutionData[],
	wait: WaitSettings,
	context: ExecutionContext,
): Promise<void> {
	let pending = sent.map((entry) => ({ ...entry, last: undefined as IDataObject | undefined }));
	while (pending.length) {
		await clock.sleep(wait.intervalMs);
		const still: typeof pending = [];
		for (const entry of pending) {
			let logEntry = entry.last;
			let failure: string | undefined;
			try {
				const response = await chatRequest.call(this, {
					method: 'GET',
					path: `/broadcasts/${encodeURIComponent(entry.broadcastId)}/whatsapp/log`,
					qs: { offset: 1, limit: 10 },
					itemIndex: entry.itemIndex,
					timeoutMs: context.timeoutMs,
					maxRetries: context.maxRetries,
				});
				logEntry = ((response.data ?? []) as IDataObject[])[0] ?? entry.last;
			} catch (error) {
				failure = (error as Error).message;
			}
			const waited = clock.now() - entry.sentAt;
			const settled = isSettled(logEntry?.status, wait.waitUntil);
			if (settled || failure || waited >= wait.timeoutMs) {
				const delivery = deliverySummary(logEntry, settled, waited);
				if (failure) delivery.logError = failure;
				output[entry.itemIndex].json.delivery = delivery;
			} else {
				still.push({ ...entry, last: logEntry });
			}
		}
		pending = still;
	}
}
