import type { IDataObject } from 'n8n-workflow';

import { WHATSAPP_CHANNELS } from '../operations/integration';
import type { OmnichannelEvent } from './messageEvents';

/** Decides, per classified event, whether it starts the workflow. */
export type EventFilter = (event: OmnichannelEvent, body: IDataObject) => boolean;

const STATUS_EVENTS: OmnichannelEvent[] = ['messageStatus', 'broadcastLogStatus'];

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const record = (value: unknown): IDataObject => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : {});

function list(value: unknown): string[] {
	const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return entries.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

/**
 * The channels an event may be on. A message carries its room, a resolved room is the room; a
 * broadcast log entry names only its integration, and broadcasts go out on WhatsApp alone
 * (POST /broadcasts/whatsapp…), so it may be on either WhatsApp API.
 */
function channelsOf(event: OmnichannelEvent, body: IDataObject): string[] {
	const channel = text(record(body.room).channel) ?? text(body.channel);
	if (channel !== undefined) return [channel];
	return event === 'broadcastLogStatus' ? WHATSAPP_CHANNELS : [];
}

const integrationOf = (body: IDataObject) => text(record(body.room).channel_integration_id) ?? text(body.channel_integration_id);

/**
 * The trigger's Filters as one test: an event passes when it matches every filter set. An
 * event that does not say what a filter asks about (no channel, no integration) does not match it.
 */
export function eventFilter(filters: IDataObject, registration: 'manual' | 'auto'): EventFilter {
	const statuses = list(filters.statuses).map((status) => status.toLowerCase());
	const channels = list(filters.channels);
	// Only the field the editor shows for this registration counts: the other may be left over from before a switch.
	const integrations = list(registration === 'auto' ? filters.channelIntegrationIds : filters.channelIntegrationIdList);
	return (event, body) => {
		if (statuses.length && STATUS_EVENTS.includes(event) && !statuses.includes(String(text(body.status) ?? '').toLowerCase())) return false;
		if (channels.length && !channelsOf(event, body).some((channel) => channels.includes(channel))) return false;
		if (integrations.length && !integrations.includes(integrationOf(body) ?? '')) return false;
		return true;
	};
}
