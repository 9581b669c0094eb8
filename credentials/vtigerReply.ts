/**
 * How a vtiger webservice answer is read. vtiger answers HTTP 200 with a
 * {success, result} or {success:false, error:{code, message}} envelope; anything
 * else (a PHP fatal page, an HTML login or firewall page, an empty body) is not a
 * vtiger reply and must become a clear error, never a crash.
 */

import { maskText } from './secretMask';

export type VtigerReply =
	| { kind: 'success'; result: unknown }
	| { kind: 'error'; code: string; message: string }
	| { kind: 'invalid'; status: number; excerpt: string };

/** Codes that mean "this session is gone": log in again once and resend. */
export const VTIGER_SESSION_ERRORS = [
	'INVALID_SESSIONID',
	'SESSION_EXPIRED',
	'SESSION_LEFT_IDLE',
	'AUTHENTICATION_REQUIRED',
];

export const IP_WHITELIST_HINT =
	'ABMS only answers API calls from whitelisted IP addresses: ask ABMS support to whitelist the public IP address of this n8n server (every worker, in queue mode).';

const EXCERPT_LENGTH = 200;

/** The start of a body that is not a vtiger reply, for an error: masked (`mask`, or the secret-shaped patterns) before it is cut. */
export function replyExcerpt(body: unknown, mask: (text: string) => string = maskText): string {
	const text = typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body);
	const plain = mask(text)
		.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<\/?(b|i|em|strong|span|font|code)\b[^>]*>/gi, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return plain.length > EXCERPT_LENGTH ? `${plain.slice(0, EXCERPT_LENGTH)}…` : plain;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/**
 * PHP notices and deprecation warnings are often printed before the JSON on
 * PHP 8 hosts; the envelope after them is still the real answer.
 */
function parseEnvelopeText(text: string): unknown {
	const direct = parseJson(text.trim());
	if (direct !== undefined) return direct;
	const start = text.indexOf('{"success"');
	return start > 0 ? parseJson(text.slice(start).trim()) : undefined;
}

function isEnvelope(value: unknown): value is { success: boolean; result?: unknown; error?: { code?: unknown; message?: unknown } } {
	return typeof value === 'object' && value !== null && typeof (value as { success?: unknown }).success === 'boolean';
}

export function readVtigerReply(status: number, body: unknown, mask?: (text: string) => string): VtigerReply {
	const parsed = typeof body === 'string' ? parseEnvelopeText(body) : body;
	if (!isEnvelope(parsed)) return { kind: 'invalid', status, excerpt: replyExcerpt(body, mask) };
	if (parsed.success) return { kind: 'success', result: parsed.result };
	const error = parsed.error ?? {};
	// Duplicate prevention answers code 0 (a number): compare codes as text.
	const code = error.code === undefined || error.code === null ? 'UNKNOWN' : String(error.code);
	const message = typeof error.message === 'string' && error.message !== '' ? error.message : code;
	return { kind: 'error', code, message };
}

export function isSessionError(reply: VtigerReply): boolean {
	return reply.kind === 'error' && VTIGER_SESSION_ERRORS.includes(reply.code);
}
