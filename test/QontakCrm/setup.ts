import type { IDataObject } from 'n8n-workflow';

import { useQontakSimulator } from '../harness/qontakEnv';
import { runNode } from '../harness/runWorkflow';
import { QontakSimulator } from '../../simulators/qontak/QontakSimulator';

/** A started Qontak simulator and a Mekari credential pointing at it, fresh per test file. */
export function useQontak() {
	return useQontakSimulator(new QontakSimulator(), { crm: true });
}

export type QontakEnv = ReturnType<typeof useQontak>;

export async function runCrm(
	env: QontakEnv,
	parameters: IDataObject,
	options: { input?: IDataObject[]; continueOnFail?: boolean; timezone?: string; typeVersion?: number } = {},
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
