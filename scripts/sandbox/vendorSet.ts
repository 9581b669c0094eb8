import { AppKeySimulator } from '../../simulators/appKey/AppKeySimulator';
import { NetzmeSimulator } from '../../simulators/netzme/NetzmeSimulator';
import type { ChatApi } from '../../simulators/qontak/chatApi';
import { ORG_ID } from '../../simulators/qontak/chatFixtures';
import { ChatLegacySimulator } from '../../simulators/qontak/chatLegacySimulator';
import { QontakSimulator } from '../../simulators/qontak/QontakSimulator';
import { VtigerSimulator } from '../../simulators/vtiger/VtigerSimulator';
import { LOGINS, SANDBOX_CONTACT_LIST, SANDBOX_NOT_ON_WHATSAPP, SANDBOX_TEMPLATES } from './demoData';
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
	readonly netzme = new NetzmeSimulator({ ...LOGINS.netzme, callbackRetryDelayMs: 1000 });
	readonly vtiger = new VtigerSimulator({ ...LOGINS.vtiger });
	readonly appKey = new AppKeySimulator({ ...LOGINS.appKey });

	constructor() {
		for (const chat of [this.qontak.chat, this.chatLegacy.chat]) {
			chat.state.templates.push(...SANDBOX_TEMPLATES.map((template) => ({ ...template })));
			chat.state.contactLists.push(campaignList(chat));
		}
	}

	/** `ports` null: OS-chosen ports (tests running beside a live sandbox). */
	async start(ports: typeof FIXED_PORTS | null): Promise<Omit<VendorUrls, 'control'>> {
		const port = (name: keyof typeof FIXED_PORTS) => (ports ? ports[name] : 0);
		const qontak = await this.qontak.start(port('qontak'));
		const chatLegacy = await this.chatLegacy.start(port('chatLegacy'));
		await this.netzme.start({ toko: port('netzmeToko'), invoice: port('netzmeInvoice') });
		const vtiger = await this.vtiger.start(port('vtiger'));
		const appKey = await this.appKey.start(port('appKey'));
		return { qontak, chatLegacy, netzmeToko: this.netzme.tokoUrl, netzmeInvoice: this.netzme.invoiceUrl, vtiger, appKey };
	}

	async stop(): Promise<void> {
		await Promise.all([this.qontak.stop(), this.chatLegacy.stop(), this.netzme.stop(), this.vtiger.stop(), this.appKey.stop()]);
	}
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
