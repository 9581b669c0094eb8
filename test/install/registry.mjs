// The local npm registry test:install publishes the package to: Verdaccio, installed once into the
// same cache folder as n8n from the lock file beside this script, run on 127.0.0.1 with its
// storage in the run's temporary folder.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { EXIT_WITH_PARENT, N8N_DIR, stopProcessGroup } from '../../scripts/n8n.mjs';
import { eventually, run } from './steps.mjs';

const HERE = join(dirname(fileURLToPath(import.meta.url)), 'registry');
const manifest = readFileSync(join(HERE, 'package.json'), 'utf8');
const lock = readFileSync(join(HERE, 'package-lock.json'), 'utf8');
export const VERDACCIO_VERSION = JSON.parse(manifest).dependencies.verdaccio;

// Named after the lock, so a changed lock installs afresh beside the old copy.
const INSTALL_DIR = join(dirname(N8N_DIR), `verdaccio-${VERDACCIO_VERSION}-${createHash('sha256').update(lock).digest('hex').slice(0, 10)}`);
const BIN = join(INSTALL_DIR, 'node_modules', 'verdaccio', 'bin', 'verdaccio');

/** Installs Verdaccio (about 15 s, 60 MB) unless the cache has this lock's install already. */
export async function ensureVerdaccio() {
	if (existsSync(join(INSTALL_DIR, '.installed'))) return 'cached';
	// Built beside the final folder and renamed into place, so a killed install is never taken for a finished one.
	const temp = `${INSTALL_DIR}.tmp-${process.pid}`;
	rmSync(temp, { recursive: true, force: true });
	mkdirSync(temp, { recursive: true });
	try {
		writeFileSync(join(temp, 'package.json'), manifest);
		writeFileSync(join(temp, 'package-lock.json'), lock);
		await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: temp, timeoutMs: 300_000, what: `installing Verdaccio ${VERDACCIO_VERSION}` });
		writeFileSync(join(temp, '.installed'), `${new Date().toISOString()}\n`);
		try {
			renameSync(temp, INSTALL_DIR);
		} catch (error) {
			// Another run finished the same install first; its copy is as good as this one.
			if (!existsSync(join(INSTALL_DIR, '.installed'))) throw error;
		}
	} finally {
		rmSync(temp, { recursive: true, force: true });
	}
	return 'installed';
}

/**
 * Our package is served from local storage only (no uplink for it, so a same-named package on
 * the public registry can never mix in) and published by the one user this run creates; any
 * other package is fetched from the npm registry.
 */
function config(storage, packageName) {
	return `storage: ${JSON.stringify(storage)}
auth:
  htpasswd:
    file: ${JSON.stringify(join(storage, '..', 'htpasswd'))}
    max_users: 1
uplinks:
  npmjs:
    url: https://registry.npmjs.org/
    timeout: 60s
packages:
  ${JSON.stringify(packageName)}:
    access: $all
    publish: $authenticated
    unpublish: $authenticated
  '**':
    access: $all
    publish: $nobody
    proxy: npmjs
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
`;
}

/** Starts Verdaccio on 127.0.0.1:port; answers { url, publish(tarballOrFolder), stop(), log() }. */
export async function startRegistry({ folder, port, packageName, onSpawn }) {
	mkdirSync(join(folder, 'storage'), { recursive: true });
	const configFile = join(folder, 'config.yaml');
	writeFileSync(configFile, config(join(folder, 'storage'), packageName));
	const url = `http://127.0.0.1:${port}`;
	// Its own process group, so stop() also ends anything it spawned; it stops itself if this process dies.
	const child = spawn(process.execPath, ['--import', EXIT_WITH_PARENT, BIN, '--config', configFile, '--listen', `127.0.0.1:${port}`], {
		cwd: folder,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
		// Verdaccio's own requests go straight to the npm registry, whatever proxy this shell has.
		env: { ...process.env, HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '' },
	});
	onSpawn?.(() => stopProcessGroup(child, 5_000));
	let log = '';
	child.stdout.on('data', (chunk) => (log += chunk));
	child.stderr.on('data', (chunk) => (log += chunk));
	const stop = () => stopProcessGroup(child, 5_000);

	await eventually(
		`Verdaccio answering on ${url}`,
		async () => {
			if (child.exitCode !== null) throw new Error(`Verdaccio exited with ${child.exitCode}${/EADDRINUSE/.test(log) ? ` (port ${port} is taken; set INSTALL_REGISTRY_PORT)` : ''}:\n${log.slice(-2000)}`);
			const response = await fetch(`${url}/-/ping`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
			return response?.ok ? true : undefined;
		},
		{ timeoutMs: 30_000, failFast: (error) => /exited with/.test(error.message) },
	);

	// The registry's user endpoint (what `npm adduser` calls) creates the publisher and hands out its token.
	const user = { name: 'install-check', password: randomBytes(12).toString('hex') };
	const added = await fetch(`${url}/-/user/org.couchdb.user:${user.name}`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(user),
		signal: AbortSignal.timeout(10_000),
	});
	const body = await added.json().catch(() => ({}));
	if (!added.ok || !body.token) throw new Error(`creating the registry user failed: HTTP ${added.status} ${JSON.stringify(body)}`);
	// A user config of its own: the token stays out of the command line and the developer's ~/.npmrc stays out of the run.
	const npmrc = join(folder, 'npmrc');
	writeFileSync(npmrc, `registry=${url}/\n//127.0.0.1:${port}/:_authToken=${body.token}\nignore-scripts=true\n`);

	const publish = async (what) =>
		await run('npm', ['publish', what, '--userconfig', npmrc, '--registry', `${url}/`, '--no-provenance', '--loglevel=error'], {
			cwd: folder,
			timeoutMs: 120_000,
			what: `npm publish ${what}`,
		});

	return { url, publish, stop, log: () => log };
}
