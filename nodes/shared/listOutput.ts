import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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

/** undefined means Return All. */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	return this.getNodeParameter('returnAll', itemIndex, false)
		? undefined
		: (this.getNodeParameter('limit', itemIndex, 50) as number);
}

/** Vendor answers as output rows: a list stays a list, an object is one row, a bare value is wrapped. */
export function asItems(value: unknown): IDataObject[] {
	if (Array.isArray(value)) {
		return value.map((entry) => (typeof entry === 'object' && entry !== null ? entry : { value: entry }) as IDataObject);
	}
	if (typeof value === 'object' && value !== null) return [value as IDataObject];
	return [{ result: value as string }];
}
