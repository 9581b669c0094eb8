import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { RelatedTypesResult } from '../operations/related/relations';
import { relationsOf } from '../operations/related/relations';
import { currentModule, editorSession, ownerOptions } from './context';

export async function getFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const module = currentModule(this);
	if (!module) return [];
	const described = await editorSession(this).describe(module);
	return described.fields.map((field) => ({ name: `${field.label} (${field.name})`, value: field.name, description: field.type.name }));
}

export async function getRelations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const module = currentModule(this);
	if (!module) return [];
	const result = (await editorSession(this).call({ operation: 'relatedtypes', method: 'GET', params: { elementType: module }, subject: `module '${module}'` })) as RelatedTypesResult;
	return relationsOf(result).map((relation) => ({
		name: relation.relationLabel === relation.module ? relation.relationLabel : `${relation.relationLabel} (${relation.module})`,
		value: relation.relationLabel,
	}));
}

export async function getOwners(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await ownerOptions.call(this);
}

export async function getSalesStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const described = await editorSession(this).describe('Potentials');
	const stage = described.fields.find((field) => field.name === 'sales_stage');
	return (stage?.type.picklistValues ?? []).map((option) => ({ name: option.label, value: option.value }));
}

/** Fields that point at other records, for Reference Fields. */
export async function getReferenceFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const module = currentModule(this);
	if (!module) return [];
	const described = await editorSession(this).describe(module);
	return described.fields
		.filter((field) => field.type.name === 'reference' && field.editable)
		.map((field) => ({ name: `${field.label} (${field.name})`, value: field.name, description: `Points at ${(field.type.refersTo ?? []).join(' or ')}` }));
}

/** vtiger's item taxes (the Tax type): tax1, tax2 … with their label and configured rate. */
export async function getTaxes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = (await editorSession(this).call({ operation: 'query', method: 'GET', params: { query: 'SELECT * FROM Tax;' }, subject: 'taxes' })) as IDataObject[];
	return [
		{ name: 'None (Product’s Own Taxes)', value: '' },
		...rows
			.filter((row) => String(row.deleted ?? '0') !== '1')
			.map((row) => ({ name: `${row.taxlabel as string} (${Number(row.percentage)}%)`, value: String(row.taxname) })),
	];
}
