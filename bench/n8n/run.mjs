// npm run bench:n8n — our Qontak CRM node against the hand-built alternative, in one real n8n.
//
// Every variant creates N CRM contacts (POST /qontak/crm/contacts) on a Mekari gateway simulator
// that runs in this process, adds a fixed latency to each response and counts requests in flight:
//   anchor      Code node signing each item with Mekari HMAC itself → HTTP Request node (defaults: it sends
//               every item's request at once, so its max in flight is N)
//   http-cred   HTTP Request node with our Mekari credential (predefined credential type)
//   node-c<c>   our Qontak CRM node, Contact → Create, Request Options → Concurrency c
// Runs are started inside the n8n server (a Webhook trigger that answers when the last node is
// done); the figure is the measured node's own executionTime from the execution's run data,
// the median of R rounds, each round in the opposite variant (and latency) order to the one before.
// The bound for our node is max(N×F, N×latency/c), F = the anchor's in-node time per item at 0 ms.
//
// Options (flag or environment variable):
//   --n=200              BENCH_N              contacts per run
//   --runs=3             BENCH_RUNS           measured rounds
//   --concurrencies=5,10,20  BENCH_CONCURRENCIES
//   --latencies=0,50     BENCH_LATENCIES      simulated gateway latency in ms
//   --only=node-c20,anchor   BENCH_ONLY       variants (a prefix works: --only=node); the anchor at 0 ms
//                                            is added when our node runs, for F, unless --no-anchor
//   --warmup=1           BENCH_WARMUP         unmeasured rounds first (JIT, lazy loading)
//   --port=5810          BENCH_N8N_PORT       n8n's port; its task broker takes port+1, CLI commands port+2
//   --no-build                                use dist/ as it is instead of running npm run build
//   --profile                                 n8n under --cpu-prof, only our node (first concurrency, default 5)
//                                            and the anchor; prints profileSummary.mjs per variant and latency
//   --profile-interval=250                    sampling interval in µs
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

import { cleanupStack, ensureN8n, n8nCliAsync, n8nEnv, N8N_VERSION, ownerSession, ROOT, stageExtension, startN8n } from '../../scripts/n8n.mjs';
import { BenchGateway, compileSimulators, LOGIN } from './gateway.mjs';
import { formatSummary, summarize } from './profileSummary.mjs';
import { buildWorkflows, concurrencyOf, credentialFor, MEASURED, SIGN, variantNames, webhookPath } from './workflows.mjs';

const args = process.argv.slice(2);
const has = (name) => args.includes(`--${name}`);
const option = (name, env, fallback) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? process.env[env] ?? fallback;
const list = (text) => String(text).split(',').map((part) => part.trim()).filter(Boolean);

const PROFILE = has('profile');
const N = Number(option('n', 'BENCH_N', 200));
const RUNS = Number(option('runs', 'BENCH_RUNS', 3));
const WARMUP = Number(option('warmup', 'BENCH_WARMUP', 1));
const CONCURRENCIES = list(option('concurrencies', 'BENCH_CONCURRENCIES', PROFILE ? '5' : '5,10,20')).map(Number);
const LATENCIES = list(option('latencies', 'BENCH_LATENCIES', '0,50')).map(Number);
const PORT = Number(option('port', 'BENCH_N8N_PORT', 5810));
const ONLY = list(option('only', 'BENCH_ONLY', ''));
const NO_ANCHOR = has('no-anchor');
const PROFILE_INTERVAL_US = Number(option('profile-interval', 'BENCH_PROFILE_INTERVAL', 250));
// Generous bounds for one run: N requests one after another at the latency, on a slow machine.
const runTimeoutMs = (latency) => 120_000 + N * (latency + 50) * 2;
const DEADLINE_MS = Number(option('deadline-minutes', 'BENCH_DEADLINE_MINUTES', 30)) * 60_000;

const HERE = join(ROOT, '.sandbox', 'bench-n8n');
const PROFILE_DIR = join(HERE, 'profile');
const log = (message) => process.stderr.write(`[bench:n8n] ${message}\n`);

if (![N, RUNS, WARMUP, PORT, ...CONCURRENCIES, ...LATENCIES].every(Number.isFinite) || N < 1 || RUNS < 1 || !CONCURRENCIES.length || !LATENCIES.length) {
	log('bad options; see the comment at the top of bench/n8n/run.mjs');
	process.exit(2);
}

function selectedVariants() {
	const all = variantNames(CONCURRENCIES);
	let chosen = PROFILE ? [`node-c${CONCURRENCIES[0]}`, ...(NO_ANCHOR ? [] : ['anchor'])] : all;
	if (ONLY.length) chosen = chosen.filter((variant) => ONLY.some((wanted) => variant === wanted || variant.startsWith(wanted)));
	if (!chosen.length) throw new Error(`--only=${ONLY.join(',')} matches none of ${all.join(', ')}`);
	return chosen;
}

// ---- processes, cleanup and bounds ----

const { onCleanUp, cleanUp } = cleanupStack(log);
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.once(signal, () => {
		interrupted = true;
		log(`${signal}: stopping n8n and the gateway`);
		void cleanUp().then(() => process.exit(130));
	});
}
setTimeout(() => {
	log(`not finished within ${DEADLINE_MS / 60_000} minutes: stopping`);
	void cleanUp().then(() => process.exit(1));
}, DEADLINE_MS).unref();

function step(command, commandArgs, timeoutMs) {
	const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: timeoutMs });
	if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed (${result.status ?? result.signal ?? result.error?.message})`);
}

// ---- n8n REST ----

/** n8n sends execution data in the flatted encoding: every string in an object is the index of its value. */
function unflatten(text) {
	const entries = JSON.parse(text);
	const revived = new Map();
	const revive = (index) => {
		if (revived.has(index)) return revived.get(index);
		const value = entries[index];
		if (typeof value !== 'object' || value === null) return value;
		const copy = Array.isArray(value) ? [] : {};
		revived.set(index, copy);
		for (const [key, inner] of Object.entries(value)) copy[key] = typeof inner === 'string' ? revive(Number(inner)) : inner;
		return copy;
	};
	return revive(0);
}

async function rest(session, method, path, body) {
	const response = await fetch(`${session.base}/rest${path}`, {
		method,
		headers: { cookie: session.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(60_000),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} /rest${path}: HTTP ${response.status} ${text.slice(0, 1000)}`);
	const parsed = JSON.parse(text);
	return parsed.data ?? parsed;
}

async function latestExecution(session, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = await rest(session, 'GET', `/executions?filter=${filter}&limit=1`);
	return list.results?.[0];
}

function portIsFree(port) {
	return new Promise((done) => {
		const probe = createServer();
		probe.once('error', () => done(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
	});
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** The execution a webhook call started: the first one newer than `afterId` that has finished. */
async function finishedExecutionAfter(session, workflowId, afterId, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const latest = await latestExecution(session, workflowId);
		if (latest && Number(latest.id) > Number(afterId ?? 0) && !['new', 'running', 'waiting'].includes(latest.status)) {
			const execution = await rest(session, 'GET', `/executions/${latest.id}`);
			return { ...execution, data: unflatten(execution.data) };
		}
		await sleep(100);
	}
	throw new Error(`no finished execution of ${workflowId} after ${afterId} within ${timeoutMs} ms`);
}

// ---- CPU time of n8n's main process ----

// In-node times stretch when other processes take the cores; the CPU n8n's main process spent on a run (the whole
// execution: trigger, Make items' hand-off, the measured node, saving) barely does, so it is shown beside them.
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** utime + stime of a process in ms, from /proc (Linux), or undefined. */
function cpuMs(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
	} catch {
		return undefined;
	}
}

// ---- one run ----

const lastExecutionIds = new Map();

async function runOnce(ctx, variant, latency) {
	const { session, gateway, workflows } = ctx;
	const workflow = workflows.get(variant);
	gateway.prepare(latency);
	const before = lastExecutionIds.get(workflow.id);
	// n8n 2.x registers a published workflow's webhooks a moment after the activate call returns (its publication
	// reconciler), longer on a loaded machine; until then a call is a 404 that started nothing, so it is repeated.
	const registeredBy = Date.now() + 60_000;
	const cpuBefore = cpuMs(ctx.n8nPid);
	let started;
	let response;
	let answer;
	for (;;) {
		started = Date.now();
		response = await fetch(`${session.base}/webhook/${webhookPath(variant)}`, { method: 'POST', signal: AbortSignal.timeout(runTimeoutMs(latency)) });
		answer = await response.text();
		if (response.status !== 404 || !answer.includes('is not registered') || Date.now() > registeredBy) break;
		await sleep(250);
	}
	const wallMs = Date.now() - started;
	if (!response.ok) throw new Error(`${variant} at ${latency} ms: the webhook answered HTTP ${response.status} ${answer.slice(0, 1000)}`);
	const execution = await finishedExecutionAfter(session, workflow.id, before);
	const cpuAfter = cpuMs(ctx.n8nPid);
	lastExecutionIds.set(workflow.id, execution.id);
	const { runData, error } = execution.data.resultData;
	const measured = runData[MEASURED]?.[0];
	const fail = (why) => {
		throw new Error(`${variant} at ${latency} ms, execution ${execution.id} (${execution.status}): ${why}`);
	};
	if (!measured) fail(`${MEASURED} did not run${error ? `: ${error.message}` : ''}`);
	if (measured.error) fail(`${MEASURED} failed: ${measured.error.message} ${measured.error.description ?? ''}`);
	const statuses = gateway.createStatuses();
	const created = Object.entries(statuses).reduce((sum, [status, count]) => sum + (Number(status) >= 200 && Number(status) < 300 ? count : 0), 0);
	if (created !== N) fail(`the gateway answered the contact creates with ${JSON.stringify(statuses)}, expected ${N} successes`);
	const out = measured.data?.main?.[0]?.length ?? 0;
	if (out !== N) fail(`${MEASURED} put out ${out} items, expected ${N}`);
	return {
		variant,
		latency,
		ms: measured.executionTime,
		startTime: measured.startTime,
		signMs: runData[SIGN]?.[0]?.executionTime,
		wallMs,
		cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
		maxInFlight: gateway.maxInFlight,
		requests: gateway.requestCount,
	};
}

// ---- report ----

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const fixed = (value, digits = 2) => (value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits));
const loadText = () => loadavg().map((value) => value.toFixed(2)).join(' ');

function report(results, variants) {
	const cell = (variant, latency) => results.filter((result) => result.variant === variant && result.latency === latency);
	const medianMs = (variant, latency) => {
		const runs = cell(variant, latency);
		return runs.length ? median(runs.map((run) => run.ms)) : undefined;
	};
	const anchorAt0 = medianMs('anchor', 0);
	const perItemF = anchorAt0 === undefined ? undefined : anchorAt0 / N;
	const header = ['variant', 'latency', 'in-node median (s)', 'runs (s)', 'vs anchor', 'max in flight', 'bound (s)', 'in-node/bound', 'n8n CPU ms/item'];
	const rows = [];
	for (const latency of LATENCIES) {
		for (const variant of variants) {
			const runs = cell(variant, latency);
			if (!runs.length) continue;
			const value = median(runs.map((run) => run.ms));
			const anchor = medianMs('anchor', latency);
			const c = concurrencyOf(variant);
			const bound = c && perItemF !== undefined ? Math.max(N * perItemF, (N * latency) / c) : undefined;
			rows.push([
				variant,
				`${latency} ms`,
				fixed(value / 1000, 3),
				runs.map((run) => fixed(run.ms / 1000, 2)).join(' '),
				anchor === undefined ? '-' : fixed(value / anchor, 2),
				String(Math.max(...runs.map((run) => run.maxInFlight))),
				bound === undefined ? '-' : fixed(bound / 1000, 3),
				bound === undefined ? '-' : fixed(value / bound, 2),
				runs.every((run) => run.cpuMs !== undefined) ? fixed(median(runs.map((run) => run.cpuMs)) / N, 2) : '-',
			]);
		}
	}
	const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => row[index].length)));
	const line = (row) => row.map((text, index) => (index < 2 ? text.padEnd(widths[index]) : text.padStart(widths[index]))).join(' | ');
	const out = [line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line)];
	if (perItemF !== undefined) out.push('', `F (anchor per item at 0 ms) = ${fixed(perItemF, 3)} ms; bound = max(N×F, N×latency/c); target in-node/bound ≤ 1.15`);
	out.push("n8n CPU ms/item: CPU time of n8n's main process over the whole execution (not only the measured node; Code nodes run in the task runner, not counted) / N, median");
	const signs = results.filter((result) => result.signMs !== undefined);
	if (signs.length) out.push(`anchor's Sign (Code) node, outside the figure: median ${fixed(median(signs.map((result) => result.signMs)) / 1000, 3)} s`);
	for (const variant of variants.filter((name) => concurrencyOf(name))) {
		for (const latency of LATENCIES) {
			const value = medianMs(variant, latency);
			const c = concurrencyOf(variant);
			if (value === undefined || perItemF === undefined) continue;
			const ratio = value / Math.max(N * perItemF, (N * latency) / c);
			out.push(`  ${variant} @ ${latency} ms: in-node/bound ${fixed(ratio)} ${ratio <= 1.15 ? 'OK' : 'OVER (target ≤ 1.15)'}`);
		}
	}
	const top = `node-c${Math.max(...CONCURRENCIES)}`;
	const latency = Math.max(...LATENCIES);
	const ours = medianMs(top, latency);
	const anchor = medianMs('anchor', latency);
	if (ours !== undefined && anchor !== undefined) {
		const ratio = ours / anchor;
		out.push(`  ${top} vs anchor @ ${latency} ms: ${fixed(ratio)} ${ratio <= 1 ? 'OK' : 'OVER (target ≤ 1.0)'}`);
	}
	return out.join('\n');
}

// ---- main ----

async function main() {
	const variants = selectedVariants();
	// The anchor at 0 ms gives F, the per-item cost every bound is built on.
	const needsAnchor0 = !NO_ANCHOR && variants.some((variant) => concurrencyOf(variant)) && !variants.includes('anchor');
	const workflowVariants = needsAnchor0 ? [...variants, 'anchor'] : variants;
	log(`n8n ${N8N_VERSION}; N=${N}, runs=${RUNS}, warm-up rounds=${WARMUP}, latencies=${LATENCIES.join(',')} ms, variants=${variants.join(',')}${needsAnchor0 ? ' (+ anchor at 0 ms)' : ''}${PROFILE ? ', profiling' : ''}`);
	const loadStart = loadText();
	log(`load average at start: ${loadStart} (${cpus().length} cores)`);

	// startN8n takes any n8n answering on the port for ours, and a second task broker on a taken port fails quietly.
	for (const port of [PORT, PORT + 1, PORT + 2]) {
		if (!(await portIsFree(port))) throw new Error(`port ${port} is taken (another n8n, or one left by an earlier run?); pick another with --port`);
	}

	if (!has('no-build')) {
		log('building the package (npm run build; --no-build skips)');
		step('npm', ['run', 'build', '--silent'], 300_000);
	}
	rmSync(HERE, { recursive: true, force: true });
	mkdirSync(HERE, { recursive: true });
	log('compiling the simulators');
	const gateway = new BenchGateway(compileSimulators(join(HERE, 'build')));
	const gatewayUrl = await gateway.start();
	onCleanUp('gateway', () => gateway.stop());
	log(`Mekari gateway simulator on ${gatewayUrl}`);

	ensureN8n();
	const extensions = stageExtension(join(HERE, 'extension'));
	const userFolder = join(HERE, 'user');
	mkdirSync(userFolder, { recursive: true });
	const env = n8nEnv({
		userFolder,
		port: PORT,
		extensions,
		extra: {
			N8N_RUNNERS_BROKER_PORT: String(PORT + 1),
			// The anchor's Code node signs with node:crypto, which the task runner only lends when allowed.
			NODE_FUNCTION_ALLOW_BUILTIN: 'crypto',
			N8N_LOG_LEVEL: 'warn',
		},
	});
	// n8n 2.x runs Code nodes in task runners whatever N8N_RUNNERS_ENABLED says (the setting is gone); internal mode is the default.
	delete env.N8N_RUNNERS_ENABLED;
	delete env.NODE_ENV;
	delete env.NODE_OPTIONS;
	const cliEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(PORT + 2) };
	const serverEnv = { ...env };
	if (PROFILE) {
		mkdirSync(PROFILE_DIR, { recursive: true });
		// The task runner gets an environment of n8n's choosing without NODE_OPTIONS, so only the main process is profiled.
		serverEnv.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${PROFILE_DIR} --cpu-prof-interval=${PROFILE_INTERVAL_US}`;
	}

	const workflowList = buildWorkflows(workflowVariants, { n: N, gatewayUrl, login: LOGIN });
	const workflows = new Map(workflowList.map((workflow, index) => [workflowVariants[index], workflow]));
	const credentialsFile = join(HERE, 'credentials.json');
	const workflowsFile = join(HERE, 'workflows.json');
	writeFileSync(credentialsFile, JSON.stringify([credentialFor(gatewayUrl, LOGIN)]));
	writeFileSync(workflowsFile, JSON.stringify(workflowList));
	log('importing the credential and workflows');
	for (const [what, file] of [
		['import:credentials', credentialsFile],
		['import:workflow', workflowsFile],
	]) {
		const result = await n8nCliAsync([what, `--input=${file}`], cliEnv, { timeoutMs: 300_000 });
		if (result.status !== 0) throw new Error(`n8n ${what} failed (${result.status}):\n${(result.stdout + result.stderr).slice(-3000)}`);
	}

	log(`starting n8n on ${PORT}`);
	const server = await startN8n(serverEnv, { port: PORT, timeoutMs: 180_000, processGroup: true });
	let serverStopped = false;
	const stopServer = async () => {
		if (serverStopped) return;
		serverStopped = true;
		await server.stop();
	};
	onCleanUp('n8n', stopServer);
	const session = await ownerSession(PORT);
	for (const workflow of workflowList) {
		const { versionId } = await rest(session, 'GET', `/workflows/${workflow.id}`);
		await rest(session, 'POST', `/workflows/${workflow.id}/activate`, { versionId });
	}
	const ctx = { session, gateway, workflows, n8nPid: server.child.pid };

	// Rounds alternate the order, so warming and machine drift do not always favour the same variant.
	const plan = [];
	for (let round = 0; round < WARMUP + RUNS; round++) {
		const order = round % 2 === 0 ? variants : [...variants].reverse();
		for (const latency of round % 2 === 0 ? LATENCIES : [...LATENCIES].reverse()) {
			for (const variant of order) plan.push({ round, latency, variant });
			if (needsAnchor0 && latency === 0) plan.push({ round, latency, variant: 'anchor' });
		}
	}
	const results = [];
	const windows = [];
	// V8's profile clock and process.hrtime are both CLOCK_MONOTONIC; run data has epoch milliseconds.
	const monotonicUsOf = (epochMs) => Number(process.hrtime.bigint() / 1000n) - (Date.now() - epochMs) * 1000;
	for (const { round, latency, variant } of plan) {
		const warm = round < WARMUP;
		const result = await runOnce(ctx, variant, latency);
		log(
			`${warm ? 'warm-up' : `round ${round - WARMUP + 1}/${RUNS}`} ${variant} @ ${latency} ms: in-node ${(result.ms / 1000).toFixed(3)} s, wall ${(result.wallMs / 1000).toFixed(2)} s, n8n CPU ${fixed(result.cpuMs, 0)} ms, max in flight ${result.maxInFlight}`,
		);
		if (warm) continue;
		results.push(result);
		if (PROFILE) {
			const startUs = monotonicUsOf(result.startTime);
			windows.push({ label: `${variant}@${latency}ms`, startUs, endUs: startUs + result.ms * 1000 });
		}
	}
	const allVariants = [...variants, ...(needsAnchor0 ? ['anchor'] : [])];
	const table = report(results, allVariants);
	const loadEnd = loadText();

	let profileText = '';
	if (PROFILE) {
		log('stopping n8n so it writes its profile');
		await stopServer();
		const profileFile = await waitForProfile();
		const ours = join(extensions, 'dist');
		const windowsFile = join(PROFILE_DIR, 'windows.json');
		writeFileSync(windowsFile, JSON.stringify({ ours, windows }, null, 1));
		const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
		const labels = [...new Set(windows.map((window) => window.label))];
		profileText = labels
			.map((label) => {
				const chosen = windows.filter((window) => window.label === label);
				return formatSummary(summarize(profile, { windows: chosen, ours }), `${label} (${chosen.length} runs, n8n main process)`);
			})
			.join('\n\n');
		profileText += `\n\nprofile: ${profileFile}\nwindows: ${windowsFile}\nagain: node bench/n8n/profileSummary.mjs ${profileFile} --windows=${windowsFile}`;
	}

	process.stdout.write(`\nbench:n8n — n8n ${N8N_VERSION}, N=${N}, median of ${RUNS} runs (order alternated), ${cpus().length} cores\n`);
	process.stdout.write(`load average (1/5/15 min): start ${loadStart}, end ${loadEnd}\n\n${table}\n`);
	if (profileText) process.stdout.write(`\n${profileText}\n`);
}

// node names a profile CPU.<date>.<time>.<pid>.<thread>.<sequence>.cpuprofile; thread 0 is n8n's main thread, where
// nodes run (the others are worker threads, idle in this bench).
const MAIN_THREAD_PROFILE = /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/;

async function waitForProfile(timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const files = readdirSync(PROFILE_DIR).filter((name) => MAIN_THREAD_PROFILE.test(name));
		if (files.length) {
			const newest = files.map((name) => join(PROFILE_DIR, name)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
			// Written in one go at exit; a size that holds still is a whole file.
			const size = statSync(newest).size;
			await sleep(500);
			if (size > 0 && statSync(newest).size === size) return newest;
		}
		await sleep(500);
	}
	throw new Error(`n8n wrote no main-thread .cpuprofile into ${PROFILE_DIR} within ${timeoutMs} ms${existsSync(PROFILE_DIR) ? '' : ' (the folder is missing)'}`);
}

try {
	await main();
	await cleanUp();
	process.exit(0);
} catch (error) {
	// After a signal the run's requests fail as n8n stops; that is not news.
	if (!interrupted) log(error.stack ?? error.message);
	await cleanUp();
	process.exit(1);
}
