import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { CredentialStore, runNode } from '../harness/runWorkflow';
import { VtigerSimulator } from '../../simulators/vtiger/VtigerSimulator';

export const CREDENTIAL = 'abmsVtigerApi';
export const CREDENTIAL_ID = 'vt-1';

/**
 * One simulator per test file, a fresh credential store per test, and `run` to put
 * the ABMS vtiger node through n8n's WorkflowExecute with the credential attached
 * (so preAuthentication output is persisted like n8n's credentials table would).
 */
export function vtigerFixture(options: ConstructorParameters<typeof VtigerSimulator>[0] = {}) {
	const sim = new VtigerSimulator(options);
	const fixture = {
		sim,
		store: new CredentialStore(),
		credentials: {} as Record<string, { id: string; name: string }>,
		/** Resets the simulator and the store; the credential starts without a session. */
		reset(data: IDataObject = {}) {
			sim.reset();
			Object.assign(sim.options, options);
			fixture.store = new CredentialStore();
			fixture.credentials = {
				[CREDENTIAL]: fixture.store.add(CREDENTIAL_ID, CREDENTIAL, {
					baseUrl: sim.baseUrl,
					username: sim.options.username,
					secretAccessKey: sim.options.accessKey,
					...data,
				} as never),
			};
		},
		stored(): ICredentialDataDecryptedObject {
			return fixture.store.get(CREDENTIAL_ID).data;
		},
		async run(parameters: IDataObject, input: IDataObject[] = [{}], extra: { continueOnFail?: boolean; timezone?: string } = {}) {
			return await runNode({
				type: 'abmsVtiger',
				parameters,
				credentials: fixture.credentials,
				input,
				store: fixture.store,
				continueOnFail: extra.continueOnFail,
				timezone: extra.timezone,
			});
		},
	};
	beforeAll(async () => {
		await sim.start();
	});
	afterAll(async () => {
		await sim.stop();
	});
	beforeEach(() => fixture.reset());
	return fixture;
}

export const moduleParam = (name: string) => ({ __rl: true, mode: 'list', value: name });
export const idParam = (id: string) => ({ __rl: true, mode: 'id', value: id });
export const mapped = (value: IDataObject) => ({ mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] });
