import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { WHATSAPP_CHANNELS } from '../operations/integration';
import { chatRequest } from '../transport';
import { channelLabel } from './channelLabel';

const PAGE_SIZE = 50;

/** One page of a Qontak Chat list; the pagination token is the next 1-based offset. */
async function page(
	this: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
	label: (row: IDataObject) => string,
	paginationToken?: string,
	keep: (row: IDataObject) => boolean = () => true,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 1);
	const body = await chatRequest.call(this, { method: 'GET', path, qs: { ...qs, offset, limit: PAGE_SIZE } });
	const rows = (Array.isArray(body.data) ? body.data : []) as IDataObject[];
	return {
		results: rows.filter(keep).map((row) => ({ name: label(row), value: String(row.id) })),
		paginationToken: rows.length === PAGE_SIZE ? String(offset + 1) : undefined,
	};
}

const withQuery = (filter?: string): IDataObject => (filter ? { query: filter } : {});

function templateOptionName(row: IDataObject): string {
	return `${String(row.name)} (${String(row.language)}) · ${String(row.category ?? '')}`;
}

/** WhatsApp and WhatsApp Cloud integrations only: the channels a template broadcast can use. */
export async function searchWhatsAppChannels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	for (const channel of WHATSAPP_CHANNELS) {
		const body = await chatRequest.call(this, { method: 'GET', path: '/integrations', qs: { target_channel: channel, offset: 1, limit: 100 } });
		for (const row of (Array.isArray(body.data) ? body.data : []) as IDataObject[]) {
			if (!WHATSAPP_CHANNELS.includes(String(row.target_channel))) continue;
			const name = channelLabel(row);
			if (filter && !name.toLowerCase().includes(filter.toLowerCase())) continue;
			results.push({ name, value: String(row.id) });
		}
	}
	return { results };
}

export async function searchIntegrations(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await page.call(this, '/integrations', withQuery(filter), channelLabel, paginationToken);
}

/** Only APPROVED templates can be sent, so the send operations list nothing else. */
export async function searchApprovedTemplates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await page.call(this, '/templates/whatsapp', { ...withQuery(filter), status: 'APPROVED' }, templateOptionName, paginationToken, (row) => row.status === 'APPROVED');
}

export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await page.call(this, '/templates/whatsapp', withQuery(filter), (row) => `${templateOptionName(row)} · ${String(row.status)}`, paginationToken);
}

export async function searchRooms(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await page.call(this, '/rooms', withQuery(filter), (row) => `${String(row.name)} (${String(row.account_uniq_id ?? row.channel)}) · ${String(row.status)}`, paginationToken);
}

export async function searchDivisions(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await page.call(this, '/divisions', withQuery(filter), (row) => String(row.name), paginationToken);
}

export async function searchUsers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await page.call(this, '/users', withQuery(filter), (row) => `${String(row.full_name)} (${String(row.role)})`, paginationToken);
}

export async function searchContactLists(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await page.call(this, '/contacts/contact_lists', withQuery(filter), (row) => `${String(row.name)} · ${String(row.progress)}`, paginationToken);
}

export async function searchBroadcasts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await page.call(this, '/broadcasts/whatsapp', withQuery(filter), (row) => `${String(row.name)} · ${String(row.created_at ?? '').slice(0, 16).replace('T', ' ')}`, paginationToken);
}
