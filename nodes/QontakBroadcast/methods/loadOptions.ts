import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { chatRequest } from '../transport';

async function namedValues(this: ILoadOptionsFunctions, path: string): Promise<INodePropertyOptions[]> {
	const body = await chatRequest.call(this, { method: 'GET', path });
	return ((Array.isArray(body.data) ? body.data : []) as IDataObject[]).map((row) => ({ name: String(row.name), value: String(row.value) }));
}

export async function getTemplateCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await namedValues.call(this, '/templates/category');
}

export async function getTemplateLanguages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await namedValues.call(this, '/templates/language');
}
