import type { IDataObject } from 'n8n-workflow';

/* Netzme resends a callback up to 3 times when it misses our OK; the ids of recent callbacks
 * live in the workflow's static data so a resend is answered but not emitted again. Static
 * data is saved with the workflow, so this holds across restarts. */

const REMEMBER_MS = 3 * 24 * 3600_000;
const MAX_REMEMBERED = 2000;
const FIELD = 'seenCallbacks';

function seen(staticData: IDataObject): Record<string, number> {
	const value = staticData[FIELD];
	return typeof value === 'object' && value !== null ? (value as Record<string, number>) : {};
}

export function isDuplicate(staticData: IDataObject, key: string, now = Date.now()): boolean {
	const at = seen(staticData)[key];
	return typeof at === 'number' && now - at < REMEMBER_MS;
}

export function remember(staticData: IDataObject, key: string, now = Date.now()): void {
	const entries = Object.entries(seen(staticData)).filter(([, at]) => now - at < REMEMBER_MS);
	entries.push([key, now]);
	entries.sort((a, b) => a[1] - b[1]);
	// Replaced, not mutated, so n8n notices the change and saves it.
	staticData[FIELD] = Object.fromEntries(entries.slice(-MAX_REMEMBERED));
}
