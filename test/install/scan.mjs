// n8n's verification scanner (@n8n/scan-community-package) on the package before it is published.
// Its CLI only scans a published version: it checks the npm provenance, fetches the attested
// source from GitHub and the tarball from the registry, then lints both. The lint is the exported
// analyzePackage; here it runs on the same two legs: the packed tarball (its compiled .js and
// package.json) and this repository's sources (the files the CLI would lint in the attested
// checkout). Provenance exists only once CI publishes with it, so that part is not checked here.
//
//   npm run scan      (builds, packs into a temporary folder, checks the file list, scans)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ROOT } from '../../scripts/n8n.mjs';
import { checkContents, describe, extract, pack } from './tarball.mjs';
import { Steps } from './steps.mjs';

const scanner = () => import('@n8n/scan-community-package/scanner/scanner.mjs');

async function leg(what, folder, patterns) {
	const result = await (await scanner()).analyzePackage(folder, patterns);
	if (result.message === 'No files found to analyze') throw new Error(`the scanner found nothing to lint in ${what} (${folder})`);
	if (!result.passed) throw new Error(`n8n's scanner rejects ${what}: ${result.message}\n${result.details ?? result.error?.stack ?? ''}`);
}

/** Both legs of the scanner, as its CLI runs them; fails with its ESLint report. */
export async function scanPackage(extracted) {
	await leg('the tarball', extracted, ['**/*.js', 'package.json']);
	await leg('the sources', ROOT, (await scanner()).SOURCE_FILE_PATTERNS);
	return 'the tarball and the sources pass';
}

/** Packs into `temp`, checks the file list and runs the scanner, as steps; the tarball and where it was extracted. */
export async function packAndScan(steps, temp) {
	const packed = await steps.step('npm pack', async () => await pack(join(temp, 'pack')));
	const extracted = await extract(packed.file, join(temp, 'package'));
	await steps.step('the tarball holds what n8n loads and nothing else', () => {
		checkContents(packed.files, extracted);
		return describe(packed.files, packed.bytes);
	});
	await steps.step("n8n's verification scanner (@n8n/scan-community-package)", () => scanPackage(extracted));
	return { packed, extracted };
}

async function main() {
	const steps = new Steps('scan');
	const temp = mkdtempSync(join(tmpdir(), 'nusantara-scan-'));
	try {
		await packAndScan(steps, temp);
	} catch (error) {
		process.stdout.write(`\n${error.message}\n`);
		process.exitCode = 1;
	} finally {
		rmSync(temp, { recursive: true, force: true });
		process.stdout.write(`took ${steps.elapsed()}\n${steps.summary()}\n`);
	}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
