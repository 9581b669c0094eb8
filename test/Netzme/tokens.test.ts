import { NetzmeApi } from '../../credentials/NetzmeApi.credentials';
import { loadOptionsContext } from '../harness/loadOptions';
import { useVirtualTime } from '../harness/virtualTime';
import { balance, CREDENTIAL_ID, delayedWrites, runConcurrently, runNetzme, storedToken, useNetzme } from './setup';

/* Netzme keeps one active token per client: these prove the node fetches one only when none is
 * stored or the stored one was rejected, and that parallel executions do not knock each other
 * out in a loop. Every count is the simulator's, which issues the tokens. */

const env = useNetzme();
// The token races are decided by the node's random waits, the simulator's latency and the store's
// write delays; on virtual time their order, not the machine's speed, decides who wins.
const virtual = useVirtualTime(env.sim);
const concurrent = { ...balance, requestOptions: { concurrency: 4 } };

const balanceCalls = () => env.sim.requests.filter((request) => request.path.endsWith('/balance/detail'));

describe('one token, many executions', () => {
	it('fetches one token on the first execution and reuses it for the next 20', async () => {
		for (let run = 0; run < 21; run++) {
			const { nodeError } = await runNetzme(env, balance);
			expect(nodeError).toBeUndefined();
		}
		expect(env.sim.tokensIssued).toBe(1);
		expect(env.store.preAuthCount('netzmeApi')).toBe(1);
		expect(storedToken(env)).toBe(env.sim.activeToken);
		expect(env.store.persisted).toHaveLength(1);
	});

	it('fetches one token for 12 items running 4 at a time in one execution', async () => {
		const { items, nodeError } = await runNetzme(env, concurrent, { input: Array.from({ length: 12 }, () => ({})) });
		expect(nodeError).toBeUndefined();
		expect(items).toHaveLength(12);
		expect(env.sim.tokensIssued).toBe(1);
		expect(balanceCalls().every((call) => call.status === 200)).toBe(true);
	});

	it('uses a token already stored by another worker without fetching one', async () => {
		await runNetzme(env, balance);
		const token = storedToken(env);
		env.store.get(CREDENTIAL_ID).data.accessToken = token;
		await runNetzme(env, balance);
		expect(env.sim.tokensIssued).toBe(1);
	});
});

describe('401: exactly one refresh and a re-signed resend', () => {
	it('recovers when another system took over the token: one refresh, same request re-signed', async () => {
		await runNetzme(env, balance);
		env.sim.issueTokenElsewhere();
		env.sim.requests = [];

		const { items, nodeError } = await runNetzme(env, balance);
		expect(nodeError).toBeUndefined();
		expect(items[0].json.totalBalance).toBe(150000);
		expect(env.sim.requests.map((request) => `${request.status} ${request.path}`)).toEqual([
			'401 /api/aggregator/merchant/qr/balance/detail',
			'200 /oauth/merchant/accesstoken',
			'200 /api/aggregator/merchant/qr/balance/detail',
		]);
		const [rejected, , resent] = env.sim.requests;
		expect(rejected.authFailure).toBe('superseded-token');
		expect(resent.headers.authorization).not.toBe(rejected.headers.authorization);
		expect(resent.headers.signature).not.toBe(rejected.headers.signature);
		expect(env.sim.tokensIssued).toBe(3);
		expect(storedToken(env)).toBe(env.sim.activeToken);
	});

	it('recovers from an expired token the same way, and the next execution reuses the new one', async () => {
		await runNetzme(env, balance);
		env.sim.expireActiveToken();
		expect((await runNetzme(env, balance)).nodeError).toBeUndefined();
		expect((await runNetzme(env, balance)).nodeError).toBeUndefined();
		expect(env.sim.tokensIssued).toBe(2);
	});

	it('refreshes once for a whole batch of items in flight when the token dies', async () => {
		await runNetzme(env, balance);
		env.sim.issueTokenElsewhere();
		const { items, nodeError } = await runNetzme(env, concurrent, { input: Array.from({ length: 8 }, () => ({})) });
		expect(nodeError).toBeUndefined();
		expect(items).toHaveLength(8);
		// ours, the outsider's, and a single refresh
		expect(env.sim.tokensIssued).toBe(3);
	});

	it('gives up after the one refresh when the fresh token is rejected too, pointing at the clock and secret', async () => {
		env.sim.options.clockOffsetMs = 10 * 60_000;
		const { nodeError } = await runNetzme(env, balance);
		expect(nodeError?.message).toMatch(/^Netzme: unauthorized/);
		expect((nodeError as { description?: string }).description).toMatch(/client secret.*clock/);
		expect(env.sim.requests.filter((request) => request.path.endsWith('/balance/detail')).map((request) => request.authFailure)).toEqual([
			'clock-skew',
			'clock-skew',
		]);
		expect(env.sim.tokensIssued).toBe(2);
	});

	it('accepts a Request-Time within the simulator window', async () => {
		env.sim.options.clockOffsetMs = 4 * 60_000;
		expect((await runNetzme(env, balance)).nodeError).toBeUndefined();
	});

	it('reports a wrong client secret as a token failure, once, without the secret', async () => {
		env.store.get(CREDENTIAL_ID).data.clientSecret = 'wrong-secret-value';
		const { nodeError } = await runNetzme(env, balance, { input: [{}, {}, {}] });
		expect(nodeError?.message).toMatch(/could not get an access token.*HTTP 401.*invalid client credentials/);
		expect(JSON.stringify(nodeError)).not.toContain('wrong-secret-value');
		expect(env.sim.requests.filter((request) => request.path === '/oauth/merchant/accesstoken')).toHaveLength(1);
		expect(env.sim.tokensIssued).toBe(0);
	});
});

describe('concurrent executions', () => {
	it('two executions starting with no token settle on one without failing an item', async () => {
		const runs = await runConcurrently(env, concurrent, 2, 6);
		for (const run of runs) {
			expect(run.nodeError).toBeUndefined();
			expect(run.items).toHaveLength(6);
		}
		// each execution fetches at most once; whoever lost adopts the winner's stored token
		expect(env.sim.tokensIssued).toBeLessThanOrEqual(2);
		expect(storedToken(env)).toBe(env.sim.activeToken);
	});

	it('two executions hit by the same 401 do not knock each other out in a loop', async () => {
		await runNetzme(env, balance);
		env.sim.issueTokenElsewhere();
		const before = env.sim.tokensIssued;
		const runs = await runConcurrently(env, concurrent, 2, 8);
		for (const run of runs) expect(run.nodeError).toBeUndefined();
		expect(env.sim.tokensIssued - before).toBeLessThanOrEqual(2);
		const failures = balanceCalls().filter((call) => call.status === 401).length;
		// bounded: the items in flight when each token died, never a cascade
		expect(failures).toBeLessThanOrEqual(16);
		expect(storedToken(env)).toBe(env.sim.activeToken);
	});

	it('five back-to-back rounds of three parallel executions stay on a handful of tokens', async () => {
		for (let round = 0; round < 5; round++) {
			const runs = await runConcurrently(env, concurrent, 3, 4);
			for (const run of runs) expect(run.nodeError).toBeUndefined();
		}
		expect(env.sim.tokensIssued).toBeLessThanOrEqual(3);
	});
});

describe('a cold burst: many executions start together with no token stored', () => {
	/** n8n runs preAuthentication for every execution that reads the empty field; it has no lock. */
	const burst = async (executions: number, items: number) => {
		env.sim.options.latencyMs = 10;
		const runs = await runConcurrently(env, concurrent, executions, items);
		const failed = runs.filter((run) => run.nodeError !== undefined);
		return { runs, failed };
	};

	it('twelve executions all finish, settling on the newest token within a bounded number of fetches', async () => {
		const { runs, failed } = await burst(12, 3);
		expect(failed.map((run) => run.nodeError?.message)).toEqual([]);
		for (const run of runs) expect(run.items.map((item) => item.json.totalBalance)).toEqual([150000, 150000, 150000]);
		// More than one token is inherent to a lock-free start, but never one per item or a cascade.
		expect(env.sim.tokensIssued).toBeGreaterThanOrEqual(1);
		expect(env.sim.tokensIssued).toBeLessThanOrEqual(12);
		expect(storedToken(env)).toBe(env.sim.activeToken);
		// Every balance call that was refused was for a token that had been replaced, never a bad signature.
		expect(balanceCalls().filter((call) => call.status === 401).every((call) => call.authFailure === 'superseded-token')).toBe(true);
		expect(balanceCalls().filter((call) => call.status === 200)).toHaveLength(36);
	});

	it('twenty executions all finish when stored tokens land out of order, as n8n’s database writes can', async () => {
		delayedWrites(env, 40, virtual.time);
		const { runs, failed } = await burst(20, 2);
		expect(failed.map((run) => run.nodeError?.message)).toEqual([]);
		for (const run of runs) expect(run.items).toHaveLength(2);
		expect(env.sim.tokensIssued).toBeLessThanOrEqual(20);
		expect(balanceCalls().filter((call) => call.status === 200)).toHaveLength(40);
	});

	it('three cold bursts in a row (the store emptied each time) never fail an execution', async () => {
		for (let round = 0; round < 3; round++) {
			env.store.get(CREDENTIAL_ID).data.accessToken = '';
			const { failed } = await burst(8, 2);
			expect(failed.map((run) => run.nodeError?.message)).toEqual([]);
		}
		expect(storedToken(env)).toBe(env.sim.activeToken);
	});

	it('keeps adopting the tokens other executions store while they keep changing, without fetching one itself', async () => {
		await runNetzme(env, balance);
		// After each of our 401s, "another execution" stores a token it fetched, which a third one
		// has already replaced by the time ours arrives; the fifth stored token stays valid.
		const entry = env.store.get(CREDENTIAL_ID);
		let data = entry.data;
		let handled = 0;
		let rivals = 0;
		Object.defineProperty(entry, 'data', {
			get: () => {
				const refused = balanceCalls().filter((call) => call.status === 401).length;
				if (refused > handled && rivals < 5) {
					handled = refused;
					rivals++;
					data = { ...data, accessToken: env.sim.issueTokenElsewhere() };
					if (rivals < 5) env.sim.issueTokenElsewhere();
				}
				return data;
			},
			set: (value) => (data = value),
		});
		env.sim.issueTokenElsewhere();

		const { items, nodeError } = await runNetzme(env, balance);
		expect(nodeError).toBeUndefined();
		expect(items[0].json.totalBalance).toBe(150000);
		expect(balanceCalls().map((call) => call.authFailure ?? call.status)).toEqual([200, ...Array(5).fill('superseded-token'), 200]);
		// Only the first execution ever fetched a token.
		expect(env.store.preAuthCount('netzmeApi')).toBe(1);
	});
});

describe('credential test', () => {
	it('passes the way n8n tests it: fresh token, then the signed test request', async () => {
		const credential = new NetzmeApi();
		const data: Record<string, string> = { ...(env.store.get(CREDENTIAL_ID).data as Record<string, string>), accessToken: '' };
		const context = loadOptionsContext({ type: 'netzme', parameters: {}, credentials: env.credentials, store: env.store });
		const { accessToken } = (await credential.preAuthentication.call({ helpers: context.helpers } as never, data)) as { accessToken: string };
		const request = credential.test.request;
		const signed = await credential.authenticate(
			{ ...data, accessToken },
			{ method: request.method, baseURL: env.sim.tokoUrl, url: request.url!, qs: { userId: String(data.defaultMerchantId) }, json: true },
		);
		const response = (await context.helpers.httpRequest({ ...signed, returnFullResponse: true })) as { statusCode: number; body: { status: number } };
		expect(response.statusCode).toBe(200);
		expect(response.body.status).toBe(100);
		expect(request.baseURL).toBe('={{$credentials.environment === "custom" ? $credentials.tokoBaseUrl : $credentials.environment}}');
	});
});
