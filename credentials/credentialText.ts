/* Credential fields and vendor answers as text (credentials/ may not import nodes/shared/parseInput.ts). */

/** Any value as trimmed text; '' when it is unset. */
export function trimmedText(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/** A string, trimmed; '' for anything else (a setting that must be text). */
export function trimmedString(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}
