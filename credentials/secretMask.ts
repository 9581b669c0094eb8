/*
 * Masking of secrets in text that n8n stores or logs (errors, descriptions, error items). Lives in
 * credentials/ because the credentials mask their own login errors too (credentials/ may not import
 * nodes/shared). Mask first, then cut: a value cut mid-way no longer matches.
 */

export const MASK = '***';

/** Shorter values are too likely to occur by chance (an amount, a short id). */
const MIN_SECRET_LENGTH = 6;

/**
 * The second net, for secrets no credential field holds: a per-request signature, a PIN hash
 * keyed by a merchant, a session or token another execution fetched. Each keeps its label and
 * masks only the value; `Bearer`/`Basic`/`custom` values must look like a token (a digit or a
 * token character), so prose such as "custom base URL" stays readable.
 */
const PATTERNS: Array<[RegExp, string]> = [
	[/\b(Bearer|Basic|custom)(\s+)(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{8,}/gi, `$1$2${MASK}`],
	[/(sessionName\W{1,6})[^\s&"'<>[\],;\\]+/gi, `$1${MASK}`],
	[/(signature\W{1,6})[A-Za-z0-9+/=_-]{16,}/gi, `$1${MASK}`],
	[/(\b(?:access|refresh)_?token\W{1,6})[A-Za-z0-9._~+/=-]{8,}/gi, `$1${MASK}`],
	[/(\bpin\W{1,6})[0-9a-f]{64}\b/gi, `$1${MASK}`],
];

/** Each secret as it may appear in text: as it is, URL-encoded and JSON-escaped; longest first. */
export function secretVariants(values: Iterable<string | undefined>): string[] {
	const variants = new Set<string>();
	for (const value of values) {
		if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) continue;
		variants.add(value);
		variants.add(encodeURIComponent(value));
		variants.add(JSON.stringify(value).slice(1, -1));
		variants.add(JSON.stringify(JSON.stringify(value)).slice(3, -3));
	}
	return [...variants].filter((variant) => variant.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** `text` with every known secret (from secretVariants) and every secret-shaped value masked. */
export function maskText(text: string, secrets: readonly string[] = []): string {
	let masked = text;
	for (const secret of secrets) if (masked.includes(secret)) masked = masked.split(secret).join(MASK);
	for (const [pattern, replacement] of PATTERNS) masked = masked.replace(pattern, replacement);
	return masked;
}

/** A copy of `value` with every string in it masked; non-plain objects (Buffers, streams) are left out of the walk. */
export function maskDeep<T>(value: T, secrets: readonly string[] = [], depth = 0): T {
	return mapStrings(value, (text) => maskText(text, secrets), depth);
}

/**
 * Only these secrets, without the patterns: for what a user keeps (output items), where a
 * pattern could hit customer text such as "custom made-to-order".
 */
export function maskLiterals<T>(value: T, secrets: readonly string[]): T {
	return mapStrings(value, (text) => {
		let masked = text;
		for (const secret of secrets) if (masked.includes(secret)) masked = masked.split(secret).join(MASK);
		return masked;
	});
}

/**
 * Whether maskLiterals would change `value`: a string it reaches holds one of `secrets`. Walks
 * exactly where mapStrings walks, without copying or serialising, so checking every output item
 * costs a look at its strings rather than its JSON text.
 */
export function holdsLiteral(value: unknown, secrets: readonly string[], depth = 0): boolean {
	// Plain loops: a closure or key list per string and object would be most of what this allocates.
	if (typeof value === 'string') {
		for (let index = 0; index < secrets.length; index++) if (value.includes(secrets[index])) return true;
		return false;
	}
	if (depth > 12 || value === null || typeof value !== 'object') return false;
	if (Array.isArray(value)) {
		for (let index = 0; index < value.length; index++) if (holdsLiteral(value[index], secrets, depth + 1)) return true;
		return false;
	}
	const prototype = Object.getPrototypeOf(value);
	if (prototype !== Object.prototype && prototype !== null) return false;
	const record = value as Record<string, unknown>;
	for (const key in record) if (Object.prototype.hasOwnProperty.call(record, key) && holdsLiteral(record[key], secrets, depth + 1)) return true;
	return false;
}

function mapStrings<T>(value: T, mask: (text: string) => string, depth = 0): T {
	if (typeof value === 'string') return mask(value) as T;
	if (depth > 12 || value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((entry) => mapStrings(entry, mask, depth + 1)) as T;
	const prototype = Object.getPrototypeOf(value);
	if (prototype !== Object.prototype && prototype !== null) return value;
	const copy: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) copy[key] = mapStrings(entry, mask, depth + 1);
	return copy as T;
}

/** Masks an error's own text in place (message, description, messages, the response, the cause chain), and returns it. */
export function maskError<E>(error: E, secrets: readonly string[] = [], depth = 0): E {
	if (error === null || typeof error !== 'object' || depth > 5) return error;
	const target = error as Record<string, unknown>;
	for (const key of ['message', 'description', 'stack']) {
		if (typeof target[key] === 'string') target[key] = maskText(target[key], secrets);
	}
	for (const key of ['messages', 'errorResponse', 'context']) {
		if (target[key] !== undefined && typeof target[key] === 'object') {
			const masked = maskDeep(target[key], secrets);
			if (key === 'context' && masked !== target[key]) Object.assign(target[key] as object, masked);
			else target[key] = masked;
		}
	}
	if (target.cause instanceof Error) maskError(target.cause, secrets, depth + 1);
	else if (target.cause !== undefined) target.cause = maskDeep(target.cause, secrets);
	return error;
}
