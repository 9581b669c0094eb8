import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { trimmedText } from '../../shared/parseInput';
import { dropdownOptions, fetchTemplate } from '../operations/fieldTemplate';
import { qontakRequest } from '../transport';
import { pipelineChoices, readPipelines, stageChoices } from './pipelines';

/** Qontak has no users endpoint; the deal template's owner dropdown lists the CRM users. */
export async function getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const template = await fetchTemplate.call(this, '/deals/info');
	const owner = template.find((field) => field.name === 'creator_id');
	return owner ? dropdownOptions(owner) : [];
}

export async function getTaskCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const body = await qontakRequest.call(this, { method: 'GET', path: '/tasks/category' });
	return ((body.response ?? []) as IDataObject[]).map((category) => ({
		name: String(category.name),
		value: String(category.id),
	}));
}

export async function getPipelines(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return pipelineChoices(await readPipelines.call(this));
}

/**
 * The stages of the pipeline chosen in the deal filters; of every pipeline while none is (or
 * while an expression, which the editor cannot resolve here, gives it).
 */
export async function getStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const chosen = trimmedText(this.getCurrentNodeParameter('filters.pipeline'));
	const pipelines = /^\d+$/.test(chosen) ? [{ id: chosen }] : await readPipelines.call(this);
	return await stageChoices.call(this, pipelines);
}
