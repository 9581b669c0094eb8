import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { normalizePhone } from '../../shared/phone';
import { qontakEachPage } from '../transport';
import type { CrmContext } from './context';

/*
 * Qontak's CRM API cannot search contacts or companies: its list takes only `created_after`
 * (https://documenter.getpostman.com/view/22728681/2sAXxV6A5V, "Get All Contacts"); the older
 * collection's name, phone and email filters are not in the gateway's documentation, so nothing
 * here trusts them. Find and Create or Update therefore read the whole list once per execution
 * and answer every item from what that one scan kept.
 *
 * What it keeps: the items are known before the scan starts, so it keeps, for each key some item
 * asks about, the records that carry it, and passes every other record over. 100 000 contacts cost
 * their pages' transit and one small map, not 100 000 records (bench/qontakCrmFind.bench.ts).
 */

export type MatchKind = 'phone' | 'email' | 'name';

/** How one kind of key is read off a record, and which resource-mapper field gives it on a write. */
interface KeySource {
	/** The value as the record holds it. */
	read(record: IDataObject): unknown;
	/** The field of the /info template (and so of the Fields mapper) that carries it, where Create or Update matches on it. */
	field?: string;
}

/** A collection that Find and Create or Update look records up in. */
export interface IndexedCollection {
	/** The node's resource value: `contact`. */
	resource: string;
	/** The node's resource name: `Contact`. */
	name: string;
	singular: string;
	plural: string;
	/** The list, below /qontak/crm. */
	path: string;
	/** The /info template behind the Fields mapper. */
	template: string;
	keys: Partial<Record<MatchKind, KeySource>>;
	/** The kinds Create or Update may match on: those that pick one record out, not a name two people share. */
	upsertKinds: MatchKind[];
	/** Whether Qontak's list narrows by `created_after` (contacts only). */
	createdAfter: boolean;
}

export const CONTACTS: IndexedCollection = {
	resource: 'contact',
	name: 'Contact',
	singular: 'contact',
	plural: 'contacts',
	path: '/contacts',
	template: '/contacts/info',
	keys: {
		phone: { read: (record) => record.telephone, field: 'crm_phones' },
		email: { read: (record) => record.email, field: 'email' },
		name: { read: (record) => [record.first_name, record.last_name].filter((part) => part).join(' ') },
	},
	upsertKinds: ['phone', 'email'],
	createdAfter: true,
};

export const COMPANIES: IndexedCollection = {
	resource: 'company',
	name: 'Company',
	singular: 'company',
	plural: 'companies',
	path: '/companies',
	template: '/companies/info',
	// Qontak's companies have no email field.
	keys: {
		phone: { read: (record) => record.telephone, field: 'telephone' },
		name: { read: (record) => record.name, field: 'name' },
	},
	upsertKinds: ['phone', 'name'],
	createdAfter: false,
};

const asText = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** Each kind's comparable form; undefined when the value cannot be one. */
export const normalise: Record<MatchKind, (value: unknown) => string | undefined> = {
	phone: (value) => normalizePhone(value),
	email: (value) => asText(value).trim().toLowerCase() || undefined,
	name: (value) => asText(value).replace(/\s+/g, ' ').trim().toLowerCase() || undefined,
};

/** The index key of a normalised value. */
export const indexKey = (kind: MatchKind, normalised: string) => `${kind}:${normalised}`;

/**
 * A record's values of one kind. Qontak's template calls the phone field crm_phones; a record
 * holding several numbers in it (as a list, or comma-separated) is found by each of them.
 */
function valuesOf(kind: MatchKind, raw: unknown): unknown[] {
	const values = Array.isArray(raw) ? raw : [raw];
	return kind === 'phone' ? values.flatMap((value) => (typeof value === 'string' ? value.split(/[,;]/) : [value])) : values;
}

export interface ScanFigures {
	pages: number;
	records: number;
}

/** A record an earlier item created, whose ID Qontak's answer did not give. */
const NO_ID = '?';

/** The records that carry the keys this execution's items ask about, from one scan of the list. */
export class RecordIndex {
	readonly scan: ScanFigures = { pages: 0, records: 0 };
	private readonly entries = new Map<string, Map<string, IDataObject>>();
	/** Keys whose create had no clear answer: a record may exist that this index does not hold. */
	private readonly unclear = new Set<string>();
	private readonly kinds: MatchKind[];

	constructor(
		private readonly collection: IndexedCollection,
		wanted: Iterable<string>,
	) {
		for (const key of wanted) this.entries.set(key, new Map());
		const kinds = new Set([...this.entries.keys()].map((key) => key.slice(0, key.indexOf(':'))));
		this.kinds = (Object.keys(collection.keys) as MatchKind[]).filter((kind) => kinds.has(kind));
	}

	/** Keeps a record under each key an item asks about; any other record is passed over. */
	add(record: IDataObject): void {
		for (const kind of this.kinds) {
			for (const value of valuesOf(kind, this.collection.keys[kind]!.read(record))) {
				const normalised = normalise[kind](value);
				if (normalised !== undefined) this.entries.get(indexKey(kind, normalised))?.set(String(record.id ?? NO_ID), record);
			}
		}
	}

	/** A record as a write left it, found from now on by the key it was written for and the keys it now has. */
	put(key: string, record: IDataObject): void {
		const id = String(record.id ?? NO_ID);
		for (const records of this.entries.values()) records.delete(id);
		this.add(record);
		if (!this.entries.has(key)) this.entries.set(key, new Map());
		this.entries.get(key)!.set(id, record);
		this.unclear.delete(key);
	}

	/** The records with this key, in the order Qontak listed them. */
	find(key: string): IDataObject[] {
		return [...(this.entries.get(key)?.values() ?? [])];
	}

	markUnclear(key: string): void {
		this.unclear.add(key);
	}

	isUnclear(key: string): boolean {
		return this.unclear.has(key);
	}
}

/**
 * The keys every input item asks about, read before the scan so it keeps only their records. An
 * item whose value cannot be read is left out here; it fails with its own error when its turn comes.
 */
export function wantedKeys(context: IExecuteFunctions, keyOf: (itemIndex: number) => string | undefined): Set<string> {
	const keys = new Set<string>();
	context.getInputData().forEach((_, itemIndex) => {
		try {
			const key = keyOf(itemIndex);
			if (key !== undefined) keys.add(key);
		} catch {
			// reported by the item itself
		}
	});
	return keys;
}

/**
 * The execution's one scan of a collection (per Created After date): started by the first item
 * that asks, awaited by every other, so concurrent items never start a second one.
 */
export async function sharedIndex(
	this: IExecuteFunctions,
	ctx: CrmContext,
	collection: IndexedCollection,
	scope: { createdAfter?: string; itemIndex: number; wanted: () => Set<string> },
): Promise<RecordIndex> {
	const { createdAfter, itemIndex } = scope;
	return await ctx.once(`recordIndex ${collection.path} ${createdAfter ?? ''}`, async () => {
		const index = new RecordIndex(collection, scope.wanted());
		index.scan.pages = await qontakEachPage.call(
			this,
			{
				method: 'GET',
				path: collection.path,
				qs: createdAfter === undefined ? undefined : { created_after: createdAfter },
				itemIndex,
				timeoutMs: ctx.timeoutMs,
				maxRetries: ctx.maxRetries,
			},
			(rows) => {
				index.scan.records += rows.length;
				for (const row of rows) index.add(row);
			},
		);
		return index;
	});
}
