import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/* Parameters several operations share: what the editor shows. */

export function show(resource: string, operations: string[]): IDisplayOptions {
	return { show: { resource: [resource], operation: operations } };
}

export function moduleLocator(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Module',
		name: 'module',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The vtiger module, e.g. Contacts, Leads, Accounts (organizations) or Potentials (opportunities)',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchModules', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'Contacts',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*[A-Za-z_][A-Za-z0-9_]*\\s*$', errorMessage: 'A module name is one word, e.g. Contacts' },
					},
				],
			},
		],
	};
}

export function recordLocator(displayOptions: IDisplayOptions, displayName = 'Record ID', description?: string): INodeProperties {
	return {
		displayName,
		name: 'recordId',
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description: description ?? 'The record, as a vtiger ID like 12x345 (module prefix, x, record number)',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchRecords', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '12x345',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d+x\\d+\\s*$', errorMessage: 'vtiger IDs look like 12x345: module prefix, x, record number' },
					},
				],
			},
		],
	};
}
