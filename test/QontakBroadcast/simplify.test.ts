import type { IDataObject, INode, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { QontakBroadcast } from '../../nodes/QontakBroadcast/QontakBroadcast.node';
import { useVirtualTime } from '../harness/virtualTime';
import { byId, customer, IDS, orderUpdate, runChat, useChat } from './setup';

// The log has entries from its first read on, one status step per read.
const env = useChat({ logDelayReads: 0 });
useVirtualTime(env.sim);

/** A node added today: version 1.1, where Simplify starts on. */
const NEW_NODE = 1.1;

async function run(parameters: IDataObject, typeVersion = NEW_NODE) {
	const result = await runChat(env, parameters, { typeVersion });
	if (result.nodeError) throw result.nodeError;
	return result.items.map((item) => item.json);
}

async function sendOne(): Promise<string> {
	const sent = await runChat(env, orderUpdate(), { input: [customer('081234567890')], typeVersion: NEW_NODE });
	if (sent.nodeError) throw sent.nodeError;
	return String(sent.items[0].json.id);
}

const getBroadcast = (id: string) => ({ resource: 'broadcast', operation: 'get', broadcastId: byId(id) });
const getLog = (id: string, extra: IDataObject = {}) => ({ resource: 'broadcast', operation: 'getLog', broadcastId: byId(id), returnAll: true, ...extra });
const ISO = expect.stringMatching(/^\d{4}-\d\d-\d\dT/);

describe('Simplify on (the default of a new node)', () => {
	it('Broadcast Get flattens the template and the status counts into columns and drops what Qontak adds around them', async () => {
		const id = await sendOne();
		await run(getLog(id));
		expect(await run(getBroadcast(id))).toEqual([
			{
				id,
				name: expect.stringMatching(/^direct_6281234567890_/),
				execute_status: 'done',
				execute_type: 'immediately',
				target_channel: 'wa_cloud',
				channel_integration_id: IDS.waCloudIntegration,
				channel_account_name: 'Sinar Jaya Cloud',
				channel_phone_number: '6281100000002',
				message_template_id: IDS.orderUpdateTemplate,
				message_template_name: 'order_update',
				message_template_language: 'id',
				contact_list_id: null,
				contact_list_name: null,
				pending_count: 1,
				sent_count: 0,
				delivered_count: 0,
				read_count: 0,
				failed_count: 0,
				error: null,
				sender_name: 'Sari Supervisor',
				send_at: ISO,
				created_at: ISO,
			},
		]);
	});

	it('Broadcast Get Log gives each recipient’s number, name and status, with Qontak’s "n/a" as null', async () => {
		const id = await sendOne();
		const entry = (status: string, whatsappMessageId: unknown) => ({
			id: expect.any(String),
			messages_broadcast_id: id,
			contact_phone_number: '6281234567890',
			contact_full_name: 'Pelanggan 0',
			status,
			whatsapp_message_id: whatsappMessageId,
			whatsapp_error_message: null,
			channel_integration_id: IDS.waCloudIntegration,
			created_at: ISO,
		});
		expect(await run(getLog(id))).toEqual([entry('pending', null)]);
		expect(await run(getLog(id))).toEqual([entry('sent', expect.stringMatching(/^wamid\./))]);
	});

	it('Broadcast Get Log’s own note that the wait timed out passes through unchanged', async () => {
		env.sim.chat.options.logDelayReads = Infinity;
		const id = await sendOne();
		const waited = await run(getLog(id, { logOptions: { waitForFinal: true, pollInterval: 1, waitTimeout: 3 } }));
		expect(waited).toEqual([{ messages_broadcast_id: id, entries: 0, timedOut: true }]);
	});

	it('Template Get Many keeps name, language, category, status, the header’s format, the texts and the buttons', async () => {
		const templates = await run({ resource: 'template', operation: 'getAll', limit: 2 });
		expect(templates).toEqual([
			{
				id: IDS.orderUpdateTemplate,
				name: 'order_update',
				language: 'id',
				category: 'UTILITY',
				status: 'APPROVED',
				header_format: null,
				body: 'Halo {{1}}, pesanan {{2}} sudah dikirim dan tiba {{3}}.',
				footer: null,
				buttons: [],
			},
			expect.objectContaining({ name: 'promo_katalog', header_format: 'IMAGE', footer: 'Reply STOP to opt out' }),
		]);
		expect(templates[1]).not.toHaveProperty('header');
		expect(templates[1]).not.toHaveProperty('organization_id');
	});

	it('Room Get Many gives a WhatsApp customer’s number as phone; other channels keep their account id', async () => {
		env.sim.chat.state.findRoom(IDS.unassignedRoom)!.channel = 'web_chat';
		const rooms = await run({ resource: 'room', operation: 'getAll', limit: 2 });
		expect(rooms[0]).toEqual({
			id: IDS.assignedRoom,
			name: 'Budi Santoso',
			status: 'assigned',
			channel: 'wa',
			channel_account: 'Toko Sinar Jaya',
			channel_integration_id: IDS.waIntegration,
			phone: '6281234567001',
			tags: ['vip'],
			unread_count: 2,
			session_at: ISO,
			last_message_at: ISO,
			created_at: ISO,
		});
		expect(rooms[1]).toMatchObject({ id: IDS.unassignedRoom, channel: 'web_chat', account_uniq_id: '6281234567002' });
		expect(rooms[1]).not.toHaveProperty('phone');
	});

	it('Integration Get Many names each channel’s account and number, and its settings still stay out unless asked for', async () => {
		const integrations = await run({ resource: 'integration', operation: 'getAll', returnAll: true, filters: { target_channel: 'wa_cloud' } });
		expect(integrations).toEqual([
			{ id: IDS.waCloudIntegration, target_channel: 'wa_cloud', account_name: 'Sinar Jaya Cloud', phone_number: '6281100000002', is_active: true, created_at: ISO },
		]);
		const [withSettings] = await run({ resource: 'integration', operation: 'get', integrationId: byId(IDS.waCloudIntegration), includeSettings: true });
		expect(withSettings).toMatchObject({ account_name: 'Sinar Jaya Cloud', settings: { access_token: 'sim-cloud-provider-token' } });
	});
});

describe('Simplify off, and nodes saved before Simplify existed', () => {
	it('with Simplify off, Get, Get Log, Template Get Many and Room Get Many return Qontak’s records as sent', async () => {
		const id = await sendOne();
		const [log] = await run({ ...getLog(id), simplify: false });
		expect(log).toMatchObject({ whatsapp_message_id: 'n/a', messages_response: {}, messages: expect.any(Object), organization_id: expect.any(String) });
		const [broadcast] = await run({ ...getBroadcast(id), simplify: false });
		expect(broadcast).toMatchObject({ message_template: { name: 'order_update' }, message_status_count: { pending: 1 }, message_broadcast_error: 'n/a' });
		expect(broadcast).not.toHaveProperty('pending_count');
		const [template] = await run({ resource: 'template', operation: 'getAll', limit: 1, simplify: false });
		expect(template).toMatchObject({ header: null, organization_id: expect.any(String), quality_rating_text: 'Neutral' });
		const [room] = await run({ resource: 'room', operation: 'getAll', limit: 1, simplify: false });
		expect(room).toMatchObject({ account_uniq_id: '6281234567001', avatar: expect.any(Object), type: 'Models::CustomerServiceRoom' });
		expect(room).not.toHaveProperty('phone');
	});

	it('a version 1 node, saved without the parameter, keeps returning the raw records', async () => {
		const id = await sendOne();
		const [broadcast] = await run(getBroadcast(id), 1);
		expect(broadcast).toMatchObject({ message_template: { name: 'order_update' }, message_status_count: expect.any(Object), organization_id: expect.any(String) });
		const [room] = await run({ resource: 'room', operation: 'getAll', limit: 1 }, 1);
		expect(room).toHaveProperty('account_uniq_id', '6281234567001');
		expect(room).not.toHaveProperty('phone');
	});
});

describe('the editor', () => {
	const description = new QontakBroadcast().description as INodeTypeDescription;
	/** The parameters n8n fills in for a node of this version that sets only resource and operation. */
	const filled = (resource: string, operation: string, typeVersion: number) => {
		const node = { parameters: { resource, operation }, typeVersion, type: 'qontakBroadcast', name: 'Node', id: 'n', position: [0, 0] } as unknown as INode;
		return NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description) as IDataObject;
	};

	it('new nodes are version 1.1', () => {
		expect(description.version).toEqual([1, 1.1]);
		expect(description.defaultVersion).toBe(1.1);
	});

	it.each([
		['broadcast', 'get'],
		['broadcast', 'getAll'],
		['broadcast', 'getLog'],
		['template', 'getAll'],
		['room', 'getAll'],
		['contactList', 'getContacts'],
		['integration', 'getAll'],
		['user', 'getAll'],
	])('%s %s offers Simplify: on for version 1.1, off for version 1', (resource, operation) => {
		expect(filled(resource, operation, 1.1).simplify).toBe(true);
		expect(filled(resource, operation, 1).simplify).toBe(false);
	});

	it.each([
		['broadcast', 'sendDirect'],
		['message', 'sendToRoom'],
		['room', 'rename'],
		['template', 'getCategories'],
	])('%s %s offers no Simplify', (resource, operation) => {
		expect(filled(resource, operation, 1.1)).not.toHaveProperty('simplify');
	});
});
