import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ControlServer } from '../../scripts/sandbox/callbacks';
import { DEMO } from '../../scripts/sandbox/demoData';
import { Vendors } from '../../scripts/sandbox/vendorSet';
import type { BroadcastRecord } from '../../simulators/qontak/chatState';
import { call } from '../../simulators/qontak/signedClient';
import { HOSTED_FILES } from '../../simulators/qontak/chatFileHost';
import { broadcastDelivered, customerFileMessage, customerMessage, roomResolvedBody } from '../../simulators/qontak/chatWebhooks';
import { IDS } from '../../simulators/qontak/chatFixtures';
import { dealUpdated, leadCreated } from '../../simulators/qontak/crmWebhooks';
import { CREDENTIAL_IDS, sandboxCredentials } from './support/credentials';
import { loadExamples, type Example } from './support/examples';
import { eventually, N8nSandbox, outputOf, pairedItemsOf, type RunResult } from './support/n8nSandbox';
import { loadN8nRunner, loadSandboxScript } from './support/n8nRunner';
import {
	attachmentWorkflows,
	ATTACHMENTS,
	CHAT_REPLY,
	CRM_TRIGGER_SECRET,
	NETZME_POLLING_NODE,
	OMNICHANNEL_FILTERED,
	operationWorkflows,
	triggerWorkflows,
	UPSERT_ORDERS,
	VTIGER_QUOTE,
	WEBHOOK_IDS,
	WORKFLOW_IDS,
} from './support/suiteWorkflows';

// E2E_PORT lets two checkouts (git worktrees) run their suites side by side; each has its own .sandbox.
const PORT = Number(process.env.E2E_PORT ?? 5680);
const runner = loadN8nRunner();
// The sandbox's own vendor set (demo data the examples name), in this process on free ports.
const sims = new Vendors();
let n8n: N8nSandbox;
let examples: Example[] = [];

/** The examples with tests of their own (examples/*.json ids). */
const EXAMPLE_IDS = {
	vtigerToQontak: 'exVtigerToQontak',
	dealStage: 'exQontakDealStageWa',
	campaignReport: 'exQontakCampaignReport',
	messageRoute: 'exQontakMessageRoute',
	photoToDeal: 'exQontakPhotoToDeal',
	salesOrderPaid: 'exVtigerSalesOrderQris',
};

const webhookUrl = (webhookId: string) => `http://127.0.0.1:${PORT}/webhook/${webhookId}/webhook`;
const postJson = async (url: string, body: unknown, contentType = 'application/json') =>
	(await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) })).status;
const executionIds = async (workflowId: string) => new Set((await n8n.executions(workflowId)).map((execution) => execution.id));

/**
 * The trigger outputs (first item of each) of the executions `workflowId` started since
 * `before`, counted from n8n's own records. A count read right after the posts could still
 * miss an execution that is being created or running: `fireMarker` sends one more, fresh event
 * afterwards, and once its execution exists and every one has finished, every execution the
 * earlier posts started is listed too. The marker's own execution is left out.
 */
async function startedSince(
	workflowId: string,
	triggerNode: string,
	before: Set<string>,
	fireMarker: () => Promise<void>,
	isMarker: (json: Record<string, unknown>) => boolean,
): Promise<Array<Record<string, unknown>>> {
	await fireMarker();
	const outputs = await eventually(`the marker event's execution of ${workflowId}`, async () => {
		const fresh = (await n8n.executions(workflowId)).filter((execution) => !before.has(execution.id));
		if (fresh.some((execution) => ['new', 'running', 'waiting'].includes(execution.status))) return undefined;
		const firsts = await Promise.all(fresh.map(async (execution) => outputOf(await n8n.execution(execution.id), triggerNode)[0] ?? {}));
		return firsts.some(isMarker) ? firsts : undefined;
	});
	return outputs.filter((json) => !isMarker(json));
}

/**
 * Activates a workflow whose trigger is a webhook, then waits until n8n serves its Production URL:
 * n8n answers the activation before it has registered the webhook, which answers 404 until then.
 * `probe` is a body the trigger refuses or drops, so it starts nothing; its answer is returned.
 */
async function activateWebhook(workflowId: string, url: string, probe: unknown, timeoutMs?: number): Promise<number> {
	await n8n.activate(workflowId);
	return await eventually(
		`the production webhook of ${workflowId}`,
		async () => {
			const status = await postJson(url, probe);
			return status === 404 ? undefined : status;
		},
		timeoutMs,
	).catch((error: Error) => {
		throw new Error(`${error.message}\nn8n log:\n${n8n.serverLog().slice(-3000)}`);
	});
}

beforeAll(async () => {
	// First time on a machine: installs n8n and Node 24 (about 5 minutes), then reuses the cache.
	runner.ensureN8n();
	const urls = await sims.start(null);
	examples = loadExamples(runner.ROOT, urls);
	n8n = new N8nSandbox(runner, PORT);
	await n8n.importCredentials(sandboxCredentials(urls));
	await n8n.importWorkflows([...operationWorkflows(sims), ...triggerWorkflows(), ...attachmentWorkflows(sims), ...examples.map((example) => example.workflow)]);
	await n8n.start();
}, 900_000);

afterAll(async () => {
	await n8n?.stop();
	await sims.stop();
}, 60_000);

describe('registration', () => {
	const pkg = JSON.parse(readFileSync(join(runner.ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };

	it('registers every node of package.json as CUSTOM.<name>, with its AI tool variant', async () => {
		const types = await n8n.request<Array<{ name: string }>>('GET', '/types/nodes.json');
		const registered = new Set(types.map((type) => type.name));
		const expected = pkg.n8n.nodes.map((path) => {
			const module = require(join(runner.ROOT, path)) as Record<string, unknown>;
			return Object.values(module).find((value) => typeof value === 'function') as new () => { description: { name: string } };
		});
		expect(expected).toHaveLength(pkg.n8n.nodes.length);
		for (const NodeClass of expected) expect(registered).toContain(`CUSTOM.${new NodeClass().description.name}`);
		for (const name of ['qontakCrm', 'qontakBroadcast', 'netzme', 'abmsVtiger']) expect(registered).toContain(`CUSTOM.${name}Tool`);
	});

	it('registers every credential of package.json', async () => {
		const types = await n8n.request<Array<{ name: string }>>('GET', '/types/credentials.json');
		const registered = new Set(types.map((type) => type.name));
		const expected = pkg.n8n.credentials.map((path) => {
			const module = require(join(runner.ROOT, path)) as Record<string, unknown>;
			const CredentialClass = Object.values(module).find((value) => typeof value === 'function' && /Api$/.test((value as { name: string }).name)) as new () => { name: string };
			return new CredentialClass().name;
		});
		expect(expected.sort()).toEqual(Object.keys(CREDENTIAL_IDS).sort());
		for (const name of expected) expect(registered).toContain(name);
	});
});

describe('operations through `n8n execute`', () => {
	it('Qontak CRM: create (phone normalised), get, update, delete and list contacts', async () => {
		const before = sims.qontak.records('contacts').length;
		const run = await n8n.execute(WORKFLOW_IDS.crmContacts);
		const [created] = outputOf(run, 'Create Contact');
		expect(created).toMatchObject({ first_name: 'Dewi', last_name: 'Lestari' });
		const id = created.id;
		expect(outputOf(run, 'Get Contact')).toEqual([expect.objectContaining({ id, first_name: 'Dewi', email: 'dewi.lestari@e2e.example', telephone: '6281234567890' })]);
		expect(outputOf(run, 'Update Contact')).toEqual([expect.objectContaining({ id, job_title: 'Pemilik Warung' })]);
		expect(outputOf(run, 'Delete Contact')).toHaveLength(1);
		const listed = outputOf(run, 'Get Many Contacts');
		expect(listed).toHaveLength(before);
		expect(listed.map((contact) => contact.id)).not.toContain(id);
		expect(sims.qontak.records('contacts').map((contact) => contact.id)).not.toContain(id);
		expect(pairedItemsOf(run, 'Update Contact')).toEqual([{ item: 0 }]);
		const calls = sims.qontak.requests.map((request) => `${request.method} ${request.path} ${request.status}`);
		expect(calls).toEqual(
			expect.arrayContaining([
				'POST /qontak/crm/contacts 201',
				`GET /qontak/crm/contacts/${String(id)} 200`,
				`PUT /qontak/crm/contacts/${String(id)} 200`,
				`DELETE /qontak/crm/contacts/${String(id)} 200`,
			]),
		);
		expect(sims.qontak.authFailures).toBe(0);
	});

	it('Qontak CRM: a deal created in the first stage of a pipeline read from the API', async () => {
		const run = await n8n.execute(WORKFLOW_IDS.crmDeals);
		const pipelines = outputOf(run, 'Get Pipelines');
		expect(pipelines.length).toBeGreaterThan(0);
		const stages = outputOf(run, 'Get Stages');
		expect(stages.length).toBeGreaterThan(0);
		const [deal] = outputOf(run, 'Create Deal');
		expect(deal).toMatchObject({ name: 'Pengadaan Kopi E2E' });
		expect(String(deal.crm_pipeline_id)).toBe(String(pipelines[0].id));
		expect(String(deal.crm_stage_id)).toBe(String(stages[0].id));
		expect(outputOf(run, 'Get Deal')).toEqual([expect.objectContaining({ id: deal.id, name: 'Pengadaan Kopi E2E' })]);
		expect(sims.qontak.records('deals').some((record) => record.id === deal.id)).toBe(true);
	});

	it('Qontak Broadcast: integrations, approved templates and one direct WhatsApp send', async () => {
		const run = await n8n.execute(WORKFLOW_IDS.broadcast);
		expect(outputOf(run, 'Get Integrations').map((row) => row.id)).toContain('1a000000-0000-4000-8000-000000000002');
		const templates = outputOf(run, 'Get Templates');
		expect(templates.length).toBeGreaterThan(0);
		expect(templates.every((template) => template.status === 'APPROVED')).toBe(true);
		const [sent] = outputOf(run, 'Send Direct');
		const accepted = sims.qontak.chat.state.broadcasts.filter((record) => record.data.contact_list_id === null);
		expect(accepted).toHaveLength(1);
		expect(sent.id).toBe(accepted[0].data.id);
		expect(sims.qontak.requests.filter((request) => request.path.endsWith('/broadcasts/whatsapp/direct')).map((request) => request.status)).toEqual([201]);
	});

	it('Netzme: balance in numbers, a QRIS invoice and its status, and the transaction list', async () => {
		const balance = await n8n.execute(WORKFLOW_IDS.netzmeBalance);
		expect(outputOf(balance, 'Get Balance')).toEqual([
			{ userId: 'M_czBSCDVY', totalBalance: 150000, totalBalanceText: 'IDR 150000.00', settledBalance: 37995, settledBalanceText: 'IDR 37995.00' },
		]);
		const run = await n8n.execute(WORKFLOW_IDS.netzmeInvoice);
		const [invoice] = outputOf(run, 'Create Invoice');
		expect(invoice.trxId).toEqual(expect.any(String));
		expect(outputOf(run, 'Invoice Status')).toEqual([expect.objectContaining({ trxId: invoice.trxId, status: 'INIT', amount: 45000 })]);
		expect(outputOf(run, 'Transactions').map((row) => row.transactionId)).toEqual(['QRIS-0001', 'QRIS-0002']);
	});

	it('ABMS vtiger: create, retrieve, query and describe', async () => {
		const run = await n8n.execute(WORKFLOW_IDS.vtiger);
		const [created] = outputOf(run, 'Create Contact');
		expect(created).toMatchObject({ id: expect.stringMatching(/^\d+x\d+$/), lastname: 'Prasetyo-E2E', firstname: 'Rina' });
		expect(outputOf(run, 'Get Contact')).toEqual([expect.objectContaining({ id: created.id, email: 'rina.prasetyo@e2e.example' })]);
		expect(outputOf(run, 'Query Contacts').map((row) => row.id)).toEqual([created.id]);
		const [described] = outputOf(run, 'Describe Contacts');
		expect(JSON.stringify(described)).toContain('lastname');
		expect(sims.vtiger.record(String(created.id))).toBeDefined();
	});

	it("n8n's HTTP Request node signs with the Mekari credential", async () => {
		const before = sims.qontak.requests.length;
		const [response] = outputOf(await n8n.execute(WORKFLOW_IDS.httpMekari), 'HTTP Request');
		expect(Array.isArray(response.response)).toBe(true);
		const [call] = sims.qontak.requests.slice(before);
		expect(call).toMatchObject({ method: 'GET', path: '/qontak/crm/contacts', status: 200 });
		expect(String(call.headers.authorization)).toMatch(/^hmac username="/);
	});

	it("n8n's HTTP Request node renews and sends the App Key credential's tokens", async () => {
		const [response] = outputOf(await n8n.execute(WORKFLOW_IDS.httpAppKey), 'HTTP Request');
		expect(response.data).toEqual([expect.objectContaining({ id: 1 }), expect.objectContaining({ id: 2 })]);
		expect(sims.appKey.requests.map((request) => `${request.method} ${request.path} ${request.status} ${request.bearer}`)).toEqual([
			'GET /authorize/refresh-token 200 user',
			'GET /authorize/access-token 200 refresh',
			'GET /tasks 200 access',
		]);
		const stored = await n8n.credential(CREDENTIAL_IDS.appKeyApi);
		expect(stored.accessToken).toEqual(expect.any(String));
		expect(stored.refreshToken).toEqual(expect.any(String));
	});
});

describe('tokens and sessions persist across executions', () => {
	it('Netzme: one OAuth token for every execution, stored in the credential', async () => {
		for (let run = 0; run < 3; run++) expect(outputOf(await n8n.execute(WORKFLOW_IDS.netzmeBalance), 'Get Balance')).toHaveLength(1);
		expect(sims.netzme.tokensIssued).toBe(1);
		expect((await n8n.credential(CREDENTIAL_IDS.netzmeApi)).accessToken).toBe(sims.netzme.tokens[0].token);
	});

	it('ABMS vtiger: one login for every execution, the session stored in the credential', async () => {
		const run = await n8n.execute(WORKFLOW_IDS.vtiger);
		expect(outputOf(run, 'Query Contacts')).toHaveLength(2);
		expect(sims.vtiger.logins).toBe(1);
		const stored = await n8n.credential(CREDENTIAL_IDS.abmsVtigerApi);
		expect(stored.sessionToken).toEqual(expect.any(String));
		expect(String(stored.sessionToken).length).toBeGreaterThan(0);
	});

	it('Qontak Chat (legacy host): one password grant for every execution', async () => {
		for (let run = 0; run < 2; run++) expect(outputOf(await n8n.execute(WORKFLOW_IDS.chatLegacy), 'Get Integrations').length).toBeGreaterThan(0);
		expect(sims.chatLegacy.logins).toBe(1);
		const token = (await n8n.credential(CREDENTIAL_IDS.qontakChatApi)).accessToken;
		expect(token).toEqual(expect.any(String));
		expect(sims.chatLegacy.requests.at(-1)!.authorization).toBe(`Bearer ${String(token)}`);
	});
});

describe("triggers through n8n's production webhooks", () => {
	const triggerOutput = (run: RunResult, node: string) => outputOf(run, node);

	beforeAll(async () => {
		for (const id of [WORKFLOW_IDS.netzmeTrigger, WORKFLOW_IDS.crmTrigger, WORKFLOW_IDS.omnichannelTrigger]) await n8n.activate(id);
	});

	it('Netzme Trigger: a QRIS payment and a paid invoice each start one execution', async () => {
		const url = webhookUrl(WEBHOOK_IDS.netzme);
		const payment = sims.netzme.payQris('M_czBSCDVY', 2100);
		// Netzme retries a non-2xx; on a loaded machine the first post can still meet the registration.
		expect((await sims.netzme.postCallback(url, payment)).at(-1)).toBe(200);
		const [invoice] = outputOf(await n8n.execute(WORKFLOW_IDS.netzmeInvoice), 'Create Invoice');
		expect(await sims.netzme.postCallback(url, sims.netzme.payInvoice(String(invoice.trxId)))).toEqual([200]);
		const [first, second] = await n8n.finishedExecutions(WORKFLOW_IDS.netzmeTrigger, 2);
		expect(first.mode).toBe('webhook');
		expect(triggerOutput(first, 'Netzme Trigger')).toEqual([expect.objectContaining({ event: 'qrisPayment', amount: 2100 })]);
		expect(triggerOutput(second, 'Netzme Trigger')).toEqual([expect.objectContaining({ event: 'invoicePaid', transaction_id: invoice.trxId, amount: 45000 })]);
	});

	it('Netzme Trigger: a withdrawal’s status report starts one execution with its fields; its resends start none', async () => {
		const url = webhookUrl(WEBHOOK_IDS.netzme);
		const before = await executionIds(WORKFLOW_IDS.netzmeTrigger);
		const bank = { accountHolderName: 'Sari Wulandari', bankAccountNumber: '1234567890', bankName: 'BCA', bankCode: '014' };
		sims.netzme.state.withdrawals.push({ customerReffNum: 'WD-E2E-0001', kind: 'merchant', userId: 'M_czBSCDVY', withdrawalAmount: 37995, bank, status: 'PENDING', createdTs: Date.now() });
		expect(await sims.netzme.postCallback(url, sims.netzme.finishWithdrawal('WD-E2E-0001'), { deliveries: 2 })).toEqual([200, 200]);
		const started = await startedSince(
			WORKFLOW_IDS.netzmeTrigger,
			'Netzme Trigger',
			before,
			async () => expect((await sims.netzme.postCallback(url, sims.netzme.payQris('M_czBSCDVY', 2300))).at(-1)).toBe(200),
			(json) => json.event === 'qrisPayment',
		);
		expect(started).toEqual([expect.objectContaining({ event: 'withdrawStatus', withdrawal: expect.objectContaining({ referenceNo: 'WD-E2E-0001', status: 'SUCCESS', amount: 37995 }) })]);
	});

	it('Qontak CRM Trigger: needs the shared secret, and starts one execution per subscribed event', async () => {
		const url = webhookUrl(WEBHOOK_IDS.crm);
		const post = async (target: string, body: unknown) =>
			(await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
		expect(await post(url, leadCreated)).toBe(401);
		expect(await post(`${url}?token=${CRM_TRIGGER_SECRET}`, leadCreated)).toBe(200);
		expect(await post(`${url}?token=${CRM_TRIGGER_SECRET}`, dealUpdated)).toBe(200);
		const runs = await n8n.finishedExecutions(WORKFLOW_IDS.crmTrigger, 2);
		expect(runs.map((run) => triggerOutput(run, 'Qontak CRM Trigger')[0].eventType).sort()).toEqual(['qontak.crm.deal.update', 'qontak.crm.lead.create']);
		expect(runs.every((run) => run.status === 'success')).toBe(true);
	});

	it('Qontak Omnichannel Trigger: registers its production URL with Qontak on activation and receives messages', async () => {
		const url = webhookUrl(WEBHOOK_IDS.omnichannel);
		const registrations = sims.qontak.requests.filter((request) => request.method === 'PUT' && request.path.endsWith('/message_interactions'));
		expect(registrations).toHaveLength(1);
		// Registered with the random secret the trigger made at activation; deliveries must carry it.
		expect(registrations[0].body).toMatchObject({ url: expect.stringMatching(new RegExp(`^${url}\\?token=[A-Za-z0-9_-]{43}$`)), receive_message_from_customer: true });
		expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(customerMessage) })).status).toBe(401);
		expect(await sims.qontak.chat.deliver('receive_message_from_customer', customerMessage)).toEqual([200]);
		const [run] = await n8n.finishedExecutions(WORKFLOW_IDS.omnichannelTrigger, 1);
		expect(triggerOutput(run, 'Qontak Omnichannel Trigger')).toEqual([expect.objectContaining({ text: customerMessage.text })]);
	});
});

describe('Netzme Trigger in real n8n: at most one execution per real payment', () => {
	const url = () => webhookUrl(WEBHOOK_IDS.netzme);
	const postRaw = async (body: string, contentType = 'application/json') => await postJson(url(), body, contentType);
	const idsOf = async () => await executionIds(WORKFLOW_IDS.netzmeTrigger);
	async function startedSinceNetzme(before: Set<string>) {
		const marker = sims.netzme.payQris('M_czBSCDVY', 1111);
		return await startedSince(
			WORKFLOW_IDS.netzmeTrigger,
			'Netzme Trigger',
			before,
			async () => expect(await sims.netzme.postCallback(url(), marker)).toEqual([200]),
			(json) => json.transactionId === marker.transactionId,
		);
	}

	it('starts one execution when Netzme delivers one payment 4 times, and when 3 deliveries arrive at once', async () => {
		const before = await idsOf();
		const repeated = sims.netzme.payQris('M_czBSCDVY', 3100);
		expect(await sims.netzme.postCallback(url(), repeated, { deliveries: 4 })).toEqual([200, 200, 200, 200]);
		const together = sims.netzme.payQris('M_czBSCDVY', 3200);
		const concurrent = await Promise.all([1, 2, 3].map(async () => await sims.netzme.postCallback(url(), together, { retries: 0 })));
		expect(concurrent).toEqual([[200], [200], [200]]);
		const started = await startedSinceNetzme(before);
		expect(started.map((json) => [json.transactionId, json.amount, json.confirmedByNetzme]).sort()).toEqual(
			[
				[repeated.transactionId, 3100, true],
				[together.transactionId, 3200, true],
			].sort(),
		);
	});

	it('starts nothing for a forged payment, a replay with altered fields, or a malformed body', async () => {
		const before = await idsOf();
		const forged = { type: 'pay_qris', merchantUserId: 'M_czBSCDVY', transactionId: 'FAKE-1', referenceId: '999999999999', amount: 'IDR 99999999.00' };
		expect(await sims.netzme.postCallback(url(), forged, { retries: 0 })).toEqual([422]);
		const real = sims.netzme.payQris('M_czBSCDVY', 1000);
		for (const altered of [{ transactionId: 'QRIS-OTHER' }, { amount: 'IDR 5000000.00' }, { merchantUserId: 'M_other' }]) {
			expect(await sims.netzme.postCallback(url(), { ...real, ...altered }, { retries: 0 })).toEqual([422]);
		}
		for (const altered of [{ amount: undefined }, { amount: 'lots' }, { referenceId: { id: 1 } }]) {
			expect(await sims.netzme.postCallback(url(), { ...real, ...altered }, { retries: 0 })).toEqual([400]);
		}
		expect(await postRaw('"pay_qris"')).toBe(400);
		expect(await postRaw(JSON.stringify([real]))).toBe(400);
		expect(await postRaw(JSON.stringify(real), 'text/plain')).toBe(400);
		expect(await startedSinceNetzme(before)).toEqual([]);
	});

	it('drops a resend after an n8n restart: what it saw lives in the workflow’s static data', async () => {
		const payment = sims.netzme.payQris('M_czBSCDVY', 4100);
		expect(await sims.netzme.postCallback(url(), payment)).toEqual([200]);
		await n8n.stop();
		await n8n.start();
		const before = await idsOf();
		expect(await sims.netzme.postCallback(url(), payment, { deliveries: 2 })).toEqual([200, 200]);
		expect(await startedSinceNetzme(before)).toEqual([]);
	});
});

describe('Qontak triggers in real n8n: one execution per event, none for forged or malformed ones', () => {
	const crmUrl = () => `${webhookUrl(WEBHOOK_IDS.crm)}?token=${CRM_TRIGGER_SECRET}`;
	let contactNumber = 0;
	/** A contact that really exists in the CRM, as Mekari's lead.create webhook body. */
	async function newLead(): Promise<Record<string, unknown>> {
		contactNumber++;
		const created = await call(sims.qontak, 'POST', '/qontak/crm/contacts', {
			body: { first_name: 'Putra', last_name: `E2E-${contactNumber}`, email: `putra.e2e.${contactNumber}@e2e.example` },
		});
		expect(created.status).toBe(201);
		return { ...(created.json.response as Record<string, unknown>), eventType: 'qontak.crm.lead.create', companyId: leadCreated.companyId };
	}
	async function crmStartedSince(before: Set<string>) {
		const marker = await newLead();
		return await startedSince(
			WORKFLOW_IDS.crmTrigger,
			'Qontak CRM Trigger',
			before,
			async () => expect(await postJson(crmUrl(), marker)).toBe(200),
			(json) => json.id === marker.id,
		);
	}

	it('Qontak CRM Trigger: 4 deliveries → 1 execution, 3 at once → 1, each with Qontak’s record', async () => {
		const before = await executionIds(WORKFLOW_IDS.crmTrigger);
		const repeated = await newLead();
		for (let delivery = 0; delivery < 4; delivery++) expect(await postJson(crmUrl(), repeated)).toBe(200);
		const together = await newLead();
		expect(await Promise.all([1, 2, 3].map(async () => await postJson(crmUrl(), together)))).toEqual([200, 200, 200]);
		const started = await crmStartedSince(before);
		expect(started.map((json) => [json.id, json.confirmedByQontak]).sort()).toEqual([[repeated.id, true], [together.id, true]].sort());
	});

	it('Qontak CRM Trigger: a forged event (no such record) and malformed bodies start nothing', async () => {
		const before = await executionIds(WORKFLOW_IDS.crmTrigger);
		expect(await postJson(crmUrl(), { ...leadCreated, id: 987654321 })).toBe(422);
		expect(await postJson(crmUrl(), { ...dealUpdated, id: 987654321, crm_stage_name: 'Won' })).toBe(422);
		expect(await postJson(crmUrl(), '"qontak.crm.deal.update"')).toBe(400);
		expect(await postJson(crmUrl(), JSON.stringify(leadCreated), 'text/plain')).toBe(400);
		expect(await postJson(crmUrl(), { ...leadCreated, eventType: undefined })).toBe(400);
		expect(await postJson(crmUrl(), { ...leadCreated, id: { id: 1 } })).toBe(400);
		expect(await crmStartedSince(before)).toEqual([]);
	});

	const registeredUrl = () =>
		String((sims.qontak.requests.filter((request) => request.method === 'PUT' && request.path.endsWith('/message_interactions')).at(-1)!.body as { url?: string }).url);
	let messageNumber = 0;
	const newMessage = () => ({ ...customerMessage, id: `7a000000-0000-4000-8000-${String(900000000000 + ++messageNumber)}`, text: `E2E message ${messageNumber}` });
	async function omnichannelStartedSince(before: Set<string>) {
		const marker = newMessage();
		return await startedSince(
			WORKFLOW_IDS.omnichannelTrigger,
			'Qontak Omnichannel Trigger',
			before,
			async () => expect(await sims.qontak.chat.deliver('receive_message_from_customer', marker)).toEqual([200]),
			(json) => json.id === marker.id,
		);
	}

	it('Qontak Omnichannel Trigger: 4 deliveries → 1 execution, 3 at once → 1', async () => {
		const before = await executionIds(WORKFLOW_IDS.omnichannelTrigger);
		const repeated = newMessage();
		for (let delivery = 0; delivery < 4; delivery++) expect(await sims.qontak.chat.deliver('receive_message_from_customer', repeated)).toEqual([200]);
		const together = newMessage();
		expect(await Promise.all([1, 2, 3].map(async () => await postJson(registeredUrl(), together)))).toEqual([200, 200, 200]);
		const started = await omnichannelStartedSince(before);
		expect(started.map((json) => json.id).sort()).toEqual([repeated.id, together.id].sort());
	});

	it('Qontak Omnichannel Trigger: a forged delivery without the secret and malformed bodies start nothing', async () => {
		const before = await executionIds(WORKFLOW_IDS.omnichannelTrigger);
		const plainUrl = webhookUrl(WEBHOOK_IDS.omnichannel);
		expect(await postJson(plainUrl, newMessage())).toBe(401);
		expect(await postJson(`${plainUrl}?token=guessed`, newMessage())).toBe(401);
		expect(await postJson(registeredUrl(), '"hello"')).toBe(400);
		expect(await postJson(registeredUrl(), JSON.stringify(newMessage()), 'text/plain')).toBe(400);
		expect(await postJson(registeredUrl(), { ...newMessage(), id: 42.5 })).toBe(400);
		expect(await omnichannelStartedSince(before)).toEqual([]);
	});
});

describe('polling trigger', () => {
	it('ABMS vtiger Trigger: a contact created after activation starts an execution', async () => {
		const loginsBefore = sims.vtiger.logins;
		const seen = sims.vtiger.requests.length;
		await n8n.activate(WORKFLOW_IDS.vtigerTrigger);
		// The first poll (it may finish after activation answers) sets the starting mark from the
		// newest record; a record created before it would count as already there.
		const startingPoll = /ORDER BY createdtime DESC/;
		await eventually('the first poll', async () => (sims.vtiger.requests.slice(seen).some((request) => startingPoll.test(request.query.query ?? '')) ? true : undefined));
		const id = sims.vtiger.insert('Contacts', { lastname: 'Polling', firstname: 'Putri', email: 'putri@e2e.example' });
		const [run] = await n8n.finishedExecutions(WORKFLOW_IDS.vtigerTrigger, 1, 90_000).catch((error: Error) => {
			const operations = sims.vtiger.requests.map((request) => `${request.operation ?? '?'} ${JSON.stringify(request.query).slice(0, 160)}`);
			throw new Error(`${error.message}\nvtiger saw:\n${operations.slice(-12).join('\n')}\nn8n log:\n${n8n.serverLog().slice(-3000)}`);
		});
		expect(run.mode).toBe('trigger');
		expect(outputOf(run, 'ABMS vtiger Trigger')).toEqual([expect.objectContaining({ id, lastname: 'Polling' })]);
		// The trigger reuses the session the manual executions stored.
		expect(sims.vtiger.logins).toBe(loginsBefore);
	});
});

describe('examples/', () => {
	// Listed before the vendors start (jest collects tests first); run with the vendors' addresses.
	const listed = loadSandboxScript()
		.loadExamples()
		.filter((workflow) => workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger'));

	if (listed.length === 0) {
		it.skip('examples/*.json with a Manual Trigger (none yet)', () => undefined);
		return;
	}

	/** Runs an example's Manual Trigger path; every node must succeed. Answers the run and the WhatsApp broadcasts it made. */
	async function runExample(id: string): Promise<{ run: RunResult; broadcasts: BroadcastRecord[] }> {
		expect(examples.find((example) => example.workflow.id === id)?.runnable).toBe(true);
		const before = sims.qontak.chat.state.broadcasts.length;
		const run = await n8n.execute(id);
		expect(run.data.resultData.error).toBeUndefined();
		for (const [node, runs] of Object.entries(run.data.resultData.runData)) {
			expect({ node, error: runs[0].error?.message }).toEqual({ node, error: undefined });
		}
		return { run, broadcasts: sims.qontak.chat.state.broadcasts.slice(before) };
	}

	/** Activates an example whose trigger is a webhook (see activateWebhook) and answers its Production URL. */
	async function activateExample(id: string, probe: unknown): Promise<string> {
		const workflow = examples.find((example) => example.workflow.id === id)!.workflow;
		const url = webhookUrl(workflow.nodes.find((node) => node.webhookId)!.webhookId!);
		await activateWebhook(id, url, probe);
		return url;
	}

	/** The sandbox's control endpoint in this process; it answers what n8n answered the callback, so a failure shows n8n's reason. */
	async function withControl<T>(use: (fire: (kind: string, query: string) => Promise<{ status: number; n8nAnswered?: number[]; error?: string }>) => Promise<T>): Promise<T> {
		const control = new ControlServer(sims);
		const controlUrl = await control.start();
		try {
			return await use(async (kind, query) => {
				const response = await fetch(`${controlUrl}/fire/${kind}?${query}`, { method: 'POST' });
				const body = (await response.json()) as { statuses?: number[]; error?: string };
				return { status: response.status, n8nAnswered: body.statuses, error: body.error };
			});
		} finally {
			await control.stop();
		}
	}

	const ran = (run: RunResult) => Object.keys(run.data.resultData.runData);

	// These examples have their own tests below, which say what they must have done.
	const checkedBelow = new Set([EXAMPLE_IDS.vtigerToQontak, EXAMPLE_IDS.dealStage, EXAMPLE_IDS.campaignReport, EXAMPLE_IDS.messageRoute, EXAMPLE_IDS.photoToDeal, EXAMPLE_IDS.salesOrderPaid]);
	const generic = listed.filter((workflow) => !checkedBelow.has(workflow.id));
	it.each(generic.map((workflow) => [workflow.name, workflow.id] as const))('%s runs to success in n8n', async (_name, id) => {
		await runExample(id);
	});

	it('04 vtiger → Qontak: the newest vtiger contacts become Qontak contacts matched on email, else phone (sent as 62…); a second run updates the same two instead of adding two more', async () => {
		// The two newest vtiger contacts, which the manual branch reads: one with an email, one with only a phone.
		sims.vtiger.insert('Contacts', { firstname: 'Dian', lastname: 'Lestari-E2E', email: 'dian.lestari@e2e.example', mobile: '+62 812-5550-0404', mailingcity: 'Bogor' });
		sims.vtiger.insert('Contacts', { firstname: 'Agus', lastname: 'Salim-E2E', mobile: '0813 5550 0405' });
		const before = sims.qontak.records('contacts').length;
		const written = (run: RunResult) =>
			['Create or update by email', 'Create or update by phone'].map((node) => outputOf(run, node).map((contact) => [contact._action, contact.id, contact.first_name, contact.telephone]));

		const [[dian], [agus]] = written((await runExample(EXAMPLE_IDS.vtigerToQontak)).run);
		expect(dian).toEqual(['created', expect.any(Number), 'Dian', '6281255500404']);
		expect(agus).toEqual(['created', expect.any(Number), 'Agus', '6281355500405']);
		expect(sims.qontak.records('contacts')).toHaveLength(before + 2);

		expect(written((await runExample(EXAMPLE_IDS.vtigerToQontak)).run)).toEqual([[['updated', dian[1], 'Dian', '6281255500404']], [['updated', agus[1], 'Agus', '6281355500405']]]);
		expect(sims.qontak.records('contacts')).toHaveLength(before + 2);
	});

	it('07 deal stage → WhatsApp: the sample deal in Menang sends tahap_kesepakatan to its contact, with the deal and stage names', async () => {
		const { run, broadcasts } = await runExample(EXAMPLE_IDS.dealStage);
		expect(outputOf(run, "Get the deal's contact")).toEqual([expect.objectContaining({ id: 1001, telephone: '081311110001' })]);
		expect(broadcasts).toHaveLength(1);
		expect(broadcasts[0].recipients).toEqual([expect.objectContaining({ phone: '6281311110001', name: 'Siti Rahmawati' })]);
		expect(broadcasts[0].data).toMatchObject({
			message_template: expect.objectContaining({ id: DEMO.chat.templates.dealStage, name: 'tahap_kesepakatan' }),
			parameters: {
				body: [
					expect.objectContaining({ key: '1', value_text: 'Siti' }),
					expect.objectContaining({ key: '2', value_text: 'Pasokan Kopi Kafe Sinar Q4' }),
					expect.objectContaining({ key: '3', value_text: 'Menang' }),
				],
			},
		});
		expect(outputOf(run, 'Send WhatsApp update')).toEqual([expect.objectContaining({ id: broadcasts[0].data.id })]);
	});

	it('07 deal stage → WhatsApp, active: a deal moved to Menang in the CRM notifies its contact; a move to another stage sends nothing', async () => {
		const control = new ControlServer(sims);
		const controlUrl = await control.start();
		try {
			// An empty body is refused by the trigger with a 400 and starts nothing.
			const url = await activateExample(EXAMPLE_IDS.dealStage, {});
			const before = await executionIds(EXAMPLE_IDS.dealStage);
			const sentBefore = sims.qontak.chat.state.broadcasts.length;
			// The control endpoint answers what n8n answered the callback, so a failure shows n8n's reason.
			const fire = async (query: string) => {
				const response = await fetch(`${controlUrl}/fire/qontak-deal-stage?url=${encodeURIComponent(url)}&${query}`, { method: 'POST' });
				const body = (await response.json()) as { statuses?: number[]; error?: string };
				return { status: response.status, n8nAnswered: body.statuses, error: body.error };
			};
			const started = async (count: number) => (await n8n.finishedExecutions(EXAMPLE_IDS.dealStage, before.size + count)).filter((run) => !before.has(run.id));

			// Deal 3003 (Hotel Melati, contact Putu Ayu Lestari) starts in Prospek.
			expect(await fire('id=3003&stage=314')).toEqual({ status: 200, n8nAnswered: [200], error: undefined });
			const [won] = await started(1);
			expect(won).toMatchObject({ mode: 'webhook', status: 'success' });
			expect(outputOf(won, 'Qontak CRM Trigger')).toEqual([expect.objectContaining({ id: 3003, crm_stage_id: 314, confirmedByQontak: true })]);
			const sent = sims.qontak.chat.state.broadcasts.slice(sentBefore);
			expect(sent.map((record) => record.recipients)).toEqual([[expect.objectContaining({ phone: '6281311110003', name: 'Putu Ayu Lestari' })]]);

			expect(await fire('id=3003&stage=312')).toEqual({ status: 200, n8nAnswered: [200], error: undefined });
			const [, elsewhere] = await started(2);
			expect(elsewhere).toMatchObject({ mode: 'webhook', status: 'success' });
			expect(outputOf(elsewhere, 'Qontak CRM Trigger')).toEqual([expect.objectContaining({ id: 3003, crm_stage_id: 312 })]);
			expect(outputOf(elsewhere, 'Chosen stage reached?')).toEqual([]);
			expect(sims.qontak.chat.state.broadcasts.slice(sentBefore)).toHaveLength(1);
		} finally {
			await control.stop();
		}
	});

	it("11 vtiger Sales Order → QRIS → paid Invoice: a QRIS invoice for the order's grand total, its link by WhatsApp to the order's contact, and once Netzme reports it paid a vtiger Invoice with the order's lines, status Paid", async () => {
		const invoicesBefore = sims.netzme.state.invoices.length;
		const { run, broadcasts } = await runExample(EXAMPLE_IDS.salesOrderPaid);
		const [order] = outputOf(run, 'Get the sales order');
		expect(order).toMatchObject({ id: DEMO.vtiger.salesOrderId, salesorder_no: 'SO1', contact_id: DEMO.vtiger.salesOrderContactId });
		expect(Number(order.hdnGrandTotal)).toBe(1_120_000);

		const [qris] = outputOf(run, 'Create QRIS invoice');
		expect(sims.netzme.state.invoices.slice(invoicesBefore)).toEqual([expect.objectContaining({ trxId: qris.trxId, amount: 1_120_000, partnerTransactionId: expect.stringMatching(/^SO1-\d{14}$/) })]);
		expect(broadcasts).toHaveLength(1);
		expect(broadcasts[0].recipients).toEqual([expect.objectContaining({ phone: '6281311110002', name: 'Bambang Hartono' })]);
		expect(broadcasts[0].data).toMatchObject({
			message_template: expect.objectContaining({ id: DEMO.chat.templates.paymentLink, name: 'tautan_pembayaran' }),
			parameters: {
				body: [
					expect.objectContaining({ key: '1', value_text: 'Bambang' }),
					expect.objectContaining({ key: '2', value_text: 'SO1' }),
					expect.objectContaining({ key: '3', value_text: 'Rp 1.120.000' }),
					expect.objectContaining({ key: '4', value_text: qris.paymentUrl }),
				],
			},
		});
		// The sandbox's Netzme reports an invoice paid at its 2nd status check.
		expect(outputOf(run, 'Wait until paid')).toEqual([expect.objectContaining({ trxId: qris.trxId, status: 'SUCCESS', stoppedBecause: 'paid', statusChecks: 2 })]);

		const [invoice] = outputOf(run, 'Create the paid vtiger invoice');
		expect(invoice).toMatchObject({ invoicestatus: 'Paid', salesorder_id: DEMO.vtiger.salesOrderId, account_id: order.account_id, contact_id: order.contact_id });
		expect(Number(invoice.hdnGrandTotal)).toBe(1_120_000);
		const lines = (id: string) => sims.vtiger.lineItems(id).map((line) => [line.productid, line.quantity, line.listprice, line.comment]);
		expect(lines(String(invoice.id))).toEqual(lines(DEMO.vtiger.salesOrderId));
		expect(lines(String(invoice.id))).toHaveLength(2);
	});

	it('09 customer message → route or reply: Bambang (a known contact, no deal on his room) gets a reply by name in his room; no task, no new contact', async () => {
		const messagesBefore = sims.qontak.chat.state.messages.length;
		const contactsBefore = sims.qontak.records('contacts').length;
		const { run } = await runExample(EXAMPLE_IDS.messageRoute);
		expect(outputOf(run, "Find the room's deal")).toEqual([{}]);
		expect(outputOf(run, 'Find the contact by phone')).toEqual([expect.objectContaining({ id: 1002, first_name: 'Bambang', telephone: '081311110002' })]);
		const [reply] = outputOf(run, 'Reply by name');
		expect(reply).toMatchObject({ room_id: DEMO.chat.rooms.bambang, type: 'text', text: expect.stringMatching(/^Halo Bambang, terima kasih/) });
		expect(sims.qontak.chat.state.messages.slice(messagesBefore)).toEqual([expect.objectContaining({ id: reply.id, room_id: DEMO.chat.rooms.bambang })]);
		expect(ran(run)).not.toContain('Task for the deal owner');
		expect(ran(run)).not.toContain('Add the new contact');
		expect(sims.qontak.records('contacts')).toHaveLength(contactsBefore);
	});

	it('09 active: Siti (deal 3001 was created from her room) → a task on the deal for its owner; Budi (unknown) → a new contact and a question; his next message → a reply by name', async () => {
		const url = await activateExample(EXAMPLE_IDS.messageRoute, { probe: true });
		const before = await executionIds(EXAMPLE_IDS.messageRoute);
		const started = async (count: number) => (await n8n.finishedExecutions(EXAMPLE_IDS.messageRoute, before.size + count)).filter((run) => !before.has(run.id));
		const budiNumber = '6281234567001';
		const budiContacts = () => sims.qontak.records('contacts').filter((contact) => contact.telephone === budiNumber);
		expect(budiContacts()).toEqual([]);
		const tasksBefore = sims.qontak.records('tasks').length;

		await withControl(async (fire) => {
			const to = `url=${encodeURIComponent(url)}`;
			expect(await fire('qontak-message', `${to}&from=6281311110001&text=${encodeURIComponent('Kapan kopi Gayo kami dikirim?')}`)).toEqual({ status: 200, n8nAnswered: [200], error: undefined });
			const [siti] = await started(1);
			expect(siti).toMatchObject({ mode: 'webhook', status: 'success' });
			expect(outputOf(siti, "Find the room's deal")).toEqual([expect.objectContaining({ id: 3001 })]);
			const [task] = outputOf(siti, 'Task for the deal owner');
			expect(task).toMatchObject({ name: 'Balas WhatsApp Siti Rahmawati (Pasokan Kopi Kafe Sinar Q4)', crm_deal_id: 3001, crm_person_id: 1001, user_id: sims.qontak.records('deals').find((deal) => deal.id === 3001)!.creator_id });
			expect(String(task.detail)).toContain('Kapan kopi Gayo kami dikirim?');
			expect(sims.qontak.records('tasks')).toHaveLength(tasksBefore + 1);
			// A room with a deal never reads the contact list.
			expect(ran(siti)).not.toContain('Find the contact by phone');

			expect(await fire('qontak-message', to)).toEqual({ status: 200, n8nAnswered: [200], error: undefined });
			const [, unknown] = await started(2);
			expect(unknown).toMatchObject({ mode: 'webhook', status: 'success' });
			expect(outputOf(unknown, 'Add the new contact')).toEqual([expect.objectContaining({ _action: 'created', first_name: 'Budi Santoso', telephone: budiNumber, crm_source_id: 604 })]);
			expect(outputOf(unknown, 'Ask for their name')).toEqual([expect.objectContaining({ room_id: DEMO.chat.rooms.budi, text: expect.stringMatching(/nama lengkap Anda/) })]);

			expect(await fire('qontak-message', to)).toEqual({ status: 200, n8nAnswered: [200], error: undefined });
			const [, , known] = await started(3);
			expect(outputOf(known, 'Reply by name')).toEqual([expect.objectContaining({ room_id: DEMO.chat.rooms.budi, text: expect.stringMatching(/^Halo Budi Santoso, /) })]);
			expect(ran(known)).not.toContain('Add the new contact');
		});
		expect(budiContacts()).toHaveLength(1);
	});

	it("10 photo → deal note: the photo in Siti's room, downloaded from the file host, becomes a note on deal 3001 with Qontak's file link, name and type", async () => {
		const notesBefore = sims.qontak.records('notes').length;
		const fetchedBefore = sims.qontak.files.requests.length;
		const { run } = await runExample(EXAMPLE_IDS.photoToDeal);
		const fileUrl = `${sims.qontak.files.baseUrl}${HOSTED_FILES.image.path}`;
		expect(outputOf(run, 'Photo downloaded?')).toEqual([expect.objectContaining({ id: '7b000000-0000-4000-8000-000000000102', type: 'image', room_id: DEMO.chat.rooms.siti })]);
		expect(outputOf(run, "Find the room's deal")).toEqual([expect.objectContaining({ id: 3001 })]);
		const [note] = outputOf(run, 'Note on the deal');
		expect(note).toMatchObject({ type: 'Crm::DealNote', crm_deal_id: 3001 });
		expect(note.note).toContain(`<a href="${fileUrl}">bukti-transfer.png</a> (image/png,`);
		expect(note.note).toMatch(/^<p>Foto dari Siti Rahmawati via WhatsApp, \d{2}-\d{2}-\d{4} \d{2}:\d{2} WIB: /);
		expect(sims.qontak.records('notes')).toHaveLength(notesBefore + 1);
		// Fetched once, without the credential.
		expect(sims.qontak.files.requests.slice(fetchedBefore).map((request) => [request.path, request.headers.authorization])).toEqual([[HOSTED_FILES.image.path, undefined]]);
	});

	it('10 active: a photo Siti sends becomes a note on deal 3001; a message whose file is on a host not allowed is not downloaded and stores nothing', async () => {
		const url = await activateExample(EXAMPLE_IDS.photoToDeal, { probe: true });
		const before = await executionIds(EXAMPLE_IDS.photoToDeal);
		const started = async (count: number) => (await n8n.finishedExecutions(EXAMPLE_IDS.photoToDeal, before.size + count)).filter((run) => !before.has(run.id));
		const notesBefore = sims.qontak.records('notes').length;

		await withControl(async (fire) => {
			expect(await fire('qontak-message', `url=${encodeURIComponent(url)}&from=6281311110001&file=image`)).toEqual({ status: 200, n8nAnswered: [200], error: undefined });
		});
		const [sent] = await started(1);
		expect(sent).toMatchObject({ mode: 'webhook', status: 'success' });
		const [note] = outputOf(sent, 'Note on the deal');
		expect(note).toMatchObject({ crm_deal_id: 3001, note: expect.stringContaining('bukti-transfer.png') });

		// Qontak does not sign deliveries: anyone with the URL can post a "photo" pointing anywhere.
		const fetchedBefore = sims.qontak.files.requests.length;
		const elsewhere = sims.qontak.files.baseUrl.replace('127.0.0.1', 'localhost');
		const siti = { ...customerMessage.room, id: DEMO.chat.rooms.siti, name: 'Siti Rahmawati', account_uniq_id: '6281311110001' };
		const forged = { ...customerFileMessage(elsewhere, HOSTED_FILES.image, '7a000000-0000-4000-8000-0000000e2e10'), room_id: siti.id, room: siti };
		expect(await postJson(url, forged)).toBe(200);
		const [, refused] = await started(2);
		expect(refused).toMatchObject({ mode: 'webhook', status: 'success' });
		expect(outputOf(refused, 'Qontak Omnichannel Trigger')).toEqual([expect.objectContaining({ id: forged.id, attachmentSkipped: expect.stringMatching(/not in Allowed Attachment Hosts/) })]);
		expect(outputOf(refused, 'Photo downloaded?')).toEqual([]);
		expect(ran(refused)).not.toContain('Note on the deal');
		expect(sims.qontak.files.requests.length).toBe(fetchedBefore);
		expect(sims.qontak.records('notes')).toHaveLength(notesBefore + 1);
	});

	it('08 campaign → delivery report: one list broadcast to the five contacts, and a report of 4 delivered and 1 failed once the log settled', async () => {
		const { run, broadcasts } = await runExample(EXAMPLE_IDS.campaignReport);
		expect(broadcasts).toHaveLength(1);
		expect(broadcasts[0].data).toMatchObject({
			contact_list_id: DEMO.chat.campaignList,
			message_template: expect.objectContaining({ id: DEMO.chat.templates.promotion }),
			parameters: { body: [expect.objectContaining({ key: '1', value: 'full_name' }), expect.objectContaining({ key: '2', value: 'kota' })] },
		});
		expect(broadcasts[0].recipients).toHaveLength(5);
		// The log waited for final statuses: nothing is left pending or merely sent.
		expect(outputOf(run, 'Delivery log').map((entry) => entry.status).sort()).toEqual(['delivered', 'delivered', 'delivered', 'delivered', 'failed']);
		expect(outputOf(run, 'Delivery report')).toEqual([
			{
				campaign: broadcasts[0].data.name,
				broadcastId: broadcasts[0].data.id,
				recipients: 5,
				sent: 4,
				delivered: 4,
				read: 0,
				failed: 1,
				pending: 0,
				failedRecipients: [expect.stringMatching(/^Wahyu Setiawan \(6281355500105\): .*not a WhatsApp user/)],
			},
		]);
	});
});

describe('Qontak Broadcast in real n8n: a free-form reply to a phone number', () => {
	it('finds the customer’s open room by their number and sends the text into it', async () => {
		const before = sims.qontak.requests.length;
		const run = await n8n.execute(CHAT_REPLY.workflowId);
		expect(outputOf(run, 'Reply to Phone')).toEqual([expect.objectContaining({ room_id: '5e000000-0000-4000-8000-000000000001', type: 'text', text: CHAT_REPLY.text })]);
		expect(pairedItemsOf(run, 'Reply to Phone')).toEqual([{ item: 0 }]);
		const calls = sims.qontak.requests.slice(before).map((request) => `${request.method} ${request.path} ${request.status}`);
		expect(calls).toEqual(['GET /qontak/chat/v1/rooms 200', 'POST /qontak/chat/v1/messages/whatsapp/bot 201']);
		expect(sims.qontak.chat.state.messages.filter((message) => message.text === CHAT_REPLY.text)).toHaveLength(1);
	});
});

describe('Qontak Omnichannel Trigger in real n8n: Download Attachments', () => {
	it('a customer’s photo posted to the trigger starts an execution whose item carries it as binary "data" (image/png)', async () => {
		// A body that is no Qontak event gets 200 and starts nothing.
		await activateWebhook(ATTACHMENTS.workflowId, webhookUrl(ATTACHMENTS.webhookId), { probe: true });
		const photo = customerFileMessage(sims.qontak.files.baseUrl, HOSTED_FILES.image, '7a000000-0000-4000-8000-0000000e2e01');
		const fetchedBefore = sims.qontak.files.requests.length;
		expect(await postJson(webhookUrl(ATTACHMENTS.webhookId), photo)).toBe(200);
		const [run] = await n8n.finishedExecutions(ATTACHMENTS.workflowId, 1);
		expect(run.status).toBe('success');
		expect(outputOf(run, ATTACHMENTS.node)).toEqual([expect.objectContaining({ id: photo.id, type: 'image' })]);
		const item = run.data.resultData.runData[ATTACHMENTS.node][0].data!.main[0]![0] as { binary?: Record<string, Record<string, unknown>> };
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileName: 'bukti-transfer.png' });
		// Fetched once, from the file host, without the credential.
		const fetched = sims.qontak.files.requests.slice(fetchedBefore);
		expect(fetched.map((request) => [request.path, request.headers.authorization])).toEqual([[HOSTED_FILES.image.path, undefined]]);
	});
});

describe('Qontak Omnichannel Trigger in real n8n: one execution per resolved room, none for a filtered-out status', () => {
	const url = () => webhookUrl(OMNICHANNEL_FILTERED.webhookId);
	const resolvedRoom = (id: string, resolvedAt: string) => roomResolvedBody(resolvedAt, { id: `5e000000-0000-4000-8000-${id}` });

	beforeAll(async () => {
		// A body that is no Qontak event gets 200 and starts nothing.
		expect(await activateWebhook(OMNICHANNEL_FILTERED.workflowId, url(), { probe: true }, 30_000)).toBe(200);
	});

	it('a resolved room posted twice starts one execution; a delivered status, filtered to read only, starts none', async () => {
		const before = await executionIds(OMNICHANNEL_FILTERED.workflowId);
		const resolved = resolvedRoom('0000000e2e01', '2025-03-05T01:00:00.000Z');
		expect(await postJson(url(), resolved)).toBe(200);
		expect(await postJson(url(), resolved)).toBe(200);
		expect(await postJson(url(), { ...broadcastDelivered, status: 'delivered' })).toBe(200);
		const marker = resolvedRoom('0000000e2e02', '2025-03-05T02:00:00.000Z');
		const started = await startedSince(
			OMNICHANNEL_FILTERED.workflowId,
			'Qontak Omnichannel Trigger',
			before,
			async () => expect(await postJson(url(), marker)).toBe(200),
			(json) => json.id === marker.id,
		);
		expect(started.map((json) => [json.qontakEvent, json.id])).toEqual([['roomResolved', resolved.id]]);
	});
});

describe('Qontak CRM deal filters applied in n8n', () => {
	it('Deal Get Many with Pipeline and Stage returns exactly the deals in that stage, without sending either to Qontak', async () => {
		const before = sims.qontak.requests.length;
		const run = await n8n.execute(WORKFLOW_IDS.crmDealFilters);
		const deals = sims.qontak.records('deals');
		const expected = deals.filter((deal) => deal.crm_pipeline_id === 32 && deal.crm_stage_id === 321).map((deal) => deal.id);
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(deals.length);
		expect(outputOf(run, 'Deals in Stage').map((deal) => deal.id)).toEqual(expected);
		const lists = sims.qontak.requests.slice(before).filter((request) => request.path === '/qontak/crm/deals');
		expect(lists.length).toBeGreaterThan(0);
		expect(lists.map((request) => Object.keys(request.query).sort())).toEqual(lists.map(() => ['page', 'per_page']));
	});
});

describe('Qontak CRM Create or Update and Find in real n8n', () => {
	it('makes one contact of two items with one phone, then finds it from one read of the list', async () => {
		const seen = sims.qontak.requests.length;
		const run = await n8n.execute(WORKFLOW_IDS.crmFindUpsert);
		const upserted = outputOf(run, 'Create or Update Contact');
		expect(upserted.map((json) => [json._action, json.job_title])).toEqual([
			['created', 'Pemilik'],
			['updated', 'Direktur'],
		]);
		const id = upserted[0].id;
		expect(upserted[1].id).toBe(id);
		const wulan = sims.qontak.records('contacts').filter((contact) => contact.first_name === UPSERT_ORDERS[0].first_name);
		expect(wulan.map((contact) => contact.id)).toEqual([id]);

		const found = outputOf(run, 'Find Contact');
		expect(found.map((json) => [json.id, json.job_title])).toEqual([
			[id, 'Direktur'],
			[id, 'Direktur'],
		]);
		expect(found[0]._scan).toEqual({ pages: expect.any(Number), records: sims.qontak.records('contacts').length });
		expect(pairedItemsOf(run, 'Find Contact')).toEqual([{ item: 0 }, { item: 1 }]);
		const calls = sims.qontak.requests.slice(seen).map((request) => `${request.method} ${request.path.replace('/qontak/crm', '')}`);
		// One read of the list for Create or Update and one for Find (a page each here), not one per item.
		expect(calls.filter((call) => call === 'GET /contacts')).toHaveLength(2 * Number(found[0]._scan && (found[0]._scan as { pages: number }).pages));
		expect(calls.filter((call) => call === 'POST /contacts')).toHaveLength(1);
		expect(calls.filter((call) => call.startsWith('PUT /contacts/'))).toEqual([`PUT /contacts/${String(id)}`]);
	});
});

describe('Netzme in real n8n: Invoice → Wait Until Paid', () => {
	// The sandbox's own setting (example 11 relies on it), restored for whatever runs next.
	const sandboxSetting = sims.netzme.options.invoicePaidAfterStatusRequests;
	afterAll(() => {
		sims.netzme.options.invoicePaidAfterStatusRequests = sandboxSetting;
	});

	it('creates a QRIS invoice, then keeps the execution running until Netzme reports it paid at the 2nd check', async () => {
		sims.netzme.options.invoicePaidAfterStatusRequests = 2;
		const before = sims.netzme.requests.length;
		const run = await n8n.execute(WORKFLOW_IDS.netzmeWaitPaid);
		expect(run.data.resultData.error).toBeUndefined();
		const [invoice] = outputOf(run, 'Create Invoice');
		expect(outputOf(run, 'Wait Until Paid')).toEqual([
			expect.objectContaining({ trxId: invoice.trxId, status: 'SUCCESS', stoppedBecause: 'paid', statusChecks: 2, amount: 45000, amountText: 'IDR 45000.00' }),
		]);
		expect(pairedItemsOf(run, 'Wait Until Paid')).toEqual([{ item: 0 }]);
		const checks = sims.netzme.requests.slice(before).filter((request) => request.path === `/api/aggregator/merchant/invoice/transaction/${String(invoice.trxId)}`);
		expect(checks.map((request) => request.status)).toEqual([200, 200]);
	});
});

describe('Netzme Payments (Polling) Trigger in real n8n', () => {
	const listPath = '/api/aggregator/merchant/qr/transaction/list';
	const listReads = () => sims.netzme.requests.filter((request) => request.path === listPath && request.status === 200).length;
	const savedMark = async () => {
		const workflow = await n8n.rest<{ staticData?: Record<string, { floor?: number; handled?: Record<string, number> }> | string | null }>(
			'GET',
			`/workflows/${WORKFLOW_IDS.netzmePolling}`,
		);
		const staticData = typeof workflow.staticData === 'string' ? (JSON.parse(workflow.staticData) as Record<string, unknown>) : workflow.staticData;
		return (staticData ?? {})[`node:${NETZME_POLLING_NODE}`] as { floor?: number; handled?: Record<string, number> } | undefined;
	};

	it('starts one execution for a payment made after activation; later polls, reading the mark n8n saved, do not emit it again', async () => {
		const before = listReads();
		await n8n.activate(WORKFLOW_IDS.netzmePolling);
		// The first poll notes what is paid already; n8n saves that mark although the poll emitted nothing.
		await eventually('the first poll’s mark in the saved workflow', async () => (listReads() > before && (await savedMark())?.floor ? true : undefined));
		const payment = sims.netzme.payQris('M_czBSCDVY', 12345);
		const [run] = await n8n.finishedExecutions(WORKFLOW_IDS.netzmePolling, 1, 90_000).catch((error: Error) => {
			throw new Error(`${error.message}\nn8n log:\n${n8n.serverLog().slice(-3000)}`);
		});
		expect(run.mode).toBe('trigger');
		expect(outputOf(run, NETZME_POLLING_NODE)).toEqual([expect.objectContaining({ transactionId: payment.transactionId, amount: 12345, status: 'SUCCESS' })]);
		// n8n saved the emitting poll's static data: the payment is in the mark it keeps.
		const mark = await eventually('the emitting poll’s mark in the saved workflow', async () => {
			const saved = await savedMark();
			return saved?.handled && String(payment.transactionId) in saved.handled ? saved : undefined;
		});
		expect(typeof mark.floor).toBe('number');
		// Two more polls read the list with that mark and emit nothing.
		const afterRun = listReads();
		await eventually('two more polls', async () => (listReads() >= afterRun + 2 ? true : undefined), 60_000);
		const executions = await n8n.executions(WORKFLOW_IDS.netzmePolling);
		expect(executions).toHaveLength(1);
	});
});

describe('ABMS vtiger in real n8n: a quote’s line items', () => {
	it('creates a quote with three lines, reads it, changes line 2 and reads it again, with the totals vtiger computes', async () => {
		const run = await n8n.execute(VTIGER_QUOTE.workflowId);
		expect(run.data.resultData.error).toBeUndefined();
		const [created] = outputOf(run, 'Create Quote');
		// Lines 499500 + 4250000 + 1500000 = 6249500; less 49500; group tax1 11 % of 6200000 = 682000.
		expect(created).toMatchObject({ id: expect.stringMatching(/^4x\d+$/), hdnSubTotal: '6249500.00000000', hdnGrandTotal: '6882000.00000000' });
		const [fetched] = outputOf(run, 'Get Quote');
		expect((fetched.LineItems as Array<Record<string, unknown>>).map((line) => [line.productid, line.quantity])).toEqual([
			['14x90', '3.000'],
			['14x91', '1.000'],
			['25x92', '2.000'],
		]);
		// Line 2 doubled: 8750000; sub total 10749500, less 49500, plus 11 % = 11877000.
		const [again] = outputOf(run, 'Get Quote Again');
		expect(again).toMatchObject({ id: created.id, hdnSubTotal: '10749500.00000000', hdnGrandTotal: '11877000.00000000' });
		expect((again.LineItems as Array<Record<string, unknown>>).map((line) => [line.productid, line.quantity])).toEqual([
			['14x90', '3.000'],
			['14x91', '2.000'],
			['25x92', '2.000'],
		]);
		expect(sims.vtiger.lineItems(String(created.id))).toHaveLength(3);
	});
});

describe('Qontak Broadcast in real n8n: number check, a location message and Simplify', () => {
	it('checks two numbers in one request on the legacy host, sends a location into a room, and lists rooms simplified', async () => {
		const checksBefore = sims.chatLegacy.requests.filter((request) => request.path.endsWith('/broadcasts/contacts')).length;
		const run = await n8n.execute(WORKFLOW_IDS.chatKinds);
		expect(run.data.resultData.error).toBeUndefined();
		expect(outputOf(run, 'Check Numbers')).toEqual([
			expect.objectContaining({ input: '0812-3456-7001', phone: '6281234567001', valid: true }),
			expect.objectContaining({ input: '+62 812 3456 7002', phone: '6281234567002', valid: true }),
		]);
		expect(pairedItemsOf(run, 'Check Numbers')).toEqual([{ item: 0 }, { item: 1 }]);
		expect(sims.chatLegacy.requests.filter((request) => request.path.endsWith('/broadcasts/contacts'))).toHaveLength(checksBefore + 1);
		expect(outputOf(run, 'Send Location')).toEqual([expect.objectContaining({ type: 'location', room_id: IDS.assignedRoom })]);
		expect(sims.qontak.chat.state.messages.at(-1)).toMatchObject({ type: 'location', location: { latitude: -6.1754, longitude: 106.8272, name: 'Monas' } });
		// Simplified: a WhatsApp room's customer account is its phone, and the last message is flattened.
		const rooms = outputOf(run, 'Rooms Simplified');
		expect(rooms.length).toBeGreaterThan(0);
		expect(rooms.find((row) => row.id === IDS.assignedRoom)).toEqual(expect.objectContaining({ phone: '6281234567001' }));
		for (const row of rooms) expect(row).not.toHaveProperty('last_message');
	});
});

describe('ABMS vtiger in real n8n: Session → Logout', () => {
	it('ends the stored session; the next request logs in again once and succeeds', async () => {
		const loginsBefore = sims.vtiger.logins;
		const sessionBefore = (await n8n.credential(CREDENTIAL_IDS.abmsVtigerApi)).sessionToken;
		const run = await n8n.execute(WORKFLOW_IDS.vtigerLogout);
		expect(run.data.resultData.error).toBeUndefined();
		expect(outputOf(run, 'Describe After Logout')).toEqual([expect.objectContaining({ name: 'Contacts' })]);
		// An active vtiger polling trigger shares the credential and may log in on its own too.
		expect(sims.vtiger.logins).toBeGreaterThan(loginsBefore);
		expect((await n8n.credential(CREDENTIAL_IDS.abmsVtigerApi)).sessionToken).not.toBe(sessionBefore);
	});
});

describe('Netzme in real n8n: whole-rupiah amounts and deposit paging', () => {
	it('refuses a decimal amount on its own item, and Return All reads every page of the deposit list', async () => {
		const listPath = '/api/aggregator/merchant/deposit/transaction/list';
		const before = sims.netzme.requests.length;
		const run = await n8n.execute(WORKFLOW_IDS.netzmeAmounts);
		const [created, refused] = outputOf(run, 'Invoice per Amount');
		expect(created).toEqual(expect.objectContaining({ trxId: expect.any(String) }));
		expect(String(refused.error)).toMatch(/^'Amount' must be a whole number of rupiah/);
		expect(pairedItemsOf(run, 'Invoice per Amount')).toEqual([{ item: 0 }, { item: 1 }]);
		expect(outputOf(run, 'Deposit Movements').map((row) => row.id)).toEqual(['DEP-0001', 'DEP-0002', 'DEP-0003']);
		const pages = sims.netzme.requests.slice(before).filter((request) => request.path === listPath).map((request) => request.query.page);
		expect(pages).toEqual(['1', '2']);
	});
});
