import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { dropdownOptions, fetchTemplate } from '../operations/fieldTemplate';
import { qontakRequest } from '../transport';

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
