import type { INodeProperties } from 'n8n-workflow';

import { resourceParameters, resourceSelector } from '../../shared/description';
import { requestOptionsProperty } from '../../shared/requestOptions';
import { NETZME_DEFAULTS } from '../transport';
import { resources } from './resources';

export const netzmeProperties: INodeProperties[] = [
	resourceSelector(resources, 'balance'),
	...resources.flatMap(resourceParameters),
	requestOptionsProperty({
		vendor: 'Netzme',
		concurrency: NETZME_DEFAULTS.concurrency,
		maxConcurrency: 10,
		maxRetries: NETZME_DEFAULTS.maxRetries,
		retryDescription:
			'Retries after a 429 (always) or a timeout or 5xx (lookups and inquiries only: withdrawals, split fees, PINs and invoices are never resent)',
	}),
];
