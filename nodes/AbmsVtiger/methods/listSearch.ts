import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { ListTypesResult } from '../operations/module/listTypes';
import { moduleEntries } from '../operations/module/listTypes';
import type { VtigerField } from '../operations/vtigerDescribe';
import { currentModule, editorSession, ownerOptions } from './context';
import { PAGE_SIZE, searchAcross, searchModule } from './recordSearch';

/** Record modules from listtypes: the Module picker. */
export async function searchModules(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const result = (await editorSession(this).call({ operation: 'listtypes', method: 'GET' })) as ListTypesResult;
	const needle = (filter ?? '').toLowerCase();
	const results = moduleEntries(result)
		.filter((entry) => entry.isEntity)
		.filter((entry) => !needle || `${entry.name as string} ${entry.label as string}`.toLowerCase().includes(needle))
		.map((entry) => ({ name: entry.label === entry.name ? String(entry.name) : `${entry.label as string} (${entry.name as string})`, value: String(entry.name) }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/** Records of the chosen module, searched on its label fields (describe's labelFields). */
export async function searchRecords(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const module = currentModule(this);
	if (!module) return { results: [] };
	const offset = Number(paginationToken ?? 0);
	const results = await searchModule(editorSession(this), module, filter, offset);
	// Rows the user may not see are removed after the LIMIT: only an empty page ends the list.
	return { results, paginationToken: results.length ? String(offset + PAGE_SIZE) : undefined };
}

/** What a line item sells: products and services, by name. */
export async function searchProducts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchAcross(editorSession(this), ['Products', 'Services'], filter, paginationToken);
}

/** The field of the collection entry being edited (its sibling 'field'), as describe gives it. */
async function siblingField(context: ILoadOptionsFunctions, session: ReturnType<typeof editorSession>): Promise<VtigerField | undefined> {
	const module = currentModule(context);
	const name = String(context.getCurrentNodeParameter('&field') ?? '').trim();
	if (!module || !name) return undefined;
	return (await session.describe(module)).fields.find((field) => field.name === name);
}

/** Modules a reference may point at; Users are the owner fields' business. */
const referenceTargets = (field: VtigerField) => (field.type.refersTo ?? []).filter((module) => module !== 'Users');

/** Records a reference field may point at (its describe refersTo), by name. */
export async function searchReferenceRecords(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const session = editorSession(this);
	const field = await siblingField(this, session);
	if (!field || field.type.name !== 'reference') return { results: [] };
	return await searchAcross(session, referenceTargets(field), filter, paginationToken);
}

const matches = (filter: string | undefined, ...texts: string[]) => !filter || texts.some((text) => text.toLowerCase().includes(filter.toLowerCase()));

/**
 * A filter condition's value picked from what the field allows: picklist values, users and groups
 * for an owner, records (by name) for a reference, yes/no for a checkbox. Other fields have no list.
 */
export async function searchConditionValues(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const session = editorSession(this);
	const field = await siblingField(this, session);
	if (!field) return { results: [] };
	switch (field.type.name) {
		case 'picklist':
		case 'multipicklist':
			return {
				results: (field.type.picklistValues ?? []).filter((option) => matches(filter, option.label, option.value)).map((option) => ({ name: option.label, value: option.value })),
			};
		case 'owner':
			return { results: (await ownerOptions.call(this)).filter((option) => matches(filter, option.name)).map((option) => ({ name: option.name, value: String(option.value) })) };
		case 'reference':
			return await searchAcross(session, referenceTargets(field), filter, paginationToken);
		case 'boolean':
			return {
				results: [
					{ name: 'Yes', value: '1' },
					{ name: 'No', value: '0' },
				].filter((option) => matches(filter, option.name)),
			};
		default:
			return { results: [] };
	}
}
