import { randomInt } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { netzmeAccessToken } from '../../../credentials/netzmeToken';
import { clock } from '../../shared/clock';
import type { Context } from './netzmeHttp';
import { storedCredential } from '../../shared/storedCredential';
import { CREDENTIAL_TYPE } from './netzmeHttp';

/**
 * n8n has no lock around preAuthentication, so executions starting together without a token
 * each fetch one and each new token kills the one before. A request keeps switching to the
 * newest stored token while the others settle, within these bounds.
 */
const AUTH_BUDGET_MS = 20_000;
/** How many times one request may adopt a token that another execution or item stored. */
const MAX_TOKEN_ADOPTIONS = 10;
/** Tokens one request may fetch after a rejection: one always, more only while other executions evidently fetch too. */
const MAX_TOKEN_REFRESHES = 3;
/** Upper bound of the random wait before refreshing a rejected token or fetching the first one. */
const REFRESH_STAGGER_MS = 250;
/**
 * Looks at the store after our own fresh token was rejected: a token fetched after ours may
 * still be on its way into the store. Without one, the rejection is not contention.
 */
const OWN_TOKEN_POLLS = 3;
const POLL_WAIT_MS = { min: 80, max: 240 };

/**
 * Token bookkeeping for one execution. Netzme kills the previous token whenever a new one is
 * issued, so items running side by side must not each fetch one: the first item that needs a
 * token fetches it, the others wait for it and then read the stored one.
 */
export interface TokenSession {
	refreshing?: Promise<void>;
	tokenError?: Error;
}

/**
 * The credentials for the next attempt. A token is fetched (by n8n's preAuthentication, which
 * runs when the field is empty) only when none is stored or the stored one was rejected, and
 * by one item of the execution at a time. A first token is fetched after a short random wait,
 * so executions starting together mostly find the one the quickest of them stored.
 */
export async function credentialsForAttempt(
	this: Context,
	session: TokenSession,
	forceRefresh: boolean,
): Promise<{ data: ICredentialDataDecryptedObject; release?: () => void }> {
	for (;;) {
		const data = await storedCredential(this, CREDENTIAL_TYPE);
		if (!forceRefresh && netzmeAccessToken.fingerprint(data) !== '') return { data };
		if (session.tokenError) throw session.tokenError;
		if (session.refreshing) {
			await session.refreshing;
			forceRefresh = false;
			continue;
		}
		// Claimed before anything else can run, so the other items of this execution wait for it.
		let resolve = () => {};
		const refreshing = new Promise<void>((done) => (resolve = done));
		session.refreshing = refreshing;
		const release = () => {
			if (session.refreshing === refreshing) session.refreshing = undefined;
			resolve();
		};
		if (!forceRefresh) {
			await clock.sleep(randomInt(REFRESH_STAGGER_MS));
			const now = await storedCredential(this, CREDENTIAL_TYPE).catch(() => data);
			if (netzmeAccessToken.fingerprint(now) !== '') {
				release();
				return { data: now };
			}
		}
		return { data: netzmeAccessToken.cleared(data), release };
	}
}

/** What one request went through on 401s: bounds its retries and tells contention from a real rejection. */
export interface AuthAttempts {
	deadline: number;
	adoptions: number;
	refreshes: number;
	/** Fingerprints of the tokens this request fetched itself. */
	fetched: Set<string>;
	/** Fingerprints of the tokens Netzme rejected for this request. */
	rejected: Set<string>;
	/** Another execution stored a token while this request was waiting for one: they are fetching too. */
	contended: boolean;
}

/** A request's first 401 starts its bookkeeping and its time budget. */
export function newAuthAttempts(): AuthAttempts {
	return { deadline: clock.now() + AUTH_BUDGET_MS, adoptions: 0, refreshes: 0, fetched: new Set(), rejected: new Set(), contended: false };
}

/**
 * After a 401: the newest stored token when it is not one already rejected, else 'refresh'
 * when this request may fetch one, else undefined (give up). A stored token differing from
 * the rejected one is adopted as long as it keeps changing, within the budget; a token is
 * fetched only when the stored one is still a rejected one after a random wait. `rejected` is
 * the fingerprint of the token Netzme refused.
 */
export async function afterRejection(
	this: Context,
	auth: AuthAttempts,
	rejected: string,
): Promise<ICredentialDataDecryptedObject | 'refresh' | undefined> {
	auth.rejected.add(rejected);
	const polls = auth.fetched.has(rejected) ? OWN_TOKEN_POLLS : 1;
	for (let poll = 0; ; poll++) {
		if (clock.now() >= auth.deadline) return undefined;
		const data = await storedCredential(this, CREDENTIAL_TYPE);
		const stored = netzmeAccessToken.fingerprint(data);
		if (stored !== '' && !auth.rejected.has(stored)) {
			auth.contended = true;
			if (auth.adoptions >= MAX_TOKEN_ADOPTIONS) return undefined;
			auth.adoptions++;
			return data;
		}
		if (poll >= polls) break;
		// Random, so executions hit by the same rejection do not all refresh at once: the first
		// refresher stores its token and the others find it.
		await clock.sleep(poll === 0 && polls === 1 ? randomInt(REFRESH_STAGGER_MS) : randomInt(POLL_WAIT_MS.min, POLL_WAIT_MS.max));
	}
	if (auth.refreshes > 0 && !(auth.contended && auth.refreshes < MAX_TOKEN_REFRESHES)) return undefined;
	auth.refreshes++;
	return 'refresh';
}
