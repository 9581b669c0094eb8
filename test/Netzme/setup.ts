import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, executeWorkflow, makeNode, runNode } from '../harness/runWorkflow';
import { NetzmeSimulator, type NetzmeSimulatorOptions } from '../../simulators/netzme/NetzmeSimulator';
import type { TimeSource } from '../../simulators/timeSource';

export const CREDENTIAL_ID = 'netzme-1';

/** A started Netzme simulator and a credential pointing at it; the store is fresh per test. */
export function useNetzme(options: NetzmeSimulatorOptions = {}) {
	const sim = new NetzmeSimulator(options);
	const env = {
		sim,
		store: new CredentialStore(),
		credentials: {} as Record<string, { id: string; name: string }>,
	};

	beforeAll(async () => {
		await sim.start();
	});
	afterAll(async () => await sim.stop());
	beforeEach(() => {
		sim.reset();
		Object.assign(sim.options, { clockOffsetMs: 0, latencyMs: 0, ...options });
		env.store = new CredentialStore();
		env.credentials = { netzmeApi: env.store.add(CREDENTIAL_ID, 'netzmeApi', credentialData(sim)) };
	});
	return env;
}

export type NetzmeEnv = ReturnType<typeof useNetzme>;

export function credentialData(sim: NetzmeSimulator): IDataObject & Record<string, string> {
	return {
		environment: 'custom',
		tokoBaseUrl: sim.tokoUrl,
		invoiceBaseUrl: sim.invoiceUrl,
		clientId: sim.options.clientId,
		clientSecret: sim.options.clientSecret,
		invoiceToken: sim.options.invoiceToken,
		defaultMerchantId: 'M_czBSCDVY',
		callbackToken: 'cb-token-123',
		callbackUsername: 'netzme',
		callbackPassword: 'cb-password',
	};
}

export async function runNetzme(
	env: NetzmeEnv,
	parameters: IDataObject,
	options: { input?: IDataObject[]; continueOnFail?: boolean; timezone?: string; typeVersion?: number } = {},
) {
	return await runNode({ type: 'netzme', parameters, credentials: env.credentials, store: env.store, ...options });
}

/** Two or more executions of the same node started together, as two workers would. */
export async function runConcurrently(env: NetzmeEnv, parameters: IDataObject, executions: number, items = 1) {
	return await Promise.all(
		Array.from({ length: executions }, async () => {
			const node = makeNode({ type: 'netzme', parameters, credentials: env.credentials });
			const input = Array.from({ length: items }, () => ({ json: {} }));
			const run = await executeWorkflow({ nodes: [node], input, store: env.store });
			return { items: run.output('Node'), nodeError: run.error('Node') };
		}),
	);
}

export const storedToken = (env: NetzmeEnv) => String(env.store.get(CREDENTIAL_ID).data.accessToken ?? '');

export const balance = { resource: 'balance', operation: 'get' };

/**
 * n8n writes what preAuthentication returned to its database with its own round trip, so of two
 * executions fetching at once the later token can be stored first and the earlier (already
 * replaced) one last. Each write here lands after a random delay up to `maxMs` of `time`, in
 * whatever order the delays give.
 */
export function delayedWrites(env: NetzmeEnv, maxMs: number, time: TimeSource) {
	const entry = env.store.get(CREDENTIAL_ID);
	let data = entry.data;
	Object.defineProperty(entry, 'data', {
		get: () => data,
		set: (value: typeof data) => {
			void time.sleep(Math.floor(Math.random() * maxMs)).then(() => (data = value));
		},
	});
}
