/**
 * Jest environment that holds back console output (n8n-core's winston logger writes every expected
 * node error through console.log) and prints it only for a test or hook that failed, so a green
 * `npm test` stays short and a red one shows what was logged around the failure. DEBUG=1 prints
 * everything as it happens.
 */
const { TestEnvironment } = require('jest-environment-node');
const { format } = require('node:util');

const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'];

class QuietEnvironment extends TestEnvironment {
	constructor(config, context) {
		super(config, context);
		this.held = [];
	}

	async setup() {
		await super.setup();
		if (process.env.DEBUG) return;
		const original = this.global.console;
		const quiet = Object.create(original);
		for (const method of METHODS) {
			quiet[method] = (...args) => {
				this.held.push(`[console.${method}] ${format(...args)}`);
			};
		}
		// winston's Console transport writes straight to console._stdout/_stderr when they exist.
		quiet._stdout = undefined;
		quiet._stderr = undefined;
		this.original = original;
		this.global.console = quiet;
	}

	/**
	 * Ends the test file's process the way a real n8n exit would. n8n-core's SSHClientsManager, a
	 * DI singleton made on the file's first node execution, starts an unref'd 60 s setInterval and
	 * clears it only on process 'exit'. The sandbox process never exits, and timers are shared by
	 * the whole worker, so that interval kept every finished file's n8n-core, nodes and simulators
	 * alive until the worker ended (unref'd, so --detectOpenHandles never listed it).
	 */
	async teardown() {
		this.global.process.emit('exit', 0);
		await super.teardown();
	}

	handleTestEvent(event) {
		if (!this.original) return;
		if (event.name === 'test_start') this.held = [];
		const failed =
			(event.name === 'test_done' && event.test.errors.length > 0) || event.name === 'hook_failure';
		if (failed && this.held.length > 0) {
			const title = event.test ? testTitle(event.test) : `${event.hook.type} hook`;
			process.stderr.write(`\n── console output of failed "${title}" ──\n${this.held.join('\n')}\n`);
		}
		if (event.name === 'test_done' || event.name === 'hook_failure') this.held = [];
	}
}

function testTitle(test) {
	const names = [];
	for (let block = test; block && block.name !== 'ROOT_DESCRIBE_BLOCK'; block = block.parent) names.unshift(block.name);
	return names.join(' › ');
}

module.exports = QuietEnvironment;
