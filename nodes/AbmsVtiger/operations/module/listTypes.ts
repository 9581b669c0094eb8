import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecutionContext } from '../context';
import { show } from '../properties';
import { request } from '../request';

const displayOptions = show('module', ['listTypes']);

export interface ListTypesResult {
	types?: string[];
	information?: Record<string, { isEntity?: boolean; label?: string; singular?: string }>;
}

export const description: INodeProperties[] = [
	{
		displayName: 'Record Modules Only',
		name: 'entityOnly',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out types such as Groups or Currency that are not record modules and support only some operations',
		displayOptions,
	},
];

export function moduleEntries(result: ListTypesResult): IDataObject[] {
	return (result.types ?? []).map((name) => {
		const info = result.information?.[name] ?? {};
		return { name, label: info.label ?? name, singular: info.singular ?? name, isEntity: info.isEntity !== false };
	});
}

export async function execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext) {
	const result = (await request.call(this, context, itemIndex, { operation: 'listtypes', method: 'GET' })) as ListTypesResult;
	const entries = moduleEntries(result);
	return this.getNodeParameter('entityOnly', itemIndex, true) ? entries.filter((entry) => entry.isEntity) : entries;
}
