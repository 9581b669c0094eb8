import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { resourceMapperProperty } from '../../../shared/resourceMapper';

/** Record fields from vtiger's describe: mandatory flags, types, picklists and references. */
export function fieldsMapper(displayOptions: IDisplayOptions): INodeProperties {
	return resourceMapperProperty({
		displayName: 'Fields',
		name: 'fields',
		method: 'getRecordFields',
		dependsOn: ['module.value', 'operation'],
		words: { singular: 'field', plural: 'fields' },
		description: 'The record’s fields, read from vtiger’s describe for the chosen module',
		displayOptions,
	});
}
