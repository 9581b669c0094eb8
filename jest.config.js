/** Tests run the TypeScript sources through ts-jest; dist/ is never tested. */
module.exports = {
	testEnvironment: '<rootDir>/test/harness/quietEnvironment.js',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// test/e2e needs a built package inside a real n8n: npm run test:e2e.
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	testTimeout: 60000,
	maxWorkers: 2,
};
