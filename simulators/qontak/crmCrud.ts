import { recordTimeline, timelineOf } from './crmAudit';
import { listKeys, pageOf, readPaging, unprocessable } from './crmEnvelope';
import type { ResourceSpec } from './crmRecords';
import { reply, type Handler, type Route } from './crmRouter';
import { recordKey, type CrmRecord, type CrmState } from './crmState';
import { mergeWrite } from './crmValidation';
import { isBlank, isPlainObject } from './crmValues';

/** Generic handlers parametrised by a ResourceSpec, so each resource is a spec, not a copy. */

export function listHandler(spec: ResourceSpec): Handler {
	return (ctx) => {
		const paging = readPaging(ctx.query);
		const page = pageOf(ctx.state.stores[spec.resource], paging, spec.filter?.(ctx.query, ctx.state));
		return reply(ctx, 200, page.items, listKeys(page, paging, spec.listStyle), { unixTimestamp: spec.unixMeta });
	};
}

export function getHandler(spec: ResourceSpec): Handler {
	return (ctx) => reply(ctx, 200, ctx.state.get(spec.resource, ctx.params.id), {}, { unixTimestamp: spec.unixMeta });
}

/** Used by seeding too, so fixtures go through the same validation as API creates. */
export function createRecord(spec: ResourceSpec, state: CrmState, body: unknown): CrmRecord {
	const record = mergeWrite(spec, state, body);
	const id = state.nextId(spec.resource);
	record.id = spec.stringId ? String(id) : id;
	record.created_at = record.updated_at = state.nowIso();
	spec.decorate(record, state);
	state.stores[spec.resource].push(record);
	spec.afterWrite?.(record, undefined, state);
	return record;
}

/** Updates in place so references a test holds (via records()) see the change. */
export function updateRecord(spec: ResourceSpec, state: CrmState, record: CrmRecord, body: unknown, how = 'updated'): CrmRecord {
	const before = { ...record };
	const next = mergeWrite(spec, state, body, record);
	next.updated_at = state.nowIso();
	spec.decorate(next, state);
	Object.assign(record, next);
	recordTimeline(state, spec, record, how);
	spec.afterWrite?.(record, before, state);
	return record;
}

export function createHandler(spec: ResourceSpec): Handler {
	return (ctx) => reply(ctx, 201, createRecord(spec, ctx.state, ctx.body), {}, { unixTimestamp: spec.unixMeta });
}

export function updateHandler(spec: ResourceSpec): Handler {
	return (ctx) => {
		const record = ctx.state.get(spec.resource, ctx.params.id);
		return reply(ctx, 200, updateRecord(spec, ctx.state, record, ctx.body), {}, { unixTimestamp: spec.unixMeta });
	};
}

export function deleteHandler(spec: ResourceSpec): Handler {
	return (ctx) => {
		const record = ctx.state.remove(spec.resource, ctx.params.id);
		spec.afterDelete?.(record, ctx.state);
		return reply(ctx, 200, undefined, {}, { unixTimestamp: spec.unixMeta });
	};
}

export function timelineHandler(spec: ResourceSpec): Handler {
	return (ctx) => reply(ctx, 200, timelineOf(ctx.state, spec, ctx.state.get(spec.resource, ctx.params.id)));
}

/** PUT …/update_owner: `{creator_id}` is required and must be a CRM user. */
export function updateOwnerHandler(spec: ResourceSpec): Handler {
	return (ctx) => {
		const record = ctx.state.get(spec.resource, ctx.params.id);
		const body = isPlainObject(ctx.body) ? ctx.body : {};
		if (isBlank(body.creator_id)) throw unprocessable("creator_id can't be blank");
		if (!ctx.state.user(body.creator_id)) throw unprocessable(`creator_id: user ${String(body.creator_id)} not found`);
		return reply(ctx, 200, updateRecord(spec, ctx.state, record, { creator_id: Number(body.creator_id) }, 'changed owner of'));
	};
}

export function chatHistoryHandler(spec: ResourceSpec): Handler {
	return (ctx) => {
		const record = ctx.state.get(spec.resource, ctx.params.id);
		const chat = ctx.state.chatRooms.get(recordKey(spec.resource, record.id));
		return reply(ctx, 200, { room_id: chat?.roomId ?? null, chat_contents: chat?.contents ?? [] });
	};
}

export interface CrudOptions {
	/** Geolocations have no DELETE; the route is then simply absent (404). */
	remove?: boolean;
}

/** GET list, POST, GET/PUT/DELETE by id under `/<base>`. */
export function crudRoutes(base: string, spec: ResourceSpec, options: CrudOptions = {}): Route[] {
	const routes: Route[] = [
		{ method: 'GET', pattern: base, handler: listHandler(spec) },
		{ method: 'POST', pattern: base, handler: createHandler(spec) },
		{ method: 'GET', pattern: `${base}/:id`, handler: getHandler(spec) },
		{ method: 'PUT', pattern: `${base}/:id`, handler: updateHandler(spec) },
	];
	if (options.remove !== false) routes.push({ method: 'DELETE', pattern: `${base}/:id`, handler: deleteHandler(spec) });
	return routes;
}
