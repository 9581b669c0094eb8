import type { IDataObject } from 'n8n-workflow';

import { hookContext, postJson } from '../harness/hookContext';
import { startWebhook } from '../harness/webhookServer';
import { chatCalls, IDS } from './setup';
import { TRIGGER_TYPE, useOmnichannelTrigger } from './triggerHarness';
import {
	agentMessage,
	broadcastDelivered,
	broadcastLogEntry,
	customerMessage,
	legacyCustomerImage,
	roomResolved,
	roomResolvedBody,
} from '../../simulators/qontak/chatWebhooks';

const { env, listen, activateAuto } = useOmnichannelTrigger();
const allEvents = ['customerMessage', 'agentMessage', 'messageStatus', 'broadcastLogStatus', 'roomResolved'];
const startedOne = { status: 200, text: '{"message":"Workflow started","items":1}' };
const duplicate = { status: 200, text: '{"message":"Event already received","duplicate":true}' };

describe('Qontak Omnichannel Trigger: Room Resolved', () => {
	it('a resolved room starts one execution with the room, tagged roomResolved', async () => {
		const { url, emitted } = await listen({ events: ['roomResolved'] });
		expect(await postJson(url, roomResolved)).toEqual(startedOne);
		expect(emitted).toEqual([[{ json: { qontakEvent: 'roomResolved', ...roomResolved } }]]);
	});

	it('is recognised by data_event room_resolved too, should Qontak name it', async () => {
		const { url, emitted } = await listen({ events: ['roomResolved'] });
		await postJson(url, { ...roomResolved, webhook_event: 'room_interaction', data_event: 'room_resolved' });
		expect(emitted.map(([item]) => item.json.qontakEvent)).toEqual(['roomResolved']);
	});

	it('a room that is not resolved, and a resolved room while Room Resolved is not ticked, start nothing', async () => {
		const ticked = await listen({ events: ['roomResolved'] });
		expect((await postJson(ticked.url, { ...roomResolved, status: 'assigned' })).text).toBe('{"message":"Event received, not subscribed"}');
		expect(ticked.emitted).toHaveLength(0);
		await ticked.close();
		const other = await listen({ events: ['customerMessage', 'messageStatus'] });
		expect((await postJson(other.url, roomResolved)).text).toBe('{"message":"Event received, not subscribed"}');
		expect(other.emitted).toHaveLength(0);
	});

	it('a repeated delivery starts nothing; the same room resolved again later is a new event', async () => {
		const { url, emitted } = await listen({ events: ['roomResolved'] });
		expect(await postJson(url, roomResolved)).toEqual(startedOne);
		expect(await postJson(url, roomResolved)).toEqual(duplicate);
		// The same instant written with an offset is the same resolution.
		expect(await postJson(url, { ...roomResolved, resolved_at: '2025-03-01T10:00:00.000+07:00' })).toEqual(duplicate);
		expect(await postJson(url, roomResolvedBody('2025-03-02T08:30:00.000Z'))).toEqual(startedOne);
		expect(emitted.map(([item]) => item.json.resolved_at)).toEqual(['2025-03-01T03:00:00.000Z', '2025-03-02T08:30:00.000Z']);
	});

	it('without resolved_at, tells resolutions apart by updated_at', async () => {
		const { url, emitted } = await listen({ events: ['roomResolved'] });
		const first = { ...roomResolved, resolved_at: null, updated_at: '2025-03-01T03:00:00.000Z' };
		await postJson(url, first);
		expect(await postJson(url, first)).toEqual(duplicate);
		await postJson(url, { ...first, updated_at: '2025-03-04T03:00:00.000Z' });
		expect(emitted).toHaveLength(2);
	});

	it.each([
		['no id', { ...roomResolved, id: undefined }, 'id (the room ID) is missing'],
		['no resolved_at nor updated_at', { ...roomResolved, resolved_at: null, updated_at: undefined }, `resolved_at (when room ${IDS.assignedRoom} was resolved) is missing or not a time, and so is updated_at`],
		['a resolved_at that is no time', { ...roomResolved, resolved_at: 'yesterday', updated_at: 'later' }, 'resolved_at (when room'],
	])('a resolved room with %s is refused with 400 and a reason', async (_case, body, reason) => {
		const { url, emitted } = await listen({ events: ['roomResolved'] });
		const answer = await postJson(url, body);
		expect(answer.status).toBe(400);
		expect(answer.text).toContain(reason);
		expect(emitted).toHaveLength(0);
	});
});

describe('Qontak Omnichannel Trigger: a repeated delivery of any event kind starts nothing', () => {
	it.each([
		['customer message', customerMessage, 'customerMessage'],
		['customer message without data_event', legacyCustomerImage, 'customerMessage'],
		['agent message', agentMessage, 'agentMessage'],
		['message status', broadcastDelivered, 'messageStatus'],
		['broadcast log status', broadcastLogEntry, 'broadcastLogStatus'],
		['room resolved', roomResolved, 'roomResolved'],
	])('%s: the second delivery is answered as a duplicate', async (_kind, payload, event) => {
		const { url, emitted } = await listen({ events: allEvents });
		expect(await postJson(url, payload)).toEqual(startedOne);
		expect(await postJson(url, payload)).toEqual(duplicate);
		expect(emitted.map(([item]) => item.json.qontakEvent)).toEqual([event]);
	});

	it('a resolved room is remembered across a restart through the saved static data alone', async () => {
		const first = await listen({ events: allEvents });
		await postJson(first.url, roomResolved);
		await first.close();
		expect(Object.keys((Object.values(first.staticData)[0] as IDataObject).seenEvents as IDataObject)).toEqual([`roomResolved:${IDS.assignedRoom}:${Date.parse(roomResolved.resolved_at)}`]);
		const again = await startWebhook({ type: TRIGGER_TYPE, parameters: { registration: 'manual', events: allEvents }, store: env.store, credentials: env.credentials, staticData: first.staticData });
		try {
			expect(await postJson(again.url, roomResolved)).toEqual(duplicate);
			expect(again.emitted).toHaveLength(0);
		} finally {
			await again.close();
		}
	});
});

describe('Qontak Omnichannel Trigger: automatic registration of Room Resolved', () => {
	it('registers the URL on PUT /room_interactions, and the message events on /message_interactions as before', async () => {
		const { hook, secret, publicUrl, methods } = await activateAuto({ events: ['customerMessage', 'roomResolved'] });
		const url = `${publicUrl}?token=${secret}`;
		expect(chatCalls(env.sim)).toEqual(['PUT /message_interactions', 'PUT /room_interactions']);
		expect(env.sim.chat.state.webhookRegistrations).toEqual([{ url, receive_message_from_customer: true }]);
		expect(env.sim.chat.state.roomRegistrations).toEqual([{ url, room_resolved: true }]);
		expect(await methods.checkExists()).toBe(true);

		expect(await env.sim.chat.deliver('room_resolved', roomResolved)).toEqual([200]);
		expect(await env.sim.chat.deliver('room_resolved', roomResolved)).toEqual([200]);
		expect(hook.emitted.map(([item]) => item.json.qontakEvent)).toEqual(['roomResolved']);
	});

	it('with Room Resolved alone, touches no message webhook', async () => {
		await activateAuto({ events: ['roomResolved'] });
		expect(chatCalls(env.sim)).toEqual(['PUT /room_interactions']);
	});

	it('a resolved room without the registered secret is refused with 401', async () => {
		const { hook } = await activateAuto({ events: ['roomResolved'] });
		expect((await postJson(hook.url, roomResolved)).status).toBe(401);
		expect(hook.emitted).toHaveLength(0);
	});

	it('deactivating leaves the organisation’s room webhook on unless the user opted in', async () => {
		const { methods } = await activateAuto({ events: ['roomResolved', 'messageStatus'] });
		await methods.delete();
		expect(chatCalls(env.sim)).toEqual(['PUT /message_interactions', 'PUT /room_interactions']);
		expect(env.sim.chat.state.webhookSettings.room_resolved.enabled).toBe(true);
	});

	it('with the opt-in, deactivating switches room_resolved off on /room_interactions and the message events on /message_interactions', async () => {
		const staticData: IDataObject = {};
		const parameters = { registration: 'auto', events: ['roomResolved', 'messageStatus'], options: { disableOnDeactivate: true } };
		const { methods } = hookContext({ type: TRIGGER_TYPE, parameters, credentials: env.credentials, store: env.store, staticData });
		await methods.create();
		await methods.delete();
		const [registered] = env.sim.chat.state.roomRegistrations;
		expect(env.sim.chat.state.roomRegistrations).toEqual([registered, { url: registered.url, room_resolved: false }]);
		expect(env.sim.chat.state.webhookRegistrations.at(-1)).toEqual({ url: registered.url, status_message: false });
		expect(env.sim.chat.state.webhookSettings.room_resolved.enabled).toBe(false);
		expect(env.sim.chat.state.webhookSettings.status_message.enabled).toBe(false);
	});

	it('a failed room registration fails activation with a NodeApiError', async () => {
		env.sim.inject({ kind: '500', pathPrefix: '/qontak/chat/v1/room_interactions' });
		const { methods } = hookContext({ type: TRIGGER_TYPE, parameters: { registration: 'auto', events: ['roomResolved'] }, credentials: env.credentials, store: env.store, staticData: {} });
		await expect(methods.create()).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '500', message: expect.stringContaining('Qontak did not register the webhook URL') });
	});

	it('adding Room Resolved to the events re-registers', async () => {
		const staticData: IDataObject = {};
		const first = hookContext({ type: TRIGGER_TYPE, parameters: { registration: 'auto', events: ['customerMessage'] }, credentials: env.credentials, store: env.store, staticData });
		await first.methods.create();
		const changed = hookContext({ type: TRIGGER_TYPE, parameters: { registration: 'auto', events: ['customerMessage', 'roomResolved'] }, credentials: env.credentials, store: env.store, staticData });
		expect(await changed.methods.checkExists()).toBe(false);
	});
});
