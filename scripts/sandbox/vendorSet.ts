import { AppKeySimulator } from '../../simulators/appKey/AppKeySimulator';
import { NetzmeSimulator } from '../../simulators/netzme/NetzmeSimulator';
import { ChatLegacySimulator } from '../../simulators/qontak/chatLegacySimulator';
import { QontakSimulator } from '../../simulators/qontak/QontakSimulator';
import { VtigerSimulator } from '../../simulators/vtiger/VtigerSimulator';
import { LOGINS, SANDBOX_TEMPLATES } from './demoData';
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
	readonly qontak = new QontakSimulator({ ...LOGINS.mekari });
	readonly chatLegacy = new ChatLegacySimulator({ ...LOGINS.qontakChat });
	readonly netzme = new NetzmeSimulator({ ...LOGINS.netzme, callbackRetryDelayMs: 1000 });
	readonly vtiger = new VtigerSimulator({ ...LOGINS.vtiger });
	readonly appKey = new AppKeySimulator({ ...LOGINS.appKey });

	constructor() {
		this.qontak.chat.state.templates.push(...SANDBOX_TEMPLATES.map((template) => ({ ...template })));
		this.chatLegacy.chat.state.templates.push(...SANDBOX_TEMPLATES.map((template) => ({ ...template })));
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
