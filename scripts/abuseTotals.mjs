// npm run test:abuse: the counted abuse suite (test/abuse). Each table file writes its verdicts to
// .sandbox/abuse/<node>.json after it ran; this prints one line per node and the total.
// `--clear` removes earlier verdicts first, so a table that no longer runs is not counted.
// Exits non-zero when a verdict is not clean or no verdicts were written.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), '.sandbox', 'abuse');

if (process.argv.includes('--clear')) {
	rmSync(DIR, { recursive: true, force: true });
	process.exit(0);
}

const files = existsSync(DIR) ? readdirSync(DIR).filter((name) => name.endsWith('.json')).sort() : [];
if (files.length === 0) {
	console.error(`No verdicts in ${DIR}: run the suite first (npm run test:abuse).`);
	process.exit(1);
}

const zero = () => ({ cases: 0, items: 0, lost: 0, doubled: 0, leaked: 0, hung: 0, unnamed: 0 });
const add = (sum, verdict) => {
	sum.cases++;
	sum.items += verdict.items;
	sum.lost += verdict.lost;
	sum.doubled += verdict.doubled;
	sum.leaked += verdict.leaked.length > 0 ? 1 : 0;
	sum.hung += verdict.hung ? 1 : 0;
	sum.unnamed += verdict.unnamed;
	return sum;
};
const line = (label, sum) =>
	`${label.padEnd(18)} cases ${sum.cases}, items ${sum.items}, lost ${sum.lost}, doubled ${sum.doubled}, leaked ${sum.leaked}, hung ${sum.hung}` +
	(sum.unnamed ? `, field not named ${sum.unnamed}` : '');

const total = zero();
for (const file of files) {
	const verdicts = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
	const sum = verdicts.reduce(add, zero());
	verdicts.forEach((verdict) => add(total, verdict));
	console.log(line(verdicts[0]?.node ?? file, sum));
}
console.log(line('Total', total));
process.exit(total.lost + total.doubled + total.leaked + total.hung + total.unnamed === 0 ? 0 : 1);
