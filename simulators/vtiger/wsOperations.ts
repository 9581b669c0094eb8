import type { Session, WsAuth } from './wsAuth';
import { DENIED, NOT_FOUND, WsError } from './wsEnvelope';
import { changeInventory, createInventory, deleteLines, hasInventoryApi, inventoryOutput, moduleView } from './wsInventory';
import type { FieldSpec, ModuleSpec } from './wsModules';
import { GROUPS, LINE_ITEM_COLUMNS, MODULES, NON_ENTITY_TYPES, TAXES, USERS, describeLineItem, describeModule, findModule, moduleByPrefix } from './wsModules';
import type { StoredRecord, WsStore } from './wsStore';
import { dbDateTime, idParts, isOwner, requireModule } from './wsStore';
import type { VtqlQuery } from './vtql';
import { ROW_CAP, compareValues, matchesWhere, parseVtql } from './vtql';

export interface OpContext {
	params: Record<string, string>;
	session?: Session;
	store: WsStore;
	auth: WsAuth;
	clock: () => number;
	loginResultKey: 'sessionName' | 'sessionId';
	vtigerVersion: string;
	/** Whether the login result names the version (a server may leave vtigerVersion out). */
	loginReportsVersion?: boolean;
	rejectDuplicateAccounts?: boolean;
}

export interface OperationDef {
	/** Where vtiger reads this operation's parameters from: $_GET or $_POST. */
	type: 'GET' | 'POST';
	preLogin?: boolean;
	/** Whether a server of this version registers the operation at all (UNKNOWN_OPERATION otherwise). */
	availableIn?: (vtigerVersion: string) => boolean;
	run(ctx: OpContext): unknown;
}

function required(ctx: OpContext, name: string): string {
	const value = ctx.params[name];
	if (value === undefined || value === '') throw new WsError('MANDATORY_FIELDS_MISSING', `${name} does not have a value`);
	return value;
}

/** An "encoded" parameter: JSON text inside a form field. */
function decoded(ctx: OpContext, name: string): Record<string, unknown> {
	const raw = ctx.params[name];
	if (raw === undefined || raw === '') return {};
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch {
		throw new WsError('INTERNAL_SERVER_ERROR', 'Unknown Error while processing request');
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new WsError('INTERNAL_SERVER_ERROR', 'Unknown Error while processing request');
	}
	return value as Record<string, unknown>;
}

const DB_ERROR = () => new WsError('DATABASE_QUERY_ERROR', 'Database error while performing required operation');

/** What MySQL (strict mode) and vtiger's DataTransform do to an incoming value. */
function normalize(ctx: OpContext, field: FieldSpec, raw: unknown): string {
	if (raw === null || raw === undefined) return '';
	if (typeof raw === 'object') throw DB_ERROR();
	const text = String(raw).trim();
	if (text === '') return '';
	switch (field.type) {
		case 'boolean':
			if (['1', 'true', 'on', 'yes'].includes(text.toLowerCase())) return '1';
			if (['0', 'false', 'off', 'no'].includes(text.toLowerCase())) return '0';
			throw DB_ERROR();
		case 'date':
			if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) throw DB_ERROR();
			return text;
		case 'datetime':
			if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(text)) throw DB_ERROR();
			return text.length === 16 ? `${text}:00` : text;
		case 'integer':
			if (!/^-?\d+$/.test(text)) throw DB_ERROR();
			return text;
		case 'currency':
		case 'double':
			if (!/^-?\d+(\.\d+)?$/.test(text)) throw DB_ERROR();
			return field.type === 'currency' ? Number(text).toFixed(8) : text;
		case 'reference': {
			const { prefix, crmid } = (() => {
				try {
					return idParts(text);
				} catch {
					throw new WsError('REFERENCE_INVALID', `Invalid reference specified for ${field.name}`);
				}
			})();
			const target = ctx.store.records.get(crmid);
			const targetModule = moduleByPrefix(prefix);
			if (!target || target.deleted || !targetModule || target.module !== targetModule || !field.refersTo?.includes(targetModule.name)) {
				throw new WsError('REFERENCE_INVALID', `Invalid reference specified for ${field.name}`);
			}
			return text;
		}
		case 'owner':
			if (!isOwner(text)) throw new WsError('ACCESS_DENIED', 'Cannot assign record to the given user');
			return text;
		default:
			return text;
	}
}

/** Editable fields of the element, normalised; read-only and unknown keys are ignored as vtiger does. */
function writableValues(ctx: OpContext, module: ModuleSpec, element: Record<string, unknown>): Record<string, string> {
	const values: Record<string, string> = {};
	for (const field of module.fields) {
		if (field.editable === false || !(field.name in element)) continue;
		values[field.name] = normalize(ctx, field, element[field.name]);
	}
	return values;
}

function checkMandatory(module: ModuleSpec, values: Record<string, string>, onlyPresent: boolean): void {
	for (const field of module.fields) {
		if (!field.mandatory || field.editable === false) continue;
		if (onlyPresent && !(field.name in values)) continue;
		if (!values[field.name]) throw new WsError('MANDATORY_FIELDS_MISSING', `${field.name} does not have a value`);
	}
}

function output(store: WsStore, record: StoredRecord, withLabel = false): Record<string, string> {
	const result: Record<string, string> = {};
	for (const field of record.module.fields) result[field.name] = record.values[field.name] ?? '';
	if (record.module.inventory) for (const column of LINE_ITEM_COLUMNS) delete result[column];
	if (record.values.imageattachmentids) result.imageattachmentids = record.values.imageattachmentids;
	result.id = store.wsId(record);
	if (withLabel) {
		result.label = record.module.labelFields
			.split(',')
			.map((name) => record.values[name])
			.filter(Boolean)
			.join(' ');
	}
	return result;
}

function accessibleRecord(ctx: OpContext, id: string): StoredRecord {
	return ctx.store.find(id);
}

/** A record as retrieve answers it: with its line items on an inventory module. */
function retrieved(ctx: OpContext, record: StoredRecord, withLabel = true): Record<string, unknown> {
	const base = output(ctx.store, record, withLabel);
	return record.module.inventory ? inventoryOutput(ctx.store, record, base, ctx.vtigerVersion) : base;
}

// ---- query -------------------------------------------------------------------------------

function pseudoRows(name: string): Array<Record<string, string>> | undefined {
	if (name.toLowerCase() === 'users') return USERS.map((user) => ({ ...user }));
	if (name.toLowerCase() === 'groups') return GROUPS.map((group) => ({ ...group }));
	if (name.toLowerCase() === 'tax') return TAXES.map((tax) => ({ taxname: tax.taxname, taxlabel: tax.taxlabel, percentage: tax.percentage, deleted: '0', id: `34x${tax.taxid}` }));
	return undefined;
}

function checkColumns(query: VtqlQuery, known: Set<string>, module: string): void {
	const used = [...(Array.isArray(query.select) ? query.select : []), ...query.where.map((entry) => entry.condition.field), ...query.orderBy];
	for (const column of used) {
		if (!known.has(column)) throw new WsError('QUERY_SYNTAX_ERROR', `Unknown field ${column} in ${module}`);
	}
}

function sortRows<T>(rows: T[], query: VtqlQuery, valueOf: (row: T, column: string) => string): T[] {
	if (!query.orderBy.length) return rows;
	const sign = query.descending ? -1 : 1;
	return [...rows].sort((a, b) => {
		for (const column of query.orderBy) {
			const difference = compareValues(valueOf(a, column), valueOf(b, column));
			if (difference !== 0) return sign * difference;
		}
		return 0;
	});
}

function project(row: Record<string, string>, select: VtqlQuery['select']): Record<string, string> {
	if (!Array.isArray(select)) return row;
	const result: Record<string, string> = {};
	for (const column of select) result[column] = row[column] ?? '';
	result.id = row.id;
	return result;
}

export function runQuery(ctx: OpContext, text: string): Array<Record<string, string>> {
	const query = parseVtql(text);
	const pseudo = pseudoRows(query.module);
	if (pseudo) {
		checkColumns(query, new Set(Object.keys(pseudo[0])), query.module);
		const rows = sortRows(pseudo.filter((row) => matchesWhere(row, query.where)), query, (row, column) => row[column] ?? '');
		if (query.select === 'count') return query.offset > 0 ? [] : [{ count: String(rows.length) }];
		return rows.slice(query.offset, query.offset + query.limit).map((row) => project(row, query.select));
	}
	const module = requireModule(query.module);
	checkColumns(query, new Set([...module.fields.map((field) => field.name), 'id']), module.name);
	const matching = ctx.store.live(module).filter((record) => matchesWhere(record.values, query.where));
	if (query.select === 'count') return query.offset > 0 ? [] : [{ count: String(matching.length) }];
	const page = sortRows(matching, query, (record, column) => record.values[column] ?? '').slice(query.offset, query.offset + query.limit);
	// Sharing rules are applied to the page after the LIMIT, so a page can come back short.
	return page.filter((record) => !record.hidden).map((record) => project(output(ctx.store, record), query.select));
}

// ---- sync --------------------------------------------------------------------------------

function runSync(ctx: OpContext) {
	const since = Number(ctx.params.modifiedTime ?? 0);
	if (!Number.isFinite(since)) throw new WsError('INTERNAL_SERVER_ERROR', 'Unknown Error while processing request');
	const module = ctx.params.elementType ? requireModule(ctx.params.elementType) : undefined;
	const userId = ctx.session!.user.id;
	const second = (ms: number) => Math.floor(ms / 1000);
	const changed = [...ctx.store.records.values()]
		.filter((record) => !record.deleted && !record.converted && !record.hidden)
		.filter((record) => (!module || record.module === module) && record.values.assigned_user_id === userId)
		.filter((record) => second(record.modifiedMs) > since)
		.sort((a, b) => a.modifiedMs - b.modifiedMs || a.crmid - b.crmid);
	let page = changed.slice(0, ROW_CAP);
	const more = changed.length > ROW_CAP;
	if (more) {
		// Never split one second across calls: the next call asks for "> lastModifiedTime".
		const cut = second(changed[ROW_CAP].modifiedMs);
		const whole = page.filter((record) => second(record.modifiedMs) < cut);
		if (whole.length) page = whole;
	}
	const lastSecond = page.length ? second(page[page.length - 1].modifiedMs) : since;
	const deleted = ctx.store.deletions
		.filter((entry) => (!module || entry.module === module.name) && entry.owner === userId)
		.filter((entry) => second(entry.atMs) > since && second(entry.atMs) <= (more ? lastSecond : Number.POSITIVE_INFINITY))
		.map((entry) => entry.id);
	const lastModifiedTime = Math.max(lastSecond, ...ctx.store.deletions.filter((entry) => deleted.includes(entry.id)).map((entry) => second(entry.atMs)));
	return { updated: page.map((record) => output(ctx.store, record)), deleted, lastModifiedTime, more };
}

// ---- convertlead -------------------------------------------------------------------------

function runConvertLead(ctx: OpContext) {
	const element = decoded(ctx, 'element');
	const { crmid } = idParts(element.leadId);
	if (ctx.store.records.get(crmid)?.converted) throw new WsError('LEAD_ALREADY_CONVERTED', 'Lead is already converted');
	const lead = accessibleRecord(ctx, String(element.leadId ?? ''));
	if (lead.module.name !== 'Leads') throw new WsError('INVALID_ID_ATTRIBUTE', 'Id specified is incorrect');
	const entities = (element.entities ?? {}) as Record<string, Record<string, unknown>>;
	const owner = String(element.assignedTo || lead.values.assigned_user_id || ctx.session!.user.id);
	if (!isOwner(owner)) throw new WsError('ACCESS_DENIED', 'Cannot assign record to the given user');
	const wanted = (name: string) => entities[name]?.create === true || entities[name]?.create === 'true';
	if (!wanted('Accounts') && !wanted('Contacts')) {
		throw new WsError('LEAD_RELATEDLIST_UPDATE_FAILED', 'Either an Organization or a Contact has to be created');
	}
	// Missing entity fields are filled from the lead, as the lead conversion mapping does.
	const fromLead: Record<string, Record<string, string>> = {
		Accounts: { accountname: lead.values.company, phone: lead.values.phone },
		Contacts: { firstname: lead.values.firstname, lastname: lead.values.lastname, email: lead.values.email, phone: lead.values.phone, leadsource: lead.values.leadsource },
		Potentials: { leadsource: lead.values.leadsource },
	};
	const planned: Array<{ module: ModuleSpec; values: Record<string, string> }> = [];
	for (const name of ['Accounts', 'Contacts', 'Potentials']) {
		if (!wanted(name)) continue;
		const module = findModule(name)!;
		const given = { ...entities[name] };
		delete given.create;
		delete given.name;
		const values = { ...writableValues(ctx, module, { ...fromLead[name], ...given }), assigned_user_id: owner };
		checkMandatory(module, values, false);
		planned.push({ module, values });
	}
	const ids: Record<string, string> = {};
	const created: Record<string, StoredRecord> = {};
	for (const { module, values } of planned) {
		const record = ctx.store.insert(module, values);
		created[module.name] = record;
		ids[module.name] = ctx.store.wsId(record);
	}
	if (created.Contacts && created.Accounts) created.Contacts.values.account_id = ids.Accounts;
	if (created.Potentials) {
		if (created.Accounts) created.Potentials.values.related_to = ids.Accounts;
		if (created.Contacts) created.Potentials.values.contact_id = ids.Contacts;
	}
	lead.converted = true;
	return ids;
}

// ---- relations ---------------------------------------------------------------------------

function relationTarget(source: StoredRecord, label: string): ModuleSpec {
	const target = source.module.relations[label];
	if (!target) throw new WsError('INTERNAL_SERVER_ERROR', 'Unknown Error while processing request');
	return findModule(target)!;
}

function relatedRecords(ctx: OpContext, source: StoredRecord, label: string): StoredRecord[] {
	const target = relationTarget(source, label);
	const linked = new Set(ctx.store.relations.filter((relation) => relation.source === source.crmid && relation.label === label).map((relation) => relation.target));
	const sourceId = ctx.store.wsId(source);
	return ctx.store.live(target).filter((record) => {
		if (linked.has(record.crmid)) return true;
		// 1:N relations are the reference field pointing back at the source.
		return target.fields.some((field) => field.type === 'reference' && field.refersTo?.includes(source.module.name) && record.values[field.name] === sourceId);
	});
}

function runQueryRelated(ctx: OpContext) {
	const source = accessibleRecord(ctx, required(ctx, 'id'));
	const label = required(ctx, 'relatedLabel');
	const ids = relatedRecords(ctx, source, label).map((record) => ctx.store.wsId(record));
	const text = required(ctx, 'query');
	const inList = ids.length ? ids.map((id) => `'${id}'`).join(',') : "'0x0'";
	// The server appends its own filter and the terminating semicolon.
	const joiner = /\bwhere\b/i.test(text) ? ' AND' : ' WHERE';
	return runQuery(ctx, `${text}${joiner} id IN (${inList});`);
}

function runAddRelated(ctx: OpContext) {
	let source: StoredRecord;
	let target: StoredRecord;
	try {
		source = accessibleRecord(ctx, required(ctx, 'sourceRecordId'));
		target = accessibleRecord(ctx, required(ctx, 'relatedRecordId'));
	} catch {
		throw new WsError('INTERNAL_SERVER_ERROR', 'Unknown Error while processing request');
	}
	const label = required(ctx, 'relationIdLabel');
	if (relationTarget(source, label) !== target.module) throw new WsError('INTERNAL_SERVER_ERROR', 'Unknown Error while processing request');
	if (!ctx.store.relations.some((relation) => relation.source === source.crmid && relation.target === target.crmid && relation.label === label)) {
		ctx.store.relations.push({ source: source.crmid, target: target.crmid, label });
	}
	return { message: 'successfull' };
}

// ---- the operation table -----------------------------------------------------------------

export const OPERATIONS: Record<string, OperationDef> = {
	getchallenge: { type: 'GET', preLogin: true, run: (ctx) => ctx.auth.getChallenge(required(ctx, 'username')) },
	login: {
		type: 'POST',
		preLogin: true,
		run: (ctx) => {
			const session = ctx.auth.login(required(ctx, 'username'), ctx.params.accessKey ?? '');
			return {
				[ctx.loginResultKey]: session.id,
				userId: session.user.id,
				version: '0.22',
				...(ctx.loginReportsVersion === false ? {} : { vtigerVersion: ctx.vtigerVersion }),
				username: session.user.username,
			};
		},
	},
	logout: {
		type: 'POST',
		run: (ctx) => {
			ctx.auth.logout(ctx.session!.id);
			return { message: 'successfull' };
		},
	},
	extendsession: {
		type: 'POST',
		preLogin: true,
		// Only adopts a web-UI PHP session (a browser cookie), which an API client never has.
		run: () => {
			throw new WsError('AUTHENTICATION_FAILURE', 'Authencation Failed');
		},
	},
	listtypes: {
		type: 'GET',
		run: (ctx) => {
			const wanted = ctx.params.fieldTypeList ? (JSON.parse(ctx.params.fieldTypeList) as string[]) : undefined;
			const entities = MODULES.filter((module) => !wanted || module.fields.some((field) => wanted.includes(field.type)));
			const types = [...entities.map((module) => module.name), ...(wanted ? [] : NON_ENTITY_TYPES.map((type) => type.name))];
			const information: Record<string, unknown> = {};
			for (const module of entities) information[module.name] = { isEntity: true, label: module.label, singular: module.singular };
			if (!wanted) for (const type of NON_ENTITY_TYPES) information[type.name] = { isEntity: false, label: type.label, singular: type.singular };
			return { types, information };
		},
	},
	describe: {
		type: 'GET',
		run: (ctx) => {
			const name = required(ctx, 'elementType');
			if (name === 'LineItem' && hasInventoryApi(ctx.vtigerVersion)) return describeLineItem();
			return describeModule(moduleView(requireModule(name), ctx.vtigerVersion));
		},
	},
	create: {
		type: 'POST',
		run: (ctx) => {
			const module = moduleView(requireModule(required(ctx, 'elementType')), ctx.vtigerVersion);
			const element = decoded(ctx, 'element');
			const values = writableValues(ctx, module, element);
			checkMandatory(module, values, false);
			if (ctx.rejectDuplicateAccounts && module.name === 'Accounts' && ctx.store.live(module).some((record) => record.values.accountname.toLowerCase() === values.accountname.toLowerCase())) {
				throw new WsError(0, 'Duplicate(s) detected!');
			}
			if (module.inventory && hasInventoryApi(ctx.vtigerVersion)) {
				const record = createInventory(ctx.store, requireModule(module.name), element, values);
				return inventoryOutput(ctx.store, record, output(ctx.store, record, true), ctx.vtigerVersion);
			}
			return output(ctx.store, ctx.store.insert(requireModule(module.name), values));
		},
	},
	retrieve: { type: 'GET', run: (ctx) => retrieved(ctx, accessibleRecord(ctx, required(ctx, 'id'))) },
	retrieve_inventory: {
		type: 'GET',
		availableIn: hasInventoryApi,
		run: (ctx) => {
			const record = accessibleRecord(ctx, required(ctx, 'id'));
			const result = retrieved(ctx, record) as Record<string, unknown>;
			return { ...result, LineItems: record.module.inventory ? result.LineItems : [] };
		},
	},
	update: {
		type: 'POST',
		run: (ctx) => {
			const element = decoded(ctx, 'element');
			const record = accessibleRecord(ctx, String(element.id ?? ''));
			const module = moduleView(record.module, ctx.vtigerVersion);
			const values = writableValues(ctx, module, element);
			checkMandatory(module, values, false);
			// A full update: editable fields left out of the element are emptied.
			const replaceAll = () => {
				for (const field of module.fields) if (field.editable !== false) record.values[field.name] = values[field.name] ?? '';
			};
			if (module.inventory && hasInventoryApi(ctx.vtigerVersion)) {
				// Without LineItems vtiger's inventory update is a revise.
				const withLines = Array.isArray(element.LineItems) && element.LineItems.length > 0;
				changeInventory(ctx.store, record, element, withLines ? replaceAll : () => Object.assign(record.values, values));
			} else replaceAll();
			ctx.store.touch(record, ctx.session!.user.id);
			return retrieved(ctx, record, false);
		},
	},
	revise: {
		type: 'POST',
		run: (ctx) => {
			const element = decoded(ctx, 'element');
			const record = accessibleRecord(ctx, String(element.id ?? ''));
			const module = moduleView(record.module, ctx.vtigerVersion);
			const values = writableValues(ctx, module, element);
			checkMandatory(module, values, true);
			if (module.inventory && hasInventoryApi(ctx.vtigerVersion)) changeInventory(ctx.store, record, element, () => Object.assign(record.values, values));
			else Object.assign(record.values, values);
			ctx.store.touch(record, ctx.session!.user.id);
			return retrieved(ctx, record, false);
		},
	},
	delete: {
		type: 'POST',
		run: (ctx) => {
			const record = accessibleRecord(ctx, required(ctx, 'id'));
			ctx.store.remove(record);
			deleteLines(ctx.store, record);
			return { status: 'successful' };
		},
	},
	query: { type: 'GET', run: (ctx) => runQuery(ctx, required(ctx, 'query')) },
	sync: { type: 'GET', run: runSync },
	convertlead: { type: 'POST', run: runConvertLead },
	relatedtypes: {
		type: 'GET',
		run: (ctx) => {
			const module = requireModule(required(ctx, 'elementType'));
			const information: Record<string, unknown> = {};
			for (const [label, target] of Object.entries(module.relations)) information[label] = { name: target, label, isEntity: true };
			return { types: Object.values(module.relations), information };
		},
	},
	retrieve_related: {
		type: 'GET',
		run: (ctx) => {
			const source = accessibleRecord(ctx, required(ctx, 'id'));
			const label = required(ctx, 'relatedLabel');
			const type = required(ctx, 'relatedType');
			if (relationTarget(source, label).name.toLowerCase() !== type.toLowerCase()) throw new WsError('ACCESS_DENIED', DENIED);
			return relatedRecords(ctx, source, label)
				.filter((record) => !record.hidden)
				.map((record) => output(ctx.store, record));
		},
	},
	query_related: { type: 'GET', run: runQueryRelated },
	add_related: { type: 'POST', run: runAddRelated },
	files_retrieve: {
		type: 'GET',
		run: (ctx) => {
			const { prefix, crmid } = idParts(required(ctx, 'id'));
			const attachment = ctx.store.attachments.get(crmid);
			const owner = attachment ? ctx.store.records.get(attachment.crmid) : undefined;
			if (!attachment || !owner || owner.deleted || owner.module.idPrefix !== prefix) throw new WsError('RECORD_NOT_FOUND', NOT_FOUND);
			if (owner.hidden) throw new WsError('ACCESS_DENIED', DENIED);
			return [
				{
					fileid: String(attachment.id),
					filename: attachment.filename,
					filetype: attachment.filetype,
					filesize: String(attachment.content.length),
					filecontents: attachment.content.toString('base64'),
				},
			];
		},
	},
};

export { dbDateTime };
