/**
 * The one Jest config. Tests run the TypeScript sources through ts-jest; dist/ is never tested
 * (test/e2e runs the built package, but inside a real n8n, not through Jest's module loader).
 *
 * Three projects:
 * - unit   test/**: what plain `jest` runs (npm test, the README's test command)
 * - e2e    test/e2e: the built package inside a real n8n (npm run test:e2e = jest --selectProjects e2e)
 * - bench  bench/: figures against the simulators, nothing asserted about time (npm run bench = jest --selectProjects bench)
 *
 * Jest has no default project, and testTimeout, maxWorkers and verbose are options of the whole run, not of a
 * project; so this file looks at --selectProjects: without it, the run is the unit project alone.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] };
const quiet = '<rootDir>/test/harness/quietEnvironment.js';

const PROJECTS = {
	unit: {
		project: {
			testEnvironment: quiet,
			roots: ['<rootDir>/test'],
			testMatch: ['**/*.test.ts'],
			// test/e2e needs a built package inside a real n8n: npm run test:e2e.
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
			transform,
		},
		run: { testTimeout: 60000, maxWorkers: 2 },
	},
	e2e: {
		project: {
			testEnvironment: 'node',
			roots: ['<rootDir>/test/e2e'],
			testMatch: ['**/*.e2e.test.ts'],
			transform,
		},
		// One n8n for the whole run, so one worker, and timeouts that allow for the first-time n8n install and migration.
		run: { testTimeout: 180000, maxWorkers: 1, verbose: true },
	},
	bench: {
		project: {
			testEnvironment: quiet,
			roots: ['<rootDir>/bench'],
			testMatch: ['**/*.bench.ts'],
			transform,
		},
		// One at a time, so the figures do not compete for the CPU.
		run: { testTimeout: 30 * 60 * 1000, maxWorkers: 1 },
	},
};

/** The names after --selectProjects (or --selectProjects=name), or none. */
function selectedProjects(argv) {
	const names = [];
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		if (arg.startsWith('--selectProjects=')) names.push(arg.slice('--selectProjects='.length));
		else if (arg === '--selectProjects') {
			while (index + 1 < argv.length && !argv[index + 1].startsWith('-')) names.push(argv[++index]);
		}
	}
	return names;
}

const selected = selectedProjects(process.argv);

if (selected.length === 0) {
	module.exports = { ...PROJECTS.unit.project, ...PROJECTS.unit.run };
} else {
	// An unknown name is left to Jest, which says that no project matched.
	const runs = selected.filter((name) => name in PROJECTS).map((name) => PROJECTS[name].run);
	if (runs.length === 0) runs.push(PROJECTS.unit.run);
	module.exports = {
		projects: Object.entries(PROJECTS).map(([displayName, { project }]) => ({ displayName, rootDir: __dirname, ...project })),
		testTimeout: Math.max(...runs.map((run) => run.testTimeout)),
		maxWorkers: Math.min(...runs.map((run) => run.maxWorkers)),
		verbose: runs.some((run) => run.verbose === true),
	};
}
