/**
 * End-to-end suite against real n8n (npm run test:e2e, after npm run build): one n8n for the
 * whole run, so one worker, and timeouts that allow for the first-time n8n install and migration.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'test/e2e/tsconfig.json' }],
	},
	testTimeout: 180000,
	maxWorkers: 1,
	verbose: true,
};
