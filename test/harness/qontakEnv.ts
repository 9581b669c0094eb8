import type { QontakSimulator } from '../../simulators/qontak/QontakSimulator';
import { CredentialStore } from './credentialsHelper';

export type CredentialRefs = Record<string, { id: string; name: string }>;

export interface MekariCredentialOptions {
	/** The credential's id in the store. */
	id?: string;
	/** Adds the CRM user's SSO id, which only /qontak/crm routes check; chat-only suites leave it out. */
	crm?: boolean;
}

/** A Mekari HMAC credential in `store` that signs for `sim`, as node parameters reference it. */
export function mekariCredentialFor(sim: QontakSimulator, store: CredentialStore, options: MekariCredentialOptions = {}): CredentialRefs {
	return {
		mekariHmacApi: store.add(options.id ?? 'mekari-1', 'mekariHmacApi', {
			clientId: sim.options.clientId,
			clientSecret: sim.options.clientSecret,
			environment: 'custom',
			customBaseUrl: sim.baseUrl,
			...(options.crm ? { crmUserSsoId: sim.options.ssoId } : {}),
		}),
	};
}

/**
 * Registers the jest hooks every Qontak suite and bench needs: `sim` listens for the whole file,
 * and each test starts from reset fixtures and a fresh store, so preAuthentication counts and
 * persisted writes never leak between tests. Read `store`/`credentials` from the returned object
 * inside tests: they are replaced before each one.
 */
export function useQontakSimulator(sim: QontakSimulator, credential: MekariCredentialOptions = {}) {
	const env = { sim, store: new CredentialStore(), credentials: {} as CredentialRefs };

	beforeAll(async () => {
		await sim.start();
	});
	afterAll(async () => await sim.stop());
	beforeEach(() => {
		sim.reset();
		env.store = new CredentialStore();
		env.credentials = mekariCredentialFor(sim, env.store, credential);
	});
	return env;
}
