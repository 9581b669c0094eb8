// npm run test:queue — the package in n8n's queue mode: Redis and PostgreSQL from Debian's
// packages, n8n main plus two workers, a webhook workflow calling Netzme and vtiger, 200
// requests. Passes when no execution failed and the whole run used one Netzme token and one
// vtiger login, i.e. the workers shared what n8n stored instead of each fetching their own.
// QUEUE_WARMUP=0 starts the burst on empty fields: then several tokens and logins are inherent
// (n8n has no lock around preAuthentication) and the run asserts 0 failed executions and
// bounded token and login counts instead.
// Then the Netzme Trigger's duplicate guard across processes: main and a dedicated `n8n webhook`
// process both serve its production URL; repeats to one process and repeats across processes
// must start one execution, and deliveries reaching both at the same moment are measured
// (test/queue/netzmeTrigger.mjs).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { cleanupStack, ensureN8n, N8N_DIR, n8nCli, n8nEnv, ownerSession, ROOT, stageExtension, startN8n } from '../../scripts/n8n.mjs';
import { credentials, TRIGGER_PATH, TRIGGER_WORKFLOW_ID, triggerWorkflow, WEBHOOK_PATH, workflow, WORKFLOW_ID } from './fixtures.mjs';
import { checkNetzmeTrigger } from './netzmeTrigger.mjs';
import { ensurePackages, reapStale, remember, startPostgres, startRedis } from './services.mjs';

// n8n 2.x always starts a task broker (default 5679, shared by every n8n here), so each process gets its own.
// The webhook process (n8n webhook) listens on a port of its own, outside npm start's 5700–5710.
const PORTS = { main: 5695, mainBroker: 5696, workerBrokers: [5697, 5698], webhook: 5699, webhookBroker: 5694, redis: 6390, postgres: 5440 };
const REQUESTS = Number(process.env.QUEUE_REQUESTS ?? 200);
const IN_FLIGHT = Number(process.env.QUEUE_IN_FLIGHT ?? 20);
const WORKER_CONCURRENCY = 10;
// One request before the burst, as a deployment has after the credential test; QUEUE_WARMUP=0 skips it.
const WARMUP = process.env.QUEUE_WARMUP !== '0';
const SKIP_BUILD = process.argv.includes('--no-build');
const DEADLINE_MS = 15 * 60_000;

const HERE = join(ROOT, '.sandbox', 'queue');
const LOGS = join(HERE, 'logs');
// Outside HERE, which each run wipes, so a killed run's leftovers can still be found.
const PID_FILE = join(ROOT, '.sandbox', 'queue.pids.json');
const log = (message) => process.stderr.write(`[queue] ${message}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

const { onCleanUp, cleanUp } = cleanupStack(log);
let aborted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, () => {
		aborted = true;
		log(`${signal}: stopping everything`);
		void cleanUp().then(() => (rmSync(PID_FILE, { force: true }), process.exit(130)));
	});
}
const deadline = setTimeout(() => {
	log(`not finished within ${DEADLINE_MS / 60_000} minutes: stopping everything`);
	aborted = true;
	void cleanUp().then(() => {
		rmSync(PID_FILE, { force: true });
		process.stdout.write(`\n${checks.filter((entry) => entry.ok).length} passed, ${checks.filter((entry) => !entry.ok).length + 1} failed (timed out)\n`);
		process.exit(1);
	});
}, DEADLINE_MS);
deadline.unref();

const checks = [];
function check(name, ok, detail = '') {
	if (aborted) return;
	checks.push({ name, ok });
	process.stdout.write(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}\n`);
}

function step(command, args) {
	const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with ${result.status}`);
}

/**
 * The simulators are TypeScript; the sandbox's compile (tsconfig.sandbox.json, which takes them in) puts them into
 * .sandbox/queue/build, away from npm start's .sandbox/build, and they run in this process.
 */
function loadSimulators() {
	step('npx', ['tsc', '-p', 'tsconfig.sandbox.json', '--outDir', join(HERE, 'build')]);
	const require = createRequire(import.meta.url);
	const build = join(HERE, 'build', 'simulators');
	return {
		NetzmeSimulator: require(join(build, 'netzme', 'NetzmeSimulator.js')).NetzmeSimulator,
		VtigerSimulator: require(join(build, 'vtiger', 'VtigerSimulator.js')).VtigerSimulator,
	};
}

function cli(args, env) {
	const result = n8nCli(args, env);
	if (result.status !== 0) throw new Error(`n8n ${args.join(' ')} failed with ${result.status}:\n${(result.stdout + result.stderr).slice(-3000)}`);
	return result.stdout;
}

async function fire(index) {
	const started = Date.now();
	try {
		const response = await fetch(`http://127.0.0.1:${PORTS.main}/webhook/${WEBHOOK_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ n: index }),
			signal: AbortSignal.timeout(120_000),
		});
		const text = await response.text();
		let body;
		try {
			body = JSON.parse(text);
		} catch {
			body = text;
		}
		const ok = response.status === 200 && body?.request === index && typeof body?.balance === 'object' && body?.contacts > 0;
		return { index, ok, status: response.status, body, ms: Date.now() - started };
	} catch (error) {
		return { index, ok: false, status: 0, body: error.message, ms: Date.now() - started };
	}
}

async function burst(count, inFlight) {
	const results = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(inFlight, count) }, async () => {
			while (next < count) {
				const index = next++;
				results[index] = await fire(index + 1);
			}
		}),
	);
	return results;
}

/**
 * dist/ is shared: another build in this checkout (gulp clean first) can empty it between our
 * build and the copy, so the staged copy is checked against package.json's n8n lists and the
 * pair is retried a few times.
 */
async function buildAndStage() {
	const { n8n } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	const target = join(HERE, 'extension');
	for (let attempt = 1; ; attempt++) {
		if (!SKIP_BUILD) {
			log('building the package');
			step('npm', ['run', 'build', '--silent']);
		}
		try {
			stageExtension(target);
			const missing = [...n8n.nodes, ...n8n.credentials].filter((file) => !existsSync(join(target, file)));
			if (!existsSync(join(target, 'dist', 'icons'))) missing.push('dist/icons');
			if (!missing.length) return target;
			throw new Error(`the staged extension lacks ${missing.join(', ')}`);
		} catch (error) {
			if (attempt >= 3) throw error;
			log(`staging failed (${error.message.split('\n')[0]}), probably a concurrent build: retrying`);
			await new Promise((resolve) => setTimeout(resolve, 5_000));
		}
	}
}

/** Which node failed and with what message, for the first few failed executions (their data is stored flatted). */
function failureSummary(postgres) {
	const { parse } = createRequire(join(N8N_DIR, 'node_modules', 'n8n', 'package.json'))('flatted');
	const rows = postgres
		.query(`SELECT d.data FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id WHERE e."workflowId" = '${WORKFLOW_ID}' AND e.status IN ('error', 'crashed') ORDER BY e.id LIMIT 20`)
		.trim()
		.split('\n')
		.filter(Boolean);
	const counts = new Map();
	for (const row of rows) {
		try {
			const { resultData } = parse(row);
			const key = `${resultData.lastNodeExecuted}: ${resultData.error?.message ?? 'no error message'}`;
			counts.set(key, (counts.get(key) ?? 0) + 1);
		} catch {
			counts.set('unreadable execution data', (counts.get('unreadable execution data') ?? 0) + 1);
		}
	}
	return [...counts].map(([key, count]) => `${count}× ${key}`).join('; ');
}

function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
	const began = Date.now();
	await reapStale(PID_FILE, join(HERE, 'postgres', 'data'));
	rmSync(HERE, { recursive: true, force: true });
	mkdirSync(LOGS, { recursive: true });

	const { NetzmeSimulator, VtigerSimulator } = loadSimulators();
	ensureN8n();
	const extensions = await buildAndStage();
	ensurePackages();

	log(`starting Redis on ${PORTS.redis} and PostgreSQL on ${PORTS.postgres}`);
	const redis = await startRedis({ dir: join(HERE, 'redis'), port: PORTS.redis });
	// redis-server rewrites its process title to this.
	remember(PID_FILE, redis.pid, `redis-server 127.0.0.1:${redis.port}`);
	onCleanUp('redis', redis.stop);
	const postgres = await startPostgres({ dir: join(HERE, 'postgres'), port: PORTS.postgres });
	// Its log goes with the others: the trigger checks log statements into it for a while.
	onCleanUp('postgres', async () => (existsSync(postgres.logFile) && copyFileSync(postgres.logFile, join(LOGS, 'postgres.log')), await postgres.stop()));

	// A little latency so executions on both workers overlap as they would against the real hosts.
	const netzme = new NetzmeSimulator({ latencyMs: 15 });
	const vtiger = new VtigerSimulator({ latencyMs: 5 });
	await netzme.start();
	await vtiger.start();
	onCleanUp('simulators', async () => await Promise.all([netzme.stop(), vtiger.stop()]));

	const shared = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	};
	const userFolder = join(HERE, 'n8n');
	const mainEnv = n8nEnv({ userFolder, port: PORTS.main, extensions, extra: { ...shared, N8N_RUNNERS_BROKER_PORT: String(PORTS.mainBroker) } });
	const workerEnv = (brokerPort) =>
		n8nEnv({
			userFolder,
			port: PORTS.main,
			extensions,
			// Info level: "n8n worker is now ready" marks readiness (startN8n's log check; no health port
			// is left in this concern's range) and "Worker finished execution" lines say who ran what.
			extra: { ...shared, N8N_RUNNERS_BROKER_PORT: String(brokerPort), N8N_LOG_LEVEL: 'info' },
		});

	log('importing credentials (empty token and session) and the workflow into PostgreSQL');
	const files = { credentials: join(HERE, 'credentials.json'), workflow: join(HERE, 'workflow.json') };
	writeFileSync(files.credentials, JSON.stringify(credentials(netzme, vtiger)));
	writeFileSync(files.workflow, JSON.stringify([...workflow(), ...triggerWorkflow()]));
	cli(['import:credentials', `--input=${files.credentials}`], mainEnv);
	cli(['import:workflow', `--input=${files.workflow}`], mainEnv);
	cli(['publish:workflow', `--id=${WORKFLOW_ID}`], mainEnv);
	cli(['publish:workflow', `--id=${TRIGGER_WORKFLOW_ID}`], mainEnv);

	log(`starting n8n main on ${PORTS.main}, two workers (concurrency ${WORKER_CONCURRENCY} each) and a webhook process on ${PORTS.webhook}`);
	const processes = {};
	const keepLog = (name, handle) => () => writeFileSync(join(LOGS, `${name}.log`), handle.log());
	// Each n8n process is recorded as soon as it is spawned, before it is ready.
	const onSpawn = (child) => remember(PID_FILE, child.pid, `N8N_USER_FOLDER=${userFolder}`);
	processes.main = await startN8n(mainEnv, { command: 'start', port: PORTS.main, onSpawn });
	onCleanUp('n8n main', async () => (keepLog('main', processes.main)(), await processes.main.stop()));
	// The webhook process starts after main, which ran the migrations and activated the workflows
	// (webhook_entity), and alongside the workers. n8n 2.41's main keeps serving production
	// webhooks in queue mode unless N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true (Server:
	// webhooksEnabled), so both answer the trigger's URL, as behind a load balancer that sends
	// /webhook/ to either.
	const webhookEnv = n8nEnv({ userFolder, port: PORTS.webhook, extensions, extra: { ...shared, N8N_RUNNERS_BROKER_PORT: String(PORTS.webhookBroker) } });
	const [started, webhookProcess] = await Promise.all([
		Promise.all(PORTS.workerBrokers.map((port) => startN8n(workerEnv(port), { command: 'worker', args: [`--concurrency=${WORKER_CONCURRENCY}`], onSpawn }))),
		startN8n(webhookEnv, { command: 'webhook', port: PORTS.webhook, onSpawn }),
	]);
	started.forEach((worker, index) => {
		processes[`worker${index + 1}`] = worker;
		onCleanUp(`n8n worker ${index + 1}`, async () => (keepLog(`worker${index + 1}`, worker)(), await worker.stop()));
	});
	processes.webhook = webhookProcess;
	onCleanUp('n8n webhook process', async () => (keepLog('webhook', webhookProcess)(), await webhookProcess.stop()));
	const session = await ownerSession(PORTS.main);
	log(`everything up after ${seconds(Date.now() - began)}`);

	let warmup;
	if (WARMUP) {
		warmup = await fire(0);
		check('warm-up request answered by the workflow', warmup.ok, `HTTP ${warmup.status}`);
	}
	const before = { tokens: netzme.tokensIssued, logins: vtiger.logins };

	log(`firing ${REQUESTS} requests, ${IN_FLIGHT} at a time`);
	const burstStarted = Date.now();
	const results = await burst(REQUESTS, IN_FLIGHT);
	const burstMs = Date.now() - burstStarted;
	const answered = results.filter((result) => result.ok).length;
	const durations = results.map((result) => result.ms);
	const firstBad = results.find((result) => !result.ok);
	check(
		`${REQUESTS} webhook requests answered with the workflow's result`,
		answered === REQUESTS,
		`${answered}/${REQUESTS} in ${seconds(burstMs)} (${(REQUESTS / (burstMs / 1000)).toFixed(1)} req/s, p50 ${percentile(durations, 50)} ms, p95 ${percentile(durations, 95)} ms)${firstBad ? `; first bad: #${firstBad.index} HTTP ${firstBad.status} ${JSON.stringify(firstBad.body).slice(0, 300)}` : ''}`,
	);

	// The last answers can arrive just before their executions are saved.
	const expected = REQUESTS + (WARMUP ? 1 : 0);
	const statusQuery = `SELECT status, count(*) FROM execution_entity WHERE "workflowId" = '${WORKFLOW_ID}' GROUP BY status ORDER BY status`;
	let statuses = {};
	for (let waited = 0; waited < 60_000; waited += 500) {
		statuses = Object.fromEntries(
			postgres
				.query(statusQuery)
				.trim()
				.split('\n')
				.filter(Boolean)
				.map((line) => line.split('|'))
				.map(([status, count]) => [status, Number(count)]),
		);
		const settled = Object.entries(statuses).reduce((sum, [status, count]) => sum + (['new', 'running', 'waiting'].includes(status) ? 0 : count), 0);
		if (settled >= expected) break;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	const total = Object.values(statuses).reduce((sum, count) => sum + count, 0);
	const failed = (statuses.error ?? 0) + (statuses.crashed ?? 0) + (statuses.canceled ?? 0);
	check(`${expected} executions saved, all finished`, total === expected && statuses.success === expected, JSON.stringify(statuses));
	check('0 failed executions', failed === 0 && total === expected, failed ? `${failed} failed; first ones: ${failureSummary(postgres)}` : '0 failed');

	// n8n's own view through its REST API (pages hold at most 100; count covers the whole filter).
	const listExecutions = async (filter) => {
		const query = `filter=${encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID, ...filter }))}&limit=100`;
		const response = await fetch(`${session.base}/rest/executions?${query}`, { headers: { cookie: session.cookie } });
		if (!response.ok) throw new Error(`GET /rest/executions: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
		return (await response.json()).data;
	};
	const listedAll = await listExecutions({});
	const listedFailed = await listExecutions({ status: ['error', 'crashed'] });
	check(
		'n8n REST API lists every execution and no failed one',
		listedAll.count === expected && listedFailed.count === 0,
		`${listedAll.count} listed, ${listedFailed.count} failed`,
	);

	const rejected = netzme.requests.filter((request) => request.status === 401).length;
	const tokenDetail = `${netzme.tokensIssued} issued (${netzme.tokensIssued - before.tokens} during the burst), ${rejected} requests refused with 401`;
	const loginDetail = `${vtiger.logins} logins (${vtiger.logins - before.logins} during the burst), ${vtiger.count('login')} login calls, ${vtiger.count('getchallenge')} challenges`;
	if (WARMUP) {
		check('1 Netzme token in total', netzme.tokensIssued === 1, tokenDetail);
		check('1 vtiger login in total', vtiger.logins === 1, loginDetail);
	} else {
		// Cold: every execution that reads the empty field fetches (n8n has no lock), so more than one
		// is expected; what must hold is that they converge: bounded, and no execution failed.
		log(`cold start: Netzme tokens ${tokenDetail}; vtiger ${loginDetail}`);
		check('Netzme tokens bounded by the executions in flight', netzme.tokensIssued >= 1 && netzme.tokensIssued <= IN_FLIGHT * 2, tokenDetail);
		check('vtiger logins bounded by the executions in flight', vtiger.logins >= 1 && vtiger.logins <= IN_FLIGHT, loginDetail);
	}

	const perWorker = PORTS.workerBrokers.map((_, index) => (processes[`worker${index + 1}`].log().match(/Worker finished execution/g) ?? []).length);
	check('both workers ran executions', perWorker.every((count) => count > 0) && perWorker.reduce((a, b) => a + b, 0) === expected, `per worker: ${perWorker.join(' + ')} = ${perWorker.reduce((a, b) => a + b, 0)}`);

	const exported = join(HERE, 'credentials.exported.json');
	cli(['export:credentials', '--all', '--decrypted', `--output=${exported}`], mainEnv);
	const stored = JSON.parse(readFileSync(exported, 'utf8'));
	rmSync(exported);
	const netzmeStored = stored.find((credential) => credential.type === 'netzmeApi')?.data ?? {};
	const storedIsActive = netzmeStored.accessToken === netzme.activeToken;
	// After a cold start the last write may be a token already replaced (n8n's writes can land out of
	// order); the next execution then gets a 401 and settles it, so that is reported, not asserted.
	if (WARMUP) check('the stored Netzme token is the one Netzme issued', storedIsActive);
	else log(`the stored Netzme token is ${storedIsActive ? '' : 'not '}the one Netzme issued last`);

	const triggerFigures = await checkNetzmeTrigger({
		netzme,
		postgres,
		parse: createRequire(join(N8N_DIR, 'node_modules', 'n8n', 'package.json'))('flatted').parse,
		session,
		urls: { main: `http://127.0.0.1:${PORTS.main}/webhook/${TRIGGER_PATH}`, webhook: `http://127.0.0.1:${PORTS.webhook}/webhook/${TRIGGER_PATH}` },
		check,
		log,
	});

	process.stdout.write(
		`\nfigures: ${expected} executions (${WARMUP ? '1 warm-up + ' : ''}${REQUESTS} burst, ${IN_FLIGHT} in flight) on 2 workers × concurrency ${WORKER_CONCURRENCY}; ` +
			`burst wall time ${seconds(burstMs)}; per worker ${perWorker.join(' / ')}; Netzme tokens ${netzme.tokensIssued}; vtiger logins ${vtiger.logins}; whole run ${seconds(Date.now() - began)}\n`,
	);
	process.stdout.write(`${triggerFigures}\n`);
}

let exitCode = 0;
try {
	await main();
} catch (error) {
	check('queue-mode run completed', false, error.stack ?? String(error));
} finally {
	await cleanUp();
	rmSync(PID_FILE, { force: true });
}
const failedCount = checks.filter((entry) => !entry.ok).length;
if (failedCount) exitCode = 1;
process.stdout.write(`\n${checks.length - failedCount} passed, ${failedCount} failed (logs in ${LOGS})\n`);
process.exit(exitCode);
