import type { IDataObject } from 'n8n-workflow';

import type { Simplifier } from '../../shared/simplify';
import { channelAccountName, WHATSAPP_CHANNELS } from './integration';

/*
 * Simplify for Qontak Chat's records: the ids, names, statuses, counts, phone numbers and times a
 * workflow uses, in Qontak's own key names, with the nested objects that matter flattened. Records are
 * shaped as Qontak's Open API shows them (https://docs.qontak.com/docs/omnichannel-hub/fe286fab4f3cf-qontak-open-api-v1-0-3).
 */

const nested = (value: unknown): IDataObject => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : {});

/** Qontak writes "n/a" where there is no value (log message ids and errors). */
const known = (value: unknown) => (value === 'n/a' ? null : value);

/** Keys the record does not have stay out, rather than showing up empty. */
function present(fields: Record<string, unknown>): IDataObject {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as IDataObject;
}

function broadcast(row: IDataObject): IDataObject {
	const template = nested(row.message_template);
	const counts = nested(row.message_status_count);
	return present({
		id: row.id,
		name: row.name,
		execute_status: row.execute_status,
		execute_type: row.execute_type,
		target_channel: row.target_channel,
		channel_integration_id: row.channel_integration_id,
		channel_account_name: row.channel_account_name,
		channel_phone_number: row.channel_phone_number,
		message_template_id: template.id,
		message_template_name: template.name,
		message_template_language: template.language,
		contact_list_id: row.contact_list_id,
		contact_list_name: row.contact_list_name,
		pending_count: counts.pending,
		sent_count: counts.sent,
		delivered_count: counts.delivered,
		read_count: counts.read,
		failed_count: counts.failed,
		error: known(row.message_broadcast_error),
		sender_name: row.sender_name,
		send_at: row.send_at,
		created_at: row.created_at,
	});
}

function broadcastLogEntry(row: IDataObject): IDataObject {
	return present({
		id: row.id,
		messages_broadcast_id: row.messages_broadcast_id,
		contact_phone_number: row.contact_phone_number,
		contact_full_name: row.contact_full_name,
		status: row.status,
		whatsapp_message_id: known(row.whatsapp_message_id),
		whatsapp_error_message: known(row.whatsapp_error_message),
		channel_integration_id: row.channel_integration_id,
		created_at: row.created_at,
	});
}

function template(row: IDataObject): IDataObject {
	return present({
		id: row.id,
		name: row.name,
		language: row.language,
		category: row.category,
		status: row.status,
		header_format: row.header === undefined ? undefined : (nested(row.header).format ?? null),
		body: row.body,
		footer: row.footer,
		buttons: row.buttons,
	});
}

function room(row: IDataObject): IDataObject {
	const lastMessage = nested(row.last_message);
	// On WhatsApp the customer's account is their phone number; elsewhere it is a channel handle.
	const onWhatsApp = WHATSAPP_CHANNELS.includes(String(row.channel));
	return present({
		id: row.id,
		name: row.name,
		status: row.status,
		channel: row.channel,
		channel_account: row.channel_account,
		channel_integration_id: row.channel_integration_id,
		phone: onWhatsApp ? row.account_uniq_id : undefined,
		account_uniq_id: onWhatsApp ? undefined : row.account_uniq_id,
		tags: row.tags,
		agent_ids: row.agent_ids,
		unread_count: row.unread_count,
		last_message_text: lastMessage.text,
		last_message_type: lastMessage.type,
		session_at: row.session_at,
		last_message_at: row.last_message_at,
		resolved_at: row.resolved_at,
		created_at: row.created_at,
	});
}

function contactList(row: IDataObject): IDataObject {
	const errors = nested(row.error_messages);
	return present({
		id: row.id,
		name: row.name,
		progress: row.progress,
		contacts_count: row.contacts_count,
		contacts_count_success: row.contacts_count_success,
		contacts_count_failed: row.contacts_count_failed,
		contact_variables: row.contact_variables,
		error_messages: Object.keys(errors).length ? errors : undefined,
		created_at: row.created_at,
		finished_at: row.finished_at,
	});
}

function contact(row: IDataObject): IDataObject {
	const errors = nested(row.error_messages);
	return present({
		id: row.id,
		phone_number: row.phone_number,
		full_name: row.full_name,
		extra: row.extra,
		is_valid: row.is_valid,
		is_blocked: row.is_blocked,
		error_messages: Object.keys(errors).length ? errors : undefined,
	});
}

/** `settings` passes through only so Include Settings can keep it; the route drops it otherwise. */
function integration(row: IDataObject): IDataObject {
	const settings = nested(row.settings);
	return present({
		id: row.id,
		target_channel: row.target_channel,
		account_name: row.settings === undefined ? undefined : (channelAccountName(settings) ?? null),
		phone_number: row.settings === undefined ? undefined : (settings.phone_number ?? null),
		is_active: row.is_active,
		created_at: row.created_at,
		settings: row.settings,
	});
}

function user(row: IDataObject): IDataObject {
	return present({
		id: row.id,
		full_name: row.full_name,
		email: row.email,
		phone: row.phone,
		role: row.role,
		is_online: row.is_online,
		divisions: row.divisions,
		assigned_count: row.assigned_count,
		created_at: row.created_at,
	});
}

/** A row without an id is a note of the node's own (Get Log's timed-out answer), not a Qontak record. */
const forRecords =
	(simplify: Simplifier): Simplifier =>
	(row) =>
		row.id === undefined ? row : simplify(row);

const simplifiers = {
	broadcast: forRecords(broadcast),
	broadcastLogEntry: forRecords(broadcastLogEntry),
	template: forRecords(template),
	room: forRecords(room),
	contactList: forRecords(contactList),
	contact: forRecords(contact),
	integration: forRecords(integration),
	user: forRecords(user),
};

/**
 * Which reads offer Simplify, per resource and operation: the Get and Get Many of records a
 * workflow goes on with. Sends, writes and lookup lists (categories, languages) answer small
 * objects already and stay as Qontak sends them.
 */
export const SIMPLIFIED: Partial<Record<string, Partial<Record<string, Simplifier>>>> = {
	broadcast: { get: simplifiers.broadcast, getAll: simplifiers.broadcast, getLog: simplifiers.broadcastLogEntry },
	template: { get: simplifiers.template, getAll: simplifiers.template },
	room: { get: simplifiers.room, getAll: simplifiers.room, getHistories: simplifiers.room, getAssignableAgents: simplifiers.user },
	contactList: { get: simplifiers.contactList, getAll: simplifiers.contactList, getContacts: simplifiers.contact },
	integration: { get: simplifiers.integration, getAll: simplifiers.integration },
	division: { getChannels: simplifiers.integration },
	user: { getAll: simplifiers.user },
};
