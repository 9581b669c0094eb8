import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/*
 * At most one execution per vendor event.
 *
 * n8n 2.41 gives webhook() no atomic store. Static data is read from the database for every
 * request and written back whole after webhook() has answered (LiveWebhooks.executeWebhook →
 * WorkflowStaticDataService.saveStaticData), so two deliveries that arrive together both read
 * "not seen yet". Hence two guards:
 *  - in this process, a claim taken synchronously, before the first await: exact for
 *    concurrent deliveries to one n8n process (a single instance, or queue mode's main);
 *  - in the workflow's static data, the keys of recent events: repeats after the save, after a
 *    restart and on other processes.
 * (The second holds only because the trigger answers before the execution starts: see
 * webhookReply.ts.)
 * The claims below are not a cache of anything the vendor said: they only bridge the time
 * between a claim and the static-data save, so they expire after CLAIM_MS.
 */

const CLAIM_MS = 10 * 60_000;
const MAX_CLAIMS = 10_000;
const REMEMBER_MS = 3 * 24 * 3600_000;
const MAX_REMEMBERED = 2000;
const FIELD = 'seenEvents';

/** scope + key → when it was claimed (or settled). */
const claims = new Map<string, number>();

function prune(now: number): void {
	for (const [key, at] of claims) {
		if (now - at < CLAIM_MS && claims.size <= MAX_CLAIMS) break;
		claims.delete(key);
	}
}

export interface EventLedger {
	/** Takes the event for this delivery; false when another delivery has it or had it. */
	claim(key: string): boolean;
	/** Gives the event back (the delivery could not be checked), so the vendor's retry is served. */
	release(key: string): void;
	/** Records the event in static data, which n8n saves right after the trigger has answered. */
	settle(key: string): void;
}

export function eventLedger(context: IWebhookFunctions, now: () => number = Date.now): EventLedger {
	const scope = `${context.getWorkflow().id ?? ''}:${context.getNode().id}:`;
	const staticData = context.getWorkflowStaticData('node');
	const remembered = (): Record<string, number> => {
		const value = staticData[FIELD];
		return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, number>) : {};
	};
	return {
		claim(key) {
			const at = now();
			prune(at);
			const claimedAt = claims.get(scope + key);
			if (claimedAt !== undefined && at - claimedAt < CLAIM_MS) return false;
			const seenAt = remembered()[key];
			if (typeof seenAt === 'number' && at - seenAt < REMEMBER_MS) return false;
			claims.delete(scope + key);
			claims.set(scope + key, at);
			return true;
		},
		release(key) {
			claims.delete(scope + key);
		},
		settle(key) {
			const at = now();
			const entries = Object.entries(remembered()).filter(([, seenAt]) => typeof seenAt === 'number' && at - seenAt < REMEMBER_MS);
			entries.push([key, at]);
			entries.sort((a, b) => a[1] - b[1]);
			staticData[FIELD] = Object.fromEntries(entries.slice(-MAX_REMEMBERED)) as IDataObject;
		},
	};
}
