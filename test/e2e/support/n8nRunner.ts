import { join } from 'node:path';

export interface CliResult {
	status: number | null;
	stdout: string;
	stderr: string;
}

/** The parts of scripts/n8n.mjs (the one shared n8n runner) the end-to-end suite uses. */
export interface N8nRunner {
	N8N_VERSION: string;
	ROOT: string;
	OWNER: { email: string; password: string };
	ensureN8n(): void;
	stageExtension(target?: string): string;
	n8nEnv(options: { userFolder: string; port?: number; extensions?: string; extra?: Record<string, string> }): NodeJS.ProcessEnv;
	n8nCli(args: string[], env: NodeJS.ProcessEnv): CliResult;
	n8nCliAsync(args: string[], env: NodeJS.ProcessEnv, options?: { timeoutMs?: number; signal?: AbortSignal }): Promise<CliResult>;
	startN8n(
		env: NodeJS.ProcessEnv,
		options?: { command?: 'start' | 'worker' | 'webhook'; port?: number; timeoutMs?: number },
	): Promise<{ child: import('node:child_process').ChildProcess; stop(): Promise<void>; log(): string }>;
	ownerSession(port?: number): Promise<{ base: string; cookie: string }>;
}

type ModuleBuiltin = typeof import('node:module');

/**
 * Jest's module system (its require and its createRequire) cannot load an ES module, and ts-jest
 * turns import() into require(). Node's own require, reached through getBuiltinModule so jest
 * cannot swap it, loads .mjs files on Node 20.19+ and 22+, so the suite uses the very runner
 * `npm start` and the queue test use instead of a copy.
 */
function nodeRequire(): NodeJS.Require {
	const getBuiltinModule = (process as unknown as { getBuiltinModule?: (name: string) => unknown }).getBuiltinModule;
	if (!getBuiltinModule) throw new Error(`The end-to-end suite needs Node 20.19+ or 22.12+ (require of ES modules); this is ${process.version}`);
	return (getBuiltinModule('node:module') as ModuleBuiltin).createRequire(__filename);
}

function loadScript<T>(name: string): T {
	try {
		return nodeRequire()(join(__dirname, '..', '..', '..', 'scripts', name)) as T;
	} catch (error) {
		throw new Error(`Could not load scripts/${name} with Node ${process.version}: ${(error as Error).message}`);
	}
}

export const loadN8nRunner = () => loadScript<N8nRunner>('n8n.mjs');

/** The parts of scripts/sandbox.mjs (what `npm start` builds the sandbox from) the suite reuses. */
export interface SandboxScript {
	CREDENTIAL_IDS: Record<string, string>;
	CREDENTIAL_NAMES: Record<string, string>;
	sandboxCredentials(vendors: Record<string, unknown>, ids?: Record<string, string>): Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>;
	loadExamples(ids?: Record<string, string>, vendors?: Record<string, unknown>): Array<{ id: string; name: string; nodes: Array<{ type: string }> }>;
}

export const loadSandboxScript = () => loadScript<SandboxScript>('sandbox.mjs');
