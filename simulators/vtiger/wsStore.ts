import type { ModuleSpec } from './wsModules';
import { GROUPS, MODULES, USERS, findModule, moduleByPrefix } from './wsModules';
import { DENIED, NOT_FOUND, WsError } from './wsEnvelope';

/** vtiger stores UTC datetimes and answers in database format. */
export function dbDateTime(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export interface StoredRecord {
	module: ModuleSpec;
	crmid: number;
	values: Record<string, string>;
	/** Not visible to the API user: filtered from query pages after the LIMIT. */
	hidden: boolean;
	deleted: boolean;
	converted: boolean;
	modifiedMs: number;
	/** An inventory record in group tax mode: the document taxes (tax<N> → percentage) its lines set. */
	groupTaxes?: Record<string, number>;
}

export interface Attachment {
	id: number;
	crmid: number;
	filename: string;
	filetype: string;
	content: Buffer;
}

/** A row of vtiger_inventoryproductrel: one line of a quote, order or invoice. */
export interface LineItemRow {
	lineitemId: number;
	parentCrmid: number;
	productid: string;
	sequence: number;
	quantity: number;
	listprice: number;
	discountPercent: number | null;
	discountAmount: number | null;
	comment: string;
	/** tax<N> → percentage as stored; null where the line has no such tax. */
	taxes: Record<string, number | null>;
}

export interface Relation {
	source: number;
	target: number;
	label: string;
}

const WS_ID = /^(\d+)x(\d+)$/;

export function idParts(id: unknown): { prefix: string; crmid: number } {
	const match = WS_ID.exec(String(id ?? ''));
	if (!match) throw new WsError('INVALID_ID_ATTRIBUTE', 'Id specified is incorrect');
	return { prefix: match[1], crmid: Number(match[2]) };
}

export class WsStore {
	readonly records = new Map<number, StoredRecord>();
	readonly relations: Relation[] = [];
	readonly attachments = new Map<number, Attachment>();
	readonly deletions: Array<{ id: string; module: string; owner: string; atMs: number }> = [];
	readonly lineItems: LineItemRow[] = [];
	/** vtiger_producttaxrel: the taxes (tax<N> → percentage) a product or service carries. */
	readonly productTaxes = new Map<number, Record<string, number>>();
	nextLineItemId = 1;
	private nextCrmid = 100;
	private readonly autonumbers = new Map<string, number>();

	constructor(private readonly clock: () => number) {}

	nextId(): number {
		return this.nextCrmid++;
	}

	wsId(record: StoredRecord): string {
		return `${record.module.idPrefix}x${record.crmid}`;
	}

	/** Inserts already-validated values; fills the autonumber and the timestamps. */
	insert(module: ModuleSpec, values: Record<string, string>, options: { hidden?: boolean; modifiedMs?: number; crmid?: number } = {}): StoredRecord {
		const crmid = options.crmid ?? this.nextId();
		const now = options.modifiedMs ?? this.clock();
		const record: StoredRecord = { module, crmid, values: {}, hidden: options.hidden === true, deleted: false, converted: false, modifiedMs: now };
		for (const field of module.fields) record.values[field.name] = values[field.name] ?? '';
		if (module.autonumber) {
			const next = (this.autonumbers.get(module.name) ?? 0) + 1;
			this.autonumbers.set(module.name, next);
			record.values[module.autonumber.field] = `${module.autonumber.prefix}${next}`;
		}
		record.values.createdtime = dbDateTime(now);
		record.values.modifiedtime = dbDateTime(now);
		record.values.modifiedby = values.modifiedby || '19x1';
		record.values.id = `${module.idPrefix}x${crmid}`;
		this.records.set(crmid, record);
		return record;
	}

	touch(record: StoredRecord, userId: string): void {
		record.modifiedMs = this.clock();
		record.values.modifiedtime = dbDateTime(record.modifiedMs);
		record.values.modifiedby = userId;
	}

	/** The record behind a ws id, as retrieve/update/delete see it. */
	find(id: unknown): StoredRecord {
		const { prefix, crmid } = idParts(id);
		const module = moduleByPrefix(prefix);
		if (!module) throw new WsError('INVALID_ID_ATTRIBUTE', 'Id specified is incorrect');
		const record = this.records.get(crmid);
		if (!record || record.deleted || record.converted) throw new WsError('RECORD_NOT_FOUND', NOT_FOUND);
		if (record.module !== module) throw new WsError('INVALID_ID_ATTRIBUTE', 'Id specified is incorrect');
		if (record.hidden) throw new WsError('ACCESS_DENIED', DENIED);
		return record;
	}

	remove(record: StoredRecord): void {
		record.deleted = true;
		this.deletions.push({ id: this.wsId(record), module: record.module.name, owner: record.values.assigned_user_id, atMs: this.clock() });
	}

	live(module: ModuleSpec): StoredRecord[] {
		return [...this.records.values()].filter((record) => record.module === module && !record.deleted && !record.converted);
	}

	reset(): void {
		this.records.clear();
		this.relations.length = 0;
		this.attachments.clear();
		this.deletions.length = 0;
		this.lineItems.length = 0;
		this.productTaxes.clear();
		this.nextLineItemId = 1;
		this.nextCrmid = 100;
		this.autonumbers.clear();
	}
}

/** Owner ids that exist: users and groups. */
export function isOwner(id: string): boolean {
	return USERS.some((user) => user.id === id) || GROUPS.some((group) => group.id === id);
}

/** Module for listtypes/describe/query, case-insensitive as MySQL compares names. */
export function requireModule(name: unknown): ModuleSpec {
	const module = findModule(String(name ?? ''));
	if (!module) throw new WsError('ACCESS_DENIED', `${DENIED} for name`);
	return module;
}

export { MODULES };
