// Where an n8n process spent its CPU, from a V8 .cpuprofile (node --cpu-prof): self and total time
// by the code's owner (our package, n8n-core, n8n-workflow, n8n's CLI, @n8n/*, the database,
// HTTP, Node itself, GC/idle) and the top functions by self time. With windows (from the bench's
// profile mode) only the samples inside them count, so n8n's start-up and the other variants'
// runs stay out of the figures.
//
//   node bench/n8n/profileSummary.mjs <file.cpuprofile> [--windows=<windows.json>] [--label=<label>] [--ours=<path part>] [--top=30]
//
// windows.json: { "ours": "<path part of our staged dist>", "windows": [{ "label", "startUs", "endUs" }] } with times
// on the profile's clock (CLOCK_MONOTONIC in µs, the clock of process.hrtime in any process on this machine).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HTTP_PACKAGES = new Set(['axios', 'follow-redirects', 'form-data', 'proxy-from-env', 'http-proxy-agent', 'https-proxy-agent', 'agent-base', 'undici']);
const DATABASE_PACKAGES = new Set(['@n8n/typeorm', 'typeorm', 'sqlite3', 'pg', 'better-sqlite3']);
const HTTP_INTERNALS = /^node:(_http_|http|https|net|dns|tls|_tls_|internal\/(http|net|dns|tls|stream_base_commons|streams\/)|stream)/;

export const CATEGORIES = [
	'ours',
	'n8n-core',
	'n8n-workflow',
	'n8n cli',
	'n8n-nodes-base',
	'@n8n/*',
	'typeorm/sqlite',
	'axios/http',
	'other deps',
	'node internals',
	'native (no url)',
	'GC',
	'idle',
	'program',
];

/** The package a file belongs to: the last node_modules/<name> (or @scope/name) in its path. */
function packageOf(url) {
	const matches = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)];
	return matches.length ? matches[matches.length - 1][1] : undefined;
}

export function categorize(frame, ours) {
	const { functionName: fn, url } = frame;
	if (fn === '(garbage collector)') return 'GC';
	if (fn === '(idle)') return 'idle';
	if (fn === '(program)' || fn === '(root)') return 'program';
	if (!url) return 'native (no url)';
	// The bench's own preload (scripts/n8n.mjs EXIT_WITH_PARENT), not n8n's work.
	if (url.startsWith('data:')) return 'program';
	if (ours && url.includes(ours)) return 'ours';
	if (url.startsWith('node:')) return HTTP_INTERNALS.test(url) ? 'axios/http' : 'node internals';
	const pkg = packageOf(url);
	if (pkg === 'n8n-core') return 'n8n-core';
	if (pkg === 'n8n-workflow') return 'n8n-workflow';
	if (pkg === 'n8n') return 'n8n cli';
	if (pkg === 'n8n-nodes-base') return 'n8n-nodes-base';
	if (pkg && DATABASE_PACKAGES.has(pkg)) return 'typeorm/sqlite';
	if (pkg?.startsWith('@n8n/')) return '@n8n/*';
	if (pkg && HTTP_PACKAGES.has(pkg)) return 'axios/http';
	return 'other deps';
}

const shortPath = (url) => {
	const clean = url.replace(/^file:\/\//, '');
	const at = clean.lastIndexOf('node_modules/');
	if (at !== -1) return clean.slice(at + 'node_modules/'.length);
	const dist = clean.indexOf('/dist/');
	return dist !== -1 ? `ours:${clean.slice(dist + 1)}` : clean;
};

/**
 * Self and total time by category and by function over the samples inside `windows` (all samples
 * when none). Total counts a sample once per category or function on its stack, however deep.
 */
export function summarize(profile, { windows, ours, top = 30 } = {}) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const category = new Map(profile.nodes.map((node) => [node.id, categorize(node.callFrame, ours)]));

	// Which n8n or our functions led into a leaf's code: the nearest few such frames up the stack.
	const entryKey = (leafId, leafCategory) => {
		const chain = [];
		for (let id = parent.get(leafId); id !== undefined && chain.length < ENTRY_DEPTH; id = parent.get(id)) {
			const name = category.get(id);
			if (name === leafCategory || !ENTRY_CATEGORIES.has(name)) continue;
			const frame = byId.get(id).callFrame;
			chain.push(`${frame.functionName || '(anonymous)'} (${shortPath(frame.url).split('/').pop()}:${frame.lineNumber + 1})`);
		}
		return `${leafCategory}\u0000${chain.join(' < ') || '(no n8n or package frame)'}`;
	};

	const { samples, timeDeltas } = profile;
	const deltas = [...timeDeltas].sort((a, b) => a - b);
	const typical = deltas[Math.floor(deltas.length / 2)] ?? 0;
	const selfByCategory = new Map();
	const totalByCategory = new Map();
	const selfByFunction = new Map();
	const totalByFunction = new Map();
	const otherDeps = new Map();
	const functionInfo = new Map();
	const entries = new Map();
	let time = profile.startTime;
	let covered = 0;
	let count = 0;
	const inWindow = (t) => !windows?.length || windows.some((window) => t >= window.startUs && t <= window.endUs);
	const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
	const keyOf = (frame) => `${frame.functionName || '(anonymous)'} ${frame.url}:${frame.lineNumber}:${frame.columnNumber}`;

	for (let i = 0; i < samples.length; i++) {
		time += timeDeltas[i];
		if (!inWindow(time)) continue;
		// A sample stands for the time until the next one.
		const us = i + 1 < timeDeltas.length ? timeDeltas[i + 1] : typical;
		covered += us;
		count++;
		const leaf = byId.get(samples[i]);
		const leafKey = keyOf(leaf.callFrame);
		if (!functionInfo.has(leafKey)) functionInfo.set(leafKey, leaf.callFrame);
		add(selfByCategory, category.get(leaf.id), us);
		add(selfByFunction, leafKey, us);
		if (category.get(leaf.id) === 'other deps') add(otherDeps, packageOf(leaf.callFrame.url) ?? leaf.callFrame.url, us);
		add(entries, entryKey(leaf.id, category.get(leaf.id)), us);
		const seenCategories = new Set();
		const seenFunctions = new Set();
		for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
			const frame = byId.get(id).callFrame;
			seenCategories.add(category.get(id));
			const key = keyOf(frame);
			seenFunctions.add(key);
			if (!functionInfo.has(key)) functionInfo.set(key, frame);
		}
		for (const name of seenCategories) add(totalByCategory, name, us);
		for (const key of seenFunctions) add(totalByFunction, key, us);
	}

	const topFunctions = [...selfByFunction.entries()]
		.sort((a, b) => b[1] - a[1])
		.slice(0, top)
		.map(([key, self]) => {
			const frame = functionInfo.get(key);
			return {
				self,
				total: totalByFunction.get(key) ?? self,
				category: categorize(frame, ours),
				name: frame.functionName || '(anonymous)',
				where: frame.url ? `${shortPath(frame.url)}:${frame.lineNumber + 1}` : '',
			};
		});
	const entryList = [...entries.entries()].map(([key, us]) => {
		const [name, chain] = key.split('\u0000');
		return { category: name, chain, us };
	});
	return { covered, count, selfByCategory, totalByCategory, otherDeps, topFunctions, entries: entryList };
}

const ENTRY_CATEGORIES = new Set(['ours', 'n8n-core', 'n8n-workflow', 'n8n cli', 'n8n-nodes-base']);
const ENTRY_DEPTH = 3;
// The categories whose callers are listed: where n8n's own machinery, the database and crypto are entered from.
const ENTRY_REPORTED = ['@n8n/*', 'typeorm/sqlite', 'node internals', 'axios/http', 'n8n-workflow', 'ours'];

const ms = (us) => (us / 1000).toFixed(1).padStart(9);
const pct = (part, whole) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '-').padStart(6);

export function formatSummary(summary, title = 'profile') {
	const { covered, count, selfByCategory, totalByCategory, otherDeps, topFunctions, entries } = summary;
	const lines = [`== ${title}: ${(covered / 1000).toFixed(0)} ms sampled (${count} samples)`];
	lines.push(`${'category'.padEnd(18)} ${'self ms'.padStart(9)} ${'self'.padStart(6)} ${'total ms'.padStart(9)} ${'total'.padStart(6)}`);
	for (const name of CATEGORIES) {
		const self = selfByCategory.get(name) ?? 0;
		const total = totalByCategory.get(name) ?? 0;
		if (!self && !total) continue;
		lines.push(`${name.padEnd(18)} ${ms(self)} ${pct(self, covered)} ${ms(total)} ${pct(total, covered)}`);
	}
	const deps = [...otherDeps.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
	if (deps.length) lines.push(`other deps by self: ${deps.map(([name, us]) => `${name} ${(us / 1000).toFixed(1)} ms`).join(', ')}`);
	lines.push(`top ${topFunctions.length} functions by self time:`);
	lines.push(`${'self ms'.padStart(9)} ${'self'.padStart(6)} ${'total ms'.padStart(9)}  ${'category'.padEnd(15)} function  file:line`);
	for (const entry of topFunctions) {
		lines.push(`${ms(entry.self)} ${pct(entry.self, covered)} ${ms(entry.total)}  ${entry.category.padEnd(15)} ${entry.name}  ${entry.where}`);
	}
	lines.push('entered from (self time of a category by the nearest 3 frames of ours/n8n up the stack):');
	for (const name of ENTRY_REPORTED) {
		const chains = entries.filter((entry) => entry.category === name).sort((a, b) => b.us - a.us).slice(0, 4);
		for (const entry of chains) lines.push(`${ms(entry.us)} ${pct(entry.us, covered)}  ${name.padEnd(15)} ${entry.chain}`);
	}
	return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const args = process.argv.slice(2);
	const flag = (name) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
	const file = args.find((arg) => !arg.startsWith('--'));
	if (!file) {
		process.stderr.write('usage: node bench/n8n/profileSummary.mjs <file.cpuprofile> [--windows=<windows.json>] [--label=<label>] [--ours=<path part>] [--top=30]\n');
		process.exit(2);
	}
	const profile = JSON.parse(readFileSync(file, 'utf8'));
	const windowFile = flag('windows');
	const spec = windowFile ? JSON.parse(readFileSync(windowFile, 'utf8')) : { windows: [] };
	const ours = flag('ours') ?? spec.ours;
	const top = Number(flag('top') ?? 30);
	const label = flag('label');
	const labels = label ? [label] : [...new Set(spec.windows.map((window) => window.label))];
	if (!labels.length) process.stdout.write(`${formatSummary(summarize(profile, { ours, top }), file)}\n`);
	for (const name of labels) {
		const windows = spec.windows.filter((window) => window.label === name);
		process.stdout.write(`${formatSummary(summarize(profile, { windows, ours, top }), `${name} (${windows.length} runs)`)}\n\n`);
	}
}
