// Small helpers of test:install: bounded waits, child commands with a time limit, and the step list
// it prints (each check passed or failed, then the plain "N passed, N failed" line).
import { spawn } from 'node:child_process';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls probe until it answers something other than undefined; fails after timeoutMs with what it
 * saw last. failFast(error) ends the wait at once for an error no retry can mend.
 */
export async function eventually(what, probe, { timeoutMs = 60_000, everyMs = 500, failFast = () => false } = {}) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < deadline) {
		try {
			const value = await probe();
			if (value !== undefined) return value;
		} catch (error) {
			if (failFast(error)) throw error;
			lastError = error;
		}
		await sleep(everyMs);
	}
	throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}

/** Runs a command to completion within timeoutMs; answers its stdout, or fails with its output. */
export function run(command, args, { cwd, env = process.env, timeoutMs, what = `${command} ${args.join(' ')}` }) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(new Error(`${what}: ${error.message}`));
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (code === 0) return resolve(stdout);
			const how = timedOut ? `was stopped after ${timeoutMs / 1000} s` : signal ? `was killed by ${signal}` : `failed (exit ${code})`;
			reject(new Error(`${what} ${how}:\n${`${stdout}\n${stderr}`.trim().slice(-3000)}`));
		});
	});
}

/** A promise that fails with `what` once ms have passed. */
export function bounded(promise, ms, what) {
	let timer;
	const timeout = new Promise((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms / 1000} s`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The checks of one run, printed as they pass; the first failure ends the run. */
export class Steps {
	constructor(label) {
		this.label = label;
		this.started = Date.now();
		this.passed = 0;
		this.failed = 0;
	}

	elapsed() {
		return `${((Date.now() - this.started) / 1000).toFixed(1)} s`;
	}

	/** Runs fn and answers its answer; prints ✓, or ✗ and rethrows fn's error. */
	async step(name, fn) {
		const begun = Date.now();
		try {
			const result = await fn();
			this.passed++;
			// A string answer, or an answer with a toString of its own, is printed beside the check.
			const text = typeof result === 'string' ? result : result && Object.hasOwn(result, 'toString') ? String(result) : '';
			const note = text ? ` (${text})` : '';
			process.stdout.write(`  ✓ ${name}${note} [${((Date.now() - begun) / 1000).toFixed(1)} s]\n`);
			return result;
		} catch (error) {
			this.failed++;
			process.stdout.write(`  ✗ ${name} [${((Date.now() - begun) / 1000).toFixed(1)} s]\n`);
			error.step = name;
			throw error;
		}
	}

	/** The plain closing line CI reads: "label: N passed, N failed" alone on its line. */
	summary() {
		return `${this.label}: ${this.passed} passed, ${this.failed} failed`;
	}
}
