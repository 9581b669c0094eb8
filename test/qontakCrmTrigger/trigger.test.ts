import type { IDataObject } from 'n8n-workflow';

import { QontakCrmTrigger } from '../../nodes/QontakCrm/QontakCrmTrigger.node';
import { CredentialStore } from '../harness/runWorkflow';
import { startWebhook, type WebhookHarness } from '../harness/webhookServer';
import { hookContext, postJson } from '../qontakBroadcast/hookContext';
import { companyDeleted, dealCreated, dealDeleted, dealUpdated, leadCreated } from './payloads';

const TYPE = 'qontakCrmTrigger';
const store = new CredentialStore();
let hook: WebhookHarness | undefined;

afterEach(async () => {
	await hook?.close();
	hook = undefined;
});

async function listen(parameters: IDataObject = {}) {
	hook = await startWebhook({ type: TYPE, parameters, store });
	return hook;
}

const ALL_EVENTS = new QontakCrmTrigger().description.properties.find((property) => property.name === 'events')!.default as string[];

describe('Qontak CRM Trigger', () => {
	it('offers deal, contact (lead) and company create/update/delete, plus bulk deal uploads, all ticked by default', () => {
		expect([...ALL_EVENTS].sort()).toEqual(
			['company', 'deal', 'lead'].flatMap((object) => ['create', 'delete', 'update'].map((action) => `qontak.crm.${object}.${action}`)).concat('qontak.crm.deal.upload').sort(),
		);
		expect(new QontakCrmTrigger().description.usableAsTool).toBeUndefined();
	});

	it('emits each delivery as one item, exactly as Mekari sent it, and answers 200', async () => {
		const { url, emitted } = await listen({ events: ALL_EVENTS });
		for (const payload of [dealUpdated, dealDeleted, leadCreated, companyDeleted]) expect((await postJson(url, payload)).status).toBe(200);
		expect(emitted).toEqual([[{ json: dealUpdated }], [{ json: dealDeleted }], [{ json: leadCreated }], [{ json: companyDeleted }]]);
	});

	it('filters on eventType: unticked and unknown events get 200 and start nothing', async () => {
		const { url, emitted, responses } = await listen({ events: ['qontak.crm.deal.create'] });
		await postJson(url, dealUpdated);
		await postJson(url, { ...dealUpdated, eventType: 'qontak.crm.ticket.create' });
		await postJson(url, { no: 'eventType' });
		await postJson(url, dealCreated);
		expect(emitted).toEqual([[{ json: dealCreated }]]);
		expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
	});

	it('splits a batch into one item per event', async () => {
		const { url, emitted } = await listen({ events: ALL_EVENTS });
		await postJson(url, [dealCreated, leadCreated]);
		expect(emitted).toEqual([[{ json: dealCreated }, { json: leadCreated }]]);
	});

	it('checks an optional shared secret from the URL or a header of your choice, in constant time', async () => {
		const { url, emitted } = await listen({ events: ALL_EVENTS, options: { sharedSecret: 'rahasia-42', queryParameterName: 'key', headerName: 'X-Qontak-Secret' } });
		expect((await postJson(`${url}?key=rahasia-42`, dealUpdated)).status).toBe(200);
		expect((await postJson(url, dealUpdated, { 'x-qontak-secret': 'rahasia-42' })).status).toBe(200);
		expect(await postJson(`${url}?token=rahasia-42`, dealUpdated)).toEqual({ status: 401, text: '{"message":"Unauthorized"}' });
		expect((await postJson(url, dealUpdated, { 'X-Qontak-Secret': 'rahasia-43' })).status).toBe(401);
		expect((await postJson(url, dealUpdated)).status).toBe(401);
		expect(emitted).toHaveLength(2);
	});

	it('registration is manual: activation only records the URL, deactivation forgets it, nothing is called', async () => {
		const staticData: IDataObject = {};
		const { methods, context } = hookContext({ type: TYPE, parameters: { events: ALL_EVENTS }, store, staticData });
		expect(await methods.checkExists()).toBe(false);
		expect(await methods.create()).toBe(true);
		expect(await methods.checkExists()).toBe(true);
		expect((staticData['node:Node'] as IDataObject).webhookUrl).toBe(context.getNodeWebhookUrl('default'));
		expect(await methods.delete()).toBe(true);
		expect(await methods.checkExists()).toBe(false);
	});
});
