import { mapper } from './body';
import { op } from './routeFactories';
import type { CrmResource } from './types';

export const ticket: CrmResource = {
	value: 'ticket',
	name: 'Ticket',
	collection: '/tickets',
	template: '/tickets/info',
	searchPaginated: true,
	defaultOperation: 'get',
	operations: [
		op.create('ticket', '/tickets', mapper),
		op.delete('ticket', '/tickets/{id}'),
		op.get('ticket', '/tickets/{id}', true),
		op.getFields('tickets', '/tickets/info'),
		op.getMany('tickets', '/tickets', [], true, true),
		op.read('getPipelines', 'Get Pipelines', 'Get the ticket pipelines and their stages', '/tickets/ticket_pipelines'),
		op.update('ticket', '/tickets/{id}', mapper),
	],
};
