import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../shared/itemLoop';
import { requirePhone } from '../../shared/phone';
import { locatorProperty, readId } from './locators';
import { messageContentProperties, readMessageContent } from './messageContent';
import { findOpenRoom } from './openRoom';
import { postMessage } from './sendMessage';
import type { ExecutionContext } from './types';

const show = { show: { resource: ['message'], operation: ['sendToPhone'] } };

export const sendToPhoneProperties: INodeProperties[] = [
	locatorProperty('whatsAppChannel', show),
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '081234567890',
		description: 'The customer’s WhatsApp number: 08…, 021…, +62… or 62… become 62…; a number abroad keeps its country code (+65…)',
		displayOptions: show,
	},
	...messageContentProperties,
];

/**
 * A free-form reply to a customer known by number: finds their open room on the channel, then
 * sends into it. Never falls back to a template: a template costs money and says something else,
 * so that stays the user's choice (Broadcast → Send Direct).
 */
export async function sendToPhone(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext): Promise<ItemResult> {
	const phone = requirePhone(this.getNode(), this.getNodeParameter('phoneNumber', itemIndex, ''), 'Phone Number', itemIndex);
	const channelId = readId.call(this, 'whatsAppChannel', itemIndex);
	const content = await readMessageContent.call(this, itemIndex);
	const room = await findOpenRoom.call(this, phone, channelId, itemIndex, context);
	const roomId = String(room.id);
	return await postMessage.call(
		this,
		itemIndex,
		roomId,
		content,
		context,
		`Open the conversation with ${phone} (room ${roomId}) in Qontak and check whether the message arrived before sending it again.`,
	);
}
