import { op } from './routeFactories';
import type { CrmResource, FieldSpec } from './types';

const NOTE_TYPES = [
	{ name: 'Company Note', value: 'Crm::CompanyNote' },
	{ name: 'Contact Note', value: 'Crm::PersonNote' },
	{ name: 'Deal Note', value: 'Crm::DealNote' },
];

const RECORD_KEYS = [
	{ name: 'Company', value: 'crm_company_id' },
	{ name: 'Contact', value: 'crm_lead_id' },
	{ name: 'Deal', value: 'crm_deal_id' },
];

const noteFields = (required: boolean): FieldSpec[] => [
	{ key: 'note', label: 'Note', kind: 'string', required, description: 'Text of the note (HTML allowed)' },
	{ key: 'type', label: 'Attach To', kind: 'options', options: NOTE_TYPES, required, default: 'Crm::PersonNote' },
	{ key: 'crm_person_id', label: 'Contact ID', kind: 'number', description: 'For a contact note' },
	{ key: 'crm_company_id', label: 'Company ID', kind: 'number', description: 'For a company note' },
	{ key: 'crm_deal_id', label: 'Deal ID', kind: 'number', description: 'For a deal note' },
];

export const note: CrmResource = {
	value: 'note',
	name: 'Note',
	collection: '/notes',
	searchPaginated: false,
	defaultOperation: 'get',
	operations: [
		op.create('note', '/notes', noteFields(true)),
		op.delete('note', '/notes/{id}'),
		op.get('note', '/notes/{id}'),
		{
			...op.getMany('notes of a record', '/notes', [], true),
			description: 'Qontak lists notes of one record at a time',
			params: [
				{ key: 'record_key', label: 'Record Type', kind: 'options', options: RECORD_KEYS, required: true, default: 'crm_lead_id' },
				{ key: 'record_id', label: 'Record ID', kind: 'string', required: true, description: 'ID of the contact, company or deal whose notes to list' },
			],
			queryEntry: { key: 'record_key', value: 'record_id' },
		},
		op.update('note', '/notes/{id}', noteFields(false)),
	],
};
