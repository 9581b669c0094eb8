import { mapper } from './body';
import { findOperation } from './find';
import { CONTACTS } from './recordIndex';
import { op } from './routeFactories';
import type { CrmResource } from './types';
import { upsertOperation } from './upsert';

export const contact: CrmResource = {
	value: 'contact',
	name: 'Contact',
	collection: '/contacts',
	template: '/contacts/info',
	searchKey: 'name',
	searchPaginated: true,
	defaultOperation: 'get',
	operations: [
		upsertOperation(CONTACTS),
		findOperation(CONTACTS),
		op.create('contact', '/contacts', mapper),
		op.delete('contact', '/contacts/{id}'),
		op.get('contact', '/contacts/{id}', true),
		op.read('getChatHistory', 'Get Chat History', 'Get the chat history of a contact', '/contacts/{id}/chat-history', 'Needs a Qontak Chat integration on the account'),
		op.getFields('contacts', '/contacts/info'),
		op.getMany(
			'contacts',
			'/contacts',
			[
				{ key: 'created_after', label: 'Created After', kind: 'dateTime', description: 'Only contacts created after this date' },
				{ key: 'crm_company_id', label: 'Company ID', kind: 'string' },
				{ key: 'crm_deal_id', label: 'Deal ID', kind: 'string' },
				{ key: 'crm_status_id', label: 'Status ID', kind: 'string' },
				{ key: 'email', label: 'Email', kind: 'string', placeholder: 'name@email.com' },
				{ key: 'job_title', label: 'Job Title', kind: 'string' },
				{ key: 'name', label: 'Name', kind: 'string' },
				{ key: 'phone', label: 'Phone', kind: 'string' },
			],
			true,
			true,
		),
		op.read('getTimeline', 'Get Timeline', 'Get the activity timeline of a contact', '/contacts/{id}/timeline'),
		op.update('contact', '/contacts/{id}', mapper),
		op.updateOwner('contact', '/contacts/{id}/update_owner'),
	],
};

