import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, runNode } from '../harness/runWorkflow';
import { QontakSimulator } from '../simulators/qontak/QontakSimulator';

/** A started Qontak simulator and a Mekari credential pointing at it, fresh per test file. */
export function useQontak() {
	const sim = new QontakSimulator();
	const env = { sim, store: new CredentialStore(), credentials: {} as Record<string, { id: string; name: string }> };

	beforeAll(async () => {
		await sim.start();
	});
	afterAll(async () => await sim.stop());
	beforeEach(() => {
		sim.reset();
		env.store = new CredentialStore();
		env.credentials = {
			mekariHmacApi: env.store.add('mekari-1', 'mekariHmacApi', {
				clientId: sim.options.clientId,
				clientSecret: sim.options.clientSecret,
				environment: 'custom',
				customBaseUrl: sim.baseUrl,
				crmUserSsoId: sim.options.ssoId,
			}),
		};
	});
	return env;
}

export type QontakEnv = ReturnType<typeof useQontak>;

export async function runCrm(
	env: QontakEnv,
	parameters: IDataObject,
	options: { input?: IDataObject[]; continueOnFail?: boolean } = {},
) {
	return await runNode({
		type: 'qontakCrm',
		parameters,
		credentials: env.credentials,
		store: env.store,
		...options,
	});
}

/** Resource locator value as the editor stores it for "By ID". */
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

/** The requests the simulator accepted under /qontak/crm, as "METHOD /path". */
export function crmCalls(sim: QontakSimulator): string[] {
	return sim.requests.map((request) => `${request.method} ${request.path.replace('/qontak/crm', '')}`);
}
