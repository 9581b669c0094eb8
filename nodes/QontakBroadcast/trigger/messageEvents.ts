import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { idField } from '../../shared/webhookReply';

/**
 * The four message-interaction events (Qontak Chat's webhook docs,
 * https://github.com/qontak-dev/chat/blob/HEAD/docs/Webhook-API/Message-Interaction.md).
 */
export type OmnichannelEvent = 'customerMessage' | 'agentMessage' | 'messageStatus' | 'broadcastLogStatus';

/** Each event's flag on PUT /message_interactions, which is also its `data_event` in newer payloads. */
export const EVENT_FLAGS: Record<OmnichannelEvent, string> = {
	customerMessage: 'receive_message_from_customer',
	agentMessage: 'receive_message_from_agent',
	messageStatus: 'status_message',
	broadcastLogStatus: 'broadcast_log_status',
};

export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Agent Message', value: 'agentMessage', description: 'An agent (or bot) sent a message in a room' },
	{ name: 'Broadcast Log Status', value: 'broadcastLogStatus', description: 'A broadcast recipient’s log entry changed status' },
	{ name: 'Customer Message', value: 'customerMessage', description: 'A customer wrote in (WhatsApp, web chat, …)' },
	{ name: 'Message Status', value: 'messageStatus', description: 'An outgoing message (including broadcasts) was sent, delivered, read or failed' },
];

const STATUS_UPDATES = ['sent', 'delivered', 'read', 'failed'];

/**
 * Which event a payload is. Newer payloads name it in `data_event`; older ones are told
 * apart by shape: a broadcast-log entry carries `messages_broadcast_id`, a customer's message
 * comes from a contact, and an agent's message that already has a delivery status is a
 * status update (inferred; Qontak documents no explicit marker for those).
 */
export function classifyEvent(body: IDataObject): OmnichannelEvent | undefined {
	const named = Object.entries(EVENT_FLAGS).find(([, flag]) => flag === body.data_event);
	if (named) return named[0] as OmnichannelEvent;
	if (body.messages_broadcast_id !== undefined) return 'broadcastLogStatus';
	const participant = String(body.participant_type ?? '');
	const sender = String(body.sender_type ?? '');
	if (participant === 'customer' || sender === 'Models::Contact') return 'customerMessage';
	if (['agent', 'bot'].includes(participant) || sender === 'Models::User' || sender === 'Models::SystemAccount') {
		return STATUS_UPDATES.includes(String(body.status ?? '')) ? 'messageStatus' : 'agentMessage';
	}
	return undefined;
}

/**
 * The event's identity, for dropping repeated deliveries: a message is one event per id (and
 * kind); a status update is one per message and status, a broadcast log update one per log
 * entry and status. Without those ids an event cannot be told apart from its repeats.
 */
export function eventKey(event: OmnichannelEvent, body: IDataObject): { key: string } | { malformed: string } {
	const id = idField(body, 'id');
	const what = event === 'broadcastLogStatus' ? 'broadcast log entry' : 'message';
	if (id === undefined) return { malformed: `id (the ${what} ID) is missing or not an ID string` };
	if (event === 'customerMessage' || event === 'agentMessage') return { key: `${event}:${id}` };
	const status = idField(body, 'status');
	if (status === undefined) return { malformed: `status of ${what} ${id} is missing or not text` };
	return { key: `${event}:${id}:${status}` };
}
