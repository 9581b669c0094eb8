import type { HostedFile } from './chatFileHost';
import { IDS } from './chatFixtures';
import { fileOf } from './chatMessages';

/**
 * Message-interaction payloads in the shapes of
 * https://github.com/qontak-dev/chat/blob/HEAD/docs/Webhook-API/Message-Interaction.md (a Message
 * object with its room; newer ones add webhook_event and data_event), with made-up values.
 */

const room = {
	id: IDS.assignedRoom,
	name: 'Budi Santoso',
	status: 'assigned',
	channel: 'wa_cloud',
	account_uniq_id: '6281234567001',
	channel_integration_id: IDS.waCloudIntegration,
	session: 'open',
};

const message = {
	id: '7a000000-0000-4000-8000-000000000001',
	type: 'text',
	room_id: room.id,
	is_campaign: false,
	organization_id: '0a9e1f00-0000-4000-8000-00000000c0de',
	created_at: '2025-03-01T02:03:04.000Z',
	room,
};

export const customerMessage = {
	...message,
	sender_id: '8b000000-0000-4000-8000-000000000001',
	sender_type: 'Models::Contact',
	sender: { name: 'Budi Santoso', avatar: null },
	participant_type: 'customer',
	text: 'Halo, pesanan INV-1000 sudah sampai mana?',
	status: 'created',
	external_id: 'wamid.SIMCUSTOMER0001',
	webhook_event: 'message_interaction',
	data_event: 'receive_message_from_customer',
};

/** An older payload: no data_event, told apart by who sent it. */
export const legacyCustomerImage = {
	...message,
	id: '7a000000-0000-4000-8000-000000000002',
	type: 'image',
	sender_type: 'Models::Contact',
	participant_type: 'customer',
	text: null,
	file: { url: 'https://cdn.example.invalid/photo.jpg', filename: 'photo.jpg' },
	status: 'created',
};

const MEDIA_TYPES: Record<string, string> = { 'image/png': 'image', 'application/pdf': 'document', 'video/mp4': 'video' };

/**
 * A customer's media message (a payment proof, an ID card, …) as Qontak posts it: its `file.url`
 * points at `fileHost` (the simulator's file host, `sim.files.baseUrl`), as Qontak's point at its CDN.
 */
export function customerFileMessage(fileHost: string, hosted: HostedFile, id = '7a000000-0000-4000-8000-000000000010') {
	return {
		...customerMessage,
		id,
		type: MEDIA_TYPES[hosted.contentType] ?? 'document',
		text: null,
		external_id: `wamid.SIMFILE${id.slice(-4)}`,
		file: fileOf(fileHost, hosted),
	};
}

export const agentMessage = {
	...message,
	id: '7a000000-0000-4000-8000-000000000003',
	sender_id: IDS.agentAyu,
	sender_type: 'Models::User',
	sender: { name: 'Ayu Agent', avatar: null },
	participant_type: 'agent',
	text: 'Sudah dikirim, Pak. Estimasi tiba besok.',
	status: 'created',
	webhook_event: 'message_interaction',
	data_event: 'receive_message_from_agent',
};

export const broadcastDelivered = {
	...message,
	id: '7a000000-0000-4000-8000-000000000004',
	is_campaign: true,
	sender_type: 'Models::SystemAccount',
	participant_type: 'bot',
	text: 'Halo Budi, pesanan INV-1000 sudah dikirim.',
	status: 'delivered',
	external_id: 'wamid.SIMBROADCAST0001',
};

export const broadcastLogEntry = {
	id: '9c000000-0000-4000-8000-000000000001',
	messages_broadcast_id: '9d000000-0000-4000-8000-000000000001',
	contact_phone_number: '6281234567001',
	contact_full_name: 'Budi Santoso',
	status: 'read',
	whatsapp_message_id: 'wamid.SIMBROADCAST0001',
	whatsapp_error_message: 'n/a',
	channel_integration_id: IDS.waCloudIntegration,
	webhook_event: 'message_interaction',
	data_event: 'broadcast_log_status',
};

/**
 * A status update of an agent's message in a room on another channel (web chat, Telegram, …):
 * the same Message shape, its room naming the channel and integration.
 */
export function statusUpdate(status: string, onRoom: { channel: string; channel_integration_id: string; id?: string }, id = '7a000000-0000-4000-8000-000000000005') {
	const inRoom = { ...room, ...onRoom };
	return { ...agentMessage, id, room_id: inRoom.id, room: inRoom, status, data_event: 'status_message' };
}

/**
 * A resolved room as the room-resolved webhook (PUT /room_interactions) would post it. Qontak
 * documents no body for it; this is the room object its Developer Center room events send
 * (https://github.com/mekari-engineering/devcenter-kb/blob/HEAD/docs/webhooks/qontak/qontak-chat-room-updated.md),
 * resolved, without any data_event.
 */
export function roomResolvedBody(resolvedAt: string, overrides: Record<string, unknown> = {}) {
	return {
		...room,
		description: '',
		type: 'Models::CustomerServiceRoom',
		tags: [],
		channel_account: 'Sinar Jaya Cloud',
		organization_id: message.organization_id,
		unread_count: 0,
		created_at: '2025-03-01T01:00:00.000Z',
		...overrides,
		status: 'resolved',
		resolved_at: resolvedAt,
		resolved_by_id: IDS.agentAyu,
		resolved_by_type: 'Models::User',
		updated_at: resolvedAt,
	};
}

export const roomResolved = roomResolvedBody('2025-03-01T03:00:00.000Z');
