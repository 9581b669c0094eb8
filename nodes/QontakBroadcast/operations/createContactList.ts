import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import type { ItemResult } from '../../shared/itemLoop';
import { trimmedText } from '../../shared/parseInput';
import { chatRequest } from '../transport';
import { inputFile, type InputFile } from './binaryInput';
import { multipartBody } from './multipart';
import type { ExecutionContext } from './types';

const show = { show: { resource: ['contactList'], operation: ['create'] } };

export const createContactListProperties: INodeProperties[] = [
	{
		displayName: 'List Name',
		name: 'listName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'loyal_customers',
		displayOptions: show,
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description:
			'The binary field holding the CSV (or XLS/XLSX) file. Its header row needs phone_number and full_name; other columns become variables a list broadcast can use.',
		displayOptions: show,
	},
	{
		displayName: 'Options',
		name: 'listOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Wait Until Ready',
				name: 'waitUntilReady',
				type: 'boolean',
				default: true,
				description: 'Whether to poll the list until Qontak has read the file (progress success), so a list broadcast can follow at once',
			},
			{
				displayName: 'Wait Timeout (Seconds)',
				name: 'waitTimeout',
				type: 'number',
				default: 300,
				typeOptions: { minValue: 1 },
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				default: 3,
				typeOptions: { minValue: 0.1, numberPrecision: 1 },
			},
		],
	},
];

const SPREADSHEET = /\.(csv|xlsx?)$/i;

/** The header row of a CSV, read before the upload so a wrong file fails here, not at Qontak. */
function checkCsvHeader(this: IExecuteFunctions, file: InputFile, itemIndex: number): void {
	const firstLine = file.data.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
	const columns = firstLine.split(/[,;]/).map((cell) => cell.trim().replace(/^"|"$/g, '').trim().toLowerCase());
	const missing = ['phone_number', 'full_name'].filter((column) => !columns.includes(column));
	if (missing.length) {
		throw new NodeOperationError(this.getNode(), `The CSV header row has no ${missing.join(' and ')} column`, {
			itemIndex,
			description: `Qontak needs the columns phone_number and full_name in the first row (found: ${columns.filter(Boolean).join(', ') || 'nothing'}). Rename the columns and run again.`,
		});
	}
}

/**
 * POST /contacts/contact_lists/async with the file, then GET /contacts/contact_lists/{id}
 * until `progress` leaves `processing`.
 */
export async function createContactList(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext): Promise<ItemResult> {
	const node = this.getNode();
	const name = trimmedText(this.getNodeParameter('listName', itemIndex, ''));
	if (name === '') throw new NodeOperationError(node, "'List Name' is required", { itemIndex });
	const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const file = await inputFile.call(this, itemIndex, property, 'Input Binary Field');
	const isCsv = /\.csv$/i.test(file.filename) || /csv/i.test(file.mimeType);
	if (!SPREADSHEET.test(file.filename) && !isCsv) {
		throw new NodeOperationError(node, `'${file.filename}' is not a CSV or Excel file`, {
			itemIndex,
			description: 'Qontak reads contact lists from .csv, .xls or .xlsx files',
		});
	}
	if (isCsv) checkCsvHeader.call(this, file, itemIndex);
	const filename = SPREADSHEET.test(file.filename) ? file.filename : `${file.filename}.csv`;

	const { body, contentType } = multipartBody([
		{ field: 'name', value: name },
		{ field: 'source_type', value: 'spreadsheet' },
		{ field: 'file', filename, contentType: file.mimeType, data: file.data },
	]);
	const created = await chatRequest.call(this, {
		method: 'POST',
		path: '/contacts/contact_lists/async',
		body,
		contentType,
		itemIndex,
		timeoutMs: Math.max(context.timeoutMs, 120_000),
		maxRetries: context.maxRetries,
		checkBeforeRetry: `Look for a contact list named "${name}" (Contact List → Get Many) before uploading it again.`,
	});
	let list = (created.data ?? {}) as IDataObject;
	const options = this.getNodeParameter('listOptions', itemIndex, {}) as IDataObject;
	if (options.waitUntilReady === false) return list;

	const timeoutMs = Math.max(1, Number(options.waitTimeout ?? 300)) * 1000;
	const intervalMs = Math.max(0.1, Number(options.pollInterval ?? 3)) * 1000;
	const started = clock.now();
	while (list.progress === 'processing' || list.progress === undefined) {
		if (clock.now() - started >= timeoutMs) return { ...list, ready: false, timedOut: true };
		await clock.sleep(intervalMs);
		const response = await chatRequest.call(this, {
			method: 'GET',
			path: `/contacts/contact_lists/${encodeURIComponent(String(list.id))}`,
			itemIndex,
			timeoutMs: context.timeoutMs,
			maxRetries: context.maxRetries,
		});
		list = (response.data ?? {}) as IDataObject;
	}
	if (list.progress !== 'success') {
		throw new NodeApiError(node, list as never, {
			message: `Qontak could not read contact list ${name}: progress ${String(list.progress)}`,
			description: `Qontak reported: ${JSON.stringify(list.error_messages ?? {})}. Correct the file (phone_number and full_name columns, numbers as 62…) and upload it again.`,
			itemIndex,
		});
	}
	return { ...list, ready: true };
}
