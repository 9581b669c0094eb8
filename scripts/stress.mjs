// npm run test:stress: the test suite under the load a busy CI machine has. Two CPU burners run
// beside it (as many as this kind's cores), then `npm test` runs three times in a row; with --ci,
// `.ci/run` runs once more under the same load. Prints each run's result and wall time.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.STRESS_RUNS ?? 3);
const BURNERS = Number(process.env.STRESS_BURNERS ?? 2);
const withCi = process.argv.includes('--ci');

const burners = Array.from({ length: BURNERS }, () =>
	spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }),
);
const stopBurners = () => {
	for (const burner of burners) burner.kill('SIGKILL');
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		stopBurners();
		process.exit(130);
	});
}
process.on('exit', stopBurners);
process.stderr.write(`[stress] ${BURNERS} CPU burners running (pids ${burners.map((b) => b.pid).join(', ')})\n`);

function timed(label, command, args) {
	return new Promise((done) => {
		const started = process.hrtime.bigint();
		const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
		child.on('exit', (code) => {
			const seconds = Number(process.hrtime.bigint() - started) / 1e9;
			done({ label, ok: code === 0, seconds });
		});
	});
}

const results = [];
for (let run = 1; run <= RUNS; run++) {
	results.push(await timed(`npm test #${run}`, 'npm', ['test', '--silent']));
}
if (withCi) results.push(await timed('.ci/run', join(ROOT, '.ci', 'run'), []));
stopBurners();

process.stderr.write('\n[stress] results under load:\n');
for (const { label, ok, seconds } of results) {
	process.stderr.write(`  ${label.padEnd(12)} ${ok ? 'passed' : 'FAILED'}  ${seconds.toFixed(1)} s\n`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
