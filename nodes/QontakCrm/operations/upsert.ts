import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { KeyedQueue } from '../../shared/keyedQueue';
import { fieldError, trimmedText } from '../../shared/parseInput';
import { requirePhone } from '../../shared/phone';
import { mayHaveBeenProcessed } from '../../shared/requestPolicy';
import { mappedValues } from '../../shared/resourceMapper';
import type { BodySource } from '../../shared/routeTable';
import { qontakRequest } from '../transport';
import { mapper } from './body';
import type { CrmContext } from './context';
import { MATCH_KINDS, matchOnOptions } from './find';
import type { IndexedCollection, MatchKind } from './recordIndex';
import { indexKey, normalise, sharedIndex, wantedKeys } from './recordIndex';
import type { CrmResource, CrmRoute } from './types';

/** The Fields mapper of Create and Update; it is a body source, never a field list. */
const fields = mapper as BodySource<CrmContext, CrmResource>;

interface UpsertKey {
	key: string;
	shown: string;
	label: string;
}

/** The key an item is matched on: its mapped phone, email or name, read before anything is sent. */
function readKey(this: IExecuteFunctions, collection: IndexedCollection, itemIndex: number): UpsertKey {
	const node = this.getNode();
	const kind = this.getNodeParameter('matchOn', itemIndex) as MatchKind;
	const field = collection.upsertKinds.includes(kind) ? collection.keys[kind]?.field : undefined;
	if (field === undefined) {
		const choices = collection.upsertKinds.map((entry) => MATCH_KINDS[entry].name).join(' or ');
		return fieldError(node, itemIndex, `'Match On' cannot be '${String(kind)}' for ${collection.plural}`, `Choose ${choices}`);
	}
	const label = MATCH_KINDS[kind].name;
	const raw = mappedValues.call(this, 'fields', itemIndex, (name) => name === field)[field];
	if (trimmedText(raw) === '') {
		fieldError(
			node,
			itemIndex,
			`'Match On' is ${label}, but this item has no ${label.toLowerCase()} ('${field}' under Fields)`,
			`Map the ${label.toLowerCase()} to '${field}' under Fields: Create or Update finds the ${collection.singular} by it`,
		);
	}
	const shown = kind === 'phone' ? requirePhone(node, raw, `${label} (${field})`, itemIndex) : normalise[kind](raw);
	if (shown === undefined) fieldError(node, itemIndex, `'${field}' is not text: ${JSON.stringify(raw)}`, `Map the ${label.toLowerCase()} as text`);
	return { key: indexKey(kind, shown), shown, label };
}

/** The record in a write's or read's answer; Qontak may send it as a one-element array. */
function recordIn(answer: IDataObject): IDataObject | undefined {
	const value = Array.isArray(answer.response) ? (answer.response[0] as unknown) : answer.response;
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

async function createOrUpdate(
	this: IExecuteFunctions,
	collection: IndexedCollection,
	{ key, shown, label }: UpsertKey,
	itemIndex: number,
	ctx: CrmContext,
): Promise<IDataObject> {
	const node = this.getNode();
	const { singular, plural, path } = collection;
	const what = `${label.toLowerCase()} ${shown}`;
	const index = await sharedIndex.call(this, ctx, collection, {
		itemIndex,
		wanted: () => wantedKeys(this, (item) => readKey.call(this, collection, item).key),
	});
	if (index.isUnclear(key)) {
		throw new NodeOperationError(node, `Not sent: an earlier item's create of a ${singular} with ${what} got no clear answer, and may have gone through`, {
			itemIndex,
			description: `Look for the ${singular} in Qontak, then run this item again; creating it now could make a duplicate`,
		});
	}
	const found = index.find(key);
	if (found.length > 1) {
		throw new NodeOperationError(node, `${found.length} ${plural} have ${what}: ${found.map((record) => String(record.id)).join(', ')}`, {
			itemIndex,
			description: `Create or Update changes one ${singular}. Merge the duplicates in Qontak, match on another field, or use Find and Update`,
		});
	}
	const call = { itemIndex, timeoutMs: ctx.timeoutMs, maxRetries: ctx.maxRetries };
	const resource: CrmResource = { value: collection.resource, name: collection.name, collection: path, template: collection.template, operations: [] };
	const existing = found[0];

	if (existing === undefined) {
		const body = await fields.read.call(this, resource, { method: 'POST' }, itemIndex, ctx);
		// A POST: the request policy never resends it after an unclear failure, and its NodeApiError goes on as it is.
		const answer = await qontakRequest.call(this, { ...call, method: 'POST', path, body }).catch((error: unknown) => {
			// The record may exist now: a later item with this key must not create another.
			if (mayHaveBeenProcessed(error)) index.markUnclear(key);
			throw error;
		});
		const record = recordIn(answer);
		index.put(key, record ?? {});
		return { ...(record ?? { meta: answer.meta }), _action: 'created' };
	}

	if (existing.id === undefined || existing.id === null) {
		throw new NodeOperationError(node, `An earlier item created the ${singular} with ${what}, but Qontak's answer gave no ID to update it by`, {
			itemIndex,
			description: `Look the ${singular} up in Qontak and update it with Update`,
		});
	}
	const body = await fields.read.call(this, resource, { method: 'PUT' }, itemIndex, ctx);
	const recordPath = `${path}/${encodeURIComponent(String(existing.id))}`;
	const answer = await qontakRequest.call(this, { ...call, method: 'PUT', path: recordPath, body });
	// Qontak's docs show a contact or company PUT answering with meta only; the record is then read back.
	const record = recordIn(answer) ?? recordIn(await qontakRequest.call(this, { ...call, method: 'GET', path: recordPath })) ?? { id: existing.id };
	index.put(key, record);
	return { ...record, _action: 'updated' };
}

/** Create or Update: one record per phone (or email, or company name), created the first time, updated after. */
export function upsertOperation(collection: IndexedCollection): CrmRoute {
	const { plural, singular } = collection;
	const kinds = collection.upsertKinds.map((kind) => MATCH_KINDS[kind].name.toLowerCase()).join(' or ');
	return {
		value: 'upsert',
		name: 'Create or Update',
		action: `Create or update a ${singular}`,
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		// Its create; it updates with PUT /{id} when the match exists. The Fields mapper asks for what a create needs.
		method: 'POST',
		path: collection.path,
		composite: true,
		params: [
			{
				key: 'matchOn',
				label: 'Match On',
				kind: 'options',
				options: matchOnOptions(collection.upsertKinds),
				default: 'phone',
				description: `The field under Fields that says which ${singular} this is; an item whose value no ${singular} has creates one`,
			},
		],
		body: mapper,
		flow: {
			properties: [
				{
					displayName: `Qontak cannot search ${plural}: this reads every ${singular} once per execution, one request per 100 (about 1 000 requests for 100 000 ${plural}), to find each item’s match. Items with the same ${kinds} run one after another, so the second updates what the first created.`,
					name: 'scanNotice',
					type: 'notice',
					default: '',
				},
			],
			execute(this: IExecuteFunctions, itemIndex: number, ctx: CrmContext) {
				// The key is read, and the item queued under it, before the first await: the item loop
				// starts items in input order, so an item waits for every earlier one with its key.
				const key = readKey.call(this, collection, itemIndex);
				const queue = ctx.once('upsert queue', () => new KeyedQueue());
				return queue.run(key.key, async () => await createOrUpdate.call(this, collection, key, itemIndex, ctx));
			},
		},
	};
}
