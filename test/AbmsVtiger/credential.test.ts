import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { AbmsVtigerApi } from '../../credentials/AbmsVtigerApi.credentials';
import { vtigerAccessKeyHash, vtigerBaseUrl } from '../../credentials/vtigerLogin';
import { loadOptionsContext } from '../harness/loadOptions';
import { buildWorkflow, makeNode } from '../harness/runWorkflow';
import { get, md5 } from '../../simulators/vtiger/rawClient';
import { OTHER_USER } from '../../simulators/vtiger/VtigerSimulator';
import { moduleParam, vtigerFixture } from './setup';

const credential = new AbmsVtigerApi();
const base = { baseUrl: 'https://crm.example.co.id', username: 'admin', secretAccessKey: 'KEY', sessionToken: 'sess-1', userId: '', vtigerVersion: '' };

describe('vtiger login proof and base URL', () => {
	it('reproduces the spec check value md5(token + access key)', () => {
		expect(vtigerAccessKeyHash('5d3f1a2b3c4d5', 'ABCDEFGHIJKLMNOP')).toBe('4c27ec82a1f349c44b63938d97955518');
		expect(vtigerAccessKeyHash('5d3f1a2b3c4d5', 'ABCDEFGHIJKLMNOP')).toBe(md5('5d3f1a2b3c4d5ABCDEFGHIJKLMNOP'));
	});

	it.each([
		['https://app.abms.co', 'https://app.abms.co'],
		['https://app.abms.co/', 'https://app.abms.co'],
		['https://app.abms.co/webservice.php', 'https://app.abms.co'],
		['https://crm.example.co.id/vtiger/', 'https://crm.example.co.id/vtiger'],
		['', 'https://app.abms.co'],
	])('takes %p as the instance %p', (baseUrl, expected) => {
		expect(vtigerBaseUrl({ baseUrl })).toBe(expected);
	});
});

describe('AbmsVtigerApi.authenticate', () => {
	it('puts the session on the query of a GET and resolves the bare endpoint against the base URL', async () => {
		const signed = await credential.authenticate(base, { method: 'GET', url: 'webservice.php', qs: { operation: 'describe', elementType: 'Contacts' } });
		expect(signed.url).toBe('https://crm.example.co.id/webservice.php');
		expect(signed.qs).toEqual({ operation: 'describe', elementType: 'Contacts', sessionName: 'sess-1' });
		expect(signed.body).toBeUndefined();
	});

	it('puts the session in the form body of a POST, keeping element as JSON text', async () => {
		const signed = await credential.authenticate(base, {
			method: 'POST',
			url: 'webservice.php',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: { operation: 'create', elementType: 'Contacts', element: JSON.stringify({ lastname: "O'Brien & Co" }) },
		});
		expect(signed.qs).toBeUndefined();
		const form = new URLSearchParams(signed.body as string);
		expect(Object.fromEntries(form)).toEqual({ operation: 'create', elementType: 'Contacts', element: '{"lastname":"O\'Brien & Co"}', sessionName: 'sess-1' });
	});

	it('replaces rather than repeats the session when n8n authenticates a request a second time', async () => {
		const once = await credential.authenticate(base, { method: 'POST', url: 'webservice.php', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: { operation: 'delete', id: '12x5' } });
		const twice = await credential.authenticate({ ...base, sessionToken: 'sess-2' }, once);
		expect(new URLSearchParams(twice.body as string).getAll('sessionName')).toEqual(['sess-2']);
	});

	it('serves n8n’s HTTP Request node shapes: uri with a form object, and a JSON body', async () => {
		const legacyForm = (await credential.authenticate(base, {
			method: 'POST',
			uri: 'https://crm.example.co.id/webservice.php',
			form: { operation: 'revise', element: '{"id":"12x5"}' },
		} as unknown as IHttpRequestOptions)) as IHttpRequestOptions & { uri: string; form: Record<string, string> };
		expect(legacyForm.uri).toBe('https://crm.example.co.id/webservice.php');
		expect(legacyForm.form).toEqual({ operation: 'revise', element: '{"id":"12x5"}', sessionName: 'sess-1' });

		// vtiger never reads a JSON body, but it does read sessionName from the query string.
		const json = await credential.authenticate(base, { method: 'POST', url: 'https://crm.example.co.id/webservice.php', headers: { 'Content-Type': 'application/json' }, body: { a: 1 } });
		expect(json.qs).toEqual({ sessionName: 'sess-1' });
		expect(json.body).toEqual({ a: 1 });
	});

	it('leaves a request alone while there is no session, and never adds the access key', async () => {
		const unsigned = await credential.authenticate({ ...base, sessionToken: '' }, { method: 'GET', url: 'webservice.php', qs: { operation: 'listtypes' } });
		expect(unsigned.qs).toEqual({ operation: 'listtypes' });
		const signed = await credential.authenticate(base, { method: 'GET', url: 'webservice.php', qs: { operation: 'listtypes' } });
		expect(JSON.stringify(signed)).not.toContain('KEY');
	});
});

describe('AbmsVtigerApi.preAuthentication against the simulator', () => {
	const vt = vtigerFixture();

	/** n8n's real httpRequest helper, as preAuthentication gets it. */
	function helpers() {
		const context = loadOptionsContext({ type: 'abmsVtiger', parameters: {}, credentials: vt.credentials, store: vt.store });
		return { helpers: { httpRequest: context.helpers.httpRequest } };
	}
	const login = async (data: ICredentialDataDecryptedObject) => await credential.preAuthentication.call(helpers() as never, { ...vt.stored(), ...data });

	it('logs in with getchallenge + form-encoded login and returns the session, user and version', async () => {
		await expect(login({})).resolves.toEqual({ sessionToken: expect.any(String), userId: '19x1', vtigerVersion: '7.5.0' });
		expect(vt.sim.requests.map((request) => `${request.method} ${request.operation}`)).toEqual(['GET getchallenge', 'POST login']);
		expect(vt.sim.requests[1].form).toEqual({ operation: 'login', username: 'admin', accessKey: expect.stringMatching(/^[0-9a-f]{32}$/) });
		expect(vt.sim.requests[1].query).toEqual({});
	});

	it('accepts the session as sessionId, as ABMS documents it', async () => {
		vt.sim.options.loginResultKey = 'sessionId';
		const result = await login({});
		expect(result.sessionToken).toEqual(expect.any(String));
		expect((await get(vt.sim, { operation: 'listtypes', sessionName: result.sessionToken })).json.success).toBe(true);
	});

	it.each(['INVALID_AUTH_TOKEN', 'INVALID_USER_CREDENTIALS'] as const)(
		'retries a challenge lost to a concurrent login exactly once (server answers %s)',
		async (code) => {
			vt.sim.options.replacedTokenCode = code;
			// Another client asks for a challenge between our getchallenge and our login, once.
			let raced = false;
			const context = helpers();
			const racing = {
				helpers: {
					httpRequest: async (options: IHttpRequestOptions) => {
						const isLogin = options.method === 'POST';
						if (isLogin && !raced) {
							raced = true;
							await get(vt.sim, { operation: 'getchallenge', username: 'admin' });
						}
						return await context.helpers.httpRequest(options);
					},
				},
			};
			await expect(credential.preAuthentication.call(racing as never, vt.stored())).resolves.toMatchObject({ userId: '19x1' });
			expect(vt.sim.count('login')).toBe(2);
			expect(vt.sim.logins).toBe(1);
		},
	);

	/** Another client asks for a challenge between our getchallenge and our login, `times` times. */
	function racingHelpers(times: number) {
		let raced = 0;
		const context = helpers();
		return {
			helpers: {
				httpRequest: async (options: IHttpRequestOptions) => {
					if (options.method === 'POST' && raced < times) {
						raced++;
						await get(vt.sim, { operation: 'getchallenge', username: 'admin' });
					}
					return await context.helpers.httpRequest(options);
				},
			},
		};
	}

	it('keeps retrying a challenge lost to concurrent logins, with fresh challenges, until it logs in', async () => {
		await expect(credential.preAuthentication.call(racingHelpers(4) as never, vt.stored())).resolves.toMatchObject({ userId: '19x1' });
		expect(vt.sim.requests.filter((request) => request.operation === 'login').map((request) => request.errorCode ?? 'ok')).toEqual([
			...Array(4).fill('INVALID_AUTH_TOKEN'),
			'ok',
		]);
		// Each attempt proves a challenge of its own.
		const proofs = vt.sim.requests.filter((request) => request.operation === 'login').map((request) => request.form.accessKey);
		expect(new Set(proofs).size).toBe(5);
		expect(vt.sim.logins).toBe(1);
	});

	it('stops after six attempts when every challenge is lost, naming the concurrent login', async () => {
		const error = (await credential.preAuthentication.call(racingHelpers(100) as never, vt.stored()).catch((caught: Error) => caught)) as Error;
		expect(error.message).toBe('vtiger login failed: Specified token is invalid or expired (INVALID_AUTH_TOKEN)');
		expect((error as { description?: string }).description).toMatch(/another login for the same user/);
		expect(vt.sim.count('login')).toBe(6);
		expect(vt.sim.count('getchallenge')).toBe(12);
		expect(vt.sim.logins).toBe(0);
	});

	it('retries INVALID_USER_CREDENTIALS (which a wrong key also gets) only once, even when a challenge was lost', async () => {
		vt.sim.options.replacedTokenCode = 'INVALID_USER_CREDENTIALS';
		await expect(credential.preAuthentication.call(racingHelpers(2) as never, vt.stored())).rejects.toThrow(/INVALID_USER_CREDENTIALS/);
		expect(vt.sim.count('login')).toBe(2);
	});

	it('gives up after the one retry instead of looping', async () => {
		await expect(login({ secretAccessKey: 'WRONG' })).rejects.toThrow(/vtiger login failed: Invalid username or password \(INVALID_USER_CREDENTIALS\)/);
		expect(vt.sim.count('login')).toBe(2);
		expect(vt.sim.count('getchallenge')).toBe(2);
	});

	it.each([
		['an unknown user', { username: 'nobody' }, /getchallenge failed: No such user exists \(ACCESS_DENIED\)/],
		['an inactive user', { username: 'former', secretAccessKey: 'Qq11Ww22Ee33Rr44' }, /INVALID_USER_CREDENTIALS/],
		['an empty access key', { secretAccessKey: '' }, /needs a user name and an access key/],
	])('explains %s', async (_, data, message) => {
		await expect(login(data)).rejects.toThrow(message);
	});

	it('says the IP must be whitelisted when the server answers a 403 page', async () => {
		vt.sim.options.ipBlocked = true;
		const error = (await login({}).catch((caught: Error) => caught)) as Error;
		expect(error.message).toContain('did not answer getchallenge as a vtiger webservice (HTTP 403: "403 Forbidden Forbidden Your IP address is not allowed');
		expect((error as { description?: string }).description).toMatch(/whitelist/);
	});

	it('says the same when the host cannot be reached', async () => {
		const error = (await login({ baseUrl: 'http://127.0.0.1:9' }).catch((caught: Error) => caught)) as Error;
		expect(error.message).toMatch(/Could not reach http:\/\/127\.0\.0\.1:9\/webservice\.php for getchallenge/);
		expect((error as { description?: string }).description).toMatch(/whitelisted IP addresses/);
	});

	it('logs in for another user with that user’s key', async () => {
		await expect(login({ username: OTHER_USER.username, secretAccessKey: OTHER_USER.accessKey })).resolves.toMatchObject({ userId: OTHER_USER.id });
	});

	describe('the credential test request', () => {
		/** What n8n's credential tester does: login, then the test request through authenticate, then the rules. */
		async function testCredential(): Promise<{ status: 'OK' | 'Error'; message?: string }> {
			const data = vt.stored() as ICredentialDataDecryptedObject;
			const session = await credential.preAuthentication.call(helpers() as never, data);
			const node = makeNode({ type: 'abmsVtiger', parameters: {} });
			const workflow = buildWorkflow([node]);
			const baseURL = workflow.expression.getSimpleParameterValue(node, credential.test.request.baseURL!, 'internal', { $credentials: data }) as string;
			const request = await credential.authenticate({ ...data, ...session }, { ...credential.test.request, baseURL, url: credential.test.request.url! } as IHttpRequestOptions);
			const body = await helpers().helpers.httpRequest({ ...request, json: true });
			const rule = credential.test.rules![0] as { properties: { key: string; value: unknown; message: string } };
			return body[rule.properties.key] === rule.properties.value ? { status: 'Error', message: rule.properties.message } : { status: 'OK' };
		}

		it('passes with a working login, whatever form the base URL has', async () => {
			vt.reset({ baseUrl: `${vt.sim.baseUrl}/webservice.php` });
			await expect(testCredential()).resolves.toEqual({ status: 'OK' });
			expect(vt.sim.requests.at(-1)).toMatchObject({ method: 'GET', operation: 'listtypes' });
		});

		it('fails with the login error for a wrong key', async () => {
			vt.reset({ secretAccessKey: 'WRONG' });
			await expect(testCredential()).rejects.toThrow(/INVALID_USER_CREDENTIALS/);
		});
	});
});

describe('login failures reach the user as node errors', () => {
	const vt = vtigerFixture();

	it('names the access key problem and logs in only as often as the one retry allows, for all items', async () => {
		vt.reset({ secretAccessKey: 'WRONG' });
		const run = await vt.run({ resource: 'record', operation: 'getMany', module: moduleParam('Contacts'), limit: 5, requestOptions: { concurrency: 3 } }, [{}, {}, {}], { continueOnFail: true });
		expect(run.items).toHaveLength(3);
		for (const item of run.items) expect(item.json.error).toBe('vtiger login failed: Invalid username or password (INVALID_USER_CREDENTIALS)');
		expect(run.items[0].json.description).toMatch(/Webservice Access Key from My Preferences/);
		expect(vt.sim.count('login')).toBe(2);
		expect(JSON.stringify(run.items)).not.toContain('WRONG');
	});

	it('explains IP whitelisting on a 403', async () => {
		vt.sim.options.ipBlocked = true;
		const run = await vt.run({ resource: 'module', operation: 'listTypes' });
		expect(run.nodeError?.message).toMatch(/did not answer getchallenge as a vtiger webservice \(HTTP 403/);
		expect((run.nodeError as { description?: string }).description).toMatch(/ask ABMS support to whitelist the public IP address of this n8n server/);
	});
});
