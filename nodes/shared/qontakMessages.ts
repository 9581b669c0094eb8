import type { IDataObject } from 'n8n-workflow';

/*
 * The words Qontak puts in an error, read from its two envelopes. Both Qontak nodes, the CRM
 * trigger and the Mekari credential test (which probes both products) read them.
 */

/** The CRM envelope's words for an error: `meta.developer_message || meta.message || message`. */
export function qontakCrmMessage(body: unknown): string | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const { meta, message } = body as { meta?: IDataObject; message?: string };
	return (meta?.developer_message as string) || (meta?.message as string) || message;
}

/** Qontak Omnichannel's words for an error: the chat envelope, the gateway's `message`, or an OAuth error. */
export function qontakChatMessage(body: unknown): string | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const { error, message, error_description: description } = body as IDataObject;
	if (typeof error === 'object' && error !== null) {
		const messages = (error as IDataObject).messages;
		if (Array.isArray(messages) && messages.length) return messages.map(String).join(', ');
	}
	if (typeof message === 'string') return message;
	if (typeof description === 'string') return description;
	return typeof error === 'string' ? error : undefined;
}
