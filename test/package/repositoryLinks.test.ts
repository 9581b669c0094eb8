import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function files(dir: string, suffixes: string[]): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) return files(path, suffixes);
		return suffixes.some((suffix) => path.endsWith(suffix)) ? [relative(root, path)] : [];
	});
}

/**
 * n8n's verification checks that the npm package's repository is the GitHub repository it came
 * from. The owner is filled in once before the first publish (README, Releasing), so every link to
 * the repository (package.json, the codex docs links, a credential's docs link) must name the same one.
 */
describe('links to the repository', () => {
	const repository = /^git\+(https:\/\/github\.com\/[^/]+\/[^/]+)\.git$/.exec(pkg.repository.url)?.[1];

	it('package.json: repository, homepage and bugs name one GitHub repository', () => {
		expect(repository).toBeDefined();
		expect(pkg.homepage).toBe(`${repository}#readme`);
		expect(pkg.bugs.url).toBe(`${repository}/issues`);
	});

	it.each([...files(join(root, 'nodes'), ['.node.json']), ...files(join(root, 'credentials'), ['.ts'])])(
		'%s links only to that repository',
		(file) => {
			const links = readFileSync(join(root, file), 'utf8').match(/https:\/\/github\.com\/[^/'"\s]+\/n8n-nodes-nusantara\b/g) ?? [];
			for (const link of links) expect(link).toBe(repository);
		},
	);
});
