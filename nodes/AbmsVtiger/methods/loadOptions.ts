import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

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
