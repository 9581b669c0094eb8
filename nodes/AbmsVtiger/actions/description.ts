import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/fieldSpec';
import { requestOptionsProperty } from '../../shared/requestOptions';
import { VTIGER_DEFAULTS } from '../transport';
import { moduleLocator } from './common';
import { resources } from './resources';

const DEFAULT_OPERATION: Record<string, string> = { record: 'get', related: 'getMany', module: 'listTypes' };

const withModule = resources.flatMap((resource) => resource.operations.filter((operation) => operation.usesModule).map((operation) => ({ resource: resource.value, operation: operation.value })));

export const vtigerProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map((resource) => ({ name: resource.name, value: resource.value })).sort((a, b) => a.name.localeCompare(b.name)),
		default: 'record',
	},
	...resources.map((resource): INodeProperties => {
		const defaultOperation = DEFAULT_OPERATION[resource.value] ?? resource.operations[0].value;
		return operationSelector(resource, resource.operations, defaultOperation);
	}),
	{
		...moduleLocator({
			show: {
				resource: [...new Set(withModule.map((entry) => entry.resource))],
				operation: [...new Set(withModule.map((entry) => entry.operation))],
			},
			hide: { queryMode: ['vtql'] },
		}),
	},
	...resources.flatMap((resource) => resource.operations.flatMap((operation) => operation.module.description)),
	requestOptionsProperty({
		vendor: 'vtiger',
		concurrency: VTIGER_DEFAULTS.concurrency,
		maxConcurrency: 10,
		maxRetries: VTIGER_DEFAULTS.maxRetries,
		concurrencyDescription:
			'How many items are sent at the same time (output order is kept). vtiger handles calls that share a session one at a time, so more mostly helps over slow links.',
		retryDescription: 'Resends after a network failure, for reads, updates and deletes only; a create is never sent twice',
	}),
];
