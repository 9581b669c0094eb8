import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { chatRequest } from '../transport';
import { EVENT_FLAGS, type OmnichannelEvent } from './messageEvents';

/** The query parameter that carries the secret of an automatically registered URL. */
export const SECRET_PARAMETER = 'token';

/**
 * The URL Qontak should call: the node's, with the secret in its query. Qontak documents no
 * signature or verification header on these deliveries, and PUT /message_interactions takes the
 * URL and the event flags, nothing else
 * (https://github.com/qontak-dev/chat/blob/HEAD/docs/Webhook-API/Message-Interaction.md), so the
 * query is the only place a secret can travel.
 */
export function registeredUrl(webhookUrl: string, secret: string): string {
	const url = new URL(webhookUrl);
	url.searchParams.set(SECRET_PARAMETER, secret);
	return url.toString();
}

/**
 * Where each event is switched on: message events on PUT /message_interactions, a resolved room
 * on PUT /room_interactions with `{room_resolved, url}`
 * (https://github.com/qontak-dev/chat/blob/HEAD/chat-service-open.json). Both are
 * organisation-wide, and both answer with the organisation's whole webhook settings.
 */
type InteractionsPath = '/message_interactions' | '/room_interactions';

const pathOf = (event: OmnichannelEvent): InteractionsPath => (event === 'roomResolved' ? '/room_interactions' : '/message_interactions');

/** The selected events per endpoint, message events first (the order registration always had). */
function byEndpoint(events: OmnichannelEvent[]): Array<[InteractionsPath, OmnichannelEvent[]]> {
	const paths: InteractionsPath[] = ['/message_interactions', '/room_interactions'];
	return paths.map((path): [InteractionsPath, OmnichannelEvent[]] => [path, events.filter((event) => pathOf(event) === path)]).filter(([, group]) => group.length > 0);
}

function flags(events: OmnichannelEvent[], enabled: boolean): IDataObject {
	return Object.fromEntries(events.map((event) => [EVENT_FLAGS[event], enabled]));
}

const vendorText = (error: Error) => error.message.replace(/^Qontak Chat: /, '');

/**
 * Registers the URL for the selected events. Organisation-wide: the URL replaces the one any
 * other integration registered for these events. Events not selected are left as they are.
 */
export async function registerWebhooks(this: IHookFunctions, url: string, events: OmnichannelEvent[]): Promise<void> {
	for (const [path, group] of byEndpoint(events)) await register.call(this, path, url, group);
}

async function register(this: IHookFunctions, path: InteractionsPath, url: string, events: OmnichannelEvent[]): Promise<void> {
	const response = await chatRequest
		.call(this, { method: 'PUT', path, body: { url, ...flags(events, true) } })
		.then(
			(body) => ({ body }),
			(error: Error) => ({ error }),
		);
	if ('error' in response) {
		throw new NodeApiError(this.getNode(), { message: response.error.message } as JsonObject, {
			message: `Qontak did not register the webhook URL: ${vendorText(response.error)}`,
			description: `${(response.error as NodeApiError).description ?? ''} You can also register the URL yourself: set Registration to Manual.`.trim(),
			httpCode: (response.error as NodeApiError).httpCode ?? undefined,
		});
	}
	const settings = (response.body.data ?? {}) as IDataObject;
	const missing = events.filter((event) => {
		const setting = (settings[EVENT_FLAGS[event]] ?? {}) as IDataObject;
		return !((setting.webhooks ?? []) as IDataObject[]).some((webhook) => webhook.url === url);
	});
	if (missing.length) {
		// Not the settings themselves: they hold every registered URL, secrets in queries included.
		throw new NodeApiError(this.getNode(), { message: 'URL not listed' } as JsonObject, {
			message: `Qontak answered, but does not list this URL for ${missing.map((event) => EVENT_FLAGS[event]).join(', ')}`,
			description: 'Register the URL in Qontak by hand (Registration: Manual), or ask Qontak support which URL the organisation’s webhooks use.',
		});
	}
}

/** Switches the selected events off again (only when the user opted in: it is organisation-wide). */
export async function disableWebhooks(this: IHookFunctions, url: string, events: OmnichannelEvent[]): Promise<void> {
	for (const [path, group] of byEndpoint(events)) {
		const response = await chatRequest
			.call(this, { method: 'PUT', path, body: { url, ...flags(group, false) } })
			.then(
				() => ({}),
				(error: Error) => ({ error }),
			);
		if ('error' in response && (response.error as NodeApiError).httpCode !== '404') {
			throw new NodeApiError(this.getNode(), { message: response.error.message } as JsonObject, {
				message: `Qontak did not switch the webhooks off: ${vendorText(response.error)}`,
				description: 'The workflow is deactivated, but Qontak may still call the URL. Switch the events off in Qontak, or deactivate again.',
				httpCode: (response.error as NodeApiError).httpCode ?? undefined,
			});
		}
	}
}
