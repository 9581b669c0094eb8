// Redis and PostgreSQL for queue mode, from Debian's packages, as throwaway loopback instances
// whose data lives under .sandbox/queue/ and is removed when they stop. Nothing system-wide is
// started or configured: the packages' own services stay untouched.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

const log = (message) => process.stderr.write(`[queue] ${message}\n`);

function run(command, args, options = {}) {
	// psql answers with whole execution records for the trigger checks: more than the default 1 MB.
	const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed with ${result.status ?? result.signal}:\n${result.stdout ?? ''}${result.stderr ?? ''}`);
	}
	return result.stdout;
}

function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const versions = readdirSync(base)
		.filter((name) => existsSync(join(base, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(base, versions[0], 'bin') : undefined;
}

/** Installs redis-server and postgresql with apt the first time; needs root (CI and this machine kind run as root). */
export function ensurePackages() {
	const missing = [];
	if (spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status !== 0) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (!missing.length) return;
	if (process.getuid?.() !== 0) throw new Error(`Queue mode needs ${missing.join(' and ')}: install them with "sudo apt-get install -y ${missing.join(' ')}"`);
	log(`installing ${missing.join(' and ')} from Debian's packages (first time only, about a minute)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	run('apt-get', ['update', '-qq'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
	run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function waitForPort(port, timeoutMs, what, child) {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		if (child && child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
		const open = await new Promise((resolve) => {
			const socket = connect(port, '127.0.0.1');
			socket.once('connect', () => (socket.destroy(), resolve(true)));
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${what} did not open port ${port} within ${timeoutMs} ms`);
}

async function assertPortFree(port, what) {
	const taken = await new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => resolve(false));
	});
	if (taken) throw new Error(`Port ${port} for ${what} is already in use: is another test:queue run still going? Stop it first.`);
}

/** redis-server as a child process: no persistence, loopback only. */
export async function startRedis({ dir, port = 6390 }) {
	await assertPortFree(port, 'Redis');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const child = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--loglevel', 'warning'],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	try {
		await waitForPort(port, 15_000, 'redis-server', child);
	} catch (error) {
		child.kill('SIGKILL');
		throw new Error(`${error.message}\n${output.slice(-2000)}`);
	}
	const stop = () =>
		new Promise((done) => {
			if (child.exitCode !== null || child.signalCode !== null) return done(rmSync(dir, { recursive: true, force: true }));
			child.once('exit', () => done(rmSync(dir, { recursive: true, force: true })));
			child.kill('SIGTERM');
			setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
		});
	return { host: '127.0.0.1', port, pid: child.pid, stop, log: () => output };
}

/**
 * A PostgreSQL cluster of its own (initdb + pg_ctl), trust auth on 127.0.0.1 only, no Unix
 * socket, fsync off: a test database, not a durable one. initdb refuses to run as root, so as
 * root the cluster belongs to Debian's postgres user.
 */
export async function startPostgres({ dir, port = 5440, user = 'n8n', database = 'n8n' }) {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql; run ensurePackages() first');
	const dataDir = join(dir, 'data');
	const asRoot = process.getuid?.() === 0;
	let owner = {};
	if (asRoot) {
		const uid = Number(run('id', ['-u', 'postgres']).trim());
		const gid = Number(run('id', ['-g', 'postgres']).trim());
		owner = { uid, gid };
	}
	const pgCtl = (args, extra = {}) => run(join(bin, 'pg_ctl'), ['-D', dataDir, ...args], { ...owner, cwd: dir, ...extra });

	// A cluster left behind by an interrupted run would hold the port and the folder.
	if (existsSync(join(dataDir, 'postmaster.pid'))) spawnSync(join(bin, 'pg_ctl'), ['-D', dataDir, 'stop', '-m', 'immediate'], { ...owner, stdio: 'ignore' });
	await assertPortFree(port, 'PostgreSQL');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	if (asRoot) chownSync(dir, owner.uid, owner.gid);
	run(join(bin, 'initdb'), ['-D', dataDir, '-U', user, '--auth=trust', '--encoding=UTF8', '--no-instructions', '--no-sync'], { ...owner, cwd: dir });
	writeFileSync(
		join(dataDir, 'postgresql.auto.conf'),
		[
			`port = ${port}`,
			"listen_addresses = '127.0.0.1'",
			"unix_socket_directories = ''",
			'fsync = off',
			'synchronous_commit = off',
			'full_page_writes = off',
			'max_connections = 100',
			// So the queue run's trigger checks can tell when a static-data save became visible to other processes.
			'track_commit_timestamp = on',
			'',
		].join('\n'),
	);
	if (asRoot) chownSync(join(dataDir, 'postgresql.auto.conf'), owner.uid, owner.gid);
	pgCtl(['start', '-w', '-t', '60', '-l', join(dir, 'postgres.log')]);
	const psql = (sql, db = 'postgres') => run(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', db, '-v', 'ON_ERROR_STOP=1', '-Atc', sql]);
	psql(`CREATE DATABASE ${database}`);
	const stop = async () => {
		spawnSync(join(bin, 'pg_ctl'), ['-D', dataDir, 'stop', '-m', 'fast', '-t', '30'], { ...owner, cwd: dir, stdio: 'ignore' });
		rmSync(dir, { recursive: true, force: true });
	};
	return { host: '127.0.0.1', port, user, password: '', database, stop, query: (sql) => psql(sql, database), logFile: join(dir, 'postgres.log') };
}

/**
 * Processes an earlier run started and could not stop (it was killed outright) still hold the
 * ports and the data folders. Their ids are kept in a file beside .sandbox/queue/; each one is
 * ended only if it still looks like what was recorded (its command line or environment names
 * the marker), so a recycled id never hits someone else's process.
 */
export async function reapStale(pidFile, postgresDataDir) {
	const bin = postgresBinDir();
	if (bin && existsSync(join(postgresDataDir, 'postmaster.pid'))) {
		const owner = process.getuid?.() === 0 ? { uid: Number(run('id', ['-u', 'postgres']).trim()), gid: Number(run('id', ['-g', 'postgres']).trim()) } : {};
		spawnSync(join(bin, 'pg_ctl'), ['-D', postgresDataDir, 'stop', '-m', 'immediate'], { ...owner, stdio: 'ignore' });
	}
	if (!existsSync(pidFile)) return;
	let recorded = [];
	try {
		recorded = JSON.parse(readFileSync(pidFile, 'utf8'));
	} catch {
		// An unreadable file names nothing to stop.
	}
	const isStale = ({ pid, marker }) => {
		try {
			return (readFileSync(`/proc/${pid}/cmdline`, 'utf8') + readFileSync(`/proc/${pid}/environ`, 'utf8')).includes(marker);
		} catch {
			return false;
		}
	};
	const signal = (pid, name) => {
		try {
			process.kill(pid, name);
		} catch {
			// Already gone.
		}
	};
	const stale = recorded.filter(isStale);
	// SIGTERM first: n8n then stops its own task-runner child, which SIGKILL would orphan.
	for (const { pid } of stale) {
		log(`stopping process ${pid} left over from an interrupted run`);
		signal(pid, 'SIGTERM');
	}
	for (let waited = 0; waited < 20_000 && stale.some(isStale); waited += 250) await new Promise((resolve) => setTimeout(resolve, 250));
	for (const entry of stale.filter(isStale)) signal(entry.pid, 'SIGKILL');
	rmSync(pidFile, { force: true });
}

/** Records a started process for reapStale(). */
export function remember(pidFile, pid, marker) {
	let recorded = [];
	if (existsSync(pidFile)) recorded = JSON.parse(readFileSync(pidFile, 'utf8'));
	recorded.push({ pid, marker });
	writeFileSync(pidFile, JSON.stringify(recorded));
}
