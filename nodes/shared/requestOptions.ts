import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export interface RequestOptions {
	concurrency: number;
	maxRetries: number;
	timeoutMs: number;
}

interface Defaults {
	/** The vendor's name, as the descriptions say it. */
	vendor: string;
	concurrency: number;
	maxConcurrency: number;
	maxRetries: number;
	concurrencyDescription?: string;
	/** Which failures each vendor's transport retries differs; the description must say so. */
	retryDescription: string;
}

/** The "Request Options" collection every action node offers, with its vendor's defaults. */
export function requestOptionsProperty(defaults: Defaults): INodeProperties {
	const { concurrency, maxRetries } = defaults;
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				default: concurrency,
				typeOptions: { minValue: 1, maxValue: defaults.maxConcurrency },
				description:
					defaults.concurrencyDescription ??
					`How many requests go to ${defaults.vendor} at the same time, while as many more items are prepared; output order is kept`,
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				default: maxRetries,
				typeOptions: { minValue: 0, maxValue: 10 },
				description: defaults.retryDescription,
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 1 },
				description: `How long to wait for ${defaults.vendor} to answer one request`,
			},
		],
	};
}

export function readRequestOptions(
	this: IExecuteFunctions,
	defaults: { concurrency: number; maxRetries: number },
): RequestOptions {
	const options = this.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	return {
		concurrency: (options.concurrency as number) ?? defaults.concurrency,
		maxRetries: (options.maxRetries as number) ?? defaults.maxRetries,
		timeoutMs: ((options.timeout as number) ?? 30) * 1000,
	};
}
