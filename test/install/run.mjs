// `npm run test:install`: the package the way a user gets it. The built package is packed, checked
// (file allow-list, n8n's verification scanner), published to a local npm registry, and installed
// into a real n8n 2.41.1 through Settings → Community Nodes (the REST endpoint that page calls).
// Then every node and credential must register, each node runs once against the vendor sandbox,
// a newer version published to the registry is installed through the same page's update, and the
// package is uninstalled. n8n does not load our dist/ as a custom extension here.
//
//   npm run test:install      (builds first)
//   INSTALL_PORT=5690 (n8n; its task broker takes the next port)  INSTALL_REGISTRY_PORT=4880
//   INSTALL_KEEP=1 keeps the temporary folder (n8n's user folder, the registry's storage, logs)
//
// Nothing leaves 127.0.0.1 but the registry's fetches of other packages from the npm registry:
// n8n gets a proxy that refuses everything (egressGuard.mjs).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { ensureN8nAsync, N8N_VERSION, n8nEnv, ownerSession, startN8n, stopProcessGroup } from '../../scripts/n8n.mjs';
import { compileSandbox, fireCallback, sandboxCredentials, startVendors } from '../../scripts/sandbox.mjs';
import { startEgressGuard } from './egressGuard.mjs';
import { ensureVerdaccio, startRegistry, VERDACCIO_VERSION } from './registry.mjs';
import { packAndScan } from './scan.mjs';
import { bounded, eventually, Steps } from './steps.mjs';
import { extract, packageJson } from './tarball.mjs';
import { actionWorkflows, triggerWorkflows } from './workflows.mjs';

const PORT = Number(process.env.INSTALL_PORT ?? 5690);
const REGISTRY_PORT = Number(process.env.INSTALL_REGISTRY_PORT ?? 4880);
const KEEP = process.env.INSTALL_KEEP === '1';
// Well above a normal run (1.5-2.5 minutes; a first Verdaccio install adds 20 s, a first n8n install 10 minutes).
const RUN_LIMIT_MS = 25 * 60_000;
// n8n installs from a registry other than registry.npmjs.org only with this licensed feature; its
// test mode (E2E_TESTS=true) has an endpoint that switches it on, which is all that mode is used for here.
const CUSTOM_REGISTRY_FEATURE = 'feat:communityNodes:customRegistry';

const pkg = packageJson();
const PACKAGE = pkg.name;
const firstVersion = pkg.version;
const nextVersion = bump(firstVersion);
const lcfirst = (text) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
// The package test holds every node's file name to its type name (Netzme.node.js ↔ netzme), and so every credential's.
const NODE_TYPES = pkg.n8n.nodes.map((path) => `${PACKAGE}.${lcfirst(basename(path, '.node.js'))}`).sort();
const CREDENTIAL_TYPES = pkg.n8n.credentials.map((path) => lcfirst(basename(path, '.credentials.js'))).sort();

/** A version above `version`: the release of a prerelease, else the next patch. */
function bump(version) {
	const match = /^(\d+)\.(\d+)\.(\d+)(-.+)?$/.exec(version);
	if (!match) throw new Error(`package.json version ${version} is not x.y.z`);
	const [, major, minor, patch, prerelease] = match;
	return prerelease ? `${major}.${minor}.${patch}` : `${major}.${minor}.${Number(patch) + 1}`;
}

const steps = new Steps('test:install');
const cleanups = [];
let temp;
let n8n;
let stopping = false;

async function cleanUp() {
	for (const stop of cleanups.reverse()) await bounded(Promise.resolve().then(stop), 30_000, 'stopping a process').catch((error) => process.stdout.write(`  (cleanup: ${error.message})\n`));
	cleanups.length = 0;
	if (temp && !KEEP) rmSync(temp, { recursive: true, force: true });
	else if (temp) process.stdout.write(`  kept ${temp}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, async () => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${signal}: stopping n8n, the registry and the sandbox…\n`);
		await cleanUp();
		process.exit(130);
	});
}

async function portIsFree(port) {
	return await new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

/** The owner's REST API of the running n8n; answers the body's data (or the body), fails with the HTTP answer. */
function restClient(session) {
	return async (method, path, body, timeoutMs = 60_000) => {
		const response = await fetch(`${session.base}${path}`, {
			method,
			headers: { cookie: session.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 2000)}`);
		if (!text) return undefined;
		const parsed = JSON.parse(text);
		return parsed?.data ?? parsed;
	};
}

const sameList = (what, actual, expected) => {
	const sortedActual = [...actual].sort();
	if (JSON.stringify(sortedActual) !== JSON.stringify([...expected].sort())) {
		throw new Error(`${what}: expected ${JSON.stringify([...expected].sort())}, got ${JSON.stringify(sortedActual)}`);
	}
};

async function main() {
	process.stdout.write(`test:install: ${PACKAGE}@${firstVersion}, then ${nextVersion}, through Verdaccio ${VERDACCIO_VERSION} on 127.0.0.1:${REGISTRY_PORT} into n8n ${N8N_VERSION} on 127.0.0.1:${PORT}\n`);
	const watchdog = setTimeout(() => {
		process.stdout.write(`\ntest:install did not finish in ${RUN_LIMIT_MS / 60_000} minutes; stopping\n`);
		cleanUp().finally(() => process.exit(1));
	}, RUN_LIMIT_MS);
	watchdog.unref();
	// Ports first: a clash found after the scan would waste half a minute.
	for (const [port, variable] of [
		[REGISTRY_PORT, 'INSTALL_REGISTRY_PORT'],
		[PORT, 'INSTALL_PORT'],
		[PORT + 1, 'INSTALL_PORT (n8n’s task broker takes INSTALL_PORT + 1)'],
	]) {
		if (!(await portIsFree(port))) throw new Error(`port ${port} on 127.0.0.1 is taken (an earlier run still going?); free it or set ${variable}`);
	}
	temp = mkdtempSync(join(tmpdir(), 'nusantara-install-'));

	// 1. The tarball.
	const { packed } = await packAndScan(steps, temp);

	// 2. The registry, with the first version on it.
	const registry = await steps.step(`Verdaccio ${VERDACCIO_VERSION} on 127.0.0.1:${REGISTRY_PORT}`, async () => {
		const how = await ensureVerdaccio();
		const started = await startRegistry({ folder: join(temp, 'registry'), port: REGISTRY_PORT, packageName: PACKAGE, onSpawn: (stop) => cleanups.push(stop) });
		return Object.assign(started, { toString: () => how });
	});
	await steps.step(`npm publish ${PACKAGE}@${firstVersion} (the packed tarball)`, async () => {
		await registry.publish(packed.file);
		const latest = await latestOnRegistry(registry.url);
		if (latest !== firstVersion) throw new Error(`the registry's latest is ${latest}, not ${firstVersion}`);
	});

	// 3. The vendor sandbox and a fresh n8n that knows nothing of the package.
	const guard = await startEgressGuard();
	cleanups.push(guard.stop);
	const { vendors } = await steps.step('vendor sandbox (simulators on free ports)', async () => {
		compileSandbox();
		const sandbox = await startVendors({ fixedPorts: false, file: join(temp, 'vendors.json') });
		cleanups.push(sandbox.stop);
		return sandbox;
	});
	const rest = await steps.step(`n8n ${N8N_VERSION} with community packages from the local registry`, async () => {
		await ensureN8nAsync({ onSpawn: (installer) => cleanups.push(() => stopProcessGroup(installer, 5_000)) });
		const userFolder = join(temp, 'n8n');
		const noExtensions = join(temp, 'no-custom-extensions');
		mkdirSync(noExtensions, { recursive: true });
		const env = n8nEnv({
			userFolder,
			port: PORT,
			extensions: noExtensions,
			extra: {
				N8N_RUNNERS_BROKER_PORT: String(PORT + 1),
				N8N_LOG_LEVEL: 'warn',
				E2E_TESTS: 'true', // for CUSTOM_REGISTRY_FEATURE
				N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
				N8N_COMMUNITY_PACKAGES_REGISTRY: registry.url,
				N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
				// The verified-packages list comes from n8n's own servers.
				N8N_VERIFIED_PACKAGES_ENABLED: 'false',
				HTTP_PROXY: guard.url,
				HTTPS_PROXY: guard.url,
				http_proxy: guard.url,
				https_proxy: guard.url,
				NO_PROXY: '127.0.0.1,localhost,::1',
				no_proxy: '127.0.0.1,localhost,::1',
			},
		});
		// n8n's own npm calls (pack, install, outdated): the local registry, and none of this shell's npm settings.
		for (const name of Object.keys(env)) if (/^npm_/i.test(name)) delete env[name];
		env.npm_config_registry = `${registry.url}/`;
		env.npm_config_userconfig = join(temp, 'n8n.npmrc');
		delete env.NODE_ENV;
		let stopN8n;
		n8n = await startN8n(env, { port: PORT, timeoutMs: 180_000, processGroup: true, onSpawn: (child) => cleanups.push(() => (stopN8n ? stopN8n() : stopProcessGroup(child))) });
		stopN8n = n8n.stop;
		const session = await bounded(ownerSession(PORT), 60_000, 'the owner login');
		const call = restClient(session);
		await call('PATCH', '/rest/e2e/feature', { feature: CUSTOM_REGISTRY_FEATURE, enabled: true });
		return Object.assign(call, { userFolder });
	});
	const types = async () => {
		const [nodes, credentials] = await Promise.all([rest('GET', '/types/nodes.json'), rest('GET', '/types/credentials.json')]);
		return { nodes: new Set(nodes.map((node) => node.name)), credentials: new Set(credentials.map((credential) => credential.name)) };
	};
	const ours = ({ nodes, credentials }) => [...[...nodes].filter((name) => name.startsWith(`${PACKAGE}.`) || /^CUSTOM\./.test(name)), ...CREDENTIAL_TYPES.filter((name) => credentials.has(name))];
	await steps.step('before the install n8n has none of our nodes or credentials', async () => {
		const found = ours(await types());
		if (found.length) throw new Error(`already registered: ${found.join(', ')}`);
	});

	// 4. Install, as Settings → Community Nodes → Install does.
	await steps.step(`POST /rest/community-packages { name: "${PACKAGE}" } installs ${firstVersion}`, async () => {
		const installed = await rest('POST', '/rest/community-packages', { name: PACKAGE }, 240_000);
		checkInstalled(installed, firstVersion);
		return `${installed.installedNodes.length} nodes`;
	});
	await steps.step('every node and credential of package.json registers in n8n', async () => {
		await eventually(
			'our nodes and credentials in /types/nodes.json and /types/credentials.json',
			async () => {
				const { nodes, credentials } = await types();
				const missing = [...NODE_TYPES.filter((type) => !nodes.has(type)), ...CREDENTIAL_TYPES.filter((type) => !credentials.has(type))];
				if (missing.length) throw new Error(`not registered: ${missing.join(', ')}`);
				return true;
			},
			{ timeoutMs: 30_000 },
		);
		return `${NODE_TYPES.length} nodes, ${CREDENTIAL_TYPES.length} credentials`;
	});

	// 5. Each node at work against the sandbox.
	const credentialIds = await steps.step('each credential is created and passes its test', async () => {
		const ids = {};
		for (const credential of sandboxCredentials(vendors)) {
			if (!CREDENTIAL_TYPES.includes(credential.type)) throw new Error(`the sandbox has a credential ${credential.type} package.json does not list`);
			const created = await rest('POST', '/rest/credentials', { name: credential.name, type: credential.type, data: credential.data });
			ids[credential.type] = { id: created.id, name: credential.name };
			const tested = await rest('POST', '/rest/credentials/test', { credentials: { id: created.id, name: credential.name, type: credential.type, data: credential.data } });
			if (tested?.status !== 'OK') throw new Error(`${credential.type}: the credential test answered ${JSON.stringify(tested)}`);
		}
		sameList('credentials made', Object.keys(ids), CREDENTIAL_TYPES);
		return ids;
	});
	const credentialRef = (type) => ({ [type]: credentialIds[type] });
	const actions = actionWorkflows(PACKAGE, credentialRef);
	const triggers = triggerWorkflows(PACKAGE, credentialRef);
	sameList('node types the workflows use', [...actions, ...triggers].map((entry) => `${PACKAGE}.${entry.key}`), NODE_TYPES);
	const create = async (workflow) => {
		const created = await rest('POST', '/rest/workflows', workflow);
		await rest('POST', `/rest/workflows/${created.id}/activate`, { versionId: created.versionId });
		return created.id;
	};
	const webhookUrl = (path) => `http://127.0.0.1:${PORT}/webhook/${path}`;
	// A production webhook answers 404 for a moment after its workflow's activation has answered.
	const whenRegistered = (what, send) =>
		eventually(`n8n to register the webhook of ${what}`, async () => ((await send()).unregistered ? undefined : true), { timeoutMs: 30_000 });
	const callAction = async (action) => {
		let response;
		let text;
		await whenRegistered(action.node, async () => {
			response = await fetch(webhookUrl(action.path), { signal: AbortSignal.timeout(60_000) });
			text = await response.text();
			return { unregistered: response.status === 404 && /is not registered/.test(text) };
		});
		if (!response.ok) throw new Error(`${action.node}: the webhook answered HTTP ${response.status} ${text.slice(0, 1500)}`);
		const items = JSON.parse(text);
		if (!Array.isArray(items) || items.length === 0 || items.some((item) => item.error)) throw new Error(`${action.node}: unexpected output ${text.slice(0, 1500)}`);
		return items.length;
	};
	await steps.step(`the ${actions.length} action nodes run (Webhook → node, answered by the node's output)`, async () => {
		const counts = [];
		for (const action of actions) {
			await create(action.workflow);
			counts.push(`${action.node}: ${await callAction(action)}`);
		}
		return counts.join(', ');
	});
	await steps.step(`the ${triggers.length} triggers start executions (webhooks by the sandbox's callbacks, polls by new records)`, async () => {
		for (const trigger of triggers) trigger.id = await create(trigger.workflow);
		// A poll notes what exists at its first run and emits only what comes later.
		for (const trigger of triggers.filter((entry) => entry.kind === 'poll')) {
			await eventually(`the first poll of ${trigger.node}`, async () => ((await staticData(rest, trigger.id))[`node:${trigger.node}`]?.[trigger.mark] !== undefined ? true : undefined), {
				timeoutMs: 60_000,
			});
		}
		for (const trigger of triggers.filter((entry) => entry.fire)) {
			const url = trigger.url ? webhookUrl(`${trigger.webhookId}/webhook`) : undefined;
			let fired;
			await whenRegistered(trigger.node, async () => {
				fired = await bounded(fireCallback(vendors, trigger.fire, url), 30_000, `the sandbox's ${trigger.fire}`);
				// The sandbox answers what n8n answered its callback.
				return { unregistered: fired.status === 502 && fired.body.statuses?.length > 0 && fired.body.statuses.every((status) => status === 404) };
			});
			if (fired.status < 200 || fired.status >= 300) throw new Error(`${trigger.node}: the sandbox's ${trigger.fire} answered ${fired.status} ${JSON.stringify(fired.body).slice(0, 1500)}`);
		}
		for (const trigger of triggers) {
			const executions = await eventually(
				`an execution of ${trigger.node}`,
				async () => {
					const filter = encodeURIComponent(JSON.stringify({ workflowId: trigger.id }));
					const list = (await rest('GET', `/rest/executions?filter=${filter}&limit=10`)).results;
					const done = list.filter((execution) => !['new', 'running', 'waiting'].includes(execution.status));
					return done.length ? done : undefined;
				},
				{ timeoutMs: 90_000, everyMs: 1_000 },
			);
			const failed = executions.filter((execution) => execution.status !== 'success');
			if (failed.length) throw new Error(`${trigger.node}: execution ${failed[0].id} ended ${failed[0].status}\n${n8n.log().slice(-3000)}`);
		}
		return triggers.map((trigger) => trigger.node).join(', ');
	});

	// 6. A newer version on the registry, installed through the page's update.
	await steps.step(`npm publish ${PACKAGE}@${nextVersion} (the same files, version raised)`, async () => {
		const folder = await extract(packed.file, join(temp, 'next'));
		const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
		manifest.version = nextVersion;
		writeFileSync(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
		await registry.publish(folder);
		const latest = await latestOnRegistry(registry.url);
		if (latest !== nextVersion) throw new Error(`the registry's latest is ${latest}, not ${nextVersion}`);
	});
	await steps.step(`GET /rest/community-packages offers ${nextVersion} as an update`, async () => {
		const listed = await rest('GET', '/rest/community-packages', undefined, 120_000);
		const entry = listed.find((candidate) => candidate.packageName === PACKAGE);
		if (entry?.installedVersion !== firstVersion || entry?.updateAvailable !== nextVersion) throw new Error(`listed: ${JSON.stringify(listed).slice(0, 1500)}`);
	});
	await steps.step(`PATCH /rest/community-packages { name: "${PACKAGE}" } updates to ${nextVersion}`, async () => {
		const updated = await rest('PATCH', '/rest/community-packages', { name: PACKAGE }, 240_000);
		checkInstalled(updated, nextVersion);
		const onDisk = JSON.parse(readFileSync(join(rest.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE, 'package.json'), 'utf8')).version;
		if (onDisk !== nextVersion) throw new Error(`n8n's nodes folder holds ${onDisk}`);
	});
	await steps.step('after the update every node and credential is registered and the actions run', async () => {
		const { nodes, credentials } = await types();
		const missing = [...NODE_TYPES.filter((type) => !nodes.has(type)), ...CREDENTIAL_TYPES.filter((type) => !credentials.has(type))];
		if (missing.length) throw new Error(`not registered: ${missing.join(', ')}`);
		for (const action of actions) await callAction(action);
	});

	// 7. Uninstall.
	await steps.step(`DELETE /rest/community-packages?name=${PACKAGE} uninstalls it`, async () => {
		await rest('DELETE', `/rest/community-packages?name=${encodeURIComponent(PACKAGE)}`, undefined, 120_000);
		const listed = await rest('GET', '/rest/community-packages', undefined, 120_000);
		if (listed.some((candidate) => candidate.packageName === PACKAGE)) throw new Error(`still listed: ${JSON.stringify(listed).slice(0, 1500)}`);
		await eventually(
			'our nodes and credentials gone from /types',
			async () => {
				const found = ours(await types());
				if (found.length) throw new Error(`still registered: ${found.join(', ')}`);
				return true;
			},
			{ timeoutMs: 30_000 },
		);
		if (existsSync(join(rest.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE))) throw new Error("the package is still in n8n's nodes folder");
	});
	process.stdout.write(`  requests from n8n refused by the egress guard: ${guard.summary()}\n`);
}

function checkInstalled(installed, version) {
	if (installed?.packageName !== PACKAGE || installed.installedVersion !== version) {
		throw new Error(`n8n answered ${JSON.stringify(installed).slice(0, 1500)}; expected ${PACKAGE}@${version}`);
	}
	sameList('installedNodes', installed.installedNodes.map((node) => node.type), NODE_TYPES);
}

async function latestOnRegistry(url) {
	const response = await fetch(`${url}/${PACKAGE}`, { signal: AbortSignal.timeout(10_000) });
	if (!response.ok) throw new Error(`the registry answered HTTP ${response.status} for ${PACKAGE}`);
	return (await response.json())['dist-tags']?.latest;
}

async function staticData(rest, workflowId) {
	const workflow = await rest('GET', `/rest/workflows/${workflowId}`);
	const data = workflow.staticData;
	return (typeof data === 'string' ? JSON.parse(data) : data) ?? {};
}

try {
	await main();
} catch (error) {
	process.exitCode = 1;
	process.stdout.write(`\n${error.step ? `${error.step}: ` : ''}${error.message}\n`);
	if (n8n && !/n8n (start|worker)/.test(error.message)) process.stdout.write(`\nn8n's log (last lines):\n${n8n.log().slice(-3000)}\n`);
} finally {
	if (!stopping) {
		await cleanUp();
		process.stdout.write(`took ${steps.elapsed()}\n${steps.summary()}\n`);
	}
}
