import { mapper, jsonBody } from './body';
import { findDealByChatRoom } from './dealByChatRoom';
import { idList, op } from './routeFactories';
import { BY_QONTAK, inN8nFilter } from './rowFilters';
import type { CrmResource, FieldSpec } from './types';

const ACCESS_TYPES = [
	{ name: 'Search Association', value: 'search_association' },
	{ name: 'Edit', value: 'edit' },
	{ name: 'View', value: 'view' },
];

/**
 * Qontak's deal list takes name, contact_ids, company_ids and product_ids
 * (https://documenter.getpostman.com/view/22728681/2sAXxV6A5V, Get All Deals); the other filters
 * are applied in n8n to every deal read.
 */
const DEAL_FILTERS: FieldSpec[] = [
	idList('company_ids', 'Company IDs', `Only deals of these companies. ${BY_QONTAK}`),
	idList('contact_ids', 'Contact IDs', `Only deals of these contacts. ${BY_QONTAK}`),
	inN8nFilter(
		{ key: 'createdAfter', label: 'Created After', kind: 'dateTime', description: 'Only deals created at or after this moment; a date alone means from the start of that day in the workflow’s time zone' },
		{ key: 'created_at', match: 'from' },
	),
	inN8nFilter(
		{ key: 'createdBefore', label: 'Created Before', kind: 'dateTime', description: 'Only deals created before this moment; a date alone means before that day starts in the workflow’s time zone' },
		{ key: 'created_at', match: 'before' },
	),
	{ key: 'name', label: 'Name', kind: 'string', description: `Only deals whose name matches this text. ${BY_QONTAK}` },
	inN8nFilter(
		{ key: 'owner', label: 'Owner Name or ID', kind: 'options', loadOptionsMethod: 'getUsers', description: 'Only deals this CRM user owns' },
		{ key: 'creator_id', match: 'same' },
	),
	inN8nFilter(
		{ key: 'pipeline', label: 'Pipeline Name or ID', kind: 'options', loadOptionsMethod: 'getPipelines', description: 'Only deals in this pipeline' },
		{ key: 'crm_pipeline_id', match: 'same' },
	),
	idList('product_ids', 'Product IDs', `Only deals with these products. ${BY_QONTAK}`),
	inN8nFilter(
		{
			key: 'stage',
			label: 'Stage Name or ID',
			kind: 'options',
			loadOptionsMethod: 'getStages',
			loadOptionsDependsOn: ['filters.pipeline'],
			description: 'Only deals in this stage; the list shows the stages of the chosen Pipeline (of every pipeline while none is chosen)',
		},
		{ key: 'crm_stage_id', match: 'same' },
	),
	inN8nFilter(
		{ key: 'updatedAfter', label: 'Updated After', kind: 'dateTime', description: 'Only deals last updated at or after this moment; a date alone means from the start of that day in the workflow’s time zone' },
		{ key: 'updated_at', match: 'from' },
	),
	inN8nFilter(
		{ key: 'updatedBefore', label: 'Updated Before', kind: 'dateTime', description: 'Only deals last updated before this moment; a date alone means before that day starts in the workflow’s time zone' },
		{ key: 'updated_at', match: 'before' },
	),
];

export const deal: CrmResource = {
	value: 'deal',
	name: 'Deal',
	collection: '/deals',
	template: '/deals/info',
	searchKey: 'name',
	searchPaginated: true,
	defaultOperation: 'get',
	operations: [
		{
			value: 'autoAssign',
			name: 'Auto Assign',
			action: 'Auto assign deals',
			description: 'Run Qontak’s deal auto-assignment. Qontak does not document the body; it is sent as given.',
			method: 'POST',
			path: '/deals/auto-assign',
			body: jsonBody('{ "id": 123 }'),
		},
		op.create('deal', '/deals', mapper),
		op.delete('deal', '/deals/{id}'),
		op.get('deal', '/deals/{id}', true),
		findDealByChatRoom,
		op.read('getChangeLog', 'Get Change Log', 'Get the change log of a deal', '/deals/{id}/change_log'),
		op.read('getChatHistory', 'Get Chat History', 'Get the chat history of a deal', '/deals/{id}/chat-history'),
		op.getFields('deals', '/deals/info'),
		op.read('getFullField', 'Get Full Field', 'Get a deal in the flattened full-field view', '/deals/{id}/full-field'),
		op.getMany('deals', '/deals', DEAL_FILTERS, true, true),
		{
			...op.getMany('deals in the full-field view', '/deals/full-fields', [], true),
			value: 'getManyFullFields',
			name: 'Get Many Full Fields',
		},
		op.read('getRealCreator', 'Get Real Creator', 'Get the user who really created a deal', '/deals/{id}/real_creator'),
		{
			...op.read('getSla', 'Get SLA', 'Get deal SLA figures', '/deals/sla'),
			list: 'whole',
			query: [{ key: 'query', label: 'Query (JSON)', kind: 'json', description: 'Query parameters to send, as a JSON object (Qontak does not document them)' }],
		},
		op.read('getTimeline', 'Get Timeline', 'Get the activity timeline of a deal', '/deals/{id}/timeline'),
		op.read('getStageHistory', 'Get Stage History', 'Get the stage moves of a deal', '/deals/{id}/stage_history'),
		{
			value: 'setPermission',
			name: 'Set Permission',
			action: 'Set who can access a deal',
			description: 'Access types left unticked are set to false by Qontak',
			shapeBody: ({ id, email, access_types }) => ({ id, permissions: [{ email, access_types }] }),
			method: 'POST',
			path: '/deals/deal_permission',
			body: [
				{ key: 'id', label: 'Deal ID', kind: 'number', required: true, default: 0 },
				{ key: 'email', label: 'User Email', kind: 'string', required: true, placeholder: 'name@email.com' },
				{ key: 'access_types', label: 'Access Types', kind: 'multiOptions', required: true, options: ACCESS_TYPES },
			],
		},
		op.update('deal', '/deals/{id}', mapper),
		{
			value: 'updateAttribute',
			name: 'Update Attribute',
			action: 'Update deal attributes',
			description: 'Qontak does not document the body; it is sent as given',
			method: 'POST',
			path: '/deals/update_attribute',
			body: jsonBody('{ "id": 123, "name": "New name" }'),
		},
		op.updateOwner('deal', '/deals/{id}/update_owner'),
	],
};
