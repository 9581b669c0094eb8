import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError } from '../../../shared/parseInput';

/** Reference fields set by picking the record by name, across the modules each field refers to (describe's type.refersTo). */
export function referenceFields(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Reference Fields',
		name: 'referenceFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Reference',
		default: {},
		description: 'Link the record to other records picked by name. A field set here wins over the same field under Fields.',
		displayOptions,
		options: [
			{
				displayName: 'Reference',
				name: 'reference',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'field',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getReferenceFields', loadOptionsDependsOn: ['module.value'] },
						default: '',
						description: 'A field that points at another record. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Record',
						name: 'record',
						type: 'resourceLocator',
						default: { mode: 'list', value: '' },
						description: 'The record the field points at, searched by name in the modules the field allows',
						modes: [
							{
								displayName: 'From List',
								name: 'list',
								type: 'list',
								typeOptions: { searchListMethod: 'searchReferenceRecords', searchable: true },
							},
							{
								displayName: 'By ID',
								name: 'id',
								type: 'string',
								placeholder: '11x45',
								validation: [
									{
										type: 'regex',
										properties: { regex: '^\\s*\\d+x\\d+\\s*$', errorMessage: 'vtiger IDs look like 11x45: module prefix, x, record number' },
									},
								],
							},
						],
					},
				],
			},
		],
	};
}

/** The picked references as field → ID, checked later with the other fields against describe. */
export function referenceValues(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const entries = (this.getNodeParameter('referenceFields.reference', itemIndex, []) as IDataObject[]) ?? [];
	const values: IDataObject = {};
	for (const [index, entry] of entries.entries()) {
		const field = String(entry.field ?? '').trim();
		const record = entry.record as IDataObject | string | undefined;
		const id = typeof record === 'object' && record !== null ? String(record.value ?? '').trim() : String(record ?? '').trim();
		if (!field && !id) continue;
		if (!field) fieldError(this.getNode(), itemIndex, `Reference ${index + 1} has a record but no field`, "Choose the field under 'Reference Fields', or remove the entry.");
		if (!id) fieldError(this.getNode(), itemIndex, `Reference ${index + 1} (${field}) has no record`, 'Pick the record from the list or give its ID, or remove the entry.');
		values[field] = id;
	}
	return values;
}
