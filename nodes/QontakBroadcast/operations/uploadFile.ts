import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../shared/itemLoop';
import { chatRequest } from '../transport';
import { inputFile } from './binaryInput';
import { multipartBody } from './multipart';
import type { ExecutionContext } from './types';

const show = { show: { resource: ['file'], operation: ['upload'] } };

export const uploadFileProperties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The binary field of the input item that holds the file',
		displayOptions: show,
	},
];

/** POST /file_uploader: the file goes to Qontak's CDN; its URL can head a template or a message. */
export async function uploadToQontak(
	this: IExecuteFunctions,
	itemIndex: number,
	property: string,
	field: string,
	context: ExecutionContext,
): Promise<IDataObject> {
	const file = await inputFile.call(this, itemIndex, property, field);
	const { body, contentType } = multipartBody([{ field: 'file', filename: file.filename, contentType: file.mimeType, data: file.data }]);
	const response = await chatRequest.call(this, {
		method: 'POST',
		path: '/file_uploader',
		body,
		contentType,
		itemIndex,
		timeoutMs: Math.max(context.timeoutMs, 120_000),
		maxRetries: context.maxRetries,
		checkBeforeRetry: 'An upload that went through only leaves an unused file on Qontak’s CDN; running the item again is harmless.',
	});
	return (response.data ?? {}) as IDataObject;
}

export async function uploadFile(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext): Promise<ItemResult> {
	const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	return await uploadToQontak.call(this, itemIndex, property, 'Input Binary Field', context);
}
