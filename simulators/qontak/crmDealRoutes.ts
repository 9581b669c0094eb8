import { chatHistoryHandler, timelineHandler, updateOwnerHandler, updateRecord } from './crmCrud';
import { CrmError, listKeys, notFound, pageOf, readPaging, unprocessable } from './crmEnvelope';
import { TEAM } from './crmFixtures';
import { dealSpec } from './crmPipelineRecords';
import { contactSpec, firstParam } from './crmRecords';
import { reply, type Handler, type Route } from './crmRouter';
import { recordKey, type CrmRecord, type CrmState } from './crmState';
import { isBlank, isPlainObject } from './crmValues';

/** Deal sub-resources and actions beyond plain CRUD (Deals in https://documenter.getpostman.com/view/22728681/2sAXxV6A5V). */

const body = (raw: unknown): Record<string, any> => (isPlainObject(raw) ? raw : {});

/** The undocumented deal actions accept the deal id under any of these names. */
function dealFromBody(state: CrmState, raw: Record<string, any>): CrmRecord {
	const id = raw.id ?? raw.crm_deal_id ?? raw.deal_id;
	if (isBlank(id)) throw unprocessable("id can't be blank");
	return state.get('deals', id);
}

/** The flattened "full field" view: names instead of ids, associations inlined. */
function fullFieldView(state: CrmState, deal: CrmRecord): CrmRecord {
	const creator = state.user(deal.creator_id);
	const latestNote = [...state.stores.notes].reverse().find((n) => n.crm_deal_id === deal.id);
	return {
		id: deal.id,
		name: deal.name,
		slug: deal.slug,
		creator: creator ? { id: creator.id, name: creator.full_name, username: creator.email } : null,
		crm_team: creator?.crm_teams[0]?.name ?? null,
		currency: deal.currency,
		size: deal.size,
		cost: null,
		closed_date: deal.closed_date,
		start_date: deal.start_date,
		expired_date: deal.expired_date,
		crm_pipeline: deal.crm_pipeline_name,
		crm_stage: deal.crm_stage_name,
		crm_source: deal.crm_source_name,
		crm_company: deal.crm_company_name[0] ?? null,
		crm_contacts: (deal.crm_lead_ids as number[]).map((id) => {
			const contact = state.find('contacts', id);
			return { id, name: contact ? contactSpec.titleOf(contact) : null, email: contact?.email ?? null };
		}),
		product: deal.product_association_name,
		crm_lost_reason: deal.crm_lost_reason_name,
		crm_deal_status: deal.crm_deal_status,
		created_at_date: String(deal.created_at).slice(0, 10),
		created_at_time: String(deal.created_at).slice(11, 16),
		updated_at: deal.updated_at,
		crm_note: latestNote?.note ?? null,
		crm_gps_checkin: null,
		unique_deal_id: `DL-${String(deal.id).padStart(6, '0')}`,
		additional_fields: deal.additional_fields,
	};
}

/** Invented SLA: each stage allows 72 hours before the deal counts as overdue. */
const SLA_HOURS = 72;

function slaEntry(state: CrmState, deal: CrmRecord): CrmRecord {
	const moves = state.stageHistory.get(recordKey('deals', deal.id)) ?? [];
	const since = Date.parse(moves.length ? moves[moves.length - 1].moved_date : deal.created_at);
	const elapsed = Math.max(0, Math.floor((state.clock() - since) / 3600_000));
	return {
		crm_deal_id: deal.id,
		name: deal.name,
		crm_stage_id: deal.crm_stage_id,
		crm_stage_name: deal.crm_stage_name,
		sla_hours: SLA_HOURS,
		elapsed_hours: elapsed,
		status: elapsed > SLA_HOURS ? 'overdue' : 'on_track',
	};
}

const ACCESS_TYPES = ['view', 'edit', 'search_association'];

const dealPermission: Handler = (ctx) => {
	const input = body(ctx.body);
	const deal = dealFromBody(ctx.state, input);
	const problems: string[] = [];
	if (!Array.isArray(input.permissions) || input.permissions.length === 0) problems.push('permissions must be a non-empty array');
	const permissions = (Array.isArray(input.permissions) ? input.permissions : []).map((p: unknown, i: number) => {
		const entry = body(p);
		if (typeof entry.email !== 'string' || !ctx.state.users.some((u) => u.email === entry.email)) {
			problems.push(`permissions[${i}].email must be the email of a CRM user`);
		}
		const types = entry.access_types;
		if (!Array.isArray(types) || types.some((t) => !ACCESS_TYPES.includes(t))) {
			problems.push(`permissions[${i}].access_types must be a list of ${ACCESS_TYPES.join(', ')}`);
		}
		return { email: entry.email, access_types: Array.isArray(types) ? types : [] };
	});
	if (problems.length) throw unprocessable(problems.join(', '));
	// Omitted access types are revoked, so the stored grant is exactly what was sent.
	return reply(ctx, 200, { status: 'success', message: 'Deal permissions updated', details: { deal_id: deal.id, permissions } });
};

const autoAssign: Handler = (ctx) => {
	const deal = dealFromBody(ctx.state, body(ctx.body));
	const users = ctx.state.users;
	const next = users[ctx.state.autoAssignCursor++ % users.length];
	return reply(ctx, 200, updateRecord(dealSpec, ctx.state, deal, { creator_id: next.id }, 'auto-assigned'));
};

/** `{id, ...fields}` or `{id, attributes: {...}}`: both are seen in the wild for this route. */
const updateAttribute: Handler = (ctx) => {
	const input = body(ctx.body);
	const deal = dealFromBody(ctx.state, input);
	const { id: _id, crm_deal_id: _c, deal_id: _d, attributes, ...rest } = input;
	const changes = isPlainObject(attributes) ? attributes : rest;
	if (!Object.keys(changes).length) throw unprocessable('no attributes to update');
	return reply(ctx, 200, updateRecord(dealSpec, ctx.state, deal, changes));
};

const byChannelRoom: Handler = (ctx) => {
	for (const [key, chat] of ctx.state.chatRooms) {
		if (chat.roomId === ctx.params.roomId && key.startsWith('deals:')) {
			return reply(ctx, 200, ctx.state.get('deals', key.slice('deals:'.length)));
		}
	}
	throw notFound();
};

const realCreator: Handler = (ctx) => {
	const deal = ctx.state.get('deals', ctx.params.id);
	const user = ctx.state.user(ctx.state.realCreators.get(recordKey('deals', deal.id)) ?? deal.creator_id);
	if (!user) throw new CrmError(404, 'Creator not found');
	return reply(ctx, 200, { id: user.id, email: user.email, full_name: user.full_name, username: user.email, phone: user.phone, team: TEAM, role: user.role });
};

export const dealRoutes: Route[] = [
	{ method: 'GET', pattern: '/deals/:id/timeline', handler: timelineHandler(dealSpec) },
	{
		method: 'GET',
		pattern: '/deals/:id/stage_history',
		handler: (ctx) => {
			const deal = ctx.state.get('deals', ctx.params.id);
			return reply(ctx, 200, ctx.state.stageHistory.get(recordKey('deals', deal.id)) ?? []);
		},
	},
	{ method: 'GET', pattern: '/deals/:id/chat-history', handler: chatHistoryHandler(dealSpec) },
	{ method: 'GET', pattern: '/deals/:id/real_creator', handler: realCreator },
	{ method: 'GET', pattern: '/deals/:id/full-field', handler: (ctx) => reply(ctx, 200, fullFieldView(ctx.state, ctx.state.get('deals', ctx.params.id))) },
	{
		method: 'GET',
		pattern: '/deals/full-fields',
		handler: (ctx) => {
			const paging = readPaging(ctx.query);
			const page = pageOf(ctx.state.stores.deals, paging, dealSpec.filter?.(ctx.query, ctx.state));
			return reply(ctx, 200, page.items.map((d) => fullFieldView(ctx.state, d)), listKeys(page, paging, 'standard'));
		},
	},
	{
		method: 'GET',
		pattern: '/deals/sla',
		handler: (ctx) => {
			const paging = readPaging(ctx.query);
			const dealId = firstParam(ctx.query, 'crm_deal_id') ?? firstParam(ctx.query, 'deal_id');
			const page = pageOf(ctx.state.stores.deals, paging, dealId === undefined ? undefined : (d) => String(d.id) === dealId);
			return reply(ctx, 200, page.items.map((d) => slaEntry(ctx.state, d)), listKeys(page, paging, 'standard'));
		},
	},
	{
		method: 'GET',
		pattern: '/deals/:id/change_log',
		handler: (ctx) => {
			const deal = ctx.state.get('deals', ctx.params.id);
			return reply(ctx, 200, ctx.state.changeLogs.get(recordKey('deals', deal.id)) ?? []);
		},
	},
	{ method: 'POST', pattern: '/deals/auto-assign', handler: autoAssign },
	{ method: 'POST', pattern: '/deals/update_attribute', handler: updateAttribute },
	{ method: 'GET', pattern: '/deals/channel_integration_room/:roomId', handler: byChannelRoom },
	{ method: 'PUT', pattern: '/deals/:id/update_owner', handler: updateOwnerHandler(dealSpec) },
	{ method: 'POST', pattern: '/deals/deal_permission', handler: dealPermission },
];
