import { notFound, wibIso } from './crmEnvelope';

/** The simulator's in-memory tenant: one array per resource plus the audit side tables. */

export type CrmResource =
	| 'contacts'
	| 'companies'
	| 'deals'
	| 'tasks'
	| 'task_categories'
	| 'tickets'
	| 'products'
	| 'products_association'
	| 'notes'
	| 'geolocations'
	| 'notifications'
	| 'pipelines'
	| 'stages'
	| 'ticket_pipelines'
	| 'approval_rules';

export const CRM_RESOURCES: readonly CrmResource[] = [
	'contacts',
	'companies',
	'deals',
	'tasks',
	'task_categories',
	'tickets',
	'products',
	'products_association',
	'notes',
	'geolocations',
	'notifications',
	'pipelines',
	'stages',
	'ticket_pipelines',
	'approval_rules',
];

export type CrmRecord = Record<string, any>;

export interface CrmUser {
	id: number;
	full_name: string;
	email: string;
	phone: string;
	role: string;
	crm_teams: Array<{ id: number; name: string }>;
}

/** 1001, "1001" and "01001" are the same record id. */
const idKey = (id: unknown): string => {
	const n = typeof id === 'number' ? id : typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : NaN;
	return Number.isNaN(n) ? String(id) : String(n);
};

/** `${resource}:${id}`, the key of every per-record side table. */
export const recordKey = (resource: CrmResource, id: unknown): string => `${resource}:${String(id)}`;

interface PositionIndex {
	positions: Map<string, number>;
	/** How much of the array has been indexed. */
	length: number;
}

export class CrmState {
	readonly stores = {} as Record<CrmResource, CrmRecord[]>;
	private readonly counters = {} as Record<CrmResource, number>;
	private readonly indexes = new Map<CrmResource, PositionIndex>();

	/** Audit trails the API exposes as timeline / stage_history / change_log. */
	readonly timelines = new Map<string, CrmRecord[]>();
	readonly stageHistory = new Map<string, CrmRecord[]>();
	readonly changeLogs = new Map<string, CrmRecord[]>();
	/** real_creator survives owner changes, so it cannot be read off creator_id. */
	readonly realCreators = new Map<string, number>();
	/** Qontak Chat room ids linked to contacts and deals. */
	readonly chatRooms = new Map<string, { roomId: string; contents: CrmRecord[] }>();
	/** Round-robin cursor for deals/auto-assign. */
	autoAssignCursor = 0;

	constructor(
		readonly clock: () => number,
		readonly users: readonly CrmUser[],
		/** The user the X-Crm-User-Sso-Id header resolves to. */
		readonly currentUser: CrmUser,
	) {
		for (const resource of CRM_RESOURCES) {
			this.stores[resource] = [];
			this.counters[resource] = 0;
		}
	}

	nowIso(): string {
		return wibIso(this.clock());
	}

	/**
	 * Ids arrive as path strings; records hold numbers (tasks: numeric strings). Lookups go
	 * through a position index so a get stays O(1) with 100 000 records. Tests may push,
	 * splice or replace array entries directly, so every hit is re-checked against the
	 * array; a miss first indexes appended records, then rebuilds before saying "not found".
	 */
	find(resource: CrmResource, id: unknown): CrmRecord | undefined {
		const key = idKey(id);
		const store = this.stores[resource];
		const lookup = (index: PositionIndex) => {
			const at = index.positions.get(key);
			return at !== undefined && store[at] !== undefined && idKey(store[at].id) === key ? store[at] : undefined;
		};
		const index = this.indexes.get(resource);
		if (index) {
			const hit = lookup(index);
			if (hit) return hit;
			for (let i = index.length; i < store.length; i++) index.positions.set(idKey(store[i].id), i);
			index.length = Math.max(index.length, store.length);
			const appended = lookup(index);
			if (appended) return appended;
		}
		const rebuilt: PositionIndex = { positions: new Map(), length: store.length };
		store.forEach((record, i) => rebuilt.positions.set(idKey(record.id), i));
		this.indexes.set(resource, rebuilt);
		return lookup(rebuilt);
	}

	get(resource: CrmResource, id: unknown): CrmRecord {
		const record = this.find(resource, id);
		if (!record) throw notFound();
		return record;
	}

	/**
	 * O(1) even with 100 000 records: tests may push records straight into the array, so the
	 * counter is also bumped past the last element's id instead of trusting itself alone.
	 */
	nextId(resource: CrmResource): number {
		const store = this.stores[resource];
		const lastId = store.length ? Number(store[store.length - 1].id) || 0 : 0;
		this.counters[resource] = Math.max(this.counters[resource], lastId) + 1;
		return this.counters[resource];
	}

	/** Seeds fixtures from a chosen id upward so resources are told apart by id range. */
	startIdsAt(resource: CrmResource, firstId: number): void {
		this.counters[resource] = Math.max(this.counters[resource], firstId - 1);
	}

	remove(resource: CrmResource, id: unknown): CrmRecord {
		const store = this.stores[resource];
		const record = this.get(resource, id);
		store.splice(store.indexOf(record), 1);
		return record;
	}

	user(id: unknown): CrmUser | undefined {
		return this.users.find((u) => u.id === Number(id));
	}

	userName(id: unknown): string | null {
		return this.user(id)?.full_name ?? null;
	}

	appendTo(table: Map<string, CrmRecord[]>, key: string, entry: CrmRecord): void {
		const list = table.get(key);
		if (list) list.push(entry);
		else table.set(key, [entry]);
	}
}
