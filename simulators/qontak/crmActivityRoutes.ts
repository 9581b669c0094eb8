import { CrmError, listKeys, pageOf, readPaging, unprocessable } from './crmEnvelope';
import { NOTIFICATION_ORIGINS } from './crmFixtures';
import { allOf, firstParam } from './crmRecords';
import { reply, type Handler, type Route } from './crmRouter';
import type { CrmRecord, CrmState } from './crmState';
import { NOTIFICATION_REQUIRED_FIELDS } from './crmTemplates';
import { isBlank, isPlainObject } from './crmValues';

/**
 * In-app notifications and approval rules (Notifications and Approvals in
 * https://documenter.getpostman.com/view/22728681/2sAXxV6A5V).
 */

const body = (raw: unknown): Record<string, any> => (isPlainObject(raw) ? raw : {});

/** Notifications are per user: the SSO user only ever sees and reads their own. */
function ownNotification(state: CrmState, id: string): CrmRecord {
	const record = state.get('notifications', id);
	if (record.user_id !== state.currentUser.id) throw new CrmError(404, "Couldn't find record with that ID");
	return record;
}

function notificationProblems(input: Record<string, any>, state: CrmState): string[] {
	const problems = NOTIFICATION_REQUIRED_FIELDS.filter((f) => f.required && isBlank(input[f.field_name])).map(
		(f) => `${f.field_name} can't be blank`,
	);
	if (!isBlank(input.origin) && !NOTIFICATION_ORIGINS.includes(input.origin)) {
		problems.push(`origin must be one of ${NOTIFICATION_ORIGINS.join(', ')}`);
	}
	if (!isBlank(input.notif_type_id) && ![1, 2].includes(Number(input.notif_type_id))) problems.push('notif_type_id must be 1 or 2');
	const category = Number(input.notif_category_id);
	if (!isBlank(input.notif_category_id) && !(Number.isInteger(category) && category >= 1 && category <= 9)) {
		problems.push('notif_category_id must be between 1 and 9');
	}
	if (!isBlank(input.user_ids)) {
		if (!Array.isArray(input.user_ids)) problems.push('user_ids must be an array of {user_id, email}');
		else
			input.user_ids.forEach((u: unknown, i: number) => {
				if (!isPlainObject(u) || !state.user(u.user_id)) problems.push(`user_ids[${i}].user_id is not a CRM user`);
			});
	}
	return problems;
}

const sendNotification: Handler = (ctx) => {
	const input = body(ctx.body);
	const problems = notificationProblems(input, ctx.state);
	if (problems.length) throw unprocessable(problems.join(', '));
	const now = ctx.state.nowIso();
	// One inbox row per recipient, which is what each user's list then shows.
	for (const recipient of input.user_ids as Array<Record<string, any>>) {
		ctx.state.stores.notifications.push({
			id: ctx.state.nextId('notifications'),
			obj_id: Number(input.object_id),
			title: input.title,
			click_action: input.click_action,
			origin: input.origin,
			task_status_id: input.task_status_id ?? null,
			is_read: false,
			is_reminder: Boolean(input.is_reminder),
			created_at: now,
			updated_at: now,
			crm_person_id: input.origin === 'lead' ? Number(input.object_id) : null,
			crm_company_id: input.origin === 'company' ? Number(input.object_id) : null,
			crm_deal_id: input.origin === 'deal' ? Number(input.object_id) : null,
			crm_note_id: input.origin === 'notes' ? Number(input.object_id) : null,
			crm_task_id: input.origin === 'task' ? Number(input.object_id) : null,
			user_id: Number(recipient.user_id),
			description: input.description,
			click_action_url: input.click_action_url,
			notif_category_id: Number(input.notif_category_id),
			notif_type_id: Number(input.notif_type_id),
		});
	}
	return reply(ctx, 201, 'Notification sent', {}, { developerMessage: 'Notification sent' });
};

export const notificationRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/notifications/info',
		handler: (ctx) => reply(ctx, 200, { required_fields: NOTIFICATION_REQUIRED_FIELDS }, {}, { developerMessage: 'Notification template' }),
	},
	{
		method: 'GET',
		pattern: '/notifications',
		handler: (ctx) => {
			const paging = readPaging(ctx.query);
			const me = ctx.state.currentUser.id;
			const page = pageOf(ctx.state.stores.notifications, paging, (n) => n.user_id === me);
			return reply(ctx, 200, page.items, listKeys(page, paging, 'standard'));
		},
	},
	{ method: 'GET', pattern: '/notifications/:id', handler: (ctx) => reply(ctx, 200, ownNotification(ctx.state, ctx.params.id)) },
	{ method: 'POST', pattern: '/notifications', handler: sendNotification },
	{
		method: 'PUT',
		pattern: '/notifications/:id/mark_as_read',
		handler: (ctx) => {
			const record = ownNotification(ctx.state, ctx.params.id);
			Object.assign(record, { is_read: true, updated_at: ctx.state.nowIso() });
			return reply(ctx, 200, record, {}, { developerMessage: 'Notification marked as read' });
		},
	},
	{
		method: 'PUT',
		pattern: '/notifications/mark_all_as_read',
		handler: (ctx) => {
			const now = ctx.state.nowIso();
			for (const n of ctx.state.stores.notifications) {
				if (n.user_id === ctx.state.currentUser.id && !n.is_read) Object.assign(n, { is_read: true, updated_at: now });
			}
			return reply(ctx, 200, [], {}, { developerMessage: 'All notifications marked as read' });
		},
	},
];

const applyRules: Handler = (ctx) => {
	const input = body(ctx.body);
	const problems: string[] = [];
	for (const key of ['object_id', 'object_type', 'crm_approval_id']) if (isBlank(input[key])) problems.push(`${key} can't be blank`);
	if (!isBlank(input.object_type) && input.object_type !== 'deal') problems.push('object_type must be deal');
	const rule = isBlank(input.crm_approval_id) ? undefined : ctx.state.find('approval_rules', input.crm_approval_id);
	if (!isBlank(input.crm_approval_id) && !rule) problems.push(`crm_approval_id: rule ${String(input.crm_approval_id)} not found`);
	if (rule && (rule.approval_type !== 'deal' || rule.layer_order !== 'parallel')) {
		problems.push('only deal rules with parallel layer order can be applied');
	}
	if (!isBlank(input.object_id) && !ctx.state.find('deals', input.object_id)) problems.push(`object_id: deal ${String(input.object_id)} not found`);
	const layers = input.crm_approval_layers_attributes;
	if (!Array.isArray(layers) || !layers.length) problems.push('crm_approval_layers_attributes must be a non-empty array');
	else if (rule) {
		const known = (rule.crm_approval_layers_attributes as CrmRecord[]).map((l) => l.layer_order);
		layers.forEach((l: unknown, i: number) => {
			if (!isPlainObject(l) || !known.includes(Number(l.layer_order))) problems.push(`crm_approval_layers_attributes[${i}].layer_order is not a layer of this rule`);
		});
	}
	if (problems.length) throw unprocessable(problems.join(', '));
	return reply(ctx, 200);
};

const toggleWorkflow: Handler = (ctx) => {
	const input = body(ctx.body);
	if (isBlank(input.id)) throw unprocessable("id can't be blank");
	if (typeof input.workflow_enabled !== 'boolean') throw unprocessable('workflow_enabled must be true or false');
	const rule = ctx.state.get('approval_rules', input.id);
	rule.workflow_enabled = input.workflow_enabled;
	return reply(ctx, 200);
};

export const approvalRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/approvals/rules',
		handler: (ctx) => {
			const paging = readPaging(ctx.query);
			const type = firstParam(ctx.query, 'type');
			const activity = firstParam(ctx.query, 'activity');
			const layerOrder = firstParam(ctx.query, 'layer_order');
			const predicate = allOf(
				type !== undefined && ((r) => r.approval_type === type),
				activity !== undefined && ((r) => r.activity === activity),
				layerOrder !== undefined && ((r) => r.layer_order === layerOrder),
			);
			const page = pageOf(ctx.state.stores.approval_rules, paging, predicate);
			return reply(ctx, 200, page.items, listKeys(page, paging, 'standard'));
		},
	},
	{ method: 'POST', pattern: '/approvals/apply_rules', handler: applyRules },
	{ method: 'POST', pattern: '/approvals/toggle_workflow', handler: toggleWorkflow },
];
