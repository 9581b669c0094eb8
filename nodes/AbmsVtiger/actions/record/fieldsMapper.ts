import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Record fields from vtiger's describe: mandatory flags, types, picklists and references. */
export function fieldsMapper(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'fields',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['module.value', 'operation'],
			resourceMapper: {
				resourceMapperMethod: 'getRecordFields',
				mode: 'add',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
		description: 'The record’s fields, read from vtiger’s describe for the chosen module',
		displayOptions,
	};
}
