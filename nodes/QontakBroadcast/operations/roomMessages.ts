import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../shared/itemLoop';
import { readLimit } from '../../shared/listOutput';
import { fieldError } from '../../shared/parseInput';
import { chatRequestAllItems } from '../transport';
import { attachmentOptions, readAttachmentPolicy, withAttachments } from './attachmentDownload';
import { readId } from './locators';
import type { ExecutionContext } from './types';

const show = { show: { resource: ['room'], operation: ['getMessages'] } };

export const roomMessagesProperties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'messageOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: attachmentOptions,
	},
];

/**
 * GET /rooms/{id}/messages: one item per message, with each media message's file in binary
 * `data` when asked. The path is named only by third-party clients, not by Qontak's OpenAPI file;
 * it is paged like the other lists (offset and limit).
 */
export async function getRoomMessages(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext): Promise<ItemResult> {
	const id = readId.call(this, 'room', itemIndex);
	const limit = readLimit.call(this, itemIndex);
	// Checked before the call, so a typo in the options costs no request.
	const policy = readAttachmentPolicy(this.getNodeParameter('messageOptions', itemIndex, {}) as IDataObject, context.timeoutMs);
	if (policy && 'problem' in policy) fieldError(this.getNode(), itemIndex, policy.problem, policy.fix);
	const messages = await chatRequestAllItems.call(
		this,
		{ method: 'GET', path: `/rooms/${encodeURIComponent(id)}/messages`, itemIndex, timeoutMs: context.timeoutMs, maxRetries: context.maxRetries },
		{ limit },
	);
	if (!policy) return messages;
	return await withAttachments(this.helpers, messages.map((json) => ({ json })), policy);
}
