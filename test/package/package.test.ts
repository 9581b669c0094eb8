import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { resources } from '../../nodes/QontakCrm/operations/resources';
import { credentialClasses, nodeClasses } from '../harness/registry';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

function files(dir: string, suffix: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) return files(path, suffix);
		return path.endsWith(suffix) ? [relative(root, path)] : [];
	});
}

const distPath = (source: string) => `dist/${source.replace(/\.ts$/, '.js')}`;
const nodeSources = files(join(root, 'nodes'), '.node.ts');
const credentialSources = files(join(root, 'credentials'), '.credentials.ts');

describe('package.json', () => {
	it('has no runtime dependencies and exactly the n8n-workflow peer', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});

	it('lists every node and credential in the sources, and nothing else', () => {
		expect([...pkg.n8n.nodes].sort()).toEqual(nodeSources.map(distPath).sort());
		expect([...pkg.n8n.credentials].sort()).toEqual(credentialSources.map(distPath).sort());
	});
});

describe('runtime imports', () => {
	it.each([...files(join(root, 'nodes'), '.ts'), ...files(join(root, 'credentials'), '.ts')])(
		'%s imports only n8n-workflow, node:crypto and our own files',
		(file) => {
			const source = readFileSync(join(root, file), 'utf8');
			const modules = [...source.matchAll(/from '([^']+)'|require\('([^']+)'\)/g)].map((match) => match[1] ?? match[2]);
			for (const module of modules) expect(module).toMatch(/^(n8n-workflow|node:crypto|crypto|\.{1,2}\/.*)$/);
		},
	);
});

describe('nodes as n8n shows them', () => {
	// The registry also holds test-only nodes; the packaged ones are those package.json lists.
	const fileOf = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}.node.js`;
	const packageNodes = Object.values(nodeClasses).filter((type) =>
		pkg.n8n.nodes.some((path: string) => path.endsWith(`/${fileOf(type.description.name)}`)),
	);

	it.each(nodeSources)('%s has a codex file', (source) => {
		expect(existsSync(join(root, source.replace(/\.ts$/, '.json')))).toBe(true);
	});

	it('every packaged node has light and dark icons that exist, a subtitle, and usableAsTool unless it is a trigger', () => {
		expect(packageNodes.length).toBe(nodeSources.length);
		for (const type of packageNodes) {
			const description = type.description as unknown as Record<string, unknown>;
			const icon = description.icon as { light: string; dark: string };
			expect(icon.light).not.toBe(icon.dark);
			for (const file of [icon.light, icon.dark]) {
				expect(existsSync(join(root, 'nodes', 'X', file.replace('file:', '')))).toBe(true);
			}
			const isTrigger = (description.group as string[]).includes('trigger');
			if (!isTrigger) expect(description.subtitle).toBeTruthy();
			expect(description.usableAsTool).toBe(isTrigger ? undefined : true);
		}
	});

	it('every credential has themed icons that exist and a test request or a node-side test', () => {
		for (const credential of Object.values(credentialClasses)) {
			if (!pkg.n8n.credentials.some((path: string) => path.includes(`/${credential.constructor.name}.credentials.js`))) continue;
			const icon = credential.icon as { light: string; dark: string };
			for (const file of [icon.light, icon.dark]) {
				expect(existsSync(join(root, 'credentials', file.replace('file:', '')))).toBe(true);
			}
			if (credential.test) continue;
			// No request test: every packaged node listing the credential names a test function it carries,
			// since n8n takes the first such node it finds (credentials-tester.service.ts).
			const users = packageNodes.flatMap((type) =>
				((type as INodeType).description.credentials ?? []).filter((entry) => entry.name === credential.name).map((entry) => ({ type, entry })),
			);
			expect(users.length).toBeGreaterThan(0);
			for (const { type, entry } of users) {
				expect(typeof entry.testedBy).toBe('string');
				const tests = (type as { methods?: { credentialTest?: Record<string, unknown> } }).methods?.credentialTest;
				expect(typeof tests?.[entry.testedBy as string]).toBe('function');
			}
		}
	});
});

describe('README', () => {
	it('lists every Qontak CRM operation with its route', () => {
		for (const resource of resources) {
			for (const operation of resource.operations) {
				expect(readme).toContain(`${operation.name} (\`${operation.method} ${operation.path}\`)`);
			}
		}
	});

	it('gives the test command that .ci/run runs', () => {
		expect(readme).toContain('npm ci\nnpm test');
		expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).toContain('npm test');
	});
});
