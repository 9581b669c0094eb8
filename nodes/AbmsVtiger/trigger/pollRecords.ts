import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { vtqlQuote } from '../operations/vtql';
import type { SessionGate } from '../transport';
import { vtigerCall } from '../transport';

/** What the trigger keeps in the workflow's static data between polls. */
export interface PollState extends IDataObject {
	/** The configuration the mark belongs to; a change starts over. */
	key?: string;
	/** Query source: the highest time field value already emitted ('YYYY-MM-DD HH:MM:SS'). */
	mark?: string;
	/** Query source: ids already emitted whose time equals the mark. */
	idsAtMark?: string[];
	/** Sync source: vtiger's lastModifiedTime (unix seconds). */
	syncMark?: number;
}

export interface PollConfig {
	module: string;
	/** modifiedtime (new or updated) or createdtime (new only). */
	timeField: 'modifiedtime' | 'createdtime';
	gate: SessionGate;
	/** Stop reading (and keep the rest for the next poll) once this says so. */
	outOfTime: () => boolean;
}

const PAGE = 100;

async function query(this: IPollFunctions, config: PollConfig, text: string): Promise<IDataObject[]> {
	const rows = await vtigerCall.call(this, config.gate, {
		operation: 'query',
		method: 'GET',
		params: { query: text },
		subject: `module '${config.module}'`,
	});
	return Array.isArray(rows) ? (rows as IDataObject[]) : [];
}

/** The newest records, newest first (manual test runs and the first poll's starting point). */
export async function newestRecords(this: IPollFunctions, config: PollConfig, columns = '*'): Promise<IDataObject[]> {
	return await query.call(this, config, `SELECT ${columns} FROM ${config.module} ORDER BY ${config.timeField} DESC LIMIT 0, ${PAGE};`);
}

/** Where the first poll starts: the newest record's time, so existing records are not emitted. */
export async function startingMark(this: IPollFunctions, config: PollConfig): Promise<Pick<PollState, 'mark' | 'idsAtMark'>> {
	const newest = await newestRecords.call(this, config, config.timeField);
	const mark = newest[0]?.[config.timeField] as string | undefined;
	if (!mark) return { mark: new Date().toISOString().slice(0, 19).replace('T', ' '), idsAtMark: [] };
	return { mark, idsAtMark: newest.filter((row) => row[config.timeField] === mark).map((row) => String(row.id)) };
}

/**
 * Records whose time field is at or after the mark, oldest first. Pages move by time
 * (keyset) rather than by offset, so a record edited while we read cannot shift an
 * unread one out of the window; an offset is used only inside one second that holds
 * a full page, as after a mass update. Rows hidden from the user vanish after the LIMIT,
 * so only an empty page ends the read.
 */
export async function recordsSince(this: IPollFunctions, config: PollConfig, state: Pick<PollState, 'mark' | 'idsAtMark'>) {
	const { module, timeField } = config;
	const emitted = new Set((state.idsAtMark ?? []).map((id) => `${id}@${state.mark}`));
	const fresh: IDataObject[] = [];
	let cursor = state.mark!;
	let offset = 0;
	for (;;) {
		const page = await query.call(this, config, `SELECT * FROM ${module} WHERE ${timeField} >= ${vtqlQuote(cursor)} ORDER BY ${timeField} LIMIT ${offset}, ${PAGE};`);
		if (!page.length) break;
		for (const row of page) {
			const key = `${row.id as string}@${row[timeField] as string}`;
			if (emitted.has(key) || String(row[timeField]) < state.mark!) continue;
			emitted.add(key);
			fresh.push(row);
		}
		const last = String(page[page.length - 1][timeField]);
		if (last === cursor) offset += PAGE;
		else {
			cursor = last;
			offset = 0;
		}
		if (config.outOfTime()) break;
	}
	fresh.sort((a, b) => String(a[timeField]).localeCompare(String(b[timeField])));
	if (!fresh.length) return { records: fresh, state: { mark: state.mark, idsAtMark: state.idsAtMark ?? [] } };
	const mark = String(fresh[fresh.length - 1][timeField]);
	const atMark = fresh.filter((row) => row[timeField] === mark).map((row) => String(row.id));
	const idsAtMark = mark === state.mark ? [...new Set([...(state.idsAtMark ?? []), ...atMark])] : atMark;
	return { records: fresh, state: { mark, idsAtMark } };
}

interface SyncResult {
	updated?: IDataObject[];
	deleted?: string[];
	lastModifiedTime?: number | string;
	more?: boolean;
}

/** vtiger's sync from a unix time, following "more" while the server moves forward. */
export async function syncSince(this: IPollFunctions, config: PollConfig, since: number) {
	const updated: IDataObject[] = [];
	const deleted: string[] = [];
	let mark = since;
	for (;;) {
		const result = (await vtigerCall.call(this, config.gate, {
			operation: 'sync',
			method: 'GET',
			params: { modifiedTime: mark, elementType: config.module },
			subject: `module '${config.module}'`,
		})) as SyncResult;
		updated.push(...(result.updated ?? []));
		deleted.push(...(result.deleted ?? []));
		const next = Number(result.lastModifiedTime);
		const progressed = Number.isFinite(next) && next > mark;
		if (progressed) mark = next;
		if (result.more !== true || !progressed || config.outOfTime()) break;
	}
	return { updated, deleted, mark };
}
