import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { vtqlQuote } from '../operations/vtql';
import type { ListTypesResult } from '../operations/module/listTypes';
import { moduleEntries } from '../operations/module/listTypes';
import { currentModule, editorSession } from './context';

const PAGE_SIZE = 50;

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
	const session = editorSession(this);
	const described = await session.describe(module);
	const known = new Set(described.fields.map((field) => field.name));
	const labelFields = (described.labelFields ?? '').split(',').map((name) => name.trim()).filter((name) => known.has(name));
	const columns = labelFields.length ? labelFields : [described.fields.find((field) => field.type.name === 'string')?.name ?? 'id'];
	const offset = Number(paginationToken ?? 0);
	let query = `SELECT ${columns.join(', ')} FROM ${module}`;
	if (filter) query += ` WHERE ${columns.map((column) => `${column} LIKE ${vtqlQuote(`%${filter}%`)}`).join(' OR ')}`;
	const rows = (await session.call({ operation: 'query', method: 'GET', params: { query: `${query} LIMIT ${offset}, ${PAGE_SIZE};` } })) as IDataObject[];
	return {
		results: rows.map((row) => {
			const label = columns.map((column) => row[column]).filter(Boolean).join(' ');
			return { name: `${label || row.id} (${row.id as string})`, value: String(row.id) };
		}),
		// Rows the user may not see are removed after the LIMIT: only an empty page ends the list.
		paginationToken: rows.length ? String(offset + PAGE_SIZE) : undefined,
	};
}
