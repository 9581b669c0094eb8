import type { INodeProperties } from 'n8n-workflow';

import { resourceParameters, resourceSelector } from '../../shared/description';
import { requestOptionsProperty } from '../../shared/requestOptions';
import { CRM_DEFAULTS } from '../transport';
import { operations } from './routes';

export const crmProperties: INodeProperties[] = [
	resourceSelector(operations, 'contact'),
	...operations.flatMap(resourceParameters),
	requestOptionsProperty({
		vendor: 'Qontak',
		concurrency: CRM_DEFAULTS.concurrency,
		maxConcurrency: 20,
		maxRetries: CRM_DEFAULTS.maxRetries,
		retryDescription:
			'Retries after a 429 (always) or a 502/503/504 or timeout (reads, updates and deletes only; a create is never resent)',
	}),
];
