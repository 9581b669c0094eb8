import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ExecutionContext } from '../context';
import { RECORD_ID } from '../inputs';
import { show } from '../properties';
import { request } from '../request';

const displayOptions = show('file', ['retrieve']);

interface VtigerFile {
	fileid?: string;
	filename?: string;
	filetype?: string;
	filesize?: string;
	filecontents?: string;
}

export const description: INodeProperties[] = [
	{
		displayName: 'File IDs',
		name: 'fileIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '={{ $json.imageattachmentids }}',
		description: 'Attachment IDs like 12x678, comma-separated: the imageattachmentids field of a record lists them',
		displayOptions,
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		displayOptions,
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext) {
	const raw = this.getNodeParameter('fileIds', itemIndex, '');
	const ids = (Array.isArray(raw) ? raw : String(raw ?? '').split(',')).map((id) => String(id).trim()).filter(Boolean);
	if (!ids.length) throw new NodeOperationError(this.getNode(), "'File IDs' is empty", { itemIndex, description: 'Map the imageattachmentids field of a record, or give IDs like 12x678.' });
	const bad = ids.find((id) => !RECORD_ID.test(id));
	if (bad) {
		throw new NodeOperationError(this.getNode(), `'${bad}' is not a vtiger attachment ID`, {
			itemIndex,
			description: 'Attachment IDs look like 12x678 (module prefix, x, attachment number), as a record’s imageattachmentids lists them.',
		});
	}
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	const output: INodeExecutionData[] = [];
	for (const id of ids) {
		const files = (await request.call(this, context, itemIndex, { operation: 'files_retrieve', method: 'GET', params: { id }, subject: `file ${id}` })) as VtigerFile[];
		for (const file of Array.isArray(files) ? files : []) {
			const { filecontents, ...meta } = file;
			const json: IDataObject = { id, ...meta };
			const binary = await this.helpers.prepareBinaryData(Buffer.from(filecontents ?? '', 'base64'), file.filename, file.filetype || undefined);
			output.push({ json, binary: { [binaryPropertyName]: binary } });
		}
	}
	return output;
}
