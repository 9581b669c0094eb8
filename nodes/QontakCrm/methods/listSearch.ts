import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { findResource } from '../operations/resources';
import { qontakRequest } from '../transport';

const PAGE_SIZE = 50;

function recordName(record: IDataObject): string {
	const fullName = [record.first_name, record.last_name].filter(Boolean).join(' ');
	const name = record.name ?? record.full_name ?? (fullName || record.title || 'Untitled');
	return `${name as string} (#${record.id as string})`;
}

/** The record picker of every resource: pages through its collection, searching by name where Qontak can. */
export async function searchRecords(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const resource = findResource(this.getNodeParameter('resource') as string);
	if (!resource) return { results: [] };
	const page = Number(paginationToken ?? 1);
	const qs: IDataObject = resource.searchPaginated ? { page, per_page: PAGE_SIZE } : {};
	if (filter && resource.searchKey) qs[resource.searchKey] = filter;
	const body = await qontakRequest.call(this, { method: 'GET', path: resource.collection, qs });
	const rows = (Array.isArray(body.response) ? body.response : []) as IDataObject[];
	const totalPages = Number(body.total_page ?? 0);
	return {
		results: rows.map((row) => ({ name: recordName(row), value: String(row.id) })),
		paginationToken: resource.searchPaginated && page < totalPages ? String(page + 1) : undefined,
	};
}
