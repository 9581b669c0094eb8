import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { unflatten } from './flatted';
import type { CliResult, N8nRunner } from './n8nRunner';
import type { Json, WorkflowJson } from './workflow';

export interface ImportedCredential {
	id: string;
	name: string;
	type: string;
	data: Json;
}

export interface NodeRun {
	executionStatus?: string;
	error?: { message?: string; description?: string };
	data?: { main: Array<Array<{ json: Json; pairedItem?: unknown }> | null> };
}

/** What `n8n execute --rawOutput` prints, and what the REST API holds for an execution. */
export interface RunResult {
	status?: string;
	finished?: boolean;
	data: { resultData: { runData: Record<string, NodeRun[]>; error?: { message?: string }; lastNodeExecuted?: string } };
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	finished?: boolean;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

/** Polls `probe` until it returns a value other than undefined, or fails with what it saw last. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000, everyMs = 500): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	while (Date.now() < deadline) {
		try {
			const value = await probe();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		await sleep(everyMs);
	}
	throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
}

/**
 * One real n8n for the whole suite: a fresh user folder, our staged dist/ as a custom extension,
 * credentials and workflows imported through the CLI, the server on `port`, and the owner's REST
 * cookie. CLI executions run beside the server against the same database, as a user's would.
 */
export class N8nSandbox {
	readonly folder: string;
	readonly userFolder: string;
	readonly env: NodeJS.ProcessEnv;
	/** CLI commands run beside the server, so their task broker needs a port of its own too. */
	readonly cliEnv: NodeJS.ProcessEnv;
	private server: Awaited<ReturnType<N8nRunner['startN8n']>> | undefined;
	private cookie = '';
	private fileCounter = 0;
	/** Kills any CLI command still running when n8n stops; a new one for each start. */
	private aborter = new AbortController();

	constructor(
		private readonly runner: N8nRunner,
		readonly port: number,
	) {
		this.folder = join(runner.ROOT, '.sandbox', 'e2e');
		this.userFolder = join(this.folder, 'user');
		rmSync(this.userFolder, { recursive: true, force: true });
		mkdirSync(this.userFolder, { recursive: true });
		// Apart from .sandbox/extension, so a running `npm start` sandbox keeps its copy.
		const extensions = runner.stageExtension(join(this.folder, 'extension'));
		// The task broker listens even with runners off; its default port (5679) belongs to `npm start`.
		this.env = runner.n8nEnv({ userFolder: this.userFolder, port, extensions, extra: { N8N_LOG_LEVEL: 'warn', N8N_RUNNERS_BROKER_PORT: String(port + 1) } });
		// Jest sets NODE_ENV=test, and n8n start then exits 1 without a word.
		delete this.env.NODE_ENV;
		// `execute --rawOutput` prints the run through n8n's logger at level info.
		this.cliEnv = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(port + 2), N8N_LOG_LEVEL: 'info' };
	}

	get base(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/**
	 * Runs an n8n CLI command and fails with its output when it does not exit 0. Asynchronous:
	 * the simulators the command calls live in this process and must keep answering.
	 */
	async cli(args: string[], timeoutMs = 180_000): Promise<CliResult> {
		const result = await this.runner.n8nCliAsync(args, this.cliEnv, { timeoutMs, signal: this.aborter.signal });
		if (result.status !== 0) {
			throw new Error(`n8n ${args.join(' ')} exited with ${result.status}:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
		}
		return result;
	}

	private writeInput(kind: string, value: unknown): string {
		const file = join(this.folder, `${kind}-${++this.fileCounter}.json`);
		writeFileSync(file, JSON.stringify(value, null, 2));
		return file;
	}

	async importCredentials(credentials: ImportedCredential[]): Promise<void> {
		await this.cli(['import:credentials', `--input=${this.writeInput('credentials', credentials)}`]);
	}

	async importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		if (workflows.length) await this.cli(['import:workflow', `--input=${this.writeInput('workflows', workflows)}`]);
	}

	async start(): Promise<void> {
		if (!(await portIsFree(this.port))) {
			throw new Error(`Port ${this.port} is taken (an n8n left running by an earlier run?); the end-to-end suite needs it free`);
		}
		if (this.aborter.signal.aborted) this.aborter = new AbortController();
		this.server = await this.runner.startN8n(this.env, { port: this.port, timeoutMs: 180_000 });
		// If jest dies before afterAll, n8n must not outlive it.
		const child = this.server.child;
		process.once('exit', () => child.kill('SIGKILL'));
		this.cookie = (await this.runner.ownerSession(this.port)).cookie;
	}

	async stop(): Promise<void> {
		this.aborter.abort();
		await this.server?.stop();
		this.server = undefined;
	}

	serverLog(): string {
		return this.server?.log() ?? '';
	}

	/** `n8n execute --id --rawOutput`: the run data, or an error carrying n8n's own output. */
	async execute(workflowId: string, timeoutMs = 120_000): Promise<RunResult> {
		const result = await this.runner.n8nCliAsync(['execute', `--id=${workflowId}`, '--rawOutput'], this.cliEnv, { timeoutMs, signal: this.aborter.signal });
		const parsed = parseRun(result.stdout);
		// The run is judged by what it printed; an n8n CLI that died by a signal after printing a whole run (seen on a
		// loaded machine) still ran it. No output, or a non-zero exit code, still fails.
		if ((result.status !== 0 && result.status !== null) || !parsed) {
			throw new Error(`n8n execute --id=${workflowId} failed (exit ${result.status}):\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
		}
		return parsed;
	}

	/** The credential as n8n stores it now, decrypted: shows tokens and sessions a run persisted. */
	async credential(id: string): Promise<Json> {
		const file = join(this.folder, `export-${id}-${++this.fileCounter}.json`);
		await this.cli(['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`]);
		const exported = JSON.parse(readFileSync(file, 'utf8')) as Array<{ data: Json }>;
		rmSync(file, { force: true });
		return exported[0].data;
	}

	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		return await this.request<T>(method, `/rest${path}`, body);
	}

	/** A call to the editor's backend as the logged-in owner (`/rest/…`, `/types/…`). */
	async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const send = async () =>
			await fetch(`${this.base}${path}`, {
				method,
				headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		// n8n closes an idle keep-alive socket after 5 s; a GET sent on it in that same moment meets
		// "other side closed" before any answer (seen once on a loaded machine). A read is sent again
		// once, on a new socket; a write never is.
		const response = await send().catch(async (error: Error & { cause?: { code?: string } }) => {
			if (method !== 'GET' || error.cause?.code !== 'UND_ERR_SOCKET') throw error;
			return await send();
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 2000)}`);
		const parsed = JSON.parse(text) as { data?: T };
		return (parsed.data ?? parsed) as T;
	}

	/** Publishes the workflow's current version, which registers its webhooks and polls. */
	async activate(workflowId: string): Promise<void> {
		const workflow = await this.rest<{ versionId: string }>('GET', `/workflows/${workflowId}`);
		await this.rest('POST', `/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
	}

	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const list = await this.rest<{ results: ExecutionSummary[] }>('GET', `/executions?filter=${filter}&limit=50`);
		return list.results;
	}

	async execution(id: string): Promise<RunResult & ExecutionSummary> {
		const execution = await this.rest<ExecutionSummary & { data: string }>('GET', `/executions/${id}`);
		return { ...execution, data: unflatten(execution.data) as RunResult['data'] };
	}

	/** Waits until the workflow has `count` finished executions, and returns them oldest first. */
	async finishedExecutions(workflowId: string, count: number, timeoutMs = 60_000): Promise<Array<RunResult & ExecutionSummary>> {
		const done = await eventually(
			`${count} finished execution(s) of workflow ${workflowId}`,
			async () => {
				const list = (await this.executions(workflowId)).filter((execution) => !['new', 'running', 'waiting'].includes(execution.status));
				return list.length >= count ? list : undefined;
			},
			timeoutMs,
		);
		const sorted = [...done].sort((a, b) => Number(a.id) - Number(b.id));
		return await Promise.all(sorted.map(async (execution) => await this.execution(execution.id)));
	}
}

/**
 * The run JSON among n8n's log lines (some may follow it): it starts on a line ending with '{'
 * and, printed with two-space indentation, ends on the only unindented '}' lines.
 */
function parseRun(stdout: string): RunResult | undefined {
	const ends = [...stdout.matchAll(/^\}$/gm)].map((match) => match.index + 1).reverse();
	for (const start of stdout.matchAll(/\{$/gm)) {
		for (const end of ends.filter((candidate) => candidate > start.index)) {
			try {
				return JSON.parse(stdout.slice(start.index, end)) as RunResult;
			} catch {
				// not the run's bounds; try the next pair
			}
		}
	}
	return undefined;
}

/** The items a node produced on its first output in its first run. */
export function outputOf(run: RunResult, node: string): Json[] {
	const runs = run.data.resultData.runData[node];
	if (!runs?.length) throw new Error(`Node "${node}" did not run; ran: ${Object.keys(run.data.resultData.runData).join(', ')}`);
	const error = runs[0].error;
	if (error) throw new Error(`Node "${node}" failed: ${error.message} ${error.description ?? ''}`);
	return (runs[0].data?.main[0] ?? []).map((item) => item.json);
}

export function pairedItemsOf(run: RunResult, node: string): unknown[] {
	return (run.data.resultData.runData[node]?.[0]?.data?.main[0] ?? []).map((item) => item.pairedItem);
}
