/** Benchmarks reuse the test harness and simulators; they report figures and assert nothing about time. */
module.exports = {
	...require('./jest.config.js'),
	roots: ['<rootDir>/bench'],
	testMatch: ['**/*.bench.ts'],
	testTimeout: 30 * 60 * 1000,
	maxWorkers: 1,
};
