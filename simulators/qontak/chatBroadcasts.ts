import { randomUUID } from 'node:crypto';

import { ChatError, chatError, errorEnvelope, ok, unprocessable, type ChatResult } from './chatEnvelope';
import { resetSeconds } from './chatRateLimit';
import type { BroadcastRecord, ChatState, Row } from './chatState';

/**
 * Broadcasts (https://docs.qontak.com/docs/omnichannel-hub/fe286fab4f3cf-qontak-open-api-v1-0-3):
 * what the API validates before accepting a send, the 60/min direct limit, and logs whose entries
 * move pending → sent → delivered → read (or failed). A log moves one step each time it is read
 * rather than as time passes, so a test knows exactly which status its n-th read sees, however slow
 * the machine.
 */

const MEDIA_FORMATS = ['IMAGE', 'VIDEO', 'DOCUMENT'];

export function templateVariableCount(text: unknown): number {
	let highest = 0;
	for (const match of String(text ?? '').matchAll(/\{\{\s*(\d+)\s*\}\}/g)) highest = Math.max(highest, Number(match[1]));
	return highest;
}

/** Buttons whose URL carries a placeholder (dynamic URL, or the OTP copy-code button). */
export function dynamicButtonIndexes(template: Row): number[] {
	return ((template.buttons ?? []) as Row[]).flatMap((button, index) => (/\{\{\s*\d+\s*\}\}/.test(String(button.url ?? '')) ? [index] : []));
}

function isObject(value: unknown): value is Row {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(body: Row, key: string): string {
	const value = body[key];
	if (typeof value !== 'string' || value.trim() === '') throw unprocessable(`${key} is missing`);
	return value;
}

function findTemplate(state: ChatState, id: string): Row {
	const template = state.templates.find((candidate) => candidate.id === id);
	if (!template) throw unprocessable(`Message template not found with id ${id}`);
	if (template.status !== 'APPROVED') throw unprocessable(`Message Template ${template.name} is ${template.status}, only APPROVED templates can be sent`);
	return template;
}

function findWhatsAppChannel(state: ChatState, id: string): Row {
	const channel = state.integrations.find((candidate) => candidate.id === id);
	if (!channel || !['wa', 'wa_cloud'].includes(channel.target_channel)) throw unprocessable(`Channel integration not found with id ${id}`);
	if (!channel.is_active) throw unprocessable('Channel integration is not active');
	return channel;
}

/** The body, header and button checks the vendor describes; `direct` needs value_text. */
function checkParameters(template: Row, parameters: unknown, direct: boolean, columns?: string[]): void {
	if (!isObject(parameters)) throw unprocessable('parameters is missing');
	const expected = templateVariableCount(template.body);
	const body = parameters.body ?? [];
	if (!Array.isArray(body)) throw unprocessable('parameters body must be an array');
	if (body.length !== expected) throw unprocessable(`Message Template has ${expected} variable, please adjust your payload.`);
	const keys = new Set<string>();
	for (const entry of body) {
		if (!isObject(entry) || typeof entry.key !== 'string' || !/^\d+$/.test(entry.key)) throw unprocessable('parameters body key must be the placeholder number as a string');
		if (Number(entry.key) < 1 || Number(entry.key) > expected) throw unprocessable(`parameters body key ${entry.key} is not a variable of the template`);
		keys.add(entry.key);
		if (typeof entry.value !== 'string' || entry.value === '') throw unprocessable(`parameters body ${entry.key} value is missing`);
		if (direct && (typeof entry.value_text !== 'string' || entry.value_text === '')) throw unprocessable(`parameters body ${entry.key} value_text is missing`);
		if (columns && !columns.includes(entry.value)) throw unprocessable(`Contact list has no column ${entry.value}`);
	}
	if (keys.size !== body.length) throw unprocessable('parameters body has a duplicate key');

	const headerFormat = isObject(template.header) ? String(template.header.format ?? '').toUpperCase() : '';
	const header = parameters.header;
	if (MEDIA_FORMATS.includes(headerFormat)) {
		if (!isObject(header)) throw unprocessable(`Message Template has a ${headerFormat} header, please add parameters header`);
		if (header.format !== headerFormat) throw unprocessable(`parameters header format must be ${headerFormat}`);
		const params = Array.isArray(header.params) ? (header.params as Row[]) : [];
		const url = params.find((param) => param.key === 'url')?.value;
		if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url)) throw unprocessable('parameters header url is missing or not a URL');
	} else if (isObject(header) && Object.keys(header).length > 0) {
		throw unprocessable('Message Template has no media header');
	}

	const buttons = parameters.buttons ?? [];
	if (!Array.isArray(buttons)) throw unprocessable('parameters buttons must be an array');
	for (const index of dynamicButtonIndexes(template)) {
		const entry = (buttons as Row[]).find((button) => isObject(button) && button.index === String(index));
		if (!entry || typeof entry.value !== 'string' || entry.value === '') throw unprocessable(`parameters buttons index ${index} value is missing`);
	}
}

function broadcastData(state: ChatState, record: BroadcastRecord): Row {
	return { ...record.data, message_status_count: statusCount(state, record) };
}

function newBroadcast(state: ChatState, fields: Row, template: Row, channel: Row): Row {
	const now = state.iso();
	const user = state.currentUser;
	return {
		id: randomUUID(),
		organization_id: state.orgId(),
		channel_integration_id: channel.id,
		contact_id: null,
		target_channel: channel.target_channel,
		send_at: now,
		execute_status: 'done',
		execute_type: 'immediately',
		created_at: now,
		contact_extra: {},
		message_template: { ...template },
		division_id: null,
		message_broadcast_error: 'n/a',
		sender_name: user.full_name,
		sender_email: user.email,
		channel_account_name: channel.settings?.account_name ?? null,
		channel_phone_number: channel.settings?.phone_number ?? null,
		...fields,
	};
}

function rateHeaders(limit: number, remaining: number, resetMs: number): Record<string, string> {
	return { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': resetSeconds(resetMs) };
}

/** POST /broadcasts/whatsapp/direct: rate limit first, then validation (a 422 still counts). */
export function sendDirect(state: ChatState, body: unknown): ChatResult {
	const verdict = state.limiter.take(state.clock());
	const headers = state.options.rateLimitHeaders ? rateHeaders(verdict.limit, verdict.remaining, verdict.resetMs) : {};
	if (!verdict.allowed) {
		state.rateLimited++;
		return {
			status: 429,
			headers: { 'x-ratelimit-reset': resetSeconds(verdict.resetMs), ...headers },
			body: errorEnvelope(429, [
				'Too many requests',
				`organization_id: ${state.orgId()}`,
				`rate_limit_limit: ${verdict.limit}`,
				'rate_limit_remaining: 0',
				`rate_limit_reset: ${resetSeconds(verdict.resetMs)}`,
			]),
		};
	}
	try {
		if (!isObject(body)) throw unprocessable('Request body must be a JSON object');
		const toNumber = requireString(body, 'to_number');
		if (!/^[1-9]\d{7,14}$/.test(toNumber)) throw unprocessable('To number Not valid to_number (phone number)');
		const toName = requireString(body, 'to_name');
		const template = findTemplate(state, requireString(body, 'message_template_id'));
		const channel = findWhatsAppChannel(state, requireString(body, 'channel_integration_id'));
		if (!isObject(body.language) || typeof body.language.code !== 'string' || body.language.code === '') throw unprocessable('language code is missing');
		checkParameters(template, body.parameters, true);

		const record: BroadcastRecord = {
			data: newBroadcast(state, { name: `direct_${toNumber}_${state.clock()}`, contact_list_id: null, parameters: body.parameters }, template, channel),
			recipients: [{ phone: toNumber, name: toName, variables: {} }],
			createdMs: state.clock(),
			languageMatches: body.language.code === template.language,
			logIds: [randomUUID()],
			logReads: 0,
		};
		state.broadcasts.push(record);
		return { ...ok(broadcastData(state, record), 201), headers };
	} catch (error) {
		if (error instanceof ChatError) return { status: error.status, body: errorEnvelope(error.status, error.messages), headers };
		throw error;
	}
}

/** POST /broadcasts/whatsapp: one broadcast to every contact of a processed list. */
export function sendToContactList(state: ChatState, body: unknown): ChatResult {
	if (!isObject(body)) throw unprocessable('Request body must be a JSON object');
	const name = requireString(body, 'name');
	const template = findTemplate(state, requireString(body, 'message_template_id'));
	const channel = findWhatsAppChannel(state, requireString(body, 'channel_integration_id'));
	const listId = requireString(body, 'contact_list_id');
	const list = state.contactLists.find((candidate) => candidate.data.id === listId);
	if (!list) throw unprocessable(`Couldn't find contact list with 'id'=${listId}`);
	if (contactListProgress(state, list.data.id) !== 'success') throw unprocessable('Contact list is not ready, wait until its progress is success');
	const columns = ['full_name', 'phone_number', ...(list.data.contact_variables as string[])];
	checkParameters(template, body.parameters, false, columns);
	if (body.execute_type === 'specific' && (typeof body.send_at !== 'string' || Number.isNaN(Date.parse(body.send_at)))) {
		throw unprocessable('send_at is missing or not a date');
	}
	const now = state.clock();
	if (now - state.lastBulkMs < state.options.bulkCooldownMs) throw unprocessable('Please wait a moment to send a new broadcast message.');
	state.lastBulkMs = now;

	const valid = list.contacts.filter((contact) => contact.is_valid);
	const record: BroadcastRecord = {
		data: newBroadcast(
			state,
			{
				name,
				contact_list_id: list.data.id,
				parameters: body.parameters,
				execute_type: body.execute_type ?? 'immediately',
				send_at: body.send_at ?? state.iso(),
				contact_list_name: list.data.name,
			},
			template,
			channel,
		),
		recipients: valid.map((contact) => ({ phone: contact.phone_number, name: contact.full_name, variables: contact.extra })),
		createdMs: now,
		languageMatches: body.language === undefined || (isObject(body.language) && body.language.code === template.language),
		logIds: valid.map(() => randomUUID()),
		logReads: 0,
	};
	state.broadcasts.push(record);
	return ok(broadcastData(state, record), 201);
}

function findBroadcast(state: ChatState, id: string): BroadcastRecord {
	const record = state.broadcasts.find((candidate) => candidate.data.id === id);
	if (!record) throw chatError(404, 'Resource not found.');
	return record;
}

export function getBroadcast(state: ChatState, id: string): ChatResult {
	const record = findBroadcast(state, id);
	const list = state.contactLists.find((candidate) => candidate.data.id === record.data.contact_list_id);
	return ok({ ...broadcastData(state, record), contact_list_name: list?.data.name ?? null });
}

export function listBroadcasts(state: ChatState): Row[] {
	return [...state.broadcasts].reverse().map((record) => broadcastData(state, record));
}

type DeliveryStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

function deliveryStatus(state: ChatState, record: BroadcastRecord, phone: string, step: number): DeliveryStatus {
	const fails = !record.languageMatches || state.options.failingNumbers.includes(phone);
	if (step === 0) return 'pending';
	if (fails) return 'failed';
	if (step === 1) return 'sent';
	if (step === 2) return 'delivered';
	return 'read';
}

/** Entries exist once the log was read more than `logDelayReads` times; each later read is one step on. */
export function logEntries(state: ChatState, record: BroadcastRecord): Row[] {
	const step = record.logReads - state.options.logDelayReads - 1;
	if (step < 0) return [];
	const template = record.data.message_template as Row;
	return record.recipients.map((recipient, index) => {
		const status = deliveryStatus(state, record, recipient.phone, step);
		const failed = status === 'failed';
		const reason = record.languageMatches
			? 'Message failed to send because the recipient is not a WhatsApp user'
			: `The template (${template.name}) does not exist in the specified language, or the template has not been approved`;
		return {
			id: record.logIds[index],
			organization_id: state.orgId(),
			messages_broadcast_id: record.data.id,
			contact_phone_number: recipient.phone,
			contact_full_name: recipient.name,
			status,
			whatsapp_message_id: status === 'pending' || failed ? 'n/a' : `wamid.SIM${record.logIds[index].replace(/-/g, '').slice(0, 20)}`,
			whatsapp_error_message: failed ? reason : 'n/a',
			messages_response: failed ? { code: '404', errors: [{ code: 2001, title: 'Message failed', details: reason }] } : {},
			messages: { body: { type: 'body', template: template.body, parameters: (record.data.parameters as Row)?.body ?? [] } },
			created_at: state.iso(record.createdMs),
			is_pacing: false,
			channel_integration_id: record.data.channel_integration_id,
		};
	});
}

/** A read of the log's first page is a status read: it moves the broadcast one step (further pages do not). */
export function broadcastLog(state: ChatState, id: string, firstPage: boolean): Row[] {
	const record = findBroadcast(state, id);
	if (firstPage) record.logReads++;
	return logEntries(state, record);
}

function statusCount(state: ChatState, record: BroadcastRecord): Row {
	const counts: Row = { failed: 0, delivered: 0, read: 0, pending: 0, sent: 0 };
	for (const entry of logEntries(state, record)) counts[entry.status]++;
	return counts;
}

export function contactListProgress(state: ChatState, id: string): string {
	const list = state.contactLists.find((candidate) => candidate.data.id === id);
	if (!list) return 'missing';
	return state.clock() < list.readyAtMs ? 'processing' : list.outcome;
}
