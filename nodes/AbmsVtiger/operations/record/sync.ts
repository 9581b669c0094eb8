import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireInstant } from '../../../shared/calendarDate';
import type { ExecutionContext } from '../context';
import { moduleName } from '../inputs';
import { show } from '../properties';
import { request } from '../request';

const displayOptions = show('record', ['sync']);

interface SyncResult {
	updated?: IDataObject[];
	deleted?: string[];
	lastModifiedTime?: number | string;
	more?: boolean;
}

export const description: INodeProperties[] = [
	{
		displayName: 'vtiger’s sync only reports records owned by the API user. Use Get Many with a modifiedtime condition to see every record the user can read.',
		name: 'syncNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	{
		displayName: 'Since',
		name: 'since',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Report records created, changed or deleted after this time',
		displayOptions,
	},
	{
		displayName: 'All Changes',
		name: 'allChanges',
		type: 'boolean',
		default: false,
		description: 'Whether to follow vtiger’s "more" flag until every change is read, or to return the first batch (up to 100 changes)',
		displayOptions,
	},
	{
		displayName: 'Output',
		name: 'syncOutput',
		type: 'options',
		default: 'records',
		displayOptions,
		options: [
			{ name: 'One Item per Record', value: 'records', description: 'Changed records as they are; deleted ones as { ID, deleted: true }' },
			{ name: 'Sync Result', value: 'raw', description: 'One item with updated, deleted, lastModifiedTime and more, to store lastModifiedTime for the next run' },
		],
	},
	{
		displayName: 'Include Deleted',
		name: 'includeDeleted',
		type: 'boolean',
		default: true,
		description: 'Whether to output deleted records as { ID, deleted: true } items',
		displayOptions: { show: { ...displayOptions.show, syncOutput: ['records'] } },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext) {
	const module = moduleName.call(this, itemIndex);
	const since = requireInstant(this.getNode(), this.getNodeParameter('since', itemIndex), 'Since', itemIndex, this.getTimezone());
	const returnAll = this.getNodeParameter('allChanges', itemIndex, false) as boolean;
	let mark = Math.floor(since.getTime() / 1000);
	const updated: IDataObject[] = [];
	const deleted: string[] = [];
	let more = false;
	for (;;) {
		const result = (await request.call(this, context, itemIndex, {
			operation: 'sync',
			method: 'GET',
			params: { modifiedTime: mark, elementType: module },
			subject: `module '${module}'`,
		})) as SyncResult;
		updated.push(...(result.updated ?? []));
		deleted.push(...(result.deleted ?? []));
		more = result.more === true;
		const next = Number(result.lastModifiedTime);
		// A server that does not move its mark forward would loop forever.
		const progressed = Number.isFinite(next) && next > mark;
		if (Number.isFinite(next)) mark = Math.max(mark, next);
		if (!returnAll || !more || !progressed) break;
	}
	if (this.getNodeParameter('syncOutput', itemIndex, 'records') === 'raw') {
		return { updated, deleted, lastModifiedTime: mark, more };
	}
	const includeDeleted = this.getNodeParameter('includeDeleted', itemIndex, true) as boolean;
	return [...updated, ...(includeDeleted ? deleted.map((id) => ({ id, deleted: true })) : [])];
}
