import { config } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

// `n8n-node lint` runs `eslint .` on the whole repository, but only nodes/, credentials/ and
// package.json are the product. The test suites, benches, simulators and sandbox scripts are
// Node.js tooling that must read files, start servers and hold fake secrets, which the
// n8n Cloud rules rightly forbid in a node; .sandbox/ and coverage/ are their output, like dist/.
// Every rule of the CLI's cloud config still applies to the product; this only takes the
// tooling out of its reach.
export default [
	globalIgnores(['test/', 'bench/', 'simulators/', 'scripts/', '.sandbox/', 'coverage/']),
	...config,
];
