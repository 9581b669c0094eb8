import { op } from './routeFactories';
import type { CrmResource } from './types';

export const pipeline: CrmResource = {
	value: 'pipeline',
	name: 'Pipeline',
	collection: '/pipelines',
	searchPaginated: false,
	defaultOperation: 'get',
	operations: [
		op.get('pipeline', '/pipelines/{id}'),
		op.getMany('pipelines', '/pipelines', [], false),
		op.read('getStages', 'Get Stages', 'Get the stages of a pipeline', '/pipelines/{id}/stages'),
	],
};
