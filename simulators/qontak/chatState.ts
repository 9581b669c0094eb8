import {
	CURRENT_USER,
	ORG_ID,
	seedDivisions,
	seedIntegrations,
	seedReadyContactList,
	seedRooms,
	seedTemplates,
	seedUsers,
} from './chatFixtures';
import { seedMessages } from './chatMessages';
import { FixedWindowLimiter } from './chatRateLimit';

/** In-memory Qontak Chat organisation: what the chat routes read and change. */

export interface ChatOptions {
	/** Direct broadcasts allowed per window (the vendor documents 60 per minute). */
	broadcastLimit: number;
	/** The rate-limit window; scale it down so tests need not wait minutes. */
	broadcastWindowMs: number;
	/**
	 * Send X-RateLimit-Limit/-Remaining/-Reset on every direct-broadcast answer. Off: only a
	 * 429 carries hints (its x-ratelimit-reset header and `rate_limit_reset: N` message), which
	 * is all the spec confirms.
	 */
	rateLimitHeaders: boolean;
	/**
	 * Reads of a broadcast's log answered with no entries yet (in production entries appear about
	 * 10 s after the send; Infinity: never). Every read after that moves each entry one step:
	 * pending → sent → delivered → read, or pending → failed.
	 */
	logDelayReads: number;
	/** Contact-list uploads stay `processing` this long. */
	contactListProcessingMs: number;
	/** A bulk broadcast this soon after the previous one gets the "please wait" 422. */
	bulkCooldownMs: number;
	/** Recipients whose messages end up `failed` in the log. */
	failingNumbers: string[];
}

export const CHAT_DEFAULTS: ChatOptions = {
	broadcastLimit: 60,
	broadcastWindowMs: 60_000,
	rateLimitHeaders: true,
	logDelayReads: 1,
	contactListProcessingMs: 100,
	bulkCooldownMs: 0,
	failingNumbers: [],
};

export type Row = Record<string, any>;

/** A file host nobody can reach, for a chat API run without one (the legacy host). */
export const DEFAULT_FILE_HOST = 'https://cdn.qontak.example.invalid';

export interface BroadcastRecord {
	data: Row;
	recipients: Array<{ phone: string; name: string; variables: Record<string, string> }>;
	createdMs: number;
	/** Whether the template really exists in the language the request named. */
	languageMatches: boolean;
	logIds: string[];
	/** Status reads of its log so far (what moves its entries on). */
	logReads: number;
}

export interface ContactListRecord {
	data: Row;
	contacts: Row[];
	readyAtMs: number;
	/** What `progress` becomes once processing ends. */
	outcome: 'success' | 'failed';
	errors: Record<string, string[]>;
}

export interface WebhookSetting {
	enabled: boolean;
	webhooks: Array<{ id: string; event: string; url: string }>;
}

export const MESSAGE_INTERACTION_FLAGS = [
	'receive_message_from_customer',
	'receive_message_from_agent',
	'status_message',
	'broadcast_log_status',
] as const;

export type MessageInteractionFlag = (typeof MESSAGE_INTERACTION_FLAGS)[number];

export class ChatState {
	integrations: Row[] = [];
	templates: Row[] = [];
	users: Row[] = [];
	divisions: Row[] = [];
	rooms: Row[] = [];
	participants = new Map<string, Row[]>();
	contactLists: ContactListRecord[] = [];
	broadcasts: BroadcastRecord[] = [];
	uploads: Array<{ filename: string; url: string; bytes: number; contentType: string }> = [];
	blocks: Row[] = [];
	messages: Row[] = [];
	/** Numbers (digits) WhatsApp's contact check calls `invalid`: no WhatsApp account. */
	numbersNotOnWhatsApp = new Set<string>();
	settings: Row = {};
	webhookSettings: Record<MessageInteractionFlag | 'room_resolved', WebhookSetting> = emptyWebhooks();
	/** Every accepted PUT /message_interactions body, in order. */
	webhookRegistrations: Row[] = [];
	/** Every accepted PUT /room_interactions body, in order. */
	roomRegistrations: Row[] = [];
	readonly limiter: FixedWindowLimiter;
	lastBulkMs = -Infinity;
	/** Direct broadcasts answered with 429. */
	rateLimited = 0;

	constructor(
		readonly options: ChatOptions,
		readonly clock: () => number,
		/** Where message files are served (the CDN of file URLs); read when a message is served. */
		readonly fileHost: () => string = () => DEFAULT_FILE_HOST,
	) {
		this.limiter = new FixedWindowLimiter(
			() => this.options.broadcastLimit,
			() => this.options.broadcastWindowMs,
		);
		this.seed();
	}

	iso(ms = this.clock()): string {
		return new Date(ms).toISOString();
	}

	private seed(): void {
		const now = this.iso();
		this.integrations = seedIntegrations(now);
		this.templates = seedTemplates();
		this.users = seedUsers(now);
		this.divisions = seedDivisions(now);
		this.rooms = seedRooms(this.clock(), (ms) => this.iso(ms));
		this.messages = seedMessages((ms) => this.iso(ms), this.clock());
		for (const room of this.rooms) {
			const agents = room.status === 'assigned' ? [this.participant(room.id, room.id === this.rooms[0].id ? this.users[1] : this.users[2])] : [];
			this.participants.set(room.id, [this.customerParticipant(room), ...agents]);
		}
		const ready = seedReadyContactList(now);
		this.contactLists = [
			{
				data: ready.list,
				contacts: ready.contacts.map((contact, index) => this.contactRow(ready.list.id, contact, index)),
				readyAtMs: 0,
				outcome: 'success',
				errors: {},
			},
		];
		this.settings = {
			auto_assign_agent: true,
			app_type: 'full',
			agent_can_takeover: true,
			agent_can_assign_agent: false,
			is_override_contact_by_upload: false,
		};
	}

	get currentUser(): Row {
		return this.users.find((user) => user.id === CURRENT_USER)!;
	}

	participant(roomId: string, user: Row): Row {
		return {
			id: `${roomId.slice(0, 24)}${user.id.slice(24)}`,
			room_id: roomId,
			contact_id: null,
			contact_able_id: user.id,
			contact_able_type: 'Models::User',
			type: 'Models::AgentParticipant',
			profile: { name: user.full_name, avatar: user.avatar },
			active_status: 'active',
			created_at: this.iso(),
		};
	}

	private customerParticipant(room: Row): Row {
		return {
			id: `${room.id.slice(0, 24)}c0c0c0c0c0c0`,
			room_id: room.id,
			contact_id: `${room.id.slice(0, 24)}c0ffee000000`,
			contact_able_id: `${room.id.slice(0, 24)}c0ffee000000`,
			contact_able_type: 'Models::Contact',
			type: 'Models::CustomerParticipant',
			profile: { name: room.name, avatar: room.avatar },
			active_status: 'active',
			created_at: room.created_at,
		};
	}

	contactRow(listId: string, contact: { phone_number: string; full_name: string; extra: Record<string, string> }, index: number): Row {
		const valid = /^62\d{8,13}$/.test(contact.phone_number);
		return {
			id: `${listId.slice(0, 24)}${String(index + 1).padStart(12, '0')}`,
			phone_number: contact.phone_number,
			full_name: contact.full_name,
			email: '',
			created_at: this.iso(),
			updated_at: this.iso(),
			status: valid ? 'success' : 'failed',
			error_messages: valid ? {} : { phone_number: ['is invalid'] },
			extra: contact.extra,
			account_uniq_id: contact.phone_number,
			is_valid: valid,
			is_blocked: false,
		};
	}

	findRoom(id: string): Row | undefined {
		return this.rooms.find((room) => room.id === id);
	}

	sessionOpen(room: Row): boolean {
		return this.clock() - Date.parse(room.session_at) < 86_400_000;
	}

	orgId(): string {
		return ORG_ID;
	}
}

function emptyWebhooks(): ChatState['webhookSettings'] {
	const entry = (): WebhookSetting => ({ enabled: false, webhooks: [] });
	return {
		receive_message_from_customer: entry(),
		receive_message_from_agent: entry(),
		status_message: entry(),
		broadcast_log_status: entry(),
		room_resolved: entry(),
	};
}
