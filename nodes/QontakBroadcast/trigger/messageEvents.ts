import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { idField } from '../../shared/webhookReply';

/**
 * The four message-interaction events (Qontak Chat's webhook docs,
 * https://github.com/qontak-dev/chat/blob/HEAD/docs/Webhook-API/Message-Interaction.md) and the
 * one room interaction, a resolved room (https://github.com/qontak-dev/chat/blob/HEAD/docs/Getting%20Started/Webhook.md).
 */
export type OmnichannelEvent = 'customerMessage' | 'agentMessage' | 'messageStatus' | 'broadcastLogStatus' | 'roomResolved';

/**
 * Each event's flag: on PUT /message_interactions, or for roomResolved on PUT /room_interactions
 * (https://github.com/qontak-dev/chat/blob/HEAD/chat-service-open.json). The message flags are
 * also their `data_event` in newer payloads; room_resolved is presumed to be.
 */
export const EVENT_FLAGS: Record<OmnichannelEvent, string> = {
	customerMessage: 'receive_message_from_customer',
	agentMessage: 'receive_message_from_agent',
	messageStatus: 'status_message',
	broadcastLogStatus: 'broadcast_log_status',
	roomResolved: 'room_resolved',
};

export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Agent Message', value: 'agentMessage', description: 'An agent (or bot) sent a message in a room' },
	{ name: 'Broadcast Log Status', value: 'broadcastLogStatus', description: 'A broadcast recipient’s log entry changed status' },
	{ name: 'Customer Message', value: 'customerMessage', description: 'A customer wrote in (WhatsApp, web chat, …)' },
	{ name: 'Message Status', value: 'messageStatus', description: 'An outgoing message (including broadcasts) was sent, delivered, read or failed' },
	{ name: 'Room Resolved', value: 'roomResolved', description: 'A conversation (room) was resolved' },
];

const STATUS_UPDATES = ['sent', 'delivered', 'read', 'failed'];

/**
 * Which event a payload is. Newer payloads name it in `data_event`; older ones are told
 * apart by shape: a broadcast-log entry carries `messages_broadcast_id`, a customer's message
 * comes from a contact, and an agent's message that already has a delivery status is a
 * status update (inferred; Qontak documents no explicit marker for those).
 *
 * Qontak documents no body for the room-resolved webhook. Its other room events send the room
 * object (https://github.com/mekari-engineering/devcenter-kb/blob/HEAD/docs/webhooks/qontak/qontak-chat-room-updated.md),
 * so a room object whose status is `resolved` is taken as one: no message or log entry has
 * that status, and a room has no sender.
 */
export function classifyEvent(body: IDataObject): OmnichannelEvent | undefined {
	const named = Object.entries(EVENT_FLAGS).find(([, flag]) => flag === body.data_event);
	if (named) return named[0] as OmnichannelEvent;
	if (body.messages_broadcast_id !== undefined) return 'broadcastLogStatus';
	const participant = String(body.participant_type ?? '');
	const sender = String(body.sender_type ?? '');
	if (body.status === 'resolved' && participant === '' && sender === '') return 'roomResolved';
	if (participant === 'customer' || sender === 'Models::Contact') return 'customerMessage';
	if (['agent', 'bot'].includes(participant) || sender === 'Models::User' || sender === 'Models::SystemAccount') {
		return STATUS_UPDATES.includes(String(body.status ?? '')) ? 'messageStatus' : 'agentMessage';
	}
	return undefined;
}

/** A time field as epoch milliseconds, so one instant written two ways is one key. */
function timeField(body: IDataObject, name: string): string | undefined {
	const value = body[name];
	if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : String(ms);
}

const WHAT: Record<OmnichannelEvent, string> = {
	customerMessage: 'message',
	agentMessage: 'message',
	messageStatus: 'message',
	broadcastLogStatus: 'broadcast log entry',
	roomResolved: 'room',
};

/**
 * The event's identity, for dropping repeated deliveries: a message is one event per id (and
 * kind); a status update is one per message and status, a broadcast log update one per log
 * entry and status; a resolved room one per room and time it was resolved (a room reopened and
 * resolved again is a new event). Without those fields an event cannot be told apart from its
 * repeats.
 */
export function eventKey(event: OmnichannelEvent, body: IDataObject): { key: string } | { malformed: string } {
	const id = idField(body, 'id');
	const what = WHAT[event];
	if (id === undefined) return { malformed: `id (the ${what} ID) is missing or not an ID string` };
	if (event === 'customerMessage' || event === 'agentMessage') return { key: `${event}:${id}` };
	if (event === 'roomResolved') {
		// updated_at stands in where resolved_at is not filled in: it too changes when a room is resolved again.
		const at = timeField(body, 'resolved_at') ?? timeField(body, 'updated_at');
		if (at === undefined) return { malformed: `resolved_at (when room ${id} was resolved) is missing or not a time, and so is updated_at` };
		return { key: `${event}:${id}:${at}` };
	}
	const status = idField(body, 'status');
	if (status === undefined) return { malformed: `status of ${what} ${id} is missing or not text` };
	return { key: `${event}:${id}:${status}` };
}
