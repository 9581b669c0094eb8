import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemResult } from '../../shared/itemLoop';
import { chatRequest } from '../transport';
import { inputFile } from './binaryInput';
import { locatorProperty, readId } from './locators';
import { multipartBody } from './multipart';
import type { ExecutionContext } from './types';

const show = { show: { resource: ['message'], operation: ['sendToRoom'] } };

export const sendMessageProperties: INodeProperties[] = [
	locatorProperty('room', show),
	{
		displayName: 'Type',
		name: 'messageType',
		type: 'options',
		options: [
			{ name: 'Audio', value: 'audio' },
			{ name: 'Document', value: 'document' },
			{ name: 'Image', value: 'image' },
			{ name: 'Text', value: 'text' },
			{ name: 'Video', value: 'video' },
		],
		default: 'text',
		displayOptions: show,
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		displayOptions: { show: { ...show.show, messageType: ['text'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The binary field of the input item holding the file to send',
		displayOptions: { show: { ...show.show, messageType: ['audio', 'document', 'image', 'video'] } },
	},
];

/**
 * POST /messages/whatsapp/bot: a session message into an open room (the customer wrote in
 * the last 24 hours). Outside that window WhatsApp only takes templates: use a broadcast.
 */
export async function sendMessage(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext): Promise<ItemResult> {
	const roomId = readId.call(this, 'room', itemIndex);
	const type = this.getNodeParameter('messageType', itemIndex, 'text') as string;
	let request: { body: IDataObject | Buffer; contentType?: string };
	if (type === 'text') {
		const text = String(this.getNodeParameter('text', itemIndex, '') ?? '');
		if (text.trim() === '') throw new NodeOperationError(this.getNode(), "'Text' is required", { itemIndex, description: 'Give the message text (or map it)' });
		request = { body: { room_id: roomId, type, text } };
	} else {
		const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const file = await inputFile.call(this, itemIndex, property, 'Input Binary Field');
		request = multipartBody([
			{ field: 'room_id', value: roomId },
			{ field: 'type', value: type },
			{ field: 'file', filename: file.filename, contentType: file.mimeType, data: file.data },
		]);
	}
	const response = await chatRequest.call(this, {
		method: 'POST',
		path: '/messages/whatsapp/bot',
		...request,
		itemIndex,
		timeoutMs: context.timeoutMs,
		maxRetries: context.maxRetries,
		checkBeforeRetry: `Open room ${roomId} in Qontak and check whether the message arrived before sending it again.`,
	});
	return (response.data ?? {}) as IDataObject;
}
