import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { QontakBroadcastTrigger } from '../../nodes/QontakBroadcast/QontakBroadcastTrigger.node';
import { postJson } from '../harness/hookContext';
import { loadOptionsContext } from '../harness/loadOptions';
import { IDS } from './setup';
import { TRIGGER_TYPE, useOmnichannelTrigger } from './triggerHarness';
import { agentMessage, broadcastDelivered, broadcastLogEntry, customerMessage, roomResolvedBody, statusUpdate } from '../../simulators/qontak/chatWebhooks';

const { env, listen, activateAuto } = useOmnichannelTrigger();
const allEvents = ['customerMessage', 'agentMessage', 'messageStatus', 'broadcastLogStatus', 'roomResolved'];
const filteredOut = { status: 200, text: '{"message":"Event received, filtered out"}' };

const webChat = { channel: 'web_chat', channel_integration_id: IDS.webChatIntegration, id: '5e000000-0000-4000-8000-0000000000a1' };
const telegram = { channel: 'telegram', channel_integration_id: IDS.telegramIntegration, id: '5e000000-0000-4000-8000-0000000000a2' };

/** What each started execution got, as [event, id, status]. */
const started = (emitted: Array<Array<{ json: IDataObject }>>) => emitted.flat().map(({ json }) => [json.qontakEvent, json.id, json.status]);

describe('Qontak Omnichannel Trigger: message status filter', () => {
	it('starts only on the chosen statuses of message status updates and broadcast log entries; the rest get 200 and start nothing', async () => {
		const { url, emitted } = await listen({ events: allEvents, filters: { statuses: ['read', 'failed'] } });
		for (const status of ['sent', 'delivered', 'read', 'failed']) {
			const answer = await postJson(url, { ...broadcastDelivered, status });
			expect(answer.status).toBe(200);
			if (['sent', 'delivered'].includes(status)) expect(answer).toEqual(filteredOut);
		}
		for (const status of ['pending', 'sent', 'read']) await postJson(url, { ...broadcastLogEntry, status });
		expect(started(emitted)).toEqual([
			['messageStatus', broadcastDelivered.id, 'read'],
			['messageStatus', broadcastDelivered.id, 'failed'],
			['broadcastLogStatus', broadcastLogEntry.id, 'read'],
		]);
	});

	it('leaves messages and resolved rooms alone: a status filter is about delivery statuses only', async () => {
		const { url, emitted } = await listen({ events: allEvents, filters: { statuses: ['read'] } });
		await postJson(url, customerMessage);
		await postJson(url, agentMessage);
		await postJson(url, roomResolvedBody('2025-03-01T03:00:00.000Z'));
		expect(started(emitted).map(([event]) => event)).toEqual(['customerMessage', 'agentMessage', 'roomResolved']);
	});

	it('a dropped status is not remembered: the same status still starts the workflow once the filter lets it through', async () => {
		const read = { ...broadcastDelivered, status: 'read' };
		const first = await listen({ events: ['messageStatus'], filters: { statuses: ['failed'] } });
		expect(await postJson(first.url, read)).toEqual(filteredOut);
		expect(first.staticData).toEqual({});
		await first.close();
		const second = await listen({ events: ['messageStatus'], filters: { statuses: ['read'] } });
		await postJson(second.url, read);
		expect(second.emitted).toHaveLength(1);
	});
});

describe('Qontak Omnichannel Trigger: channel filter', () => {
	it('starts only on events in rooms of the chosen channels', async () => {
		const { url, emitted } = await listen({ events: allEvents, filters: { channels: ['web_chat', 'telegram'] } });
		expect(await postJson(url, customerMessage)).toEqual(filteredOut);
		expect(await postJson(url, broadcastDelivered)).toEqual(filteredOut);
		await postJson(url, statusUpdate('read', webChat));
		await postJson(url, statusUpdate('delivered', telegram, '7a000000-0000-4000-8000-000000000006'));
		await postJson(url, roomResolvedBody('2025-03-01T03:00:00.000Z', webChat));
		expect(await postJson(url, roomResolvedBody('2025-03-01T03:00:00.000Z'))).toEqual(filteredOut);
		expect(started(emitted)).toEqual([
			['messageStatus', '7a000000-0000-4000-8000-000000000005', 'read'],
			['messageStatus', '7a000000-0000-4000-8000-000000000006', 'delivered'],
			['roomResolved', webChat.id, 'resolved'],
		]);
	});

	it('passes broadcast log entries, which name no channel, when a WhatsApp channel is chosen, and drops them otherwise', async () => {
		const whatsapp = await listen({ events: ['broadcastLogStatus'], filters: { channels: ['wa'] } });
		await postJson(whatsapp.url, broadcastLogEntry);
		expect(whatsapp.emitted).toHaveLength(1);
		await whatsapp.close();
		const other = await listen({ events: ['broadcastLogStatus'], filters: { channels: ['web_chat'] } });
		expect(await postJson(other.url, broadcastLogEntry)).toEqual(filteredOut);
		expect(other.emitted).toHaveLength(0);
	});

	it('drops a message whose room names no channel', async () => {
		const { url, emitted } = await listen({ events: ['customerMessage'], filters: { channels: ['wa_cloud'] } });
		expect(await postJson(url, { ...customerMessage, room: { id: IDS.assignedRoom } })).toEqual(filteredOut);
		expect(emitted).toHaveLength(0);
	});
});

describe('Qontak Omnichannel Trigger: channel integration filter', () => {
	it('manual registration: starts only on events of the integration IDs typed in, wherever the payload names them', async () => {
		const { url, emitted } = await listen({
			events: allEvents,
			// The dropdown's value is left over from automatic registration: hidden now, so it does not count.
			filters: { channelIntegrationIdList: ` ${IDS.telegramIntegration} ,${IDS.webChatIntegration},`, channelIntegrationIds: [IDS.waCloudIntegration] },
		});
		expect(await postJson(url, customerMessage)).toEqual(filteredOut);
		expect(await postJson(url, broadcastLogEntry)).toEqual(filteredOut);
		await postJson(url, statusUpdate('read', telegram));
		await postJson(url, roomResolvedBody('2025-03-01T03:00:00.000Z', webChat));
		await postJson(url, { ...broadcastLogEntry, channel_integration_id: IDS.telegramIntegration });
		expect(started(emitted).map(([event]) => event)).toEqual(['messageStatus', 'roomResolved', 'broadcastLogStatus']);
	});

	it('automatic registration: starts only on events of the integrations chosen in the dropdown', async () => {
		const { hook } = await activateAuto({ events: ['customerMessage', 'messageStatus'], filters: { channelIntegrationIds: [IDS.telegramIntegration] } });
		expect(await env.sim.chat.deliver('receive_message_from_customer', customerMessage)).toEqual([200]);
		expect(await env.sim.chat.deliver('status_message', statusUpdate('read', telegram))).toEqual([200]);
		expect(hook.responses.map((response) => JSON.parse(response.body).message)).toEqual(['Event received, filtered out', 'Workflow started']);
		expect(started(hook.emitted)).toEqual([['messageStatus', '7a000000-0000-4000-8000-000000000005', 'read']]);
	});

	it('the dropdown lists the organisation’s channel integrations by name and channel, without their settings', async () => {
		const context = loadOptionsContext({ type: TRIGGER_TYPE, parameters: { registration: 'auto', authentication: 'mekariHmac', events: ['customerMessage'] }, credentials: env.credentials, store: env.store });
		const options = await new QontakBroadcastTrigger().methods.loadOptions.getChannelIntegrations.call(context);
		expect(options).toEqual([
			{ name: 'Toko Sinar Jaya 6281100000001 · WhatsApp', value: IDS.waIntegration },
			{ name: 'Sinar Jaya Cloud 6281100000002 · WhatsApp Cloud', value: IDS.waCloudIntegration },
			{ name: 'sinarjaya_bot · Telegram', value: IDS.telegramIntegration },
			{ name: 'Sinar Jaya Web · Web Chat', value: IDS.webChatIntegration },
			{ name: 'Nomor Lama 6281100000009 · WhatsApp (inactive)', value: IDS.inactiveWaIntegration },
		]);
		expect(JSON.stringify(options)).not.toContain('token');
	});
});

describe('Qontak Omnichannel Trigger: filters together', () => {
	it('an event must match every filter set', async () => {
		const { url, emitted } = await listen({ events: allEvents, filters: { statuses: ['read'], channels: ['telegram'], channelIntegrationIdList: IDS.telegramIntegration } });
		expect(await postJson(url, statusUpdate('delivered', telegram))).toEqual(filteredOut);
		expect(await postJson(url, statusUpdate('read', webChat))).toEqual(filteredOut);
		expect(await postJson(url, statusUpdate('read', { ...telegram, channel_integration_id: IDS.waIntegration }))).toEqual(filteredOut);
		await postJson(url, statusUpdate('read', telegram));
		expect(emitted).toHaveLength(1);
	});

	it('a batch starts the events that pass and says how many were filtered out', async () => {
		const { url, emitted, responses } = await listen({ events: allEvents, filters: { statuses: ['read'] } });
		await postJson(url, [broadcastDelivered, { ...broadcastLogEntry, status: 'read' }, customerMessage]);
		expect(emitted.map((items) => items.map((item) => item.json.qontakEvent))).toEqual([['broadcastLogStatus', 'customerMessage']]);
		expect(JSON.parse(responses[0].body)).toEqual({ message: 'Workflow started', items: 2, filtered: 1 });
	});

	it('without filters, every ticked event passes, as before', async () => {
		const { url, emitted } = await listen({ events: allEvents, filters: { statuses: [], channels: [], channelIntegrationIdList: ' ' } });
		for (const payload of [customerMessage, broadcastDelivered, broadcastLogEntry, statusUpdate('failed', webChat)]) await postJson(url, payload);
		expect(emitted).toHaveLength(4);
	});

	it('shows the status filter only with a status event, the integration dropdown only with automatic registration and the ID text only with manual', () => {
		const filters = new QontakBroadcastTrigger().description.properties.find((property) => property.name === 'filters')!.options as INodeProperties[];
		expect(Object.fromEntries(filters.map((option) => [option.name, option.displayOptions]))).toEqual({
			statuses: { show: { '/events': ['messageStatus', 'broadcastLogStatus'] } },
			channels: undefined,
			channelIntegrationIds: { show: { '/registration': ['auto'] } },
			channelIntegrationIdList: { show: { '/registration': ['manual'] } },
		});
	});
});
