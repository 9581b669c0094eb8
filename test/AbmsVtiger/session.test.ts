import { executeWorkflow, makeNode } from '../harness/runWorkflow';
import { CREDENTIAL, CREDENTIAL_ID, idParam, mapped, moduleParam, vtigerFixture } from './setup';

const getContact = (id = '12x102') => ({ resource: 'record', operation: 'get', module: moduleParam('Contacts'), recordId: idParam(id) });

describe('vtiger session handling', () => {
	const vt = vtigerFixture();

	it('logs in once, stores the session in the credential and reuses it in the next execution', async () => {
		const first = await vt.run(getContact());
		expect(first.nodeError).toBeUndefined();
		expect(vt.sim.logins).toBe(1);
		expect(vt.store.preAuthCount(CREDENTIAL)).toBe(1);
		expect(vt.stored()).toMatchObject({ sessionToken: expect.any(String), userId: '19x1', vtigerVersion: '7.5.0' });
		expect(vt.store.persisted).toEqual([{ id: CREDENTIAL_ID, type: CREDENTIAL, data: { sessionToken: vt.stored().sessionToken, userId: '19x1', vtigerVersion: '7.5.0' } }]);

		for (let run = 0; run < 3; run++) expect((await vt.run(getContact(), [{}, {}])).items).toHaveLength(2);
		expect(vt.sim.logins).toBe(1);
		expect(vt.sim.count('getchallenge')).toBe(1);
	});

	it.each([
		['forgotten by PHP (INVALID_SESSIONID)', () => vt.sim.forgetSessions(), 'INVALID_SESSIONID'],
		['left idle for 30 minutes (SESSION_LEFT_IDLE)', () => vt.sim.advance(1_800_000), 'SESSION_LEFT_IDLE'],
		['a day old (SESSION_EXPIRED)', () => vt.sim.advance(86_400_000), 'SESSION_EXPIRED'],
	])('logs in again exactly once and resends when the session was %s, persisting the new session', async (_, expire, code) => {
		await vt.run(getContact());
		const oldSession = vt.stored().sessionToken;
		expire();
		vt.sim.requests = [];

		const run = await vt.run(getContact());
		expect(run.nodeError).toBeUndefined();
		expect(run.items[0].json).toMatchObject({ id: '12x102', lastname: 'Rahmawati' });
		expect(vt.sim.requests.map((request) => `${request.operation}${request.errorCode ? `:${request.errorCode}` : ''}`)).toEqual([
			`retrieve:${code}`,
			'getchallenge',
			'login',
			'retrieve',
		]);
		expect(vt.sim.logins).toBe(2);
		// The blank-field re-call made n8n run preAuthentication and write the new session back.
		expect(vt.stored().sessionToken).not.toBe(oldSession);
		expect(vt.store.persisted).toHaveLength(2);
		expect(vt.store.persisted[1].data.sessionToken).toBe(vt.stored().sessionToken);
		expect(vt.sim.requests.at(-1)!.query.sessionName).toBe(vt.stored().sessionToken);

		// And the next execution uses it without logging in.
		await vt.run(getContact());
		expect(vt.sim.logins).toBe(2);
	});

	it('re-logs in once for all items when the session ends in the middle of a concurrent execution', async () => {
		await vt.run(getContact());
		vt.sim.forgetSessionsAfter = 5;
		const ids = Array.from({ length: 20 }, (_, index) => `contact ${index}`);
		const run = await vt.run(
			{ resource: 'record', operation: 'create', module: moduleParam('Contacts'), fields: { mappingMode: 'autoMapInputData', value: null }, requestOptions: { concurrency: 4 } },
			ids.map((lastname) => ({ lastname })),
		);
		expect(run.nodeError).toBeUndefined();
		expect(run.items.map((item) => item.json.lastname)).toEqual(ids);
		expect(run.items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(vt.sim.logins).toBe(2);
		// Each create happened once: the refused sends were never carried out.
		expect(vt.sim.store.live(vt.sim.record('12x102')!.module).filter((record) => record.values.lastname.startsWith('contact '))).toHaveLength(20);
	});

	it('sends nothing concurrently before the first login of an execution is done', async () => {
		vt.sim.options.latencyMs = 5;
		const run = await vt.run({ ...getContact(), requestOptions: { concurrency: 5 } }, Array.from({ length: 8 }, () => ({})));
		expect(run.items).toHaveLength(8);
		// Without the gate every item would find the session empty and start its own login.
		expect(vt.sim.count('getchallenge')).toBe(1);
		expect(vt.sim.logins).toBe(1);
	});

	it('stops after one new login when vtiger refuses the fresh session too', async () => {
		await vt.run(getContact());
		vt.sim.dropAllSessions = true;
		const run = await vt.run({ ...getContact(), requestOptions: { concurrency: 2 } }, [{}, {}, {}], { continueOnFail: true });
		expect(run.items).toHaveLength(3);
		expect(run.items[0].json.error).toBe("ABMS vtiger retrieve (record 12x102): vtiger refused a fresh session too (INVALID_SESSIONID: Session Identifier provided is Invalid)");
		expect(vt.sim.logins).toBe(2);
		expect(run.items.map((item) => item.json.error)).toEqual([run.items[0].json.error, run.items[0].json.error, run.items[0].json.error]);
	});

	it('lets two executions that find the session gone at the same moment both finish, with bounded logins', async () => {
		await vt.run(getContact());
		vt.sim.forgetSessions();
		vt.sim.options.latencyMs = 3;
		const node = (name: string) => makeNode({ type: 'abmsVtiger', name, parameters: getContact(), credentials: vt.credentials });
		const runs = await Promise.all(
			['A', 'B'].map(async (name) => await executeWorkflow({ nodes: [node(name)], input: [{ json: {} }], store: vt.store })),
		);
		expect(runs.map((run, index) => run.error(['A', 'B'][index]))).toEqual([undefined, undefined]);
		expect(runs.map((run, index) => run.output(['A', 'B'][index])[0].json.id)).toEqual(['12x102', '12x102']);
		// Each execution logs in once; a lost challenge race costs one more login call, never a loop.
		expect(vt.sim.logins).toBeGreaterThanOrEqual(2);
		expect(vt.sim.logins).toBeLessThanOrEqual(3);
		expect(vt.sim.count('login')).toBeLessThanOrEqual(5);
	});

	describe('a cold burst: many executions start together with no session stored', () => {
		/** n8n runs preAuthentication for every execution that reads the empty session field; it has no lock. */
		const burst = async (executions: number, items = 2) => {
			vt.sim.options.latencyMs = 3;
			const names = Array.from({ length: executions }, (_, index) => `Run ${index + 1}`);
			const runs = await Promise.all(
				names.map(
					async (name) =>
						await executeWorkflow({
							nodes: [makeNode({ type: 'abmsVtiger', name, parameters: getContact(), credentials: vt.credentials })],
							input: Array.from({ length: items }, () => ({ json: {} })),
							store: vt.store,
						}),
				),
			);
			return names.map((name, index) => ({ error: runs[index].error(name), items: runs[index].output(name) }));
		};

		it('twelve executions all finish: logins converge and later ones use a stored session', async () => {
			const runs = await burst(12);
			expect(runs.map((run) => run.error?.message)).toEqual(Array(12).fill(undefined));
			for (const run of runs) expect(run.items.map((item) => item.json.id)).toEqual(['12x102', '12x102']);
			// More than one login is inherent to a lock-free start, but at most one per execution.
			expect(vt.sim.logins).toBeGreaterThanOrEqual(1);
			expect(vt.sim.logins).toBeLessThanOrEqual(12);
			expect(vt.sim.requests.filter((request) => request.operation === 'retrieve').every((request) => request.errorCode === undefined)).toBe(true);
			expect(vt.stored().sessionToken).toEqual(expect.any(String));
		});

		it('twelve executions all finish even when none of them waits before logging in', async () => {
			// Every login starts at once: only the retries with fresh challenges and adopting a stored session save them.
			const entry = vt.store.get(CREDENTIAL_ID);
			let data = entry.data;
			Object.defineProperty(entry, 'data', {
				// A stored session stays unseen until all twelve have asked for a challenge.
				get: () => (vt.sim.count('getchallenge') < 12 ? { ...data, sessionToken: '' } : data),
				set: (value: typeof data) => (data = value),
			});
			const runs = await burst(12, 1);
			expect(runs.map((run) => run.error?.message)).toEqual(Array(12).fill(undefined));
			expect(vt.sim.logins).toBeLessThanOrEqual(12);
			expect(vt.sim.count('login')).toBeLessThanOrEqual(12 * 6);
		});
	});

	it('never puts the session or the access key into output or errors', async () => {
		const ok = await vt.run(getContact());
		const failed = await vt.run(getContact('12x9999'), [{}], { continueOnFail: true });
		const text = JSON.stringify([ok.items, failed.items]);
		expect(text).not.toContain(String(vt.stored().sessionToken));
		expect(text).not.toContain(vt.sim.options.accessKey);
	});

	it('keeps the session alive with Extend Session and reports a new login only when one happened', async () => {
		const first = await vt.run({ resource: 'session', operation: 'extend' });
		expect(first.items[0].json).toEqual({ sessionActive: true, newLogin: true, userId: '19x1', vtigerVersion: '7.5.0' });
		vt.sim.advance(1_500_000);
		const kept = await vt.run({ resource: 'session', operation: 'extend' });
		expect(kept.items[0].json).toMatchObject({ sessionActive: true, newLogin: false });
		vt.sim.advance(1_500_000);
		// 50 minutes after login but never idle for 30: still the same session.
		expect((await vt.run(getContact())).nodeError).toBeUndefined();
		expect(vt.sim.logins).toBe(1);
		vt.sim.advance(1_800_000);
		const renewed = await vt.run({ resource: 'session', operation: 'extend' });
		expect(renewed.items[0].json).toMatchObject({ sessionActive: true, newLogin: true });
		expect(vt.sim.logins).toBe(2);
		expect(JSON.stringify(renewed.items)).not.toContain(String(vt.stored().sessionToken));
	});
});
