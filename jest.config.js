/** Tests run the TypeScript sources through ts-jest; dist/ is never tested. */
module.exports = {
	testEnvironment: '<rootDir>/test/harness/quietEnvironment.js',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	testTimeout: 60000,
	maxWorkers: 2,
};
