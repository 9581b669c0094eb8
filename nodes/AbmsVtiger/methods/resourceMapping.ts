import type { FieldType, ILoadOptionsFunctions, INodePropertyOptions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { mapperColumn } from '../../shared/resourceMapper';
import { isInventoryModule, isLineOrTotalField } from '../operations/inventory/inventoryFields';
import type { VtigerField } from '../operations/vtigerDescribe';
import { currentModule, editorSession, ownerOptions } from './context';

function fieldType(field: VtigerField): FieldType {
	switch (field.type.name) {
		case 'integer':
		case 'double':
		case 'currency':
			return 'number';
		case 'boolean':
			return 'boolean';
		case 'date':
		case 'datetime':
			return 'dateTime';
		case 'time':
			return 'time';
		case 'picklist':
		case 'owner':
			return 'options';
		default:
			return 'string';
	}
}

function displayName(field: VtigerField, ownerDefaulted: boolean): string {
	const base = field.label && field.label !== field.name ? `${field.label} (${field.name})` : field.name;
	if (field.type.name === 'reference') return `${base}: ID of ${(field.type.refersTo ?? ['a record']).join(' or ')}, e.g. 11x45`;
	if (field.type.name === 'multipicklist') return `${base}: comma-separated`;
	if (ownerDefaulted) return `${base}: default is the API user`;
	return base;
}

/** The resource mapper's columns, from describe: editable fields only, mandatory ones required on create. */
export async function getRecordFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const module = currentModule(this);
	if (!module) return { fields: [] };
	const isCreate = this.getCurrentNodeParameter('operation') === 'create';
	const session = editorSession(this);
	const described = await session.describe(module);
	// On a quote, order or invoice the Line Items parameter sets the line fields, and vtiger computes the totals.
	const inventory = isInventoryModule(module);
	const editable = described.fields.filter((field) => field.editable && field.name !== 'id' && !(inventory && isLineOrTotalField(field)));
	const owners: INodePropertyOptions[] = editable.some((field) => field.type.name === 'owner') ? await ownerOptions.call(this).catch(() => []) : [];

	const fields: ResourceMapperField[] = editable.map((field) => {
		const isOwner = field.type.name === 'owner';
		const options = isOwner ? owners : (field.type.picklistValues ?? []).map((option) => ({ name: option.label, value: option.value }));
		const type = fieldType(field) === 'options' && !options.length ? 'string' : fieldType(field);
		return mapperColumn({
			id: field.name,
			displayName: displayName(field, isCreate && isOwner && field.mandatory),
			// The owner falls back to the API user, so it need not be mapped.
			required: isCreate && field.mandatory && !isOwner,
			type,
			options,
		});
	});
	return { fields };
}
