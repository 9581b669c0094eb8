// The Mekari gateway the bench's n8n talks to: the repository's Qontak simulator (HMAC checked by
// its own verifier, CRM routes over an in-memory tenant), compiled from TypeScript once per bench run,
// plus what a speed comparison needs and a test does not: latency that can change between runs,
// and a count of requests in flight (from the request's arrival to the end of its response,
// latency included), so the table shows how much concurrency each variant really reached.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { ROOT } from '../../scripts/n8n.mjs';

export const LOGIN = {
	clientId: 'bench-client',
	clientSecret: 'bench-secret-0123456789',
	ssoId: '7d0b6c1e-0000-4000-8000-0000000000b1',
};

/** tsc of the simulators (tsconfig.sandbox.json takes them in) into `outDir`; returns the simulators folder there. */
export function compileSimulators(outDir) {
	const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
	const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.sandbox.json'), '--outDir', outDir], {
		cwd: ROOT,
		encoding: 'utf8',
		timeout: 180_000,
	});
	if (result.status !== 0) throw new Error(`compiling the simulators failed:\n${result.stdout}${result.stderr}${result.error?.message ?? ''}`);
	return join(outDir, 'simulators');
}

export class BenchGateway {
	constructor(simulatorsDir) {
		const { QontakSimulator } = createRequire(import.meta.url)(join(simulatorsDir, 'qontak', 'QontakSimulator.js'));
		this.sim = new QontakSimulator({ ...LOGIN, scopes: ['crm'] });
		this.inFlight = 0;
		this.maxInFlight = 0;
		const receive = this.sim.receive.bind(this.sim);
		// LocalServer calls this.receive(req, res) per request, so an own property wraps every one.
		this.sim.receive = (req, res) => {
			this.inFlight++;
			if (this.inFlight > this.maxInFlight) this.maxInFlight = this.inFlight;
			let open = true;
			const done = () => {
				if (!open) return;
				open = false;
				this.inFlight--;
			};
			res.once('finish', done);
			res.once('close', done);
			receive(req, res);
		};
	}

	async start() {
		this.url = await this.sim.start();
		return this.url;
	}

	async stop() {
		await this.sim.stop();
	}

	/** Latency for every following response, and fresh counters and tenant (the records of one run only). */
	prepare(latencyMs) {
		this.sim.options.latencyMs = latencyMs;
		this.sim.reset();
		this.maxInFlight = this.inFlight;
	}

	/** Contact creates of the current run by HTTP status, e.g. { 200: 199, 401: 1 }. */
	createStatuses() {
		const statuses = {};
		for (const request of this.sim.requests) {
			if (request.method !== 'POST' || request.path !== '/qontak/crm/contacts') continue;
			statuses[request.status] = (statuses[request.status] ?? 0) + 1;
		}
		return statuses;
	}

	get requestCount() {
		return this.sim.requests.length;
	}
}
