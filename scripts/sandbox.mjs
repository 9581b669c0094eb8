// Building blocks of the vendor sandbox, shared by `npm start` (scripts/start.mjs) and the e2e tests.
//
// API (ESM):
//   SANDBOX_PORTS                     fixed ports of `npm start`, from scripts/sandbox/ports.json: { n8n, n8nBroker, cliBroker,
//                                     qontak, chatLegacy, netzmeToko, netzmeInvoice, vtiger, appKey, control }
//   compileSandbox()                  tsc -p tsconfig.sandbox.json → .sandbox/build/ (simulators + scripts/sandbox/)
//   startVendors({ fixedPorts = true, file = '.sandbox/vendors.json' })
//                                     → Promise<{ vendors, child, stop() }>; the simulators in a child process (it also
//                                     exits when this process dies). fixedPorts:false picks free ports (tests beside a
//                                     running sandbox). `vendors` = contents of `file`: base URLs { qontak, chatLegacy,
//                                     netzmeToko, netzmeInvoice, vtiger, appKey, control } plus `logins` and `demo` ids.
//   fireCallback(vendors, kind, targetUrl?, params?)
//                                     → Promise<{ status, body }>; the vendor process posts its real callback to targetUrl.
//                                     kind: 'netzme-qris-paid' | 'netzme-invoice-paid' | 'qontak-crm-lead' | 'qontak-crm'
//                                     | 'qontak-deal-stage' | 'qontak-message' (no url: to the URLs the Broadcast Trigger
//                                     registered) | 'vtiger-contact'.
//                                     Same as: curl -X POST 'http://127.0.0.1:5709/fire/<kind>?url=<n8n webhook url>'
//   vendorState(vendors)              → GET <control>/state: Netzme tokens issued, vtiger logins, Qontak sends, …
//   CREDENTIAL_IDS, CREDENTIAL_NAMES  fixed ids/names of the sandbox credentials, keyed by credential type
//   sandboxCredentials(vendors, ids = CREDENTIAL_IDS)
//                                     → array for `n8n import:credentials` (plain data, pointing at the sandbox)
//   toSandboxWorkflow(workflow, ids = CREDENTIAL_IDS, vendors?)
//                                     → copy with types n8n-nodes-nusantara.* → CUSTOM.*, our credentials → ids, and
//                                     (given vendors) HTTP Request URLs on https://api.mekari.{com,io} → the Qontak simulator,
//                                     and the simulator's file host added to every Allowed Attachment Hosts list
//   loadExamples(ids = CREDENTIAL_IDS, vendors?)
//                                     → examples/*.json through toSandboxWorkflow (each keeps its fixed id)
//   triggerUrls(workflows, n8nBase)   → [{ workflowId, workflowName, node, type, url }] production webhook URLs
//   importSandbox(env, vendors, { credentialIds, workflows = loadExamples(credentialIds) })
//                                     imports credentials + workflows with the n8n CLI (idempotent: fixed ids)
//   executeWorkflow(env, id, { brokerPort })
//                                     → parsed `n8n execute --id --rawOutput` run data (throws with the log on failure);
//                                     beside a running n8n pass a free brokerPort (each n8n process opens a task broker,
//                                     default 5679; the sandbox's main uses 5700, SANDBOX_PORTS.cliBroker = 5710 is for CLI runs)
//   activateWorkflows(session, ids)   publishes (activates) workflows through the REST API of a running n8n;
//                                     session = ownerSession(port) from scripts/n8n.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { n8nCli, ROOT } from './n8n.mjs';

// The one ports table, scripts/sandbox/ports.json, also read by the vendor process (scripts/sandbox/vendorSet.ts).
// n8n's task broker defaults to 5679 for every instance; the sandbox moves its own, and CLI runs beside it need another.
const PORTS = JSON.parse(readFileSync(join(ROOT, 'scripts', 'sandbox', 'ports.json'), 'utf8'));
export const SANDBOX_PORTS = { n8n: PORTS.n8n, n8nBroker: PORTS.n8nBroker, cliBroker: PORTS.cliBroker, ...PORTS.vendors };
export const SANDBOX_DIR = join(ROOT, '.sandbox');
const BUILD = join(SANDBOX_DIR, 'build');
const PACKAGE_PREFIX = 'n8n-nodes-nusantara.';

export function compileSandbox() {
	const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.sandbox.json')], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`compiling the sandbox failed:\n${result.stdout}${result.stderr}`);
	return BUILD;
}

export function startVendors({ fixedPorts = true, file = join(SANDBOX_DIR, 'vendors.json'), timeoutMs = 20_000 } = {}) {
	const args = [join(BUILD, 'scripts', 'sandbox', 'vendors.js'), `--out=${file}`, '--exit-with-stdin'];
	if (!fixedPorts) args.push('--random-ports');
	// stdin stays a pipe: when this process dies for any reason it closes and the vendors exit too.
	const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
	let output = '';
	const stop = () =>
		new Promise((done) => {
			if (child.exitCode !== null || child.signalCode !== null) return done();
			child.once('exit', () => done());
			child.kill('SIGTERM');
			setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
		});
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			stop();
			reject(new Error(`the vendor sandbox did not start in ${timeoutMs} ms:\n${output}`));
		}, timeoutMs);
		const onData = (chunk) => {
			output += chunk;
			const line = /^vendors ready (.+)$/m.exec(output);
			if (!line) return;
			clearTimeout(timer);
			child.stdout.off('data', onData);
			resolve({ vendors: JSON.parse(line[1]), child, stop });
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', (chunk) => (output += chunk));
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the vendor sandbox exited with ${code}${/EADDRINUSE/.test(output) ? ` (a port of ${SANDBOX_PORTS.qontak}-${SANDBOX_PORTS.control} is taken: is another \`npm start\` running?)` : ''}:\n${output}`));
		});
	});
}

export async function fireCallback(vendors, kind, targetUrl, params = {}) {
	const query = new URLSearchParams({ ...(targetUrl ? { url: targetUrl } : {}), ...params });
	const response = await fetch(`${vendors.control}/fire/${kind}?${query}`, { method: 'POST' });
	return { status: response.status, body: await response.json() };
}

export async function vendorState(vendors) {
	return await (await fetch(`${vendors.control}/state`)).json();
}

export const CREDENTIAL_IDS = {
	mekariHmacApi: 'nsbxMekariHmac01',
	qontakChatApi: 'nsbxQontakChat01',
	netzmeApi: 'nsbxNetzmeApi001',
	abmsVtigerApi: 'nsbxAbmsVtiger01',
	appKeyApi: 'nsbxAppKeyApi001',
};

export const CREDENTIAL_NAMES = {
	mekariHmacApi: 'Mekari (sandbox)',
	qontakChatApi: 'Qontak Chat legacy (sandbox)',
	netzmeApi: 'Netzme (sandbox)',
	abmsVtigerApi: 'ABMS vtiger (sandbox)',
	appKeyApi: 'App Key API (sandbox)',
};

export function sandboxCredentials(vendors, ids = CREDENTIAL_IDS) {
	const { logins } = vendors;
	const data = {
		mekariHmacApi: {
			clientId: logins.mekari.clientId,
			clientSecret: logins.mekari.clientSecret,
			environment: 'custom',
			customBaseUrl: vendors.qontak,
			crmUserSsoId: logins.mekari.ssoId,
		},
		qontakChatApi: {
			baseUrl: vendors.chatLegacy,
			grantType: 'password',
			username: logins.qontakChat.username,
			password: logins.qontakChat.password,
			clientId: logins.qontakChat.clientId,
			clientSecret: logins.qontakChat.clientSecret,
			accessToken: '',
		},
		netzmeApi: {
			environment: 'custom',
			tokoBaseUrl: vendors.netzmeToko,
			invoiceBaseUrl: vendors.netzmeInvoice,
			clientId: logins.netzme.clientId,
			clientSecret: logins.netzme.clientSecret,
			invoiceToken: logins.netzme.invoiceToken,
			defaultMerchantId: logins.netzme.merchantId,
			accessToken: '',
		},
		abmsVtigerApi: {
			baseUrl: vendors.vtiger,
			username: logins.vtiger.username,
			secretAccessKey: logins.vtiger.accessKey,
			sessionToken: '',
			userId: '',
			vtigerVersion: '',
		},
		appKeyApi: {
			baseUrl: vendors.appKey,
			appKey: logins.appKey.appKey,
			userToken: logins.appKey.userToken,
			testPath: '/user/profile',
			accessToken: '',
			refreshToken: '',
		},
	};
	return Object.entries(data).map(([type, values]) => ({ id: ids[type], name: CREDENTIAL_NAMES[type], type, data: values }));
}

// n8n's HTTP Request node insists on an absolute URL, so examples name Mekari's real host and the sandbox redirects it.
const MEKARI_HOSTS = /^(=?)https:\/\/api\.mekari\.(com|io)(?=\/)/;

// Examples list Qontak's real file hosts; the sandbox's message files come from the simulator's file host, plain HTTP
// on 127.0.0.1, which a download passes only when it is listed as http://host:port.
const ATTACHMENT_OPTIONS = ['options', 'messageOptions'];

function allowSandboxFiles(parameters, fileHost) {
	for (const name of ATTACHMENT_OPTIONS) {
		const options = parameters?.[name];
		if (options?.downloadAttachments !== true || typeof options.allowedAttachmentHosts !== 'string') continue;
		const hosts = options.allowedAttachmentHosts.split(',').map((host) => host.trim()).filter(Boolean);
		if (!hosts.includes(fileHost)) options.allowedAttachmentHosts = [...hosts, fileHost].join(', ');
	}
}

export function toSandboxWorkflow(workflow, ids = CREDENTIAL_IDS, vendors = undefined) {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) {
		if (node.type.startsWith(PACKAGE_PREFIX)) node.type = `CUSTOM.${node.type.slice(PACKAGE_PREFIX.length)}`;
		if (vendors && node.type === 'n8n-nodes-base.httpRequest' && typeof node.parameters?.url === 'string') {
			node.parameters.url = node.parameters.url.replace(MEKARI_HOSTS, `$1${vendors.qontak}`);
		}
		if (vendors?.qontakFiles && node.type.startsWith('CUSTOM.qontakBroadcast')) allowSandboxFiles(node.parameters, vendors.qontakFiles);
		for (const type of Object.keys(node.credentials ?? {})) {
			if (ids[type]) node.credentials[type] = { id: ids[type], name: CREDENTIAL_NAMES[type] };
		}
	}
	return copy;
}

export function loadExamples(ids = CREDENTIAL_IDS, vendors = undefined) {
	const dir = join(ROOT, 'examples');
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => toSandboxWorkflow(JSON.parse(readFileSync(join(dir, name), 'utf8')), ids, vendors));
}

export function triggerUrls(workflows, n8nBase = `http://127.0.0.1:${SANDBOX_PORTS.n8n}`) {
	return workflows.flatMap((workflow) =>
		workflow.nodes
			.filter((node) => node.webhookId)
			.map((node) => ({
				workflowId: workflow.id,
				workflowName: workflow.name,
				node: node.name,
				type: node.type,
				url: `${n8nBase}/webhook/${node.webhookId}/${node.parameters?.path ?? 'webhook'}`,
			})),
	);
}

function cli(args, env, what) {
	const result = n8nCli(args, env);
	if (result.status !== 0) throw new Error(`n8n ${what} failed (${result.status}):\n${(result.stdout + result.stderr).slice(-4000)}`);
	return result;
}

export function importSandbox(env, vendors, { credentialIds = CREDENTIAL_IDS, workflows = loadExamples(credentialIds, vendors) } = {}) {
	const dir = mkdtempSync(join(tmpdir(), 'nusantara-import-'));
	try {
		const credentialsFile = join(dir, 'credentials.json');
		writeFileSync(credentialsFile, JSON.stringify(sandboxCredentials(vendors, credentialIds)));
		cli(['import:credentials', `--input=${credentialsFile}`], env, 'import:credentials');
		if (workflows.length) {
			const workflowsFile = join(dir, 'workflows.json');
			writeFileSync(workflowsFile, JSON.stringify(workflows));
			cli(['import:workflow', `--input=${workflowsFile}`], env, 'import:workflow');
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export function executeWorkflow(env, id, { brokerPort } = {}) {
	// `execute` prints the run through the logger at info level, so a quieter level prints nothing.
	const runEnv = { ...env, N8N_LOG_LEVEL: 'info', ...(brokerPort ? { N8N_RUNNERS_BROKER_PORT: String(brokerPort) } : {}) };
	const result = n8nCli(['execute', `--id=${id}`, '--rawOutput'], runEnv);
	// The run is JSON.stringify(…, null, 2): from a line that is only "{" to the last line that is only "}".
	const start = result.stdout.search(/^\{$/m);
	const end = result.stdout.lastIndexOf('\n}');
	if (result.status !== 0 || start === -1 || end < start) {
		throw new Error(`workflow ${id} failed (exit ${result.status}):\n${(result.stdout + result.stderr).slice(-6000)}`);
	}
	return JSON.parse(result.stdout.slice(start, end + 2));
}

export async function activateWorkflows(session, ids) {
	for (const id of ids) {
		const headers = { cookie: session.cookie, 'content-type': 'application/json' };
		const read = await fetch(`${session.base}/rest/workflows/${id}`, { headers });
		if (!read.ok) throw new Error(`reading workflow ${id} failed: HTTP ${read.status} ${await read.text()}`);
		const { versionId } = (await read.json()).data;
		const activate = await fetch(`${session.base}/rest/workflows/${id}/activate`, { method: 'POST', headers, body: JSON.stringify({ versionId }) });
		if (!activate.ok) throw new Error(`activating workflow ${id} failed: HTTP ${activate.status} ${await activate.text()}`);
	}
}
