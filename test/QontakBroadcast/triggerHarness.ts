import type { IDataObject } from 'n8n-workflow';

import { hookContext } from '../harness/hookContext';
import { startWebhook, type WebhookHarness } from '../harness/webhookServer';
import { useChat } from './setup';

export const TRIGGER_TYPE = 'qontakBroadcastTrigger';

/** The host n8n's webhooks are reached at in lifecycle calls; the harness's real address replaces it. */
const PUBLIC_BASE = 'https://n8n.example/webhook';

/**
 * The Qontak Omnichannel Trigger against the chat simulator: `listen` serves its webhook with
 * manual registration, `activateAuto` activates it with automatic registration the way n8n does
 * (checkExists, then create in a HookContext) and serves it with the static data activation
 * saved. Qontak's registered URLs point at the public base; they are re-pointed at the harness as
 * DNS would. Each test's webhook is closed after it.
 */
export function useOmnichannelTrigger() {
	const env = useChat();
	let hook: WebhookHarness | undefined;
	afterEach(async () => await close());

	/** Serves the trigger's webhook as given (static data, mode, parameters); closed after the test. */
	async function serve(options: Omit<Parameters<typeof startWebhook>[0], 'type' | 'store' | 'credentials'>) {
		hook = await startWebhook({ type: TRIGGER_TYPE, store: env.store, credentials: env.credentials, ...options });
		return hook;
	}

	async function close() {
		await hook?.close();
		hook = undefined;
	}

	const listen = async (parameters: IDataObject) => await serve({ parameters: { registration: 'manual', ...parameters } });

	async function activateAuto(parameters: IDataObject) {
		const all = { registration: 'auto', authentication: 'mekariHmac', ...parameters };
		const staticData: IDataObject = {};
		const lifecycle = hookContext({ type: TRIGGER_TYPE, parameters: all, credentials: env.credentials, store: env.store, staticData, webhookBaseUrl: PUBLIC_BASE });
		expect(await lifecycle.methods.checkExists()).toBe(false);
		expect(await lifecycle.methods.create()).toBe(true);
		const hook = await serve({ parameters: all, staticData });
		const publicUrl = lifecycle.context.getNodeWebhookUrl('default') as string;
		for (const setting of Object.values(env.sim.chat.state.webhookSettings)) {
			for (const webhook of setting.webhooks) webhook.url = webhook.url.replace(publicUrl, hook.url);
		}
		const secret = (staticData['node:Node'] as IDataObject).webhookSecret as string;
		return { hook, staticData, secret, publicUrl, methods: lifecycle.methods };
	}

	/** The webhook this test serves, if any. */
	const current = () => hook;

	return { env, listen, serve, close, current, activateAuto };
}
