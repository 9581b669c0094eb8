import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../shared/itemLoop';
import { chatRequest } from '../transport';
import { locatorProperty, readId } from './locators';
import type { MessageContent } from './messageContent';
import { messageBody, messageContentProperties, readMessageContent } from './messageContent';
import type { ExecutionContext } from './types';

const show = { show: { resource: ['message'], operation: ['sendToRoom'] } };

export const sendMessageProperties: INodeProperties[] = [locatorProperty('room', show), ...messageContentProperties];

/**
 * POST /messages/whatsapp/bot: a session message into an open room (the customer wrote in the
 * last 24 hours). Outside that window WhatsApp only takes templates: use a broadcast. A send is
 * never repeated after an unclear failure: `checkBeforeRetry` says where to look first.
 */
export async function postMessage(
	this: IExecuteFunctions,
	itemIndex: number,
	roomId: string,
	content: MessageContent,
	context: ExecutionContext,
	checkBeforeRetry: string,
): Promise<IDataObject> {
	const response = await chatRequest.call(this, {
		method: 'POST',
		path: '/messages/whatsapp/bot',
		...messageBody(roomId, content),
		itemIndex,
		timeoutMs: context.timeoutMs,
		maxRetries: context.maxRetries,
		checkBeforeRetry,
	});
	return (response.data ?? {}) as IDataObject;
}

export async function sendMessage(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext): Promise<ItemResult> {
	const roomId = readId.call(this, 'room', itemIndex);
	const content = await readMessageContent.call(this, itemIndex);
	return await postMessage.call(this, itemIndex, roomId, content, context, `Open room ${roomId} in Qontak and check whether the message arrived before sending it again.`);
}
