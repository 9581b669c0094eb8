// `npm start`: the package inside a real n8n, against the vendor sandbox, with the examples ready.
// Builds, compiles and starts the simulators, installs n8n the first time, imports the sandbox
// credentials and examples/, starts n8n on 5678, prints where to log in, and stops all of it on
// Ctrl-C, SIGINT, SIGTERM or SIGHUP, or when npm goes away.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { ensureN8nAsync, n8nEnv, OWNER, ownerSession, ROOT, stageExtension, startN8n, stopProcessGroup } from './n8n.mjs';
import { activateWorkflows, compileSandbox, importSandbox, loadExamples, SANDBOX_DIR, SANDBOX_PORTS, startVendors, triggerUrls } from './sandbox.mjs';

const STEPS = 8;
let step = 0;
const progress = (message) => process.stdout.write(`[start ${++step}/${STEPS}] ${message}\n`);
// Stop functions, stopped last-registered first (n8n before the vendors it calls).
const running = [];
let stopping = false;

function track(stop) {
	if (stopping) stop().catch(() => undefined);
	else running.push(stop);
}

async function shutdown(code, why) {
	if (stopping) return;
	stopping = true;
	process.stdout.write(`\nStopping n8n and the vendor sandbox (${why})…\n`);
	for (const stop of running.reverse()) await stop().catch(() => undefined);
	process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => shutdown(0, signal));
// npm runs this script through `sh -c`, and dash neither passes on the SIGTERM npm forwards nor
// outlives it: the shell dies, npm exits, and this process is left with a new parent.
const parent = process.ppid;
setInterval(() => {
	if (process.ppid !== parent) shutdown(0, 'npm exited');
}, 500).unref();
// After a hang-up the terminal is gone; a failed write must not end this process before it has stopped the rest.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

async function main() {
	// `npm start` is a fresh clone's first command, so it installs the dev tooling itself.
	if (existsSync(join(ROOT, 'node_modules', '.bin', 'tsc'))) progress('dependencies already installed');
	else {
		progress('installing dependencies (npm ci)');
		const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
		if (install.status !== 0) throw new Error('npm ci failed (see above)');
	}

	progress('building the package (npm run build)');
	const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	if (build.status !== 0) throw new Error('npm run build failed (see above)');

	progress('compiling the vendor sandbox (tsconfig.sandbox.json → .sandbox/build)');
	compileSandbox();

	progress(`starting the vendor sandbox on 127.0.0.1:${SANDBOX_PORTS.qontak}-${SANDBOX_PORTS.control}`);
	const sandbox = await startVendors({ fixedPorts: true });
	track(sandbox.stop);
	const { vendors } = sandbox;

	progress('checking n8n (installed once into ~/.cache/n8n-nodes-nusantara; the first time takes 5-10 minutes)');
	await ensureN8nAsync({ onSpawn: (installer) => track(() => stopProcessGroup(installer, 5_000)) });
	if (stopping) return;
	const extension = stageExtension();

	progress('importing the sandbox credentials and examples/ into .sandbox/n8n-home');
	const userFolder = join(SANDBOX_DIR, 'n8n-home');
	mkdirSync(userFolder, { recursive: true });
	const env = n8nEnv({ userFolder, port: SANDBOX_PORTS.n8n, extensions: extension, extra: { N8N_RUNNERS_BROKER_PORT: String(SANDBOX_PORTS.n8nBroker) } });
	const workflows = loadExamples(undefined, vendors);
	importSandbox(env, vendors, { workflows });

	progress(`starting n8n on http://127.0.0.1:${SANDBOX_PORTS.n8n} (a fresh user folder takes about 15 s more)`);
	if (stopping) return;
	// Registered as soon as it exists: a signal during n8n's start-up must not leave it running.
	let stopN8n;
	const n8n = await startN8n(env, { port: SANDBOX_PORTS.n8n, processGroup: true, onSpawn: (child) => track(() => (stopN8n ? stopN8n() : stopProcessGroup(child))) });
	stopN8n = n8n.stop;
	// Its start-up chatter is held back (shown only on failure); from here on warnings go to the terminal.
	n8n.child.stdout.pipe(process.stdout);
	n8n.child.stderr.pipe(process.stderr);

	progress('creating the owner login and activating the trigger examples');
	const session = await ownerSession(SANDBOX_PORTS.n8n);
	const triggered = workflows.filter((workflow) => workflow.nodes.some((node) => /Trigger$/.test(node.type) && !node.type.startsWith('n8n-nodes-base.')));
	await activateWorkflows(session, triggered.map((workflow) => workflow.id));

	printWelcome(vendors, workflows);
	n8n.child.once('exit', (code) => {
		if (!stopping) process.stderr.write(`n8n exited unexpectedly (${code}).\n`);
		shutdown(code ?? 1, 'n8n exited');
	});
}

function printWelcome(vendors, workflows) {
	const base = `http://127.0.0.1:${SANDBOX_PORTS.n8n}`;
	const urls = triggerUrls(workflows, base);
	const urlOf = (type, workflowId) =>
		urls.find((entry) => entry.type === `CUSTOM.${type}` && (!workflowId || entry.workflowId === workflowId))?.url ?? '<trigger Production URL>';
	const lines = [
		'',
		'  n8n-nodes-nusantara sandbox is running',
		'',
		`  Editor     ${base}`,
		`  Login      ${OWNER.email} / ${OWNER.password}`,
		'',
		'  Vendors (simulators on 127.0.0.1, demo data; credentials "… (sandbox)" in n8n point here)',
		`    Qontak CRM + Omnichannel (Mekari gateway)  ${vendors.qontak}`,
		`    Qontak Chat legacy host                    ${vendors.chatLegacy}`,
		`    Netzme Toko API / invoice host             ${vendors.netzmeToko}  ${vendors.netzmeInvoice}`,
		`    ABMS vtiger                                ${vendors.vtiger}`,
		`    App-key API                                ${vendors.appKey}`,
		'',
		'  Examples: open Workflows; each has a "Test workflow" path. Make the vendors call n8n:',
		`    curl -X POST '${vendors.control}/fire/qontak-crm-lead?url=${urlOf('qontakCrmTrigger', 'exQontakLeadWelcome')}'`,
		`    curl -X POST '${vendors.control}/fire/qontak-deal-stage?url=${urlOf('qontakCrmTrigger', 'exQontakDealStageWa')}'   (deal 3001 → Menang)`,
		`    curl -X POST '${vendors.control}/fire/netzme-qris-paid?url=${urlOf('netzmeTrigger')}&amount=45000'`,
		`    curl -X POST '${vendors.control}/fire/netzme-invoice-paid?url=${urlOf('netzmeTrigger')}'`,
		`    curl -X POST '${vendors.control}/fire/vtiger-contact'        (picked up by the vtiger trigger within a minute)`,
		`    curl -X POST '${vendors.control}/fire/qontak-message'        (example 6: Budi writes, to the URL the trigger registered with Qontak)`,
		`    curl -X POST '${vendors.control}/fire/qontak-message?url=${urlOf('qontakBroadcastTrigger', 'exQontakMessageRoute')}&from=6281311110001'`,
		'        (example 9: Siti writes → task on deal 3001; &from=6281311110002 Bambang → reply by name; no from: Budi → new contact)',
		`    curl -X POST '${vendors.control}/fire/qontak-message?url=${urlOf('qontakBroadcastTrigger', 'exQontakPhotoToDeal')}&from=6281311110001&file=image'`,
		'        (example 10: Siti sends a photo → note on deal 3001)',
		`    curl '${vendors.control}/state'                              (tokens issued, logins, messages sent)`,
		'',
		'  Ctrl-C (or a SIGTERM to npm) stops n8n and the vendors. Your n8n data stays in .sandbox/n8n-home; examples are re-imported on each start.',
		'',
	];
	process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
	if (stopping) return;
	process.stderr.write(`npm start failed: ${error.message}\n`);
	shutdown(1, 'failed');
});
