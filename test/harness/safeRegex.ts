import { createContext, Script } from 'node:vm';
import { setSafeRegexEngine } from 'n8n-workflow';

/**
 * n8n-workflow runs resource-locator and expression regexes in a vm with a 250 ms wall-clock
 * guard against ReDoS. On a busy 2-core CI machine a harmless pattern can lose that race, so
 * the tests run the same vm engine with a budget that only a real ReDoS would exhaust.
 */
const TIMEOUT_MS = 5000;

type Operation = 'exec' | 'test' | 'replace' | 'matchAll' | 'split';

const context = createContext({ pattern: '', flags: '', input: '', replacement: '', result: undefined as unknown });
const scripts: Record<Operation, Script> = {
	exec: new Script('result = new RegExp(pattern, flags).exec(input)'),
	test: new Script('result = new RegExp(pattern, flags).test(input)'),
	replace: new Script('result = input.replace(new RegExp(pattern, flags), replacement)'),
	matchAll: new Script('result = Array.from(input.matchAll(new RegExp(pattern, flags)))'),
	split: new Script('result = input.split(new RegExp(pattern, flags))'),
};

function run(operation: Operation, pattern: string, input: string, flags = '', replacement = '') {
	Object.assign(context, { pattern, input, flags, replacement, result: undefined });
	scripts[operation].runInContext(context, { timeout: TIMEOUT_MS });
	return context.result;
}

const withGlobal = (flags?: string) => (flags?.includes('g') ? flags : `${flags ?? ''}g`);

setSafeRegexEngine({
	exec: (pattern: string, input: string, flags?: string) => run('exec', pattern, input, flags) as RegExpExecArray | null,
	test: (pattern: string, input: string, flags?: string) => run('test', pattern, input, flags) as boolean,
	replace: (pattern: string, input: string, flags: string | undefined, replacement: string) =>
		run('replace', pattern, input, flags, replacement) as string,
	matchAll: (pattern: string, input: string, flags?: string) => run('matchAll', pattern, input, withGlobal(flags)) as RegExpMatchArray[],
	split: (pattern: string, input: string, flags?: string) => run('split', pattern, input, flags) as string[],
} as unknown as Parameters<typeof setSafeRegexEngine>[0]);
