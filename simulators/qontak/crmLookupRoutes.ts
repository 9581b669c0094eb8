import { listKeys, pageOf, readPaging, unprocessable } from './crmEnvelope';
import { TEAM } from './crmFixtures';
import { reply, type Handler, type Route } from './crmRouter';
import { publishedTemplate, type TemplateKind } from './crmTemplates';
import { isBlank, isPlainObject, slugify } from './crmValues';

/** Read-mostly lookups: templates, pipelines and stages, ticket pipelines, task categories. */

function infoHandler(kind: TemplateKind): Handler {
	return (ctx) => {
		const fields = publishedTemplate(kind, ctx.state);
		// Products answer under `crm_properties` with no `response` key at all.
		return kind === 'products'
			? reply(ctx, 200, undefined, { crm_properties: fields }, { unixTimestamp: true })
			: reply(ctx, 200, fields);
	};
}

export const infoRoutes: Route[] = (['contacts', 'companies', 'deals', 'tasks', 'tickets', 'products'] as TemplateKind[]).map((kind) => ({
	method: 'GET',
	pattern: `/${kind}/info`,
	handler: infoHandler(kind),
}));

const createCategory: Handler = (ctx) => {
	const name = isPlainObject(ctx.body) ? ctx.body.name : undefined;
	if (isBlank(name) || typeof name !== 'string') throw unprocessable("name can't be blank");
	const store = ctx.state.stores.task_categories;
	if (store.some((c) => String(c.name).toLowerCase() === name.trim().toLowerCase())) throw unprocessable('name has already been taken');
	const id = ctx.state.nextId('task_categories');
	const now = ctx.state.nowIso();
	const category = { id, name: name.trim(), slug: slugify(name, id), created_at: now, updated_at: now, team_id: TEAM.id, organization_id: TEAM.id };
	store.push(category);
	return reply(ctx, 201, category);
};

export const lookupRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/pipelines',
		handler: (ctx) => {
			const paging = readPaging(ctx.query);
			const page = pageOf(ctx.state.stores.pipelines, paging);
			return reply(ctx, 200, page.items, listKeys(page, paging, 'standard'));
		},
	},
	{ method: 'GET', pattern: '/pipelines/:id', handler: (ctx) => reply(ctx, 200, ctx.state.get('pipelines', ctx.params.id)) },
	{
		method: 'GET',
		pattern: '/pipelines/:id/stages',
		handler: (ctx) => {
			const pipeline = ctx.state.get('pipelines', ctx.params.id);
			const stages = ctx.state.stores.stages.filter((s) => s.crm_pipeline_id === pipeline.id).sort((a, b) => a.order - b.order);
			return reply(ctx, 200, stages);
		},
	},
	{ method: 'GET', pattern: '/tickets/ticket_pipelines', handler: (ctx) => reply(ctx, 200, ctx.state.stores.ticket_pipelines) },
	{
		method: 'GET',
		pattern: '/tasks/category',
		handler: (ctx) => {
			const paging = readPaging(ctx.query);
			const page = pageOf(ctx.state.stores.task_categories, paging);
			return reply(ctx, 200, page.items.map(({ id, name }) => ({ id, name })), listKeys(page, paging, 'standard'));
		},
	},
	{ method: 'POST', pattern: '/tasks/category', handler: createCategory },
	{
		method: 'DELETE',
		pattern: '/tasks/category/:id',
		handler: (ctx) => {
			ctx.state.remove('task_categories', ctx.params.id);
			return reply(ctx, 200);
		},
	},
];
