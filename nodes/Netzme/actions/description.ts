import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/fieldSpec';
import { requestOptionsProperty } from '../../shared/requestOptions';
import { NETZME_DEFAULTS } from '../transport';
import { resources } from './resources';
import type { NetzmeOperation, NetzmeResource } from './types';

function scoped(resource: NetzmeResource, operation: NetzmeOperation, property: INodeProperties): INodeProperties {
	const show = { ...(property.displayOptions?.show ?? {}), resource: [resource.value], operation: [operation.value] };
	return { ...property, displayOptions: { ...(property.displayOptions ?? {}), show } };
}

function resourceProperties(resource: NetzmeResource): INodeProperties[] {
	const defaultOperation = resource.operations[0].value;
	return [
		operationSelector(resource, resource.operations, defaultOperation),
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
	requestOptionsProperty({
		vendor: 'Netzme',
		concurrency: NETZME_DEFAULTS.concurrency,
		maxConcurrency: 10,
		maxRetries: NETZME_DEFAULTS.maxRetries,
		retryDescription:
			'Retries after a 429 (always) or a timeout or 5xx (lookups and inquiries only: withdrawals, split fees, PINs and invoices are never resent)',
	}),
];
