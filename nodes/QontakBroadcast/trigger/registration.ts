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

function flags(events: OmnichannelEvent[], enabled: boolean): IDataObject {
	return Object.fromEntries(events.map((event) => [EVENT_FLAGS[event], enabled]));
}

/**
 * PUT /message_interactions. Organisation-wide: the URL replaces the one any other
 * integration registered for these events. Events not selected are left as they are.
 */
export async function registerMessageWebhook(this: IHookFunctions, url: string, events: OmnichannelEvent[]): Promise<IDataObject> {
	const response = await chatRequest
		.call(this, { method: 'PUT', path: '/message_interactions', body: { url, ...flags(events, true) } })
		.then(
			(body) => ({ body }),
			(error: Error) => ({ error }),
		);
	if ('error' in response) {
		throw new NodeApiError(this.getNode(), { message: response.error.message } as JsonObject, {
			message: `Qontak did not register the webhook URL: ${response.error.message.replace(/^Qontak Chat: /, '')}`,
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
			description: 'Register the URL in Qontak by hand (Registration: Manual), or ask Qontak support which URL the organisation’s message webhooks use.',
		});
	}
	return settings;
}

/** Switches the selected events off again (only when the user opted in: it is organisation-wide). */
export async function disableMessageWebhook(this: IHookFunctions, url: string, events: OmnichannelEvent[]): Promise<void> {
	const response = await chatRequest
		.call(this, { method: 'PUT', path: '/message_interactions', body: { url, ...flags(events, false) } })
		.then(
			() => ({}),
			(error: Error) => ({ error }),
		);
	if ('error' in response && (response.error as NodeApiError).httpCode !== '404') {
		throw new NodeApiError(this.getNode(), { message: response.error.message } as JsonObject, {
			message: `Qontak did not switch the message webhooks off: ${response.error.message.replace(/^Qontak Chat: /, '')}`,
			description: 'The workflow is deactivated, but Qontak may still call the URL. Switch the events off in Qontak, or deactivate again.',
			httpCode: (response.error as NodeApiError).httpCode ?? undefined,
		});
	}
}
