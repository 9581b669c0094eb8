import type { ChatResource } from './types';
import { uploadFile, uploadFileProperties } from './uploadFile';

export const file: ChatResource = {
	value: 'file',
	name: 'Upload',
	operations: [
		{
			value: 'upload',
			name: 'Upload File',
			action: 'Upload a file to Qontak',
			description: 'Store a file on Qontak’s CDN; its URL can head a template broadcast (Qontak fetches it fast enough)',
			method: 'POST',
			path: '/file_uploader',
			flow: { execute: uploadFile, properties: uploadFileProperties },
			openApi: true,
		},
	],
};
