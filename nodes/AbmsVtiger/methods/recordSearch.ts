import type { IDataObject, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { vtqlQuote } from '../operations/vtql';
import type { VtigerDescribe } from '../operations/vtigerDescribe';
import type { editorSession } from './context';

type Session = ReturnType<typeof editorSession>;

export const PAGE_SIZE = 50;

/** The columns a module's records are named by: describe's labelFields, else its first text field. */
function labelColumns(described: VtigerDescribe): string[] {
	const known = new Set(described.fields.map((field) => field.name));
	const labelFields = (described.labelFields ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter((name) => known.has(name));
	return labelFields.length ? labelFields : [described.fields.find((field) => field.type.name === 'string')?.name ?? 'id'];
}

/** One page of a module's records whose name contains `filter`, named "<label> (<id>)" or, with `tag`, "<label> (<tag> <id>)". */
export async function searchModule(session: Session, module: string, filter: string | undefined, offset: number, tag?: string): Promise<INodeListSearchItems[]> {
	const described = await session.describe(module);
	const columns = labelColumns(described);
	let query = `SELECT ${columns.join(', ')} FROM ${module}`;
	if (filter) query += ` WHERE ${columns.map((column) => `${column} LIKE ${vtqlQuote(`%${filter}%`)}`).join(' OR ')}`;
	const rows = (await session.call({ operation: 'query', method: 'GET', params: { query: `${query} LIMIT ${offset}, ${PAGE_SIZE};` } })) as IDataObject[];
	return rows.map((row) => {
		const label = columns.map((column) => row[column]).filter(Boolean).join(' ') || String(row.id);
		return { name: `${label} (${tag ? `${tag} ` : ''}${row.id as string})`, value: String(row.id) };
	});
}

/**
 * Records of several modules (a reference field's refersTo) in one list, each module paged alike.
 * Rows the user may not see are dropped after vtiger's LIMIT, so only pages that are all empty end
 * the list. A module this user may not read is left out rather than failing the whole list.
 */
export async function searchAcross(session: Session, modules: string[], filter: string | undefined, paginationToken: string | undefined): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const results: INodeListSearchItems[] = [];
	let any = false;
	for (const module of modules) {
		const page = await searchModule(session, module, filter, offset, modules.length > 1 ? module : undefined).catch(() => undefined);
		if (page?.length) any = true;
		results.push(...(page ?? []));
	}
	return { results, paginationToken: any ? String(offset + PAGE_SIZE) : undefined };
}
