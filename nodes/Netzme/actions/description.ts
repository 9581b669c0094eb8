import type { INodeProperties } from 'n8n-workflow';

import { resources } from './resources';
import type { NetzmeOperation, NetzmeResource } from './types';

function scoped(resource: NetzmeResource, operation: NetzmeOperation, property: INodeProperties): INodeProperties {
	const show = { ...(property.displayOptions?.show ?? {}), resource: [resource.value], operation: [operation.value] };
	return { ...property, displayOptions: { ...(property.displayOptions ?? {}), show } };
}

function resourceProperties(resource: NetzmeResource): INodeProperties[] {
	const operations = [...resource.operations].sort((a, b) => a.name.localeCompare(b.name));
	const defaultOperation = resource.operations[0].value;
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: operations.map((operation) => ({
				name: operation.name,
				value: operation.value,
				action: operation.action,
				description: operation.description,
			})),
			default: defaultOperation,
		},
		...resource.operations.flatMap((operation) => operation.properties.map((property) => scoped(resource, operation, property))),
	];
}

export const netzmeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [...resources].sort((a, b) => a.name.localeCompare(b.name)).map((resource) => ({ name: resource.name, value: resource.value })),
		default: 'balance',
	},
	...resources.flatMap(resourceProperties),
	{
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
				default: 1,
				typeOptions: { minValue: 1, maxValue: 10 },
				description: 'How many items are sent to Netzme at the same time; output order is kept',
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				default: 3,
				typeOptions: { minValue: 0, maxValue: 10 },
				description:
					'Retries after a 429 (always) or a timeout or 5xx (lookups and inquiries only: withdrawals, split fees, PINs and invoices are never resent)',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 1 },
				description: 'How long to wait for Netzme to answer one request',
			},
		],
	},
];
