import type { IDataObject } from 'n8n-workflow';

import { QontakCrmTrigger } from '../../nodes/QontakCrm/QontakCrmTrigger.node';
import { useQontakSimulator } from '../harness/qontakEnv';
import { CredentialStore } from '../harness/runWorkflow';
import { startWebhook, type WebhookHarness } from '../harness/webhookServer';
import { hookContext, postJson } from '../harness/hookContext';
import { QontakSimulator } from '../../simulators/qontak/QontakSimulator';
import { DELIVERY, dealCreated, dealDeleted, dealUpdated, deletionOf, deliveryOf, leadCreated } from '../../simulators/qontak/crmWebhooks';

const TYPE = 'qontakCrmTrigger';
const env = useQontakSimulator(new QontakSimulator(), { crm: true });
let hook: WebhookHarness | undefined;

afterEach(async () => {
	await hook?.close();
	hook = undefined;
});

const ALL_EVENTS = new QontakCrmTrigger().description.properties.find((property) => property.name === 'events')!.default as string[];

async function listen(parameters: IDataObject = {}, staticData?: IDataObject) {
	hook = await startWebhook({ type: TYPE, parameters: { events: ALL_EVENTS, ...parameters }, credentials: env.credentials, store: env.store, staticData });
	return hook;
}

type Resource = 'deals' | 'contacts' | 'companies';
/** The simulator's live record: what Qontak's API answers. */
const record = (resource: Resource, id: number) => env.sim.records(resource).find((row) => row.id === id)!;
/** The record as it comes out of JSON, as the trigger receives it. */
const asServed = (row: object) => JSON.parse(JSON.stringify(row)) as IDataObject;
const remove = (resource: Resource, id: number) => {
	const rows = env.sim.records(resource);
	rows.splice(rows.indexOf(record(resource, id)), 1);
};
/** Requests Qontak received, as "METHOD /path" below /qontak/crm. */
const qontakCalls = () => env.sim.requests.map((request) => `${request.method} ${request.path.replace('/qontak/crm', '')}`);
const bodies = (harness: WebhookHarness) => harness.responses.map((response) => response.body);
const emittedJson = (harness: WebhookHarness) => harness.emitted.map((items) => items.map((item) => item.json));

const started = '{"message":"Workflow started","items":1}';
const duplicate = '{"message":"Event already received","duplicate":true}';
const post = async (url: string, body: string, contentType = 'application/json') =>
	await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });

describe('Qontak CRM Trigger: events confirmed with Qontak (the default)', () => {
	it('offers deal, contact (lead) and company create/update/delete, plus bulk deal uploads, all ticked by default', () => {
		expect([...ALL_EVENTS].sort()).toEqual(
			['company', 'deal', 'lead'].flatMap((object) => ['create', 'delete', 'update'].map((action) => `qontak.crm.${object}.${action}`)).concat('qontak.crm.deal.upload').sort(),
		);
		expect(new QontakCrmTrigger().description.usableAsTool).toBeUndefined();
	});

	it('emits Qontak’s current deal, not the callback body, with the event’s type and delivery keys', async () => {
		const trigger = await listen();
		// The callback says "Pengadaan 50 unit printer" for 75 000 000; Qontak's deal 3001 says otherwise.
		expect(await postJson(trigger.url, dealUpdated)).toEqual({ status: 200, text: started });
		expect(qontakCalls()).toEqual(['GET /deals/3001']);
		expect(emittedJson(trigger)).toEqual([
			[{ eventType: 'qontak.crm.deal.update', ...DELIVERY, ...asServed(record('deals', 3001)), confirmedByQontak: true }],
		]);
		expect(trigger.emitted[0][0].json).toMatchObject({ name: 'Pasokan Kopi Kafe Sinar Q4', size: record('deals', 3001).size });
		expect(trigger.emitted[0][0].json.name).not.toBe(dealUpdated.name);
	});

	it('reads contacts (leads) and companies from their own paths', async () => {
		const trigger = await listen();
		await postJson(trigger.url, leadCreated);
		await postJson(trigger.url, deliveryOf('qontak.crm.company.update', record('companies', 2001)));
		await postJson(trigger.url, deliveryOf('qontak.crm.deal.upload', record('deals', 3003)));
		expect(qontakCalls()).toEqual(['GET /contacts/1005', 'GET /companies/2001', 'GET /deals/3003']);
		expect(emittedJson(trigger).map(([json]) => [json.eventType, json.id, json.confirmedByQontak])).toEqual([
			['qontak.crm.lead.create', 1005, true],
			['qontak.crm.company.update', 2001, true],
			['qontak.crm.deal.upload', 3003, true],
		]);
		// Qontak's contact 1005 is Nur Aini, whatever the callback claimed.
		expect(trigger.emitted[0][0].json).toMatchObject({ first_name: 'Nur', email: 'nur.aini@yahoo.example' });
	});

	it('emits a deletion once Qontak no longer has the record, with the callback’s id and name', async () => {
		const trigger = await listen();
		const company = { ...record('companies', 2002) };
		remove('companies', 2002);
		remove('deals', 3001);
		expect((await postJson(trigger.url, deletionOf('qontak.crm.company.delete', company))).status).toBe(200);
		expect((await postJson(trigger.url, dealDeleted)).status).toBe(200);
		expect(qontakCalls()).toEqual(['GET /companies/2002', 'GET /deals/3001']);
		expect(env.sim.requests.map((request) => request.status)).toEqual([404, 404]);
		expect(emittedJson(trigger)).toEqual([
			[{ eventType: 'qontak.crm.company.delete', ...DELIVERY, id: 2002, name: company.name, slug: company.slug, confirmedByQontak: true }],
			[
				{
					eventType: 'qontak.crm.deal.delete',
					...DELIVERY,
					meta: dealDeleted.meta,
					id: 3001,
					name: dealDeleted.response.name,
					slug: dealDeleted.response.slug,
					confirmedByQontak: true,
				},
			],
		]);
	});

	it('refuses a deletion of a record Qontak still has (422), and emits it once the record is gone', async () => {
		const trigger = await listen();
		const deletion = deletionOf('qontak.crm.deal.delete', record('deals', 3002));
		expect(await postJson(trigger.url, deletion)).toEqual({
			status: 422,
			text: JSON.stringify({
				message: 'Event not confirmed by Qontak: deal 3002 still exists in Qontak',
				refused: [{ eventType: 'qontak.crm.deal.delete', id: '3002', reason: 'deal 3002 still exists in Qontak' }],
			}),
		});
		expect(trigger.emitted).toHaveLength(0);
		remove('deals', 3002);
		expect((await postJson(trigger.url, deletion)).status).toBe(200);
		expect(trigger.emitted).toHaveLength(1);
	});

	it('filters on eventType: unticked and unknown events get 200, ask Qontak nothing and start nothing', async () => {
		const trigger = await listen({ events: ['qontak.crm.deal.create'] });
		await postJson(trigger.url, dealUpdated);
		await postJson(trigger.url, { ...dealUpdated, eventType: 'qontak.crm.ticket.create' });
		expect(qontakCalls()).toEqual([]);
		await postJson(trigger.url, dealCreated);
		expect(emittedJson(trigger).map(([json]) => [json.eventType, json.id])).toEqual([['qontak.crm.deal.create', 3002]]);
		expect(trigger.responses.map((response) => response.status)).toEqual([200, 200, 200]);
		expect(JSON.parse(bodies(trigger)[0])).toEqual({ message: 'Event received, not subscribed' });
	});

	it('turns a batch into one execution with one item per new, confirmed event, and says what it left out', async () => {
		const trigger = await listen();
		const forged = { ...dealUpdated, id: 999999 };
		const batch = [dealCreated, leadCreated, forged, dealCreated];
		expect(await postJson(trigger.url, batch)).toEqual({
			status: 200,
			text: JSON.stringify({
				message: 'Workflow started',
				items: 2,
				duplicates: 1,
				refused: [{ eventType: 'qontak.crm.deal.update', id: '999999', reason: 'Qontak has no deal 999999' }],
			}),
		});
		expect(emittedJson(trigger)).toEqual([
			[
				expect.objectContaining({ eventType: 'qontak.crm.deal.create', ...asServed(record('deals', 3002)) }),
				expect.objectContaining({ eventType: 'qontak.crm.lead.create', ...asServed(record('contacts', 1005)) }),
			],
		]);
		expect(qontakCalls().sort()).toEqual(['GET /contacts/1005', 'GET /deals/3002', 'GET /deals/999999']);
		expect(await postJson(trigger.url, batch)).toEqual({ status: 422, text: expect.stringContaining('Qontak has no deal 999999') });
		expect(trigger.emitted).toHaveLength(1);
	});
});

describe('Qontak CRM Trigger: forged events', () => {
	it('starts nothing for an event about a record Qontak does not have (422 with a JSON reason)', async () => {
		const trigger = await listen();
		for (const forged of [
			{ ...dealUpdated, id: 999999 },
			{ ...leadCreated, id: 999998 },
			deliveryOf('qontak.crm.company.create', { id: 999997, name: 'PT Palsu' }),
		]) {
			expect((await postJson(trigger.url, forged)).status).toBe(422);
		}
		expect(bodies(trigger).map((body) => (JSON.parse(body) as IDataObject).message)).toEqual([
			'Event not confirmed by Qontak: Qontak has no deal 999999',
			'Event not confirmed by Qontak: Qontak has no contact 999998',
			'Event not confirmed by Qontak: Qontak has no company 999997',
		]);
		expect(trigger.emitted).toHaveLength(0);
	});

	it('a forged update of a real deal yields only Qontak’s record, once: the real delivery is then a duplicate', async () => {
		const trigger = await listen();
		const real = deliveryOf('qontak.crm.deal.update', record('deals', 3001));
		expect((await postJson(trigger.url, { ...real, name: 'Dibatalkan', size: 1, crm_stage_id: 319 })).status).toBe(200);
		expect(await postJson(trigger.url, real)).toEqual({ status: 200, text: duplicate });
		expect(emittedJson(trigger)).toEqual([[expect.objectContaining({ ...asServed(record('deals', 3001)), confirmedByQontak: true })]]);
	});
});

describe('Qontak CRM Trigger: at most one execution per event', () => {
	it('emits once when Mekari delivers the same update four times', async () => {
		const trigger = await listen();
		for (let i = 0; i < 4; i++) expect((await postJson(trigger.url, dealUpdated)).status).toBe(200);
		expect(trigger.emitted).toHaveLength(1);
		expect(bodies(trigger)).toEqual([started, duplicate, duplicate, duplicate]);
	});

	it('emits once when three deliveries of an update arrive together', async () => {
		const trigger = await listen();
		const statuses = await Promise.all([1, 2, 3].map(async () => (await postJson(trigger.url, dealUpdated)).status));
		expect(statuses).toEqual([200, 200, 200]);
		expect(trigger.emitted).toHaveLength(1);
		expect([...bodies(trigger)].sort()).toEqual([duplicate, duplicate, started]);
	});

	it('emits once when three deliveries of a creation arrive together, asking Qontak once', async () => {
		const trigger = await listen();
		await Promise.all([1, 2, 3].map(async () => await postJson(trigger.url, leadCreated)));
		expect(trigger.emitted).toHaveLength(1);
		expect(qontakCalls()).toEqual(['GET /contacts/1005']);
	});

	it('emits each new state of a record once: an update after a change is a new event', async () => {
		const trigger = await listen();
		const deal = record('deals', 3001);
		await postJson(trigger.url, deliveryOf('qontak.crm.deal.update', deal));
		Object.assign(deal, { crm_stage_id: 313, updated_at: '2024-12-02T10:00:00.000+07:00' });
		const moved = deliveryOf('qontak.crm.deal.update', deal);
		await postJson(trigger.url, moved);
		await postJson(trigger.url, moved);
		expect(emittedJson(trigger).map(([json]) => [json.crm_stage_id, json.updated_at])).toEqual([
			[312, '2024-10-01T09:00:00.000+07:00'],
			[313, '2024-12-02T10:00:00.000+07:00'],
		]);
	});

	it('emits a creation once, even when its record has changed before a repeat arrives', async () => {
		const trigger = await listen();
		await postJson(trigger.url, dealCreated);
		Object.assign(record('deals', 3002), { size: 1, updated_at: '2024-12-02T10:00:00.000+07:00' });
		expect(await postJson(trigger.url, dealCreated)).toEqual({ status: 200, text: duplicate });
		expect(trigger.emitted).toHaveLength(1);
	});

	it('remembers across a restart through the workflow’s saved static data alone', async () => {
		const first = await listen();
		await postJson(first.url, dealUpdated);
		await postJson(first.url, leadCreated);
		const saved = first.staticData;
		await first.close();
		const nodeData = Object.values(saved)[0] as IDataObject;
		expect(Object.keys(nodeData.seenEvents as IDataObject)).toEqual([
			`qontak.crm.deal.update:3001:${String(record('deals', 3001).updated_at)}`,
			'qontak.crm.lead.create:1005',
		]);

		// Another workflow id: the in-process claims do not carry over, as after a restart.
		const second = await listen({}, saved);
		expect(await postJson(second.url, dealUpdated)).toEqual({ status: 200, text: duplicate });
		expect(await postJson(second.url, leadCreated)).toEqual({ status: 200, text: duplicate });
		expect(await postJson(second.url, dealCreated)).toEqual({ status: 200, text: started });
		expect(second.emitted).toHaveLength(1);
	});
});

describe('Qontak CRM Trigger: when Qontak cannot confirm', () => {
	it('answers 503 while Qontak fails, starting nothing, so Mekari’s retry gets it through once', async () => {
		const trigger = await listen();
		env.sim.inject({ kind: '503', pathPrefix: '/deals/3001' });
		env.sim.inject({ kind: 'reset', pathPrefix: '/contacts/1005' });
		expect(await postJson(trigger.url, dealUpdated)).toEqual({
			status: 503,
			text: JSON.stringify({ message: 'Could not confirm the event with Qontak yet; please retry', reason: 'HTTP 503: Injected 503 fault' }),
		});
		expect((await postJson(trigger.url, leadCreated)).status).toBe(503);
		expect(trigger.emitted).toHaveLength(0);
		expect(await postJson(trigger.url, dealUpdated)).toEqual({ status: 200, text: started });
		expect(await postJson(trigger.url, leadCreated)).toEqual({ status: 200, text: started });
		expect(await postJson(trigger.url, leadCreated)).toEqual({ status: 200, text: duplicate });
		expect(trigger.emitted).toHaveLength(2);
	});

	it('starts nothing of a batch when one of its events cannot be checked, and takes all of it on the retry', async () => {
		const trigger = await listen();
		env.sim.inject({ kind: '502', pathPrefix: '/contacts/1005' });
		expect((await postJson(trigger.url, [dealCreated, leadCreated])).status).toBe(503);
		expect((await postJson(trigger.url, [dealCreated, leadCreated])).status).toBe(200);
		expect(emittedJson(trigger).map((items) => items.map((json) => json.id))).toEqual([[3002, 1005]]);
	});

	it('fails loudly with Qontak’s message when Qontak refuses the credential, and gives the event back', async () => {
		env.store.get('mekari-1').data.clientSecret = 'wrong';
		const trigger = await listen();
		expect((await postJson(trigger.url, leadCreated)).status).toBe(500);
		expect(trigger.errors[0]).toMatchObject({ name: 'NodeApiError', message: 'Qontak CRM: Unauthorized', httpCode: '401' });
		expect((trigger.errors[0] as { description?: string }).description).toMatch(/client ID and secret/);
		env.store.get('mekari-1').data.clientSecret = env.sim.options.clientSecret;
		expect(await postJson(trigger.url, leadCreated)).toEqual({ status: 200, text: started });
	});

	it('asks for a credential instead of treating every event as unreachable', async () => {
		hook = await startWebhook({ type: TYPE, parameters: { events: ALL_EVENTS }, store: new CredentialStore() });
		expect((await postJson(hook.url, dealUpdated)).status).toBe(500);
		expect(hook.errors[0]).toMatchObject({ name: 'NodeOperationError', message: 'Confirm with Qontak needs a Mekari HMAC credential' });
		expect(hook.emitted).toHaveLength(0);
		expect(env.sim.requests).toEqual([]);
	});
});

describe('Qontak CRM Trigger: malformed callbacks get 400 with a reason and start nothing', () => {
	it.each([
		['broken JSON', '{"eventType": ', 'application/json', 'not valid JSON'],
		['a JSON string', '"qontak.crm.deal.update"', 'application/json', 'must be a JSON object or an array of objects'],
		['an empty object', '{}', 'application/json', 'the body is empty'],
		['an array holding a string', JSON.stringify([dealUpdated, 'x']), 'application/json', 'must be a JSON object or an array of objects'],
		['text/plain', JSON.stringify(dealUpdated), 'text/plain', 'Content-Type must be application/json'],
		['no eventType', JSON.stringify({ ...dealUpdated, eventType: undefined }), 'application/json', 'eventType is missing or not text'],
		['a number as eventType', JSON.stringify({ ...dealUpdated, eventType: 7 }), 'application/json', 'eventType is missing or not text'],
		['an object as id', JSON.stringify({ ...dealUpdated, id: { $ne: 1 } }), 'application/json', 'qontak.crm.deal.update must name the record by id'],
		['no id', JSON.stringify({ ...leadCreated, id: undefined }), 'application/json', 'qontak.crm.lead.create must name the record by id'],
		['a path as id', JSON.stringify({ ...leadCreated, id: '../deals/1' }), 'application/json', 'must name the record by id'],
		['a deal deletion without its id', JSON.stringify({ ...dealDeleted, response: { name: 'x' } }), 'application/json', 'qontak.crm.deal.delete must name'],
		['one bad event in a batch', JSON.stringify([dealCreated, { ...leadCreated, id: null }]), 'application/json', 'event 2: qontak.crm.lead.create'],
	])('%s', async (_case, body, contentType, reason) => {
		const trigger = await listen();
		const response = await post(trigger.url, body, contentType);
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(reason);
		expect(trigger.emitted).toHaveLength(0);
		expect(env.sim.requests).toEqual([]);
	});
});

describe('Qontak CRM Trigger: confirmation off', () => {
	it('passes the callback on as sent, marked unconfirmed, still once per event, asking Qontak nothing', async () => {
		const trigger = await listen({ confirmWithQontak: false });
		const forged = { ...dealUpdated, id: 999999 };
		for (let i = 0; i < 3; i++) await postJson(trigger.url, forged);
		await postJson(trigger.url, [dealDeleted, leadCreated, leadCreated]);
		expect(emittedJson(trigger)).toEqual([
			[{ ...forged, confirmedByQontak: false }],
			[
				{ ...dealDeleted, confirmedByQontak: false },
				{ ...leadCreated, confirmedByQontak: false },
			],
		]);
		expect(bodies(trigger).slice(0, 4)).toEqual([started, duplicate, duplicate, '{"message":"Workflow started","items":2,"duplicates":1}']);
		expect(env.sim.requests).toEqual([]);
	});

	it('warns in the editor, and needs no credential', () => {
		const { properties, credentials } = new QontakCrmTrigger().description;
		expect(properties.find((property) => property.name === 'confirmWithQontak')).toMatchObject({ type: 'boolean', default: true });
		expect(properties.find((property) => property.name === 'unconfirmedWarning')).toMatchObject({ type: 'notice', displayOptions: { show: { confirmWithQontak: [false] } } });
		expect(credentials).toEqual([{ name: 'mekariHmacApi', required: true, testedBy: 'mekariHmacApiTest', displayOptions: { show: { confirmWithQontak: [true] } } }]);
	});
});

describe('Qontak CRM Trigger: shared secret and registration', () => {
	it('checks an optional shared secret from the URL or a header of your choice, in constant time, before reading the body', async () => {
		const trigger = await listen({ options: { sharedSecret: 'rahasia-42', queryParameterName: 'key', headerName: 'X-Qontak-Secret' } });
		expect((await postJson(`${trigger.url}?key=rahasia-42`, dealUpdated)).status).toBe(200);
		expect((await postJson(trigger.url, leadCreated, { 'x-qontak-secret': 'rahasia-42' })).status).toBe(200);
		expect(await postJson(`${trigger.url}?token=rahasia-42`, dealCreated)).toEqual({ status: 401, text: '{"message":"Unauthorized"}' });
		expect((await postJson(trigger.url, dealCreated, { 'X-Qontak-Secret': 'rahasia-43' })).status).toBe(401);
		expect((await postJson(trigger.url, dealCreated)).status).toBe(401);
		expect((await post(trigger.url, 'not json', 'text/plain')).status).toBe(401);
		expect(trigger.emitted).toHaveLength(2);
	});

	it('registration is manual: activation only records the URL, deactivation forgets it, nothing is called', async () => {
		const staticData: IDataObject = {};
		const { methods, context } = hookContext({ type: TYPE, parameters: { events: ALL_EVENTS }, store: env.store, staticData });
		expect(await methods.checkExists()).toBe(false);
		expect(await methods.create()).toBe(true);
		expect(await methods.checkExists()).toBe(true);
		expect((staticData['node:Node'] as IDataObject).webhookUrl).toBe(context.getNodeWebhookUrl('default'));
		expect(await methods.delete()).toBe(true);
		expect(await methods.checkExists()).toBe(false);
		expect(env.sim.requests).toEqual([]);
	});
});
