import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions } from 'n8n-workflow';

import { mekariHmacApiTest } from '../../nodes/shared/mekariCredentialTest';
import { QontakSimulator } from '../../simulators/qontak/QontakSimulator';
import { CredentialStore } from '../harness/credentialsHelper';
import { makeAdditionalData } from '../harness/runWorkflow';

/**
 * The mekariHmacApi credential test as n8n's CredentialsTester runs it: `this` is n8n-core's real
 * CredentialTestContext (unauthenticated helpers.request), against the Mekari gateway simulator.
 */
const sim = new QontakSimulator();

beforeAll(async () => await sim.start());
afterAll(async () => await sim.stop());
beforeEach(() => sim.reset());
afterEach(() => {
	sim.options.scopes = ['crm', 'chat'];
});

function data(overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		clientId: sim.options.clientId,
		clientSecret: sim.options.clientSecret,
		environment: 'custom',
		customBaseUrl: sim.baseUrl,
		crmUserSsoId: sim.options.ssoId,
		...overrides,
	};
}

async function runTest(overrides: ICredentialDataDecryptedObject = {}) {
	const context = new CredentialTestContext(makeAdditionalData(new CredentialStore())) as unknown as ICredentialTestFunctions;
	return await mekariHmacApiTest.call(context, { id: 'm1', name: 'Mekari', type: 'mekariHmacApi', data: data(overrides) });
}

describe('mekariHmacApi credential test', () => {
	it('passes an application with only the CRM scope, and says so', async () => {
		sim.options.scopes = ['crm'];
		expect(await runTest()).toEqual({ status: 'OK', message: 'Connected: the application has the Qontak CRM scope' });
	});

	it('passes an application with only the chat scope, and says so', async () => {
		sim.options.scopes = ['chat'];
		expect(await runTest()).toEqual({ status: 'OK', message: 'Connected: the application has the Qontak Omnichannel (chat) scope' });
		// The CRM was asked first and refused by the gateway, not by the CRM.
		expect(sim.requests.map((r) => `${r.status} ${r.path}`)).toEqual(['403 /qontak/crm/pipelines', '200 /qontak/chat/v1/integrations']);
	});

	it('names both scopes when both answer', async () => {
		expect(await runTest()).toEqual({
			status: 'OK',
			message: 'Connected: the application has the Qontak CRM and Qontak Omnichannel (chat) scopes',
		});
	});

	it('a chat-only application without a CRM SSO id passes too', async () => {
		sim.options.scopes = ['chat'];
		expect((await runTest({ crmUserSsoId: '' })).status).toBe('OK');
	});

	it('a wrong secret fails with the gateway message and a hint, after one request', async () => {
		const result = await runTest({ clientSecret: 'not-the-secret' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('401 "Unauthorized"');
		expect(result.message).toContain('Client Secret');
		expect(result.message).not.toContain('not-the-secret');
		expect(sim.requests).toHaveLength(1);
	});

	it('an application with neither scope fails with both answers', async () => {
		sim.options.scopes = [];
		const result = await runTest();
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Qontak CRM answered 403 "You cannot consume this service"');
		expect(result.message).toContain('Qontak Omnichannel (chat) answered 403 "You cannot consume this service"');
		expect(result.message).toContain('qontak-crm:all or qontak-chat:all');
	});

	it('a CRM-only application with a wrong SSO id fails with the CRM message and the SSO hint', async () => {
		sim.options.scopes = ['crm'];
		const result = await runTest({ crmUserSsoId: 'someone-else' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('X-Crm-User-Sso-Id header is missing');
		expect(result.message).toContain('Qontak CRM User SSO ID');
	});

	it('refuses a base URL without a scheme before anything is sent', async () => {
		const wrongHost = await runTest({ environment: 'custom', customBaseUrl: 'not a url' });
		expect(wrongHost.status).toBe('Error');
		expect(sim.requests).toHaveLength(0);
	});
});
