import { useVirtualTime } from '../harness/virtualTime';
import { binary, byId, chatCalls, IDS, runChat, useChat } from './setup';

const env = useChat({ contactListProcessingMs: 300 });
// Qontak's processing time and the node's polling run on one clock that only waits move.
const virtual = useVirtualTime(env.sim);

const csv = (text: string, fileName = 'pelanggan.csv') => ({ json: {}, binary: { data: binary(text, fileName, 'text/csv') } });
const createList = (listOptions: Record<string, unknown> = { pollInterval: 0.1, waitTimeout: 10 }) => ({
	resource: 'contactList',
	operation: 'create',
	listName: 'pelanggan_lebaran',
	binaryPropertyName: 'data',
	listOptions,
});

describe('Contact List → Create', () => {
	it('uploads the CSV and polls until Qontak has read it, then returns the ready list', async () => {
		const { items, nodeError } = await runChat(env, createList(), {
			input: [csv('phone_number,full_name,kota\n6281234567801,Fajar,Medan\n6281234567802,"Gita, S.E.",Depok\n')],
		});
		expect(nodeError).toBeUndefined();
		expect(items[0].json).toMatchObject({ name: 'pelanggan_lebaran', progress: 'success', ready: true, contacts_count: 2, contact_variables: ['kota'] });
		// Processing takes 300 ms; a read every 100 ms sees it done on the third.
		expect(chatCalls(env.sim)).toEqual(['POST /contacts/contact_lists/async', ...Array(3).fill(`GET /contacts/contact_lists/${String(items[0].json.id)}`)]);
		expect(virtual.time.waits).toEqual([100, 100, 100]);
		const upload = env.sim.requests[0];
		expect(String(upload.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
		expect(upload.rawBody).toContain('name="source_type"\r\n\r\nspreadsheet');
	});

	it('can return at once, while Qontak is still processing', async () => {
		const { items } = await runChat(env, createList({ waitUntilReady: false }), { input: [csv('phone_number,full_name\n6281234567801,Fajar\n')] });
		expect(items[0].json.progress).toBe('processing');
		expect(chatCalls(env.sim)).toEqual(['POST /contacts/contact_lists/async']);
	});

	it('stops a CSV without the phone_number and full_name columns before uploading it', async () => {
		const { nodeError } = await runChat(env, createList(), { input: [csv('nomor,nama\n0812,Fajar\n')] });
		expect(nodeError?.message).toBe('The CSV header row has no phone_number and full_name column');
		expect(nodeError?.description).toContain('found: nomor, nama');
		expect(chatCalls(env.sim)).toEqual([]);
	});

	it('refuses a file that is not a spreadsheet, and a missing binary field', async () => {
		const pdf = await runChat(env, createList(), { input: [{ json: {}, binary: { data: binary('%PDF', 'a.pdf', 'application/pdf') } }] });
		expect(pdf.nodeError?.message).toBe("'a.pdf' is not a CSV or Excel file");
		const none = await runChat(env, createList(), { input: [{ json: {} }] });
		expect(none.nodeError?.message).toBe("'Input Binary Field': the input item has no binary field 'data'");
	});

	it('reports a list Qontak could not read with its error messages', async () => {
		const { nodeError } = await runChat(env, createList(), { input: [{ json: {}, binary: { data: binary('not really excel', 'daftar.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') } }] });
		expect(nodeError?.message).toBe('Qontak could not read contact list pelanggan_lebaran: progress failed');
		expect(nodeError?.description).toContain('phone_number and full_name');
	});

	it('returns the list as it is when the wait times out', async () => {
		env.sim.chat.options.contactListProcessingMs = 60_000;
		const { items } = await runChat(env, createList({ pollInterval: 0.1, waitTimeout: 0.3 }), { input: [csv('phone_number,full_name\n6281234567801,Fajar\n')] });
		expect(items[0].json).toMatchObject({ progress: 'processing', ready: false, timedOut: true });
		// The node waits at least 1 s whatever is set: ten reads 0.1 s apart, and no wait past it.
		expect(chatCalls(env.sim).filter((call) => call.startsWith('GET '))).toHaveLength(10);
		expect(virtual.time.waits).toEqual(Array(10).fill(100));
	});
});

describe('Broadcast → Send to Contact List', () => {
	const bulk = (value: Record<string, string>, overrides: Record<string, unknown> = {}) => ({
		resource: 'broadcast',
		operation: 'sendToContactList',
		channelIntegrationId: byId(IDS.waIntegration),
		messageTemplateId: byId(IDS.orderUpdateTemplate),
		contactListId: byId(IDS.readyContactList),
		broadcastName: 'Info pengiriman',
		templateParameters: { mappingMode: 'defineBelow', value },
		...overrides,
	});

	it('names the list’s columns for the body placeholders and reaches every contact', async () => {
		const { items, nodeError } = await runChat(env, bulk({ body_1: 'full_name', body_2: 'phone_number', body_3: 'kota' }));
		expect(nodeError).toBeUndefined();
		expect(items[0].json).toMatchObject({ name: 'Info pengiriman', contact_list_id: IDS.readyContactList, contact_list_name: 'pelanggan_setia' });
		expect(env.sim.requests.at(-1)!.body).toMatchObject({
			language: { code: 'id' },
			execute_type: 'immediately',
			parameters: {
				body: [
					{ key: '1', value: 'full_name' },
					{ key: '2', value: 'phone_number' },
					{ key: '3', value: 'kota' },
				],
			},
		});
		expect(env.sim.chat.state.broadcasts[0].recipients).toHaveLength(2);
	});

	it('schedules it with Send At', async () => {
		await runChat(env, bulk({ body_1: 'full_name', body_2: 'kota', body_3: 'kota' }, { bulkOptions: { sendAt: '2030-01-02T03:04:05Z' } }));
		expect(env.sim.requests.at(-1)!.body).toMatchObject({ execute_type: 'specific', send_at: '2030-01-02T03:04:05.000Z' });
	});

	it('names a column the list does not have, and lists the ones it has', async () => {
		const { nodeError } = await runChat(env, bulk({ body_1: 'full_name', body_2: 'alamat', body_3: 'kota' }));
		expect(nodeError?.message).toBe("The contact list has no column 'alamat' for Body {{2}}");
		expect(nodeError?.description).toContain('full_name, phone_number, kota');
		expect(env.sim.chat.state.broadcasts).toHaveLength(0);
	});

	it('waits out Qontak’s "please wait a moment" answer (it was not processed) and sends once', async () => {
		env.sim.chat.options.bulkCooldownMs = 1500;
		env.sim.chat.state.lastBulkMs = env.sim.now();
		const { nodeError } = await runChat(env, bulk({ body_1: 'full_name', body_2: 'kota', body_3: 'kota' }));
		expect(nodeError).toBeUndefined();
		const sends = env.sim.requests.filter((request) => request.method === 'POST').map((request) => request.status);
		// Refused inside the 1.5 s cooldown, accepted after the node's 2 s wait.
		expect(sends).toEqual([422, 201]);
		expect(virtual.time.waits).toEqual([2000]);
		expect(env.sim.chat.state.broadcasts).toHaveLength(1);
	});

	it('refuses a list that is still processing', async () => {
		env.sim.chat.options.contactListProcessingMs = 60_000;
		const created = await runChat(env, createList({ waitUntilReady: false }), { input: [csv('phone_number,full_name\n6281234567801,Fajar\n')] });
		const { nodeError } = await runChat(env, bulk({ body_1: 'full_name', body_2: 'full_name', body_3: 'full_name' }, { contactListId: byId(String(created.items[0].json.id)) }));
		expect(nodeError?.message).toBe('Contact list pelanggan_lebaran is processing');
		expect(env.sim.chat.state.broadcasts).toHaveLength(0);
	});
});
