import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import { normalizePhone } from '../../shared/phone';
import { chatRequest } from '../transport';
import { WHATSAPP_CHANNELS } from './integration';
import type { ExecutionContext } from './types';

/** WhatsApp's customer-service window: free-form messages only within 24 h of the customer's last message. */
export const SESSION_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Rooms read per page, and pages read at most: a search by one number rarely fills one page. */
export const ROOM_PAGE_SIZE = 100;
export const MAX_ROOM_PAGES = 5;

const TEMPLATE_HINT =
	'A free-form WhatsApp message can only be sent within 24 hours of the customer’s last message. To reach this customer now, send an approved template with Broadcast → Send Direct; their reply opens a new window.';

/**
 * Whether a room's 24-hour window is still open. Room objects in Qontak's webhooks carry
 * `session` (open, expiring, expired) next to `session_at`, the time of the customer's last
 * message (https://github.com/qontak-dev/chat/blob/HEAD/docs/Webhook-API/Message-Interaction.md);
 * the rooms list of the OpenAPI export shows only `session_at`. The vendor's word counts first.
 */
export function windowClosesAt(room: IDataObject): number | undefined {
	const sessionAt = Date.parse(String(room.session_at ?? ''));
	return Number.isNaN(sessionAt) ? undefined : sessionAt + SESSION_WINDOW_MS;
}

function isOpen(room: IDataObject): boolean {
	if (room.session === 'expired') return false;
	if (room.session === 'open' || room.session === 'expiring') return true;
	const closesAt = windowClosesAt(room);
	return closesAt !== undefined && closesAt > clock.now();
}

/**
 * The room of this customer on this WhatsApp channel whose window is open. GET /rooms with
 * `query` = the number finds candidates (Qontak matches it against the room's name and number);
 * only a room whose `account_uniq_id` is this very number on this very channel counts, so
 * 628123456 never answers for 6281234567. At most MAX_ROOM_PAGES pages are read.
 */
export async function findOpenRoom(
	this: IExecuteFunctions,
	phone: string,
	channelId: string,
	itemIndex: number,
	context: ExecutionContext,
): Promise<IDataObject> {
	const matches: IDataObject[] = [];
	let complete = false;
	for (let page = 1; page <= MAX_ROOM_PAGES; page++) {
		const response = await chatRequest.call(this, {
			method: 'GET',
			path: '/rooms',
			qs: { query: phone, channels: WHATSAPP_CHANNELS, offset: page, limit: ROOM_PAGE_SIZE },
			itemIndex,
			timeoutMs: context.timeoutMs,
			maxRetries: context.maxRetries,
		});
		const rows = (Array.isArray(response.data) ? response.data : []) as IDataObject[];
		matches.push(...rows.filter((row) => String(row.channel_integration_id) === channelId && normalizePhone(row.account_uniq_id) === phone));
		if (matches.some(isOpen)) break;
		if (rows.length < ROOM_PAGE_SIZE) {
			complete = true;
			break;
		}
	}
	const open = matches.filter(isOpen).sort((a, b) => (windowClosesAt(b) ?? 0) - (windowClosesAt(a) ?? 0));
	if (open.length) return open[0];

	const node = this.getNode();
	if (matches.length) {
		const latest = Math.max(...matches.map((room) => windowClosesAt(room) ?? 0));
		const since = latest > 0 ? `: the window closed at ${new Date(latest).toISOString()}` : '';
		throw new NodeOperationError(node, `The 24-hour window with ${phone} on this WhatsApp channel has expired${since}`, {
			itemIndex,
			description: `Room ${String(matches[0].id)} is the customer’s conversation. ${TEMPLATE_HINT}`,
		});
	}
	const searched = complete ? '' : ` (searched the first ${MAX_ROOM_PAGES * ROOM_PAGE_SIZE} rooms matching the number)`;
	throw new NodeOperationError(node, `No conversation with ${phone} on this WhatsApp channel${searched}`, {
		itemIndex,
		description: `The customer has not written to this WhatsApp number, so there is no open 24-hour window. Check the number and the channel. ${TEMPLATE_HINT}`,
	});
}
