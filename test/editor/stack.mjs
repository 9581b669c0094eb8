// The n8n + vendor sandbox the editor check drives: its own ports (5690 for n8n, 5691 for n8n's
// task broker so it never meets another instance's 5679), random vendor ports and a user folder
// that is made anew each run, so a leftover login or workflow can't make a check pass.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { ensureN8n, n8nEnv, ownerSession, ROOT, stageExtension, startN8n } from '../../scripts/n8n.mjs';
import { compileSandbox, importSandbox, SANDBOX_DIR, startVendors } from '../../scripts/sandbox.mjs';

export const EDITOR_PORT = 5690;
const BROKER_PORT = 5691;
const HOME = join(SANDBOX_DIR, 'editor');

/** Starts everything; `stop()` ends all of it and is safe to call more than once or after a partial start. */
export async function startStack(workflows, { log = () => undefined } = {}) {
	const stops = [];
	const stop = async () => {
		while (stops.length) await stops.pop()().catch(() => undefined);
	};
	try {
		log('building the package (npm run build)');
		const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
		if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
		compileSandbox();
		ensureN8n();

		rmSync(HOME, { recursive: true, force: true });
		mkdirSync(HOME, { recursive: true });
		const extension = stageExtension(join(HOME, 'extension'));

		log('starting the vendor sandbox (random ports)');
		const sandbox = await startVendors({ fixedPorts: false, file: join(HOME, 'vendors.json') });
		stops.push(sandbox.stop);

		const env = n8nEnv({ userFolder: join(HOME, 'n8n'), port: EDITOR_PORT, extensions: extension, extra: { N8N_RUNNERS_BROKER_PORT: String(BROKER_PORT) } });
		log('importing the sandbox credentials and the editor workflows');
		importSandbox(env, sandbox.vendors, { workflows });

		log(`starting n8n on http://127.0.0.1:${EDITOR_PORT}`);
		const n8n = await startN8n(env, { port: EDITOR_PORT });
		stops.push(n8n.stop);
		const session = await ownerSession(EDITOR_PORT);
		return { vendors: sandbox.vendors, base: session.base, session, n8nLog: n8n.log, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
