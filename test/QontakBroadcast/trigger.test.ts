import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { QontakBroadcast } from '../../nodes/QontakBroadcast/QontakBroadcast.node';
import { QontakBroadcastTrigger } from '../../nodes/QontakBroadcast/QontakBroadcastTrigger.node';
import { hookContext, postJson } from '../harness/hookContext';
import { TRIGGER_TYPE, useOmnichannelTrigger } from './triggerHarness';
import { agentMessage, broadcastDelivered, broadcastLogEntry, customerMessage, legacyCustomerImage } from '../../simulators/qontak/chatWebhooks';

const { env, serve, close, listen, activateAuto } = useOmnichannelTrigger();
const TYPE = TRIGGER_TYPE;
const allEvents = ['customerMessage', 'agentMessage', 'messageStatus', 'broadcastLogStatus'];

const started = '{"message":"Workflow started","items":1}';
const duplicate = '{"message":"Event already received","duplicate":true}';
const post = async (url: string, body: string, contentType = 'application/json') =>
	await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });

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
		expect((await postJson(url, legacyCustomerImage, { 'X-Webhook-Token': 's3cret-Value' })).status).toBe(200);
		const refused = await postJson(`${url}?token=s3cret-Valu`, customerMessage);
		expect(refused).toEqual({ status: 401, text: '{"message":"Unauthorized"}' });
		expect((await postJson(url, customerMessage)).status).toBe(401);
		expect((await postJson(url, customerMessage, { 'X-Webhook-Token': '' })).status).toBe(401);
		expect((await post(url, 'not json', 'text/plain')).status).toBe(401);
		expect(emitted.map((items) => items[0].json.id)).toEqual([customerMessage.id, legacyCustomerImage.id]);
	});

	it('answers every request with JSON that says what happened', async () => {
		const { url, responses } = await listen({ events: ['customerMessage'] });
		await postJson(url, customerMessage);
		await postJson(url, customerMessage);
		await postJson(url, [customerMessage, { ...customerMessage, id: '7a000000-0000-4000-8000-0000000000ff' }]);
		expect(responses.map((response) => [response.status, JSON.parse(response.body)])).toEqual([
			[200, { message: 'Workflow started', items: 1 }],
			[200, { message: 'Event already received', duplicate: true }],
			[200, { message: 'Workflow started', items: 1, duplicates: 1 }],
		]);
	});
});

describe('Qontak Omnichannel Trigger: at most one execution per event', () => {
	it('emits once when Qontak delivers the same message four times', async () => {
		const { url, emitted, responses } = await listen({ events: allEvents });
		for (let i = 0; i < 4; i++) expect((await postJson(url, customerMessage)).status).toBe(200);
		expect(emitted).toHaveLength(1);
		expect(responses.map((response) => response.body)).toEqual([started, duplicate, duplicate, duplicate]);
	});

	it('emits once when three deliveries arrive together', async () => {
		const { url, emitted } = await listen({ events: allEvents });
		const statuses = await Promise.all([1, 2, 3].map(async () => (await postJson(url, agentMessage)).status));
		expect(statuses).toEqual([200, 200, 200]);
		expect(emitted).toHaveLength(1);
	});

	it('emits each status of a message once, and each status of a broadcast log entry once', async () => {
		const { url, emitted } = await listen({ events: allEvents });
		const statuses = ['sent', 'delivered', 'delivered', 'read', 'sent'];
		for (const status of statuses) await postJson(url, { ...broadcastDelivered, status });
		for (const status of statuses) await postJson(url, { ...broadcastLogEntry, status });
		expect(emitted.map(([item]) => [item.json.qontakEvent, item.json.status])).toEqual([
			['messageStatus', 'sent'],
			['messageStatus', 'delivered'],
			['messageStatus', 'read'],
			['broadcastLogStatus', 'sent'],
			['broadcastLogStatus', 'delivered'],
			['broadcastLogStatus', 'read'],
		]);
	});

	it('tells an agent’s message apart from the status updates of that same message', async () => {
		const { url, emitted } = await listen({ events: allEvents });
		const sent = { ...agentMessage, status: 'sent', data_event: 'status_message' };
		await postJson(url, agentMessage);
		await postJson(url, sent);
		await postJson(url, sent);
		expect(emitted.map(([item]) => item.json.qontakEvent)).toEqual(['agentMessage', 'messageStatus']);
	});

	it('remembers across a restart through the workflow’s saved static data alone', async () => {
		const first = await listen({ events: allEvents });
		await postJson(first.url, customerMessage);
		await postJson(first.url, broadcastLogEntry);
		const saved = first.staticData;
		await first.close();
		const nodeData = Object.values(saved)[0] as IDataObject;
		expect(Object.keys(nodeData.seenEvents as IDataObject)).toEqual([
			`customerMessage:${customerMessage.id}`,
			`broadcastLogStatus:${broadcastLogEntry.id}:read`,
		]);
		// Another workflow id: the in-process claims do not carry over, as after a restart.
		const hook = await serve({ parameters: { registration: 'manual', events: allEvents }, staticData: saved });
		expect(await postJson(hook.url, customerMessage)).toEqual({ status: 200, text: duplicate });
		expect(await postJson(hook.url, broadcastLogEntry)).toEqual({ status: 200, text: duplicate });
		expect(hook.emitted).toHaveLength(0);
	});
});

describe('Qontak Omnichannel Trigger: malformed callbacks get 400 with a reason and start nothing', () => {
	it.each([
		['broken JSON', '{"id": ', 'application/json', 'not valid JSON'],
		['a JSON string', '"halo"', 'application/json', 'must be a JSON object or an array of objects'],
		['an empty object', '{}', 'application/json', 'the body is empty'],
		['an array holding a number', JSON.stringify([customerMessage, 1]), 'application/json', 'must be a JSON object or an array of objects'],
		['text/plain', JSON.stringify(customerMessage), 'text/plain', 'Content-Type must be application/json'],
		['a message without id', JSON.stringify({ ...customerMessage, id: undefined }), 'application/json', 'id (the message ID) is missing'],
		['an object as message id', JSON.stringify({ ...customerMessage, id: { $gt: '' } }), 'application/json', 'id (the message ID) is missing'],
		['a status update without status', JSON.stringify({ ...broadcastDelivered, status: undefined, data_event: 'status_message' }), 'application/json', 'status of message'],
		['a status update with a list as status', JSON.stringify({ ...broadcastDelivered, status: ['read'], data_event: 'status_message' }), 'application/json', 'status of message'],
		['a log entry without id', JSON.stringify({ ...broadcastLogEntry, id: null }), 'application/json', 'id (the broadcast log entry ID)'],
		['one bad event in a batch', JSON.stringify([customerMessage, { ...agentMessage, id: 42.5 }]), 'application/json', 'event 2: id'],
	])('%s', async (_case, body, contentType, reason) => {
		const { url, emitted } = await listen({ events: allEvents });
		const response = await post(url, body, contentType);
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(reason);
		expect(emitted).toHaveLength(0);
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

	it('automatic registration creates a random secret, registers the URL with it, and Qontak then delivers to the workflow', async () => {
		const { hook: trigger, secret, publicUrl, staticData, methods } = await activateAuto({ events: ['customerMessage', 'messageStatus'] });
		expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(env.sim.chat.state.webhookRegistrations).toEqual([{ url: `${publicUrl}?token=${secret}`, receive_message_from_customer: true, status_message: true }]);
		expect(await methods.checkExists()).toBe(true);

		expect(await env.sim.chat.deliver('receive_message_from_customer', customerMessage)).toEqual([200]);
		expect(await env.sim.chat.deliver('status_message', broadcastDelivered)).toEqual([200]);
		expect(await env.sim.chat.deliver('receive_message_from_agent', agentMessage)).toEqual([]);
		expect(trigger.emitted.map((items) => items[0].json.qontakEvent)).toEqual(['customerMessage', 'messageStatus']);

		// Deactivating forgets the secret, and leaves the organisation's settings alone unless the user opted in.
		expect(await methods.delete()).toBe(true);
		expect(staticData['node:Node']).toEqual({});
		expect(env.sim.chat.state.webhookSettings.receive_message_from_customer.enabled).toBe(true);
		expect(env.sim.chat.state.webhookRegistrations).toHaveLength(1);
	});

	it('automatic registration refuses, with 401, any delivery without the secret it registered: forged events start nothing', async () => {
		const { hook: trigger, secret } = await activateAuto({ events: ['customerMessage'], options: { sharedSecret: 'user-set', headerName: 'X-Webhook-Token' } });
		const unauthorized = { status: 401, text: '{"message":"Unauthorized"}' };
		expect(await postJson(trigger.url, customerMessage)).toEqual(unauthorized);
		expect(await postJson(`${trigger.url}?token=`, customerMessage)).toEqual(unauthorized);
		expect(await postJson(`${trigger.url}?token=${secret.slice(0, -1)}`, customerMessage)).toEqual(unauthorized);
		expect(await postJson(`${trigger.url}?token=${secret}x`, customerMessage)).toEqual(unauthorized);
		// A secret of the user's own does not stand in for the registered one.
		expect(await postJson(`${trigger.url}?token=user-set`, customerMessage, { 'X-Webhook-Token': 'user-set' })).toEqual(unauthorized);
		expect(await post(trigger.url, 'not json', 'text/plain')).toMatchObject({ status: 401 });
		expect(trigger.emitted).toHaveLength(0);
		expect(await postJson(`${trigger.url}?token=${secret}`, customerMessage)).toEqual({ status: 200, text: started });
		expect(trigger.emitted).toHaveLength(1);
	});

	it('automatic registration refuses everything while it has no secret, and re-registers to get one', async () => {
		const parameters = { registration: 'auto', authentication: 'mekariHmac', events: ['customerMessage'] };
		// Static data as an older version left it: registered, but without a secret.
		const staticData: IDataObject = {};
		const { methods, context } = hookContext({ type: TYPE, parameters, credentials: env.credentials, store: env.store, staticData });
		staticData['node:Node'] = { registration: 'auto', webhookUrl: context.getNodeWebhookUrl('default'), events: 'customerMessage' };
		const hook = await serve({ parameters, staticData });
		expect((await postJson(hook.url, customerMessage)).status).toBe(401);
		expect((await postJson(`${hook.url}?token=`, customerMessage)).status).toBe(401);
		expect(hook.emitted).toHaveLength(0);
		expect(await methods.checkExists()).toBe(false);
		await methods.create();
		expect((staticData['node:Node'] as IDataObject).webhookSecret).toEqual(expect.any(String));
	});

	it('automatic registration makes a new secret at each activation', async () => {
		const first = await activateAuto({ events: ['customerMessage'] });
		await close();
		const second = await activateAuto({ events: ['customerMessage'] });
		expect(second.secret).not.toBe(first.secret);
		expect(env.sim.chat.state.webhookRegistrations.map((registration) => new URL(String(registration.url)).searchParams.get('token'))).toEqual([first.secret, second.secret]);
	});

	it('automatic registration: the test URL takes the user’s own sample without a secret, as nothing is registered for it', async () => {
		const hook = await serve({ parameters: { registration: 'auto', events: ['customerMessage'] }, mode: 'manual' });
		expect(await postJson(hook.url, customerMessage)).toEqual({ status: 200, text: started });
		expect(hook.emitted).toHaveLength(1);
	});

	it('shows the shared-secret options only for manual registration, and the switch-off option only for automatic', () => {
		const options = new QontakBroadcastTrigger().description.properties.find((property) => property.name === 'options')!.options as INodeProperties[];
		expect(Object.fromEntries(options.map((option) => [option.name, option.displayOptions]))).toEqual({
			sharedSecret: { show: { '/registration': ['manual'] } },
			queryParameterName: { show: { '/registration': ['manual'] } },
			headerName: { show: { '/registration': ['manual'] } },
			disableOnDeactivate: { show: { '/registration': ['auto'] } },
		});
	});

	it('switches the events off on deactivate only when asked to', async () => {
		const parameters = { registration: 'auto', events: ['broadcastLogStatus'], options: { disableOnDeactivate: true } };
		const staticData: IDataObject = {};
		const { methods } = hookContext({ type: TYPE, parameters, credentials: env.credentials, store: env.store, staticData });
		await methods.create();
		expect(env.sim.chat.state.webhookSettings.broadcast_log_status.enabled).toBe(true);
		await methods.delete();
		expect(env.sim.chat.state.webhookSettings.broadcast_log_status.enabled).toBe(false);
		const [registered, disabled] = env.sim.chat.state.webhookRegistrations;
		expect(disabled).toEqual({ url: registered.url, broadcast_log_status: false });
		expect(String(registered.url)).toMatch(/\/webhook\?token=[A-Za-z0-9_-]{43}$/);
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
