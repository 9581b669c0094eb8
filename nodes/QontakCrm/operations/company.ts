import { mapper } from './body';
import { findOperation } from './find';
import { COMPANIES } from './recordIndex';
import { idList, op } from './routeFactories';
import type { CrmResource } from './types';
import { upsertOperation } from './upsert';

export const company: CrmResource = {
	value: 'company',
	name: 'Company',
	collection: '/companies',
	template: '/companies/info',
	searchKey: 'name',
	searchPaginated: true,
	defaultOperation: 'get',
	operations: [
		upsertOperation(COMPANIES),
		findOperation(COMPANIES),
		op.create('company', '/companies', mapper),
		op.delete('company', '/companies/{id}'),
		op.get('company', '/companies/{id}', true),
		op.getFields('companies', '/companies/info'),
		op.getMany(
			'companies',
			'/companies',
			[
				idList('contact_ids', 'Contact IDs', 'Only companies linked to these contacts'),
				idList('deal_ids', 'Deal IDs', 'Only companies linked to these deals'),
				{ key: 'name', label: 'Name', kind: 'string' },
				{ key: 'website', label: 'Website', kind: 'string' },
			],
			true,
			true,
		),
		op.read('getTimeline', 'Get Timeline', 'Get the activity timeline of a company', '/companies/{id}/timeline'),
		op.update('company', '/companies/{id}', mapper),
		op.updateOwner('company', '/companies/{id}/update_owner'),
	],
};
