import type { INodeProperties } from 'n8n-workflow';

import { operationParameters, operationSelector, resourceSelector } from '../../shared/description';
import { requestOptionsProperty } from '../../shared/requestOptions';
import { VTIGER_DEFAULTS } from '../transport';
import { moduleLocator } from './properties';
import { resources } from './resources';

const withModule = resources.flatMap((resource) => resource.operations.filter((operation) => operation.usesModule).map((operation) => ({ resource: resource.value, operation: operation.value })));

export const vtigerProperties: INodeProperties[] = [
	resourceSelector(resources, 'record'),
	...resources.map((resource) => operationSelector(resource)),
	moduleLocator({
		show: {
			resource: [...new Set(withModule.map((entry) => entry.resource))],
			operation: [...new Set(withModule.map((entry) => entry.operation))],
		},
		hide: { queryMode: ['vtql'] },
	}),
	...resources.flatMap((resource) => resource.operations.flatMap((operation) => operationParameters(resource, operation))),
	requestOptionsProperty({
		vendor: 'vtiger',
		concurrency: VTIGER_DEFAULTS.concurrency,
		maxConcurrency: 10,
		maxRetries: VTIGER_DEFAULTS.maxRetries,
		concurrencyDescription:
			'How many requests are sent at the same time (output order is kept). vtiger handles calls that share a session one at a time, so more mostly helps over slow links.',
		retryDescription: 'Resends after a network failure, for reads, updates and deletes only; a create is never sent twice',
	}),
];
