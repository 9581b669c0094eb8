import { randomUUID } from 'node:crypto';

import { broadcastLog, contactListProgress, getBroadcast, listBroadcasts, sendDirect, sendToContactList } from './chatBroadcasts';
import { CURRENT_USER } from './chatFixtures';
import { first, many, notFound, ok, paginate, unprocessable, type ChatResult, type Query } from './chatEnvelope';
import { contactOf, locationOf } from './chatMessageShapes';
import { checkNumbers } from './chatNumberCheck';
import { messageView } from './chatMessages';
import { boundaryOf, parseCsv, parseMultipart, type FormPart } from './chatMultipart';
import { MESSAGE_INTERACTION_FLAGS, type ChatState, type ContactListRecord, type Row } from './chatState';

/** Every chat route below the prefix (`/qontak/chat/v1` or `/api/open/v1`), as `:name` patterns. */

export interface ChatRouteContext {
	state: ChatState;
	params: Record<string, string>;
	query: Query;
	/** Parsed JSON, or undefined for an empty or multipart body. */
	body: unknown;
	form?: FormPart[];
}

export interface ChatRoute {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	pattern: string;
	/** The operation as the OpenAPI file lists it; undefined for routes only the spec text names. */
	openApi: boolean;
	/** Served on the legacy host (/api/open/v1) only; the gateway does not know it. */
	legacyOnly?: boolean;
	handler: (ctx: ChatRouteContext) => ChatResult;
}

const isObject = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

function bodyOf(ctx: ChatRouteContext): Row {
	if (ctx.body === undefined) return {};
	if (!isObject(ctx.body)) throw unprocessable('Request body must be a JSON object');
	return ctx.body;
}

function room(ctx: ChatRouteContext, key = 'id'): Row {
	const found = ctx.state.findRoom(ctx.params[key]);
	if (!found) throw notFound();
	return found;
}

function contains(value: unknown, search: string | undefined): boolean {
	return !search || String(value ?? '').toLowerCase().includes(search.toLowerCase());
}

function roomFilters(ctx: ChatRouteContext, rows: Row[]): Row[] {
	const status = first(ctx.query, 'status');
	const sessions = first(ctx.query, 'sessions');
	const tags = many(ctx.query, 'tags');
	const channels = many(ctx.query, 'channels');
	const userIds = many(ctx.query, 'user_ids');
	return rows.filter((row) => {
		if (!contains(row.name, first(ctx.query, 'query')) && !contains(row.account_uniq_id, first(ctx.query, 'query'))) return false;
		if (status && row.status !== status) return false;
		if (sessions === 'open' && !ctx.state.sessionOpen(row)) return false;
		if (sessions === 'expired' && ctx.state.sessionOpen(row)) return false;
		if (tags.length && !tags.some((tag) => (row.tags as string[]).includes(tag))) return false;
		if (first(ctx.query, 'untagged') === 'true' && (row.tags as string[]).length > 0) return false;
		if (channels.length && !channels.includes(row.channel)) return false;
		if (userIds.length && !(ctx.state.participants.get(row.id) ?? []).some((p) => userIds.includes(p.contact_able_id))) return false;
		return true;
	});
}

function agentOf(ctx: ChatRouteContext, roomId: string): Row | undefined {
	return (ctx.state.participants.get(roomId) ?? []).find((p) => p.type === 'Models::AgentParticipant');
}

function assign(ctx: ChatRouteContext, target: Row, user: Row): Row {
	const participant = ctx.state.participant(target.id, user);
	ctx.state.participants.set(target.id, [...(ctx.state.participants.get(target.id) ?? []), participant]);
	target.status = 'assigned';
	return participant;
}

function requireForm(ctx: ChatRouteContext): FormPart[] {
	if (!ctx.form) throw unprocessable('Send this request as multipart/form-data');
	return ctx.form;
}

function field(form: FormPart[], name: string): string | undefined {
	const part = form.find((candidate) => candidate.name === name && candidate.filename === undefined);
	return part?.data.toString('utf8');
}

function contactListData(ctx: ChatRouteContext, list: ContactListRecord): Row {
	const progress = contactListProgress(ctx.state, list.data.id);
	if (progress === 'processing') return { ...list.data, progress };
	const succeeded = list.contacts.filter((contact) => contact.is_valid).length;
	return {
		...list.data,
		progress,
		contacts_count: list.contacts.length,
		contacts_count_success: succeeded,
		contacts_count_failed: list.contacts.length - succeeded,
		error_messages: list.errors,
		finished_at: list.data.finished_at ?? ctx.state.iso(list.readyAtMs),
	};
}

function findContactList(ctx: ChatRouteContext, id: string): ContactListRecord {
	const list = ctx.state.contactLists.find((candidate) => candidate.data.id === id);
	if (!list) throw unprocessable(`Couldn't find contact list with 'id'=${id}`);
	return list;
}

function createContactList(ctx: ChatRouteContext): ChatResult {
	const form = requireForm(ctx);
	const name = field(form, 'name');
	if (!name) throw unprocessable('name is missing');
	if (field(form, 'source_type') !== 'spreadsheet') throw unprocessable('source_type must be spreadsheet');
	const file = form.find((part) => part.name === 'file' && part.filename !== undefined);
	if (!file) throw unprocessable('file is missing');
	if (!/\.(csv|xlsx?)$/i.test(file.filename ?? '')) throw unprocessable('file must be a CSV or Excel spreadsheet');

	const rows = /\.csv$/i.test(file.filename ?? '') ? parseCsv(file.data.toString('utf8')) : [];
	const [header = [], ...records] = rows.map((row) => row.map((cell) => cell.trim()));
	const id = randomUUID();
	const now = ctx.state.iso();
	const hasColumns = header.includes('phone_number') && header.includes('full_name');
	const variables = header.filter((column) => column !== 'phone_number' && column !== 'full_name');
	const contacts = hasColumns
		? records.map((record, index) => {
				const cell = (column: string) => record[header.indexOf(column)] ?? '';
				const extra = Object.fromEntries(variables.map((column) => [column, cell(column)]));
				return ctx.state.contactRow(id, { phone_number: cell('phone_number'), full_name: cell('full_name'), extra }, index);
			})
		: [];
	const list: ContactListRecord = {
		data: {
			id,
			organization_id: ctx.state.orgId(),
			source_type: 'spreadsheet',
			source_id: null,
			name,
			contacts_count: 0,
			contacts_count_success: 0,
			contacts_count_failed: 0,
			created_at: now,
			updated_at: now,
			contact_variables: variables,
			finished_at: null,
			error_messages: {},
			progress: 'processing',
		},
		contacts,
		readyAtMs: ctx.state.clock() + ctx.state.options.contactListProcessingMs,
		outcome: hasColumns && contacts.length > 0 ? 'success' : 'failed',
		errors: hasColumns ? (contacts.length ? {} : { file: ['has no contacts'] }) : { file: ['The header row must contain phone_number and full_name'] },
	};
	ctx.state.contactLists.push(list);
	return ok(list.data, 201);
}

function createTemplates(ctx: ChatRouteContext, hsm: boolean): ChatResult {
	const body = bodyOf(ctx);
	if (typeof body.name !== 'string' || !/^[a-z0-9_]+$/.test(body.name)) throw unprocessable('name must be lower case letters, digits and underscores');
	if (typeof body.category !== 'string' || body.category === '') throw unprocessable('category is missing');
	const attributes = Array.isArray(body.attributes) ? (body.attributes as Row[]) : [];
	if (attributes.length === 0) throw unprocessable('attributes is missing');
	const created = attributes.map((attribute) => {
		const components = Array.isArray(attribute.components) ? (attribute.components as Row[]) : [];
		const text = components.find((component) => component.type === 'BODY')?.text;
		if (typeof attribute.language !== 'string' || !attribute.language) throw unprocessable('attributes language is missing');
		if (typeof text !== 'string' || !text) throw unprocessable('attributes components needs a BODY with text');
		const header = components.find((component) => component.type === 'HEADER');
		const template = {
			id: randomUUID(),
			organization_id: ctx.state.orgId(),
			name: hsm ? `${body.name}_hsm_chat_expired` : body.name,
			language: attribute.language,
			header: header ? { format: header.format ?? 'TEXT', example: header.text ?? null } : null,
			body: text,
			footer: components.find((component) => component.type === 'FOOTER')?.text ?? null,
			buttons: (components.find((component) => component.type === 'BUTTONS')?.buttons as Row[]) ?? [],
			status: 'PENDING',
			category: body.category,
			quality_rating: null,
			quality_rating_text: null,
		};
		ctx.state.templates.push(template);
		return template;
	});
	return ok({ status: 'success', data: created }, 201);
}

function webhookSettingsView(ctx: ChatRouteContext): Row {
	return { ...ctx.state.settings, ...structuredClone(ctx.state.webhookSettings) };
}

/** PUT /message_interactions: organisation-wide, and a new URL replaces the old one. */
function registerMessageInteractions(ctx: ChatRouteContext): ChatResult {
	const body = bodyOf(ctx);
	if (typeof body.url !== 'string' || !/^https?:\/\/\S+$/.test(body.url)) throw unprocessable('url is missing or not a URL');
	for (const flag of MESSAGE_INTERACTION_FLAGS) {
		if (body[flag] === undefined) continue;
		if (typeof body[flag] !== 'boolean') throw unprocessable(`${flag} must be true or false`);
		const setting = ctx.state.webhookSettings[flag];
		setting.enabled = body[flag] as boolean;
		if (body[flag]) setting.webhooks = [{ id: setting.webhooks[0]?.id ?? randomUUID(), event: flag, url: body.url }];
	}
	ctx.state.webhookRegistrations.push({ ...body });
	return ok(webhookSettingsView(ctx));
}

/**
 * PUT /room_interactions `{room_resolved, url}`: like message interactions, organisation-wide,
 * and the answer is the whole settings object (legacy docs; the gateway path is unconfirmed).
 * The settings list such URLs under the event `room_interaction`.
 */
function registerRoomInteractions(ctx: ChatRouteContext): ChatResult {
	const body = bodyOf(ctx);
	if (typeof body.url !== 'string' || !/^https?:\/\/\S+$/.test(body.url)) throw unprocessable('url is missing or not a URL');
	if (typeof body.room_resolved !== 'boolean') throw unprocessable('room_resolved must be true or false');
	const setting = ctx.state.webhookSettings.room_resolved;
	setting.enabled = body.room_resolved;
	if (body.room_resolved) setting.webhooks = [{ id: setting.webhooks[0]?.id ?? randomUUID(), event: 'room_interaction', url: body.url }];
	ctx.state.roomRegistrations.push({ ...body });
	return ok(webhookSettingsView(ctx));
}

function sendMessage(ctx: ChatRouteContext): ChatResult {
	const form = ctx.form;
	const body = form ? { room_id: field(form, 'room_id'), type: field(form, 'type'), text: field(form, 'text') } : bodyOf(ctx);
	const target = ctx.state.findRoom(String(body.room_id ?? ''));
	if (!target) throw unprocessable('Room not found');
	if (!ctx.state.sessionOpen(target)) throw unprocessable('The 24 hour conversation window of this room has expired; send a template broadcast instead');
	const types = ['text', 'image', 'video', 'audio', 'document', 'contact', 'location', 'system'];
	if (!types.includes(String(body.type))) throw unprocessable(`type must be one of ${types.join(', ')}`);
	let file: Row | undefined;
	const content: Row = {};
	if (body.type === 'text') {
		if (typeof body.text !== 'string' || body.text.trim() === '') throw unprocessable('text is missing');
	} else if (body.type === 'location' || body.type === 'contact') {
		if (form) throw unprocessable(`Send a ${String(body.type)} message as JSON`);
		content[body.type] = body.type === 'location' ? locationOf(body) : contactOf(body);
	} else {
		const part = form?.find((candidate) => candidate.name === 'file' && candidate.filename !== undefined);
		if (!part) throw unprocessable('file is missing');
		file = { url: `https://cdn.qontak.example.invalid/messages/${randomUUID()}/${part.filename}`, filename: part.filename, size: part.data.length };
	}
	const user = ctx.state.currentUser;
	const message = {
		id: randomUUID(),
		type: body.type,
		room_id: target.id,
		is_campaign: false,
		sender_id: user.id,
		sender_type: 'Models::User',
		sender: { name: user.full_name, avatar: user.avatar },
		participant_type: 'agent',
		organization_id: ctx.state.orgId(),
		text: body.type === 'text' ? body.text : (body.text ?? null),
		status: 'created',
		external_id: null,
		file: file ?? null,
		...content,
		created_at: ctx.state.iso(),
	};
	ctx.state.messages.push(message);
	return ok(message, 201);
}

const R = (method: ChatRoute['method'], pattern: string, handler: ChatRoute['handler'], openApi = true): ChatRoute => ({ method, pattern, handler, openApi });

export const CHAT_ROUTES: ChatRoute[] = [
	// Broadcasts
	R('GET', '/broadcasts/whatsapp', (ctx) => paginate(listBroadcasts(ctx.state), ctx.query)),
	R('POST', '/broadcasts/whatsapp/direct', (ctx) => sendDirect(ctx.state, ctx.body)),
	R('POST', '/broadcasts/whatsapp', (ctx) => sendToContactList(ctx.state, ctx.body), false),
	R('GET', '/broadcasts/:id/whatsapp', (ctx) => getBroadcast(ctx.state, ctx.params.id)),
	{ ...R('POST', '/broadcasts/contacts', (ctx) => checkNumbers(ctx.state, ctx.body), false), legacyOnly: true },
	R('GET', '/broadcasts/:id/whatsapp/log', (ctx) => paginate(broadcastLog(ctx.state, ctx.params.id, (Math.floor(Number(first(ctx.query, 'offset') ?? 1)) || 1) <= 1), ctx.query)),

	// Contact lists and blocks
	R('POST', '/contacts/contact_lists/async', createContactList, false),
	R('GET', '/contacts/contact_lists', (ctx) => paginate([...ctx.state.contactLists].reverse().map((list) => contactListData(ctx, list)), ctx.query), false),
	R('GET', '/contacts/contact_lists/:id', (ctx) => ok(contactListData(ctx, findContactList(ctx, ctx.params.id)))),
	R('GET', '/contacts/contact_lists/contacts/:id', (ctx) => {
		const list = findContactList(ctx, ctx.params.id);
		if (contactListProgress(ctx.state, list.data.id) === 'processing') return paginate([], ctx.query);
		return paginate(list.contacts, ctx.query);
	}),
	R('PUT', '/contacts/contact_lists/override_contact_by_upload', (ctx) => {
		const body = bodyOf(ctx);
		if (typeof body.enabled !== 'boolean') throw unprocessable('enabled is missing');
		ctx.state.settings.is_override_contact_by_upload = body.enabled;
		return ok(webhookSettingsView(ctx));
	}),
	R('POST', '/contact_block', (ctx) => {
		const body = bodyOf(ctx);
		const target = ctx.state.findRoom(String(body.room_id ?? ''));
		if (!target) throw unprocessable('room_id is missing or unknown');
		const contactId = (ctx.state.participants.get(target.id) ?? []).find((p) => p.type === 'Models::CustomerParticipant')?.contact_id;
		if (ctx.state.blocks.some((block) => block.contact_id === contactId)) throw unprocessable('Contact already blocked');
		const block = {
			id: randomUUID(),
			contact_id: contactId,
			organization_id: ctx.state.orgId(),
			reason: body.reason ?? '',
			channel: target.channel,
			account_uniq_id: target.account_uniq_id,
		};
		ctx.state.blocks.push(block);
		return ok(block, 201);
	}),
	R('DELETE', '/contact_block/:contactId', (ctx) => {
		const index = ctx.state.blocks.findIndex((block) => block.contact_id === ctx.params.contactId);
		if (index === -1) throw unprocessable('Contact is not blocked');
		ctx.state.blocks.splice(index, 1);
		return ok({ status: 'success' });
	}),

	// Divisions, integrations, users
	R('GET', '/divisions', (ctx) => paginate(ctx.state.divisions.filter((d) => contains(d.name, first(ctx.query, 'query'))), ctx.query)),
	R('GET', '/divisions/me', (ctx) => ok(ctx.state.divisions.filter((d) => (d.users as Row[]).some((u) => u.id === ctx.state.currentUser.id)))),
	R('GET', '/divisions/:id/channels', (ctx) => {
		const division = ctx.state.divisions.find((d) => d.id === ctx.params.id);
		if (!division) throw notFound();
		const ids = (division.channels as Row[]).map((channel) => channel.id);
		return ok(ctx.state.integrations.filter((integration) => ids.includes(integration.id)));
	}),
	R('GET', '/integrations', (ctx) => {
		const channel = first(ctx.query, 'target_channel');
		const rows = ctx.state.integrations.filter((row) => (!channel || row.target_channel === channel) && contains(row.settings?.account_name ?? row.target_channel, first(ctx.query, 'query')));
		return paginate(rows, ctx.query);
	}),
	R('GET', '/integrations/:id', (ctx) => {
		const integration = ctx.state.integrations.find((row) => row.id === ctx.params.id);
		if (!integration) throw notFound();
		return ok(integration);
	}),
	R('GET', '/users', (ctx) => {
		const role = first(ctx.query, 'role');
		return paginate(ctx.state.users.filter((u) => (!role || u.role === role) && contains(u.full_name, first(ctx.query, 'query'))), ctx.query);
	}),

	// Rooms
	R('GET', '/rooms', (ctx) => paginate(roomFilters(ctx, ctx.state.rooms), ctx.query)),
	R('GET', '/rooms/list/expired', (ctx) => {
		const counts: Record<string, number> = {};
		for (const row of ctx.state.rooms) if (!ctx.state.sessionOpen(row) && row.status !== 'resolved') counts[row.channel] = (counts[row.channel] ?? 0) + 1;
		return ok({ data: counts });
	}),
	R('GET', '/rooms/specific/info', (ctx) => {
		const target = first(ctx.query, 'target');
		const totals: Record<string, () => number> = {
			unassigned: () => ctx.state.rooms.filter((row) => row.status === 'unassigned').length,
			unread_count: () => ctx.state.rooms.reduce((sum, row) => sum + Number(row.unread_count), 0),
			unassigned_division: () => ctx.state.rooms.filter((row) => row.status === 'unassigned').length,
		};
		if (!target || !totals[target]) throw unprocessable('target is missing, target does not have a valid value');
		return ok({ target, info: { total: totals[target]() } });
	}),
	R('GET', '/rooms/:id', (ctx) => ok(room(ctx))),
	R('GET', '/rooms/:id/participants', (ctx) => ok(ctx.state.participants.get(room(ctx).id) ?? [])),
	R('GET', '/rooms/:id/histories', (ctx) => paginate([room(ctx)], ctx.query)),
	// Named only by third-party clients (GET /rooms/{room_id}/messages?limit=&cursor=); paged like the other lists here.
	R(
		'GET',
		'/rooms/:id/messages',
		(ctx) => {
			const id = room(ctx).id;
			return paginate(ctx.state.messages.filter((message) => message.room_id === id).map((message) => messageView(message, ctx.state.fileHost())), ctx.query);
		},
		false,
	),
	R('GET', '/rooms/:id/agents/assignable', (ctx) => {
		room(ctx);
		const online = first(ctx.query, 'is_online');
		return paginate(ctx.state.users.filter((u) => u.role === 'agent' && (online === undefined || String(u.is_online) === online)), ctx.query);
	}),
	R('PUT', '/rooms/:id/auto_resolve', (ctx) => {
		const target = room(ctx);
		const value = bodyOf(ctx).is_dont_auto_resolve;
		if (value === undefined) throw unprocessable('is_dont_auto_resolve is missing');
		target.is_dont_auto_resolve = value === true || value === 'true';
		return ok(target);
	}),
	R('PUT', '/rooms/:id/mark_all_as_read', (ctx) => {
		room(ctx).unread_count = 0;
		return ok({ status: 'success' });
	}),
	R('PUT', '/rooms/:id', (ctx) => {
		const target = room(ctx);
		const name = bodyOf(ctx).name;
		if (typeof name !== 'string' || name.trim() === '') throw unprocessable('name is missing');
		target.name = name;
		return ok(true);
	}),
	R('PUT', '/rooms/resolve_expired', (ctx) => {
		for (const row of ctx.state.rooms) if (!ctx.state.sessionOpen(row)) row.status = 'resolved';
		return ok('Resolve expired room is on progress, please wait');
	}),
	R('PUT', '/rooms/:id/resolve', (ctx) => {
		const target = room(ctx);
		if (target.status === 'resolved') throw unprocessable('Room already resolved');
		const now = new Date(ctx.state.clock()).toISOString();
		Object.assign(target, { status: 'resolved', resolved_at: now, updated_at: now, resolved_by_id: CURRENT_USER, resolved_by_type: 'Models::User' });
		return ok('Resolve room is on progress, please wait');
	}),
	R('PUT', '/rooms/agent_assign_another_agent', (ctx) => {
		const body = bodyOf(ctx);
		if (typeof body.enabled !== 'boolean') throw unprocessable('enabled is missing');
		ctx.state.settings.agent_can_assign_agent = body.enabled;
		return ok(webhookSettingsView(ctx));
	}),
	R('POST', '/rooms/auto_takeover', (ctx) => {
		const target = ctx.state.rooms.find((row) => row.status === 'unassigned');
		if (!target) throw unprocessable('No unassigned room to take');
		assign(ctx, target, ctx.state.currentUser);
		return ok('Successfully get room', 201);
	}),
	R('POST', '/rooms/:roomId/agents/:userId', (ctx) => {
		const target = room(ctx, 'roomId');
		const user = ctx.state.users.find((u) => u.id === ctx.params.userId);
		if (!user) throw unprocessable('Agent not found');
		if ((ctx.state.participants.get(target.id) ?? []).some((p) => p.contact_able_id === user.id)) throw unprocessable('Agent already in this room');
		return ok(assign(ctx, target, user), 201);
	}),
	R('DELETE', '/rooms/:roomId/agents/:userId', (ctx) => {
		const target = room(ctx, 'roomId');
		if (target.status !== 'assigned') throw unprocessable('Cannot remove agent, this room status is not assigned');
		const participants = ctx.state.participants.get(target.id) ?? [];
		const index = participants.findIndex((p) => p.contact_able_id === ctx.params.userId);
		if (index === -1) throw unprocessable('Cannot find agent participant, or participant already kicked');
		participants.splice(index, 1);
		if (!participants.some((p) => p.type === 'Models::AgentParticipant')) target.status = 'unassigned';
		return ok({ status: 'success' });
	}),
	R('POST', '/rooms/:id/tags', (ctx) => {
		const target = room(ctx);
		const tag = bodyOf(ctx).tag;
		if (typeof tag !== 'string' || tag.trim() === '') throw unprocessable('tag is missing');
		if (!(target.tags as string[]).includes(tag)) (target.tags as string[]).push(tag);
		return ok(target, 201);
	}),
	R('DELETE', '/rooms/:id/tags', (ctx) => {
		const target = room(ctx);
		const tag = bodyOf(ctx).tag;
		if (typeof tag !== 'string' || tag.trim() === '') throw unprocessable('tag is missing');
		target.tags = (target.tags as string[]).filter((existing) => existing !== tag);
		return ok(target);
	}),
	R('POST', '/rooms/:id/takeover', (ctx) => {
		const target = room(ctx);
		if (agentOf(ctx, target.id)) throw unprocessable('This room already assigned');
		return ok(assign(ctx, target, ctx.state.currentUser), 201);
	}),
	R('POST', '/rooms/:id/assign_round_robin', (ctx) => {
		const target = room(ctx);
		if (agentOf(ctx, target.id)) throw unprocessable('room already assigned');
		const agents = ctx.state.users.filter((u) => u.role === 'agent' && u.is_online);
		if (agents.length === 0) throw unprocessable('No online agent to assign');
		const { profile: _profile, ...participant } = assign(ctx, target, agents[0]);
		return ok(participant, 201);
	}),

	// Templates
	R('GET', '/templates/whatsapp', (ctx) => {
		const status = first(ctx.query, 'status');
		const statuses = many(ctx.query, 'statuses');
		const categories = many(ctx.query, 'category');
		const rows = ctx.state.templates.filter(
			(t) =>
				contains(t.name, first(ctx.query, 'query')) &&
				(!status || t.status === status) &&
				(!statuses.length || statuses.includes(t.status)) &&
				(!categories.length || categories.includes(t.category)),
		);
		return paginate(rows, ctx.query);
	}),
	R('POST', '/templates/whatsapp', (ctx) => createTemplates(ctx, false)),
	R('POST', '/templates/whatsapp/hsm_chat', (ctx) => createTemplates(ctx, true)),
	R('GET', '/templates/:id/whatsapp', (ctx) => {
		const template = ctx.state.templates.find((t) => t.id === ctx.params.id);
		if (!template) throw notFound();
		return ok(template);
	}),
	R('GET', '/templates/category', () =>
		ok(['MARKETING', 'UTILITY', 'AUTHENTICATION', 'AUTO_REPLY', 'ACCOUNT_UPDATE'].map((value) => ({ name: value.charAt(0) + value.slice(1).toLowerCase().replace('_', ' '), value }))),
	),
	R('GET', '/templates/language', () =>
		ok([
			{ name: 'English', value: 'en' },
			{ name: 'English (US)', value: 'en_US' },
			{ name: 'Indonesian', value: 'id' },
			{ name: 'Malay', value: 'ms' },
		]),
	),
	R('GET', '/templates/languages', () =>
		ok([
			{ id: 'a1000000-0000-4000-8000-000000000001', code: 'en', language: 'English' },
			{ id: 'a1000000-0000-4000-8000-000000000002', code: 'id', language: 'Indonesian' },
			{ id: 'a1000000-0000-4000-8000-000000000003', code: 'jv', language: 'Javanese' },
		]),
	),

	// Files, messages, webhooks
	R('POST', '/file_uploader', (ctx) => {
		const form = requireForm(ctx);
		const file = form.find((part) => part.name === 'file' && part.filename !== undefined);
		if (!file || file.data.length === 0) throw unprocessable('file is missing');
		const url = `https://cdn.qontak.example.invalid/uploads/${randomUUID()}/${encodeURIComponent(file.filename!)}`;
		ctx.state.uploads.push({ filename: file.filename!, url, bytes: file.data.length, contentType: file.contentType ?? '' });
		return ok({ filename: file.filename, url }, 201);
	}),
	R('POST', '/messages/whatsapp/bot', sendMessage, false),
	R('PUT', '/message_interactions', registerMessageInteractions, false),
	R('PUT', '/room_interactions', registerRoomInteractions, false),
];

/** Multipart bodies are parsed here so handlers see fields; JSON stays in `body`. */
export function formOf(contentType: string | undefined, raw: Buffer): FormPart[] | undefined | 'invalid' {
	const boundary = boundaryOf(contentType);
	if (!boundary) return undefined;
	return parseMultipart(raw, boundary) ?? 'invalid';
}
