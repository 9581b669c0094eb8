import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError } from './parseInput';

/** Return All + Limit, worded as n8n's guidelines want, shown where `displayOptions` says. */
export const returnAllOrLimit = (displayOptions: IDisplayOptions): INodeProperties[] => [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
		displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
	},
];

/**
 * undefined means Return All. Limit is checked here, once for every node: an expression can
 * give -1, 2.5 or text, which vendors answer with errors that do not name Limit (vtiger: a
 * VTQL syntax error).
 */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false)) return undefined;
	const value = this.getNodeParameter('limit', itemIndex, 50) as unknown;
	const limit = typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value;
	if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) {
		fieldError(
			this.getNode(),
			itemIndex,
			`'Limit' must be a whole number of 1 or more (got ${JSON.stringify(value)})`,
			"Enter how many results to return, for example 50, or turn on 'Return All'",
		);
	}
	return limit;
}

/** Vendor answers as output rows: a list stays a list, an object is one row, a bare value is wrapped. */
export function asItems(value: unknown): IDataObject[] {
	if (Array.isArray(value)) {
		return value.map((entry) => (typeof entry === 'object' && entry !== null ? entry : { value: entry }) as IDataObject);
	}
	if (typeof value === 'object' && value !== null) return [value as IDataObject];
	return [{ result: value as string }];
}
