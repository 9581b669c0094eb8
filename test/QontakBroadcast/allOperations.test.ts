import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { resources } from '../../nodes/QontakBroadcast/operations/resources';
import { useVirtualTime } from '../harness/virtualTime';
import { CHAT_ROUTES } from '../../simulators/qontak/chatApi';
import { binary, byId, chatCalls, customer, IDS, orderUpdate, runChat, useChat } from './setup';

const env = useChat({ broadcastWindowMs: 1000 });
// Waits (Get Log's polling, the direct-send pacing) run on a clock the simulator shares, not the wall clock.
useVirtualTime(env.sim);

/** Every route a test below made the simulator answer, as "METHOD /pattern". */
const served = new Set<string>();
afterEach(() => {
	for (const route of env.sim.chat.served) served.add(route);
});

async function run(resource: string, operation: string, parameters: IDataObject = {}, input?: Array<IDataObject | INodeExecutionData>) {
	const result = await runChat(env, { resource, operation, ...parameters }, { input });
	if (result.nodeError) throw result.nodeError;
	return result.items.map((item) => item.json);
}

const lastCall = () => chatCalls(env.sim).at(-1);
const room = (id: string) => ({ roomId: byId(id) });
const state = () => env.sim.chat.state;

describe('Broadcast', () => {
	it('Send Direct, Get, Get Many and Get Log (waiting until read)', async () => {
		const [sent] = await run('broadcast', 'sendDirect', orderUpdate(), [customer('081234567890')]);
		const [detail] = await run('broadcast', 'get', { broadcastId: byId(String(sent.id)) });
		expect(detail).toMatchObject({ id: sent.id, message_template: { name: 'order_update' }, contact_list_name: null });
		expect(lastCall()).toBe(`GET /broadcasts/${String(sent.id)}/whatsapp`);

		const many = await run('broadcast', 'getAll', { returnAll: true });
		expect(many.map((row) => row.id)).toEqual([sent.id]);

		const log = await run('broadcast', 'getLog', {
			broadcastId: byId(String(sent.id)),
			returnAll: true,
			logOptions: { waitForFinal: true, waitUntil: 'read', pollInterval: 0.1, waitTimeout: 30 },
		});
		expect(log).toEqual([expect.objectContaining({ messages_broadcast_id: sent.id, contact_phone_number: '6281234567890', status: 'read' })]);
		// Empty, then pending, sent, delivered and read: one step per read.
		expect(chatCalls(env.sim).filter((call) => call === `GET /broadcasts/${String(sent.id)}/whatsapp/log`)).toHaveLength(5);
	});

	it('Get Log without waiting returns the log as it is now (empty before entries appear)', async () => {
		env.sim.chat.options.logDelayReads = Infinity;
		const [sent] = await run('broadcast', 'sendDirect', orderUpdate(), [customer('081234567890')]);
		expect(await run('broadcast', 'getLog', { broadcastId: byId(String(sent.id)), limit: 10 })).toEqual([]);
	});
});

describe('Template', () => {
	it('Get Many with a status filter, and Get', async () => {
		const approved = await run('template', 'getAll', { returnAll: true, filters: { status: 'APPROVED', category: 'UTILITY, MARKETING' } });
		expect(approved.map((row) => row.name)).toEqual(['order_update', 'promo_katalog', 'invoice_terlampir', 'welcome_video', 'store_hours']);
		expect(lastCall()).toBe('GET /templates/whatsapp');
		expect(env.sim.requests.at(-1)!.query).toMatchObject({ status: 'APPROVED', 'category[]': ['UTILITY', 'MARKETING'], offset: '1', limit: '100' });
		const [one] = await run('template', 'get', { templateId: byId(IDS.otpTemplate) });
		expect(one).toMatchObject({ name: 'login_otp', language: 'en_US', category: 'AUTHENTICATION' });
	});

	it('Create and Create HSM Chat build the WhatsApp components', async () => {
		const fields = {
			name: 'ulang_tahun',
			category: 'MARKETING',
			language: 'id',
			bodyText: 'Selamat ulang tahun {{1}}!',
			additionalFields: { headerFormat: 'IMAGE', footerText: 'Sinar Jaya', buttons: '[{"type":"QUICK_REPLY","text":"Terima kasih"}]' },
		};
		const created = await run('template', 'create', fields);
		expect(created).toEqual([{ status: 'success', data: [expect.objectContaining({ name: 'ulang_tahun', status: 'PENDING' })] }]);
		expect(env.sim.requests.at(-1)!.body).toEqual({
			name: 'ulang_tahun',
			category: 'MARKETING',
			attributes: [
				{
					language: 'id',
					components: [
						{ type: 'HEADER', format: 'IMAGE' },
						{ type: 'BODY', text: 'Selamat ulang tahun {{1}}!' },
						{ type: 'FOOTER', text: 'Sinar Jaya' },
						{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Terima kasih' }] },
					],
				},
			],
			hsm: false,
		});
		const hsm = await run('template', 'createHsmChat', { ...fields, additionalFields: {} });
		expect((hsm[0].data as IDataObject[])[0].name).toBe('ulang_tahun_hsm_chat_expired');
		expect((env.sim.requests.at(-1)!.body as IDataObject).hsm).toBe(true);
	});

	it('Get Categories, Get Languages and Get Language List', async () => {
		expect(await run('template', 'getCategories')).toContainEqual({ name: 'Marketing', value: 'MARKETING' });
		expect(await run('template', 'getLanguages')).toContainEqual({ name: 'English (US)', value: 'en_US' });
		expect(await run('template', 'getLanguageList')).toContainEqual(expect.objectContaining({ code: 'id', language: 'Indonesian' }));
	});
});

describe('Integration (Channel)', () => {
	it('Get Many filters by channel and leaves provider secrets out unless asked', async () => {
		const cloud = await run('integration', 'getAll', { returnAll: true, filters: { target_channel: 'wa_cloud' } });
		expect(cloud.map((row) => row.id)).toEqual([IDS.waCloudIntegration]);
		expect(JSON.stringify(cloud)).not.toContain('sim-cloud-provider-token');
		const [withSettings] = await run('integration', 'get', { integrationId: byId(IDS.waCloudIntegration), includeSettings: true });
		expect((withSettings.settings as IDataObject).access_token).toBe('sim-cloud-provider-token');
		const [withoutSettings] = await run('integration', 'get', { integrationId: byId(IDS.waCloudIntegration) });
		expect(withoutSettings.settings).toBeUndefined();
	});
});

describe('Contact List and Contact Block', () => {
	it('Get, Get Contacts, Get Many and Set Override Name by Upload', async () => {
		const [list] = await run('contactList', 'get', { contactListId: byId(IDS.readyContactList) });
		expect(list).toMatchObject({ progress: 'success', contact_variables: ['kota'], contacts_count: 2 });
		const contacts = await run('contactList', 'getContacts', { contactListId: byId(IDS.readyContactList), returnAll: true });
		expect(contacts.map((row) => row.phone_number)).toEqual(['6281234567001', '6281234567002']);
		expect((await run('contactList', 'getAll', { limit: 5 })).map((row) => row.id)).toEqual([IDS.readyContactList]);
		const [settings] = await run('contactList', 'setOverrideName', { enabled: true });
		expect(settings.is_override_contact_by_upload).toBe(true);
		expect(env.sim.requests.at(-1)!.body).toEqual({ enabled: true });
	});

	it('Block and Unblock the contact of a room', async () => {
		const [block] = await run('contactBlock', 'block', { room_id: IDS.assignedRoom, reason: 'spam' });
		expect(block).toMatchObject({ reason: 'spam', account_uniq_id: '6281234567001' });
		expect(state().blocks).toHaveLength(1);
		expect(await run('contactBlock', 'unblock', { contactId: String(block.contact_id) })).toEqual([{ status: 'success' }]);
		expect(lastCall()).toBe(`DELETE /contact_block/${String(block.contact_id)}`);
		expect(state().blocks).toHaveLength(0);
	});
});

describe('Division and User', () => {
	it('Get Many, Get Mine and Get Channels (secrets left out)', async () => {
		expect((await run('division', 'getAll', { returnAll: true, filters: { query: 'sup' } })).map((row) => row.name)).toEqual(['Support']);
		expect((await run('division', 'getMine')).map((row) => row.name)).toEqual(['Sales']);
		const channels = await run('division', 'getChannels', { divisionId: byId(IDS.supportDivision) });
		expect(channels.map((row) => row.target_channel)).toEqual(['wa_cloud', 'telegram']);
		expect(JSON.stringify(channels)).not.toContain('token');
	});

	it('User Get Many filters by role', async () => {
		expect((await run('user', 'getAll', { returnAll: true, filters: { role: 'agent' } })).map((row) => row.full_name)).toEqual(['Ayu Agent', 'Bima Agent']);
	});
});

describe('Room', () => {
	it('reads: Get Many, Get, Get Expired Counts, Get Counter, Get Participants, Get Histories, Get Assignable Agents', async () => {
		expect((await run('room', 'getAll', { returnAll: true, filters: { status: 'assigned', tags: 'vip' } })).map((row) => row.id)).toEqual([IDS.assignedRoom]);
		expect(env.sim.requests.at(-1)!.query['tags[]']).toBe('vip');
		expect(await run('room', 'get', room(IDS.unassignedRoom))).toEqual([expect.objectContaining({ name: 'Citra Lestari', status: 'unassigned' })]);
		expect(await run('room', 'getExpiredCounts')).toEqual([{ data: { wa: 1 } }]);
		expect(await run('room', 'getInfo', { target: 'unassigned' })).toEqual([{ target: 'unassigned', info: { total: 1 } }]);
		const participants = await run('room', 'getParticipants', room(IDS.assignedRoom));
		expect(participants.map((row) => row.type)).toEqual(['Models::CustomerParticipant', 'Models::AgentParticipant']);
		expect(await run('room', 'getHistories', { ...room(IDS.assignedRoom), limit: 5 })).toHaveLength(1);
		expect((await run('room', 'getAssignableAgents', { ...room(IDS.assignedRoom), returnAll: true, filters: { is_online: true } })).map((row) => row.full_name)).toEqual(['Ayu Agent']);
	});

	it('settings and states: Rename, Set Auto Resolve, Mark All as Read, Resolve, Resolve Expired, Set Agent Can Assign Agent', async () => {
		expect(await run('room', 'rename', { ...room(IDS.assignedRoom), name: 'Budi (VIP)' })).toEqual([{ result: true }]);
		expect(env.sim.chat.state.findRoom(IDS.assignedRoom)!.name).toBe('Budi (VIP)');
		const [resolved] = await run('room', 'setAutoResolve', { ...room(IDS.assignedRoom), is_dont_auto_resolve: true });
		expect(resolved.is_dont_auto_resolve).toBe(true);
		expect(await run('room', 'markAllAsRead', room(IDS.assignedRoom))).toEqual([{ status: 'success' }]);
		expect(state().findRoom(IDS.assignedRoom)!.unread_count).toBe(0);
		expect(await run('room', 'resolve', room(IDS.unassignedRoom))).toEqual([{ result: 'Resolve room is on progress, please wait' }]);
		expect(state().findRoom(IDS.unassignedRoom)!.status).toBe('resolved');
		expect(await run('room', 'resolveExpired')).toEqual([{ result: 'Resolve expired room is on progress, please wait' }]);
		expect(state().findRoom(IDS.expiredRoom)!.status).toBe('resolved');
		const [settings] = await run('room', 'setAgentCanAssign', { enabled: true });
		expect(settings.agent_can_assign_agent).toBe(true);
	});

	it('agents: Auto Take Over, Take Over, Assign Agent, Unassign Agent, Assign Round Robin', async () => {
		expect(await run('room', 'autoTakeover')).toEqual([{ result: 'Successfully get room' }]);
		expect(state().findRoom(IDS.unassignedRoom)!.status).toBe('assigned');
		state().findRoom(IDS.unassignedRoom)!.status = 'unassigned';
		state().participants.set(IDS.unassignedRoom, []);

		const [taken] = await run('room', 'takeover', room(IDS.unassignedRoom));
		expect(taken).toMatchObject({ room_id: IDS.unassignedRoom, contact_able_id: IDS.supervisor });
		const [assigned] = await run('room', 'assignAgent', { roomId: byId(IDS.unassignedRoom), userId: byId(IDS.agentBima) });
		expect(assigned).toMatchObject({ contact_able_id: IDS.agentBima });
		expect(lastCall()).toBe(`POST /rooms/${IDS.unassignedRoom}/agents/${IDS.agentBima}`);
		expect(await run('room', 'unassignAgent', { roomId: byId(IDS.assignedRoom), userId: byId(IDS.agentAyu) })).toEqual([{ status: 'success' }]);
		expect(lastCall()).toBe(`DELETE /rooms/${IDS.assignedRoom}/agents/${IDS.agentAyu}`);

		state().participants.set(IDS.assignedRoom, []);
		const [robin] = await run('room', 'assignRoundRobin', room(IDS.assignedRoom));
		expect(robin).toMatchObject({ room_id: IDS.assignedRoom, contact_able_id: IDS.agentAyu });
	});

	it('tags: Add Tag and Remove Tag', async () => {
		const [tagged] = await run('room', 'addTag', { ...room(IDS.unassignedRoom), tag: 'komplain' });
		expect(tagged.tags).toEqual(['komplain']);
		const [untagged] = await run('room', 'removeTag', { ...room(IDS.unassignedRoom), tag: 'komplain' });
		expect(untagged.tags).toEqual([]);
		expect(env.sim.requests.at(-1)).toMatchObject({ method: 'DELETE', body: { tag: 'komplain' } });
	});
});

describe('Message, Upload, Version', () => {
	it('Send to Room: text as JSON, media as multipart', async () => {
		const [text] = await run('message', 'sendToRoom', { ...room(IDS.assignedRoom), messageType: 'text', text: 'Pesanan Anda sudah dikirim' });
		expect(text).toMatchObject({ type: 'text', room_id: IDS.assignedRoom, text: 'Pesanan Anda sudah dikirim' });
		const [image] = await run('message', 'sendToRoom', { ...room(IDS.assignedRoom), messageType: 'image', binaryPropertyName: 'photo' }, [
			{ json: {}, binary: { photo: binary(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'resi.png', 'image/png') } },
		]);
		expect(image).toMatchObject({ type: 'image', file: { filename: 'resi.png', size: 4 } });
	});

	it('Send to Room outside the 24-hour window passes Qontak’s refusal on', async () => {
		const result = await runChat(env, { resource: 'message', operation: 'sendToRoom', ...room(IDS.expiredRoom), messageType: 'text', text: 'Halo' });
		expect(result.nodeError?.message).toMatch(/24 hour conversation window of this room has expired/);
	});

	it('Upload File returns the CDN URL', async () => {
		const [uploaded] = await run('file', 'upload', { binaryPropertyName: 'data' }, [{ json: {}, binary: { data: binary('a,b\n1,2', 'x.csv', 'text/csv') } }]);
		expect(uploaded).toEqual({ filename: 'x.csv', url: state().uploads[0].url });
	});

	it('Version Get calls GET /version on the host root', async () => {
		expect(await run('version', 'get')).toEqual([{ status: 'success', data: { version: '1.0.3', name: 'qontak-chat-open-api' } }]);
		expect(env.sim.requests.at(-1)!.path).toBe('/version');
	});
});

describe('coverage', () => {
	const shape = (path: string) => path.replace(/\{\w+\}|:\w+/g, '*');
	const openApiRoutes = CHAT_ROUTES.filter((route) => route.openApi).map((route) => `${route.method} ${shape(route.pattern)}`);
	const nodeOperations = resources.flatMap((resource) => resource.operations.map((operation) => ({ resource: resource.value, operation })));

	it('the node offers exactly one operation for each of the 43 chat routes of the OpenAPI file, plus GET /version', () => {
		expect(openApiRoutes).toHaveLength(43);
		const offered = nodeOperations.filter(({ operation }) => operation.openApi).map(({ operation }) => `${operation.method} ${operation.root ? operation.path : shape(operation.path)}`);
		expect(offered.sort()).toEqual([...openApiRoutes, 'GET /version'].sort());
	});

	it('every one of them was run above against the simulator', () => {
		const missing = [...openApiRoutes.map((route) => route), 'GET /version'].filter(
			(route) => ![...served].some((seen) => `${seen.split(' ')[0]} ${shape(seen.split(' ')[1])}` === route),
		);
		expect(missing).toEqual([]);
	});
});

describe('ids that would change the request path', () => {
	it("refuses a broadcast id of '..' per item, naming the field, and sends nothing for it", async () => {
		const before = chatCalls(env.sim).length;
		const { items } = await runChat(env, { resource: 'broadcast', operation: 'getLog', broadcastId: byId('={{ $json.id }}') }, { input: [{ id: '..' }, { id: '.' }], continueOnFail: true });
		expect(items.map((item) => item.json.error)).toEqual([expect.stringMatching(/^'Broadcast' is not an ID: "\.\."/), expect.stringMatching(/^'Broadcast' is not an ID: "\."/)]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(chatCalls(env.sim)).toHaveLength(before);
	});
});
