import { AppKeySimulator } from '../../simulators/appKey/AppKeySimulator';
import { NetzmeSimulator } from '../../simulators/netzme/NetzmeSimulator';
import type { ChatApi } from '../../simulators/qontak/chatApi';
import { HOSTED_FILES } from '../../simulators/qontak/chatFileHost';
import { IDS as CHAT_IDS, ORG_ID } from '../../simulators/qontak/chatFixtures';
import { fileOf } from '../../simulators/qontak/chatMessages';
import { ChatLegacySimulator } from '../../simulators/qontak/chatLegacySimulator';
import { QontakSimulator } from '../../simulators/qontak/QontakSimulator';
import { VtigerSimulator } from '../../simulators/vtiger/VtigerSimulator';
import { LOGINS, SANDBOX_CONTACT_LIST, SANDBOX_NOT_ON_WHATSAPP, SANDBOX_ROOMS, SANDBOX_SALES_ORDER, SANDBOX_TEMPLATES } from './demoData';
import PORTS from './ports.json';

/**
 * Fixed ports of `npm start`, so the credentials imported into n8n stay valid between runs. The one
 * ports table is ports.json; scripts/sandbox.mjs reads the same file for n8n's own ports.
 */
export const FIXED_PORTS = PORTS.vendors;

export type VendorUrls = Record<keyof typeof FIXED_PORTS, string>;

/** Every simulator the sandbox runs, created with the sandbox logins and demo data. */
export class Vendors {
	// A real tenant is not limited to bursts of one send per test window; keep Qontak's 60/min.
	readonly qontak = new QontakSimulator({ ...LOGINS.mekari, chat: { failingNumbers: [...SANDBOX_NOT_ON_WHATSAPP] } });
	readonly chatLegacy = new ChatLegacySimulator({ ...LOGINS.qontakChat, chat: { failingNumbers: [...SANDBOX_NOT_ON_WHATSAPP] } });
	// An invoice counts as paid at its 2nd status check, so Invoice → Wait Until Paid (example 11) ends on its own
	// one check interval after the first; an invoice nobody checks stays unpaid until fire/netzme-invoice-paid.
	readonly netzme = new NetzmeSimulator({ ...LOGINS.netzme, callbackRetryDelayMs: 1000, invoicePaidAfterStatusRequests: 2 });
	readonly vtiger = new VtigerSimulator({ ...LOGINS.vtiger });
	readonly appKey = new AppKeySimulator({ ...LOGINS.appKey });

	constructor() {
		for (const chat of [this.qontak.chat, this.chatLegacy.chat]) {
			chat.state.templates.push(...SANDBOX_TEMPLATES.map((template) => ({ ...template })));
			chat.state.contactLists.push(campaignList(chat));
		}
		addConversations(this.qontak.chat);
		this.qontak.linkChatRoom('deals', SANDBOX_ROOMS.siti.dealId, SANDBOX_ROOMS.siti.id);
		this.qontak.linkChatRoom('contacts', SANDBOX_ROOMS.siti.contactId, SANDBOX_ROOMS.siti.id);
		addSalesOrder(this.vtiger);
	}

	/** `ports` null: OS-chosen ports (tests running beside a live sandbox). */
	async start(ports: typeof FIXED_PORTS | null): Promise<Omit<VendorUrls, 'control'>> {
		const port = (name: keyof typeof FIXED_PORTS) => (ports ? ports[name] : 0);
		const qontak = await this.qontak.start(port('qontak'), port('qontakFiles'));
		const chatLegacy = await this.chatLegacy.start(port('chatLegacy'));
		await this.netzme.start({ toko: port('netzmeToko'), invoice: port('netzmeInvoice') });
		const vtiger = await this.vtiger.start(port('vtiger'));
		const appKey = await this.appKey.start(port('appKey'));
		return { qontak, qontakFiles: this.qontak.files.baseUrl, chatLegacy, netzmeToko: this.netzme.tokoUrl, netzmeInvoice: this.netzme.invoiceUrl, vtiger, appKey };
	}

	async stop(): Promise<void> {
		await Promise.all([this.qontak.stop(), this.chatLegacy.stop(), this.netzme.stop(), this.vtiger.stop(), this.appKey.stop()]);
	}
}

/** Example 11's Sales Order and its contact, dated an hour back like the simulator's own seed. */
function addSalesOrder(vtiger: VtigerSimulator): void {
	const modifiedMs = vtiger.now() - 3_600_000;
	const { contact, order } = SANDBOX_SALES_ORDER;
	vtiger.insert('Contacts', contact.values, { crmid: contact.crmid, modifiedMs });
	vtiger.insertWithLines('SalesOrder', order.values, order.lines, { crmid: order.crmid, modifiedMs });
}

/** The campaign list, already processed (progress success), in the shape the chat simulator keeps lists. */
function campaignList(chat: ChatApi) {
	const now = chat.state.iso();
	const { id, name, columns, contacts } = SANDBOX_CONTACT_LIST;
	return {
		data: {
			id,
			organization_id: ORG_ID,
			source_type: 'spreadsheet',
			source_id: null,
			name,
			contacts_count: contacts.length,
			contacts_count_success: contacts.length,
			contacts_count_failed: 0,
			created_at: now,
			updated_at: now,
			contact_variables: [...columns],
			finished_at: now,
			error_messages: {},
			progress: 'success',
		},
		contacts: contacts.map((contact, index) => chat.state.contactRow(id, { ...contact, extra: { ...contact.extra } }, index)),
		readyAtMs: 0,
		outcome: 'success' as const,
		errors: {},
	};
}

/** The Qontak contact behind a room's customer, as its messages' sender_id name it. */
export const customerIdOf = (roomId: string) => `8b000000-0000-4000-8000-${roomId.slice(-12)}`;

/**
 * Siti's and Bambang's WhatsApp rooms (SANDBOX_ROOMS), shaped like the simulator's own rooms: open
 * conversations on the Sinar Jaya Cloud channel, waiting for an agent, with their customer as the
 * room's participant and Siti's messages, her photo served by the simulator's file host.
 */
function addConversations(chat: ChatApi): void {
	const { state } = chat;
	const template = state.findRoom(CHAT_IDS.assignedRoom)!;
	const customer = (state.participants.get(template.id) ?? []).find((participant) => participant.type === 'Models::CustomerParticipant')!;
	const minutesAgo = (minutes: number) => state.iso(state.clock() - minutes * 60_000);
	for (const { id, name, phone, messages } of Object.values(SANDBOX_ROOMS)) {
		state.rooms.push({
			...template,
			id,
			name,
			status: 'unassigned',
			tags: [],
			channel: 'wa_cloud',
			channel_account: 'Sinar Jaya Cloud',
			account_uniq_id: phone,
			channel_integration_id: CHAT_IDS.waCloudIntegration,
			session_at: minutesAgo(15),
			unread_count: messages.length,
			last_message_at: minutesAgo(15),
			last_activity_at: minutesAgo(15),
			updated_at: minutesAgo(15),
		});
		const contactId = customerIdOf(id);
		state.participants.set(id, [
			{ ...customer, id: `${id.slice(0, 24)}c0c0c0c0c0c0`, room_id: id, contact_id: contactId, contact_able_id: contactId, profile: { name, avatar: null } },
		]);
		messages.forEach((message, index) => {
			state.messages.push({
				id: message.id,
				type: 'photo' in message ? 'image' : 'text',
				room_id: id,
				is_campaign: false,
				sender_id: contactId,
				sender_type: 'Models::Contact',
				sender: { name, avatar: null },
				participant_type: 'customer',
				organization_id: ORG_ID,
				text: 'text' in message ? message.text : null,
				// A path until served: the file host's port is known only once it listens.
				file: 'photo' in message ? fileOf('', HOSTED_FILES.image) : null,
				status: 'read',
				external_id: `wamid.SANDBOX${message.id.slice(-6)}`,
				created_at: minutesAgo(16 - index),
			});
		});
	}
}
