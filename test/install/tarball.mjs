// The package as npm publishes it: `npm pack` of the built repository, and the check that the
// tarball holds exactly what n8n loads (plus README, LICENSE, CHANGELOG and package.json).
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

import { ROOT } from '../../scripts/n8n.mjs';
import { run } from './steps.mjs';

/** Every file the tarball may hold; anything else (declarations, source maps, tests, build state) is a mistake. */
const ALLOWED = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE$/,
	/^CHANGELOG\.md$/,
	/^dist\/(nodes|credentials)\/.+\.js$/,
	/^dist\/nodes\/.+\.node\.json$/,
	/^dist\/icons\/[^/]+\.svg$/,
];

const ALWAYS = ['package.json', 'README.md', 'LICENSE'];

// What an installed community package can require besides its own files: n8n provides the peer
// dependency, Node the rest.
const PROVIDED = new Set(['n8n-workflow', 'node:crypto', 'crypto']);

export const packageJson = () => JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** npm pack into folder; answers { file, bytes, files } with the paths inside the tarball (without package/). */
export async function pack(folder) {
	if (!statSync(join(ROOT, 'dist'), { throwIfNoEntry: false })) throw new Error('dist/ is missing: run npm run build first');
	mkdirSync(folder, { recursive: true });
	const out = await run('npm', ['pack', '--json', '--pack-destination', folder, '--loglevel=error'], { cwd: ROOT, timeoutMs: 120_000, what: 'npm pack' });
	const [{ filename }] = JSON.parse(out);
	const file = join(folder, filename);
	// What is in the file itself, not what npm says it put there.
	const listing = await run('tar', ['-tzf', file], { timeoutMs: 60_000, what: `listing ${filename}` });
	const files = listing
		.split('\n')
		.filter((line) => line && !line.endsWith('/'))
		.map((line) => line.replace(/^package\//, ''))
		.sort();
	return { file, bytes: statSync(file).size, files };
}

export async function extract(tarball, folder) {
	mkdirSync(folder, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', folder, '--strip-components=1'], { timeoutMs: 60_000, what: `extracting ${tarball}` });
	return folder;
}

/**
 * Fails naming every file that is not on the allow-list and every file n8n needs that is missing:
 * the nodes and credentials package.json lists, each node's codex file, every relative require()
 * of a shipped script and every icon (file:…svg) a shipped node or credential names.
 */
export function checkContents(files, extracted, pkg = packageJson()) {
	const present = new Set(files);
	const unexpected = files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
	const missing = new Map();
	const problems = [];
	const need = (file, why) => {
		if (!present.has(file) && !missing.has(file)) missing.set(file, why);
	};
	for (const file of ALWAYS) need(file, 'always published');
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) need(posix.normalize(file), 'listed in package.json n8n');
	for (const file of pkg.n8n.nodes) need(file.replace(/\.js$/, '.json'), `the codex file of ${file}`);
	for (const file of files.filter((name) => name.endsWith('.js'))) {
		const source = readFileSync(join(extracted, file), 'utf8');
		for (const [, target] of source.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
			const resolved = posix.join(posix.dirname(file), target);
			if (![resolved, `${resolved}.js`, `${resolved}/index.js`].some((candidate) => present.has(candidate))) need(`${resolved}.js`, `required by ${file}`);
		}
		for (const [, module] of source.matchAll(/require\("([^."][^"]*)"\)/g)) {
			if (!PROVIDED.has(module)) problems.push(`${file} requires ${module}, which neither the package nor n8n provides`);
		}
		for (const [, icon] of source.matchAll(/["']file:([^"']+\.svg)["']/g)) need(posix.join(posix.dirname(file), icon), `the icon of ${file}`);
	}
	problems.unshift(
		...unexpected.map((file) => `unexpected file in the tarball: ${file}`),
		...[...missing].map(([file, why]) => `missing from the tarball: ${file} (${why})`),
	);
	if (problems.length) throw new Error(`${problems.join('\n')}\n(the allow-list is in ${join('test', 'install', 'tarball.mjs')}; package.json "files" decides what npm packs)`);
}

/** "243 files, 192 kB: 219 .js, 9 codex, 12 icons, …" for the log. */
export function describe(files, bytes) {
	const count = (pattern) => files.filter((file) => pattern.test(file)).length;
	const others = files.filter((file) => !/^dist\//.test(file));
	return `${files.length} files, ${(bytes / 1000).toFixed(0)} kB: ${count(/\.js$/)} .js, ${count(/\.node\.json$/)} codex .json, ${count(/\.svg$/)} icons, ${others.join(', ')}`;
}

