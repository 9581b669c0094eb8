import { unprocessable, ok, type ChatResult } from './chatEnvelope';
import type { ChatState, Row } from './chatState';

/**
 * POST /api/open/v1/broadcasts/contacts on the legacy host only: `{channel_integration_id,
 * phone_numbers[]}` → `data.contacts[{input, status, wa_id}]`, WhatsApp's own contacts check
 * relayed (https://developers.facebook.com/docs/whatsapp/on-premises/reference/contacts): `input`
 * is the number as sent, `valid` ones carry their `wa_id`, `invalid` ones none.
 */
export function checkNumbers(state: ChatState, body: unknown): ChatResult {
	const request = (typeof body === 'object' && body !== null ? body : {}) as Row;
	const channel = state.integrations.find((integration) => integration.id === request.channel_integration_id);
	if (!channel) throw unprocessable('channel_integration_id is missing or unknown');
	if (!['wa', 'wa_cloud'].includes(channel.target_channel)) throw unprocessable('channel_integration_id is not a WhatsApp channel');
	const numbers = request.phone_numbers;
	if (!Array.isArray(numbers) || numbers.length === 0) throw unprocessable('phone_numbers is missing');
	if (numbers.some((number) => typeof number !== 'string')) throw unprocessable('phone_numbers must be a list of texts');
	const contacts = (numbers as string[]).map((input) => {
		const digits = input.replace(/\D/g, '');
		const valid = /^\d{8,15}$/.test(digits) && !state.numbersNotOnWhatsApp.has(digits);
		return valid ? { input, status: 'valid', wa_id: digits } : { input, status: 'invalid' };
	});
	return ok({ contacts });
}
