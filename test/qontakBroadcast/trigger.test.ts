import type { IDataObject } from 'n8n-workflow';

import { QontakBroadcast } from '../../nodes/QontakBroadcast/QontakBroadcast.node';
import { QontakBroadcastTrigger } from '../../nodes/QontakBroadcast/QontakBroadcastTrigger.node';
import { startWebhook, type WebhookHarness } from '../harness/webhookServer';
import { hookContext, postJson } from './hookContext';
import { useChat } from './setup';
import { agentMessage, broadcastDelivered, broadcastLogEntry, customerMessage, legacyCustomerImage } from './webhookPayloads';

const env = useChat();
const TYPE = 'qontakBroadcastTrigger';
const allEvents = ['customerMessage', 'agentMessage', 'messageStatus', 'broadcastLogStatus'];

let hook: WebhookHarness | undefined;
afterEach(async () => {
	await hook?.close();
	hook = undefined;
});

async function listen(parameters: IDataObject) {
	hook = await startWebhook({ type: TYPE, parameters: { registration: 'manual', ...parameters }, store: env.store, credentials: env.credentials });
	return hook;
}

describe('Qontak Omnichannel Trigger: events', () => {
	it('emits one item per event, tagged with the event it is, and answers 200', async () => {
		const { url, emitted, responses } = await listen({ events: allEvents });
		for (const payload of [customerMessage, legacyCustomerImage, agentMessage, broadcastDelivered, broadcastLogEntry]) {
			expect((await postJson(url, payload)).status).toBe(200);
		}
		expect(emitted.map((items) => items.map((item) => item.json.qontakEvent))).toEqual([
			['customerMessage'],
			['customerMessage'],
			['agentMessage'],
			['messageStatus'],
			['broadcastLogStatus'],
		]);
		expect(emitted[0][0].json).toEqual({ qontakEvent: 'customerMessage', ...customerMessage });
		expect(responses.every((response) => response.status === 200)).toBe(true);
	});

	it('drops events that are not ticked, still with 200, and starts nothing', async () => {
		const { url, emitted, responses } = await listen({ events: ['customerMessage'] });
		expect((await postJson(url, agentMessage)).status).toBe(200);
		expect((await postJson(url, { something: 'else' })).status).toBe(200);
		expect(emitted).toEqual([]);
		expect(JSON.parse(responses[0].body)).toEqual({ message: 'Event received, not subscribed' });
	});

	it('splits a batch into one item per event, keeping only the ticked ones', async () => {
		const { url, emitted } = await listen({ events: ['customerMessage', 'messageStatus'] });
		await postJson(url, [customerMessage, agentMessage, broadcastDelivered]);
		expect(emitted).toHaveLength(1);
		expect(emitted[0].map((item) => item.json.id)).toEqual([customerMessage.id, broadcastDelivered.id]);
	});

	it('with a shared secret, accepts it in the query or a header and refuses anything else with 401', async () => {
		const { url, emitted } = await listen({ events: allEvents, options: { sharedSecret: 's3cret-Value' } });
		expect((await postJson(`${url}?token=s3cret-Value`, customerMessage)).status).toBe(200);
		expect((await postJson(url, customerMessage, { 'X-Webhook-Token': 's3cret-Value' })).status).toBe(200);
		const refused = await postJson(`${url}?token=s3cret-Valu`, customerMessage);
		expect(refused).toEqual({ status: 401, text: '{"message":"Unauthorized"}' });
		expect((await postJson(url, customerMessage)).status).toBe(401);
		expect((await postJson(url, customerMessage, { 'X-Webhook-Token': '' })).status).toBe(401);
		expect(emitted).toHaveLength(2);
	});
});

describe('Qontak Omnichannel Trigger: registration', () => {
	it('manual (the default) registers nothing at Qontak; it only remembers the URL it showed', async () => {
		const staticData: IDataObject = {};
		const { methods, context } = hookContext({ type: TYPE, parameters: { events: ['customerMessage'] }, store: env.store, staticData });
		expect(await methods.checkExists()).toBe(false);
		expect(await methods.create()).toBe(true);
		expect(await methods.checkExists()).toBe(true);
		expect((staticData['node:Node'] as IDataObject).webhookUrl).toBe(context.getNodeWebhookUrl('default'));
		expect(await methods.delete()).toBe(true);
		expect(await methods.checkExists()).toBe(false);
		expect(env.sim.requests).toEqual([]);
	});

	it('automatic registration puts the URL (with the secret) on the ticked events, and Qontak then delivers to the workflow', async () => {
		const parameters = { registration: 'auto', authentication: 'mekariHmac', events: ['customerMessage', 'messageStatus'], options: { sharedSecret: 'abc123' } };
		hook = await startWebhook({ type: TYPE, parameters, store: env.store, credentials: env.credentials });
		const base = hook.url.slice(0, hook.url.indexOf('/webhook/') + '/webhook'.length);
		const staticData: IDataObject = {};
		const { methods } = hookContext({ type: TYPE, parameters, credentials: env.credentials, store: env.store, staticData, webhookBaseUrl: base });

		expect(await methods.checkExists()).toBe(false);
		expect(await methods.create()).toBe(true);
		expect(env.sim.chat.state.webhookRegistrations).toEqual([{ url: `${hook.url}?token=abc123`, receive_message_from_customer: true, status_message: true }]);
		expect(await methods.checkExists()).toBe(true);

		expect(await env.sim.chat.deliver('receive_message_from_customer', customerMessage)).toEqual([200]);
		expect(await env.sim.chat.deliver('status_message', broadcastDelivered)).toEqual([200]);
		expect(await env.sim.chat.deliver('receive_message_from_agent', agentMessage)).toEqual([]);
		expect(hook.emitted.map((items) => items[0].json.qontakEvent)).toEqual(['customerMessage', 'messageStatus']);

		// Deactivating leaves the organisation's settings alone unless the user opted in.
		expect(await methods.delete()).toBe(true);
		expect(env.sim.chat.state.webhookSettings.receive_message_from_customer.enabled).toBe(true);
		expect(env.sim.chat.state.webhookRegistrations).toHaveLength(1);
	});

	it('switches the events off on deactivate only when asked to', async () => {
		const parameters = { registration: 'auto', events: ['broadcastLogStatus'], options: { disableOnDeactivate: true } };
		const staticData: IDataObject = {};
		const { methods } = hookContext({ type: TYPE, parameters, credentials: env.credentials, store: env.store, staticData });
		await methods.create();
		expect(env.sim.chat.state.webhookSettings.broadcast_log_status.enabled).toBe(true);
		await methods.delete();
		expect(env.sim.chat.state.webhookSettings.broadcast_log_status.enabled).toBe(false);
		expect(env.sim.chat.state.webhookRegistrations.at(-1)).toEqual({ url: expect.stringContaining('/webhook'), broadcast_log_status: false });
	});

	it('listening for a test event registers nothing, so production keeps the organisation’s URL', async () => {
		const staticData: IDataObject = {};
		const parameters = { registration: 'auto', events: ['customerMessage'], options: { disableOnDeactivate: true } };
		const { methods, context } = hookContext({ type: TYPE, parameters, credentials: env.credentials, store: env.store, staticData, mode: 'manual' });
		expect(context.getNodeWebhookUrl('default')).toContain('/webhook-test/');
		expect(await methods.checkExists()).toBe(false);
		expect(await methods.create()).toBe(true);
		expect(await methods.delete()).toBe(true);
		expect(env.sim.requests).toEqual([]);
		expect(staticData).toEqual({});
	});

	it('re-registers when the ticked events change', async () => {
		const staticData: IDataObject = {};
		const first = hookContext({ type: TYPE, parameters: { registration: 'auto', events: ['customerMessage'] }, credentials: env.credentials, store: env.store, staticData });
		await first.methods.create();
		const changed = hookContext({ type: TYPE, parameters: { registration: 'auto', events: ['customerMessage', 'agentMessage'] }, credentials: env.credentials, store: env.store, staticData });
		expect(await changed.methods.checkExists()).toBe(false);
	});

	it('a refused registration fails activation with Qontak’s message as a NodeApiError', async () => {
		env.store.get('mekari-1').data.clientSecret = 'wrong';
		const { methods } = hookContext({ type: TYPE, parameters: { registration: 'auto', events: ['customerMessage'] }, credentials: env.credentials, store: env.store, staticData: {} });
		const error = await methods.create().catch((caught: Error) => caught);
		expect(error).toMatchObject({ name: 'NodeApiError', message: 'Qontak did not register the webhook URL: Unauthorized', httpCode: '401' });
		expect((error as { description?: string }).description).toMatch(/set Registration to Manual/);
	});

	it('a 5xx during registration is reported too, not swallowed', async () => {
		env.sim.inject({ kind: '500', pathPrefix: '/qontak/chat/v1/message_interactions' });
		const { methods } = hookContext({ type: TYPE, parameters: { registration: 'auto', events: ['customerMessage'] }, credentials: env.credentials, store: env.store, staticData: {} });
		await expect(methods.create()).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '500' });
	});
});

describe('node conventions', () => {
	it('the trigger is not a tool; the action node is', () => {
		expect(new QontakBroadcastTrigger().description.usableAsTool).toBeUndefined();
		expect(new QontakBroadcast().description.usableAsTool).toBe(true);
	});
});
