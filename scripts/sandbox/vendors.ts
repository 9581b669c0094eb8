import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { ControlServer } from './callbacks';
import { DEMO, LOGINS } from './demoData';
import { FIXED_PORTS, Vendors } from './vendorSet';

/**
 * The vendor sandbox as a process: `node .sandbox/build/scripts/sandbox/vendors.js [--random-ports] [--out=FILE]`.
 * Starts every simulator, writes their URLs (and the demo logins and ids) to FILE
 * (default .sandbox/vendors.json), prints one "ready" line with the same JSON, and runs until
 * SIGINT/SIGTERM or until its parent goes away (stdin closes), so it is never left behind.
 */

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const randomPorts = args.includes('--random-ports');
	const out = resolve(args.find((arg) => arg.startsWith('--out='))?.slice(6) ?? '.sandbox/vendors.json');

	const vendors = new Vendors();
	const control = new ControlServer(vendors);
	const urls = await vendors.start(randomPorts ? null : FIXED_PORTS);
	const controlUrl = await control.start(randomPorts ? 0 : FIXED_PORTS.control);
	const description = { ...urls, control: controlUrl, logins: LOGINS, demo: DEMO, pid: process.pid };

	mkdirSync(dirname(out), { recursive: true });
	writeFileSync(out, `${JSON.stringify(description, null, 2)}\n`);
	process.stdout.write(`vendors ready ${JSON.stringify(description)}\n`);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await Promise.all([vendors.stop(), control.stop()]);
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	if (args.includes('--exit-with-stdin')) {
		process.stdin.on('end', stop);
		process.stdin.on('close', stop);
		process.stdin.resume();
	}
}

main().catch((error: Error) => {
	process.stderr.write(`vendors failed: ${error.stack ?? error.message}\n`);
	process.exit(1);
});
