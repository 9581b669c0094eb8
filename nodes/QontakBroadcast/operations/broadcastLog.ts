import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import type { ItemResult } from '../../shared/itemLoop';
import { readLimit } from '../../shared/listOutput';
import { chatRequestAllItems } from '../transport';
import { isSettled, readWaitSettings, waitOptions } from './deliveryStatus';
import { readId } from './locators';
import type { ExecutionContext } from './types';

const show = { show: { resource: ['broadcast'], operation: ['getLog'] } };

export const broadcastLogProperties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'logOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Wait for Final Statuses',
				name: 'waitForFinal',
				type: 'boolean',
				default: false,
				description: 'Whether to read the log again until every recipient reaches the status below (or fails), instead of returning it as it is now',
			},
			...waitOptions('With Wait for Final Statuses on: the status every recipient must reach.'),
		],
	},
];

/** GET /broadcasts/{id}/whatsapp/log: one item per recipient, optionally once they all settled. */
export async function getBroadcastLog(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext): Promise<ItemResult> {
	const id = readId.call(this, 'broadcast', itemIndex);
	const limit = readLimit.call(this, itemIndex);
	const options = this.getNodeParameter('logOptions', itemIndex, {}) as IDataObject;
	const read = async () =>
		await chatRequestAllItems.call(
			this,
			{ method: 'GET', path: `/broadcasts/${encodeURIComponent(id)}/whatsapp/log`, itemIndex, timeoutMs: context.timeoutMs, maxRetries: context.maxRetries },
			{ limit },
		);
	if (options.waitForFinal !== true) return await read();

	const wait = readWaitSettings(options);
	const started = clock.now();
	for (;;) {
		const entries = await read();
		const settled = entries.length > 0 && entries.every((entry) => isSettled(entry.status, wait.waitUntil));
		if (settled) return entries;
		if (clock.now() - started >= wait.timeoutMs) {
			// Log entries appear some seconds after a send; an empty log still owes its item an answer.
			return entries.length ? entries : [{ messages_broadcast_id: id, entries: 0, timedOut: true }];
		}
		await clock.sleep(wait.intervalMs);
	}
}
