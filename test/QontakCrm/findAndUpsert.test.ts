import type { IDataObject } from 'n8n-workflow';

import { crmCalls, runCrm, useQontak } from './setup';

const env = useQontak();

const findContact = (matchOn: string, matchValue: string, options: IDataObject = {}) => ({
	resource: 'contact',
	operation: 'find',
	matchOn,
	matchValue,
	options,
});

const upsertContact = (matchOn: string, value: IDataObject) => ({
	resource: 'contact',
	operation: 'upsert',
	matchOn,
	fields: { mappingMode: 'defineBelow', value },
});

const listReads = (path = '/contacts') => crmCalls(env.sim).filter((call) => call === `GET ${path}`).length;

describe('Contact → Find', () => {
	it.each([
		['phone', '081311110001'],
		['email', '  Siti.Rahmawati@SinarKopi.example '],
		['name', 'siti   RAHMAWATI'],
	])('finds a contact by %s', async (matchOn, matchValue) => {
		const { items, nodeError } = await runCrm(env, findContact(matchOn, matchValue));
		expect(nodeError).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual([1001]);
		expect(items[0].json._scan).toEqual({ pages: 1, records: 5 });
	});

	it('finds the same contact whatever way the phone is written, in Qontak and in the item', async () => {
		env.sim.records('contacts')[1].telephone = '+62 813-1111-0002';
		const written = ['081311110002', '+62 813 1111 0002', '6281311110002', '0813-1111-0002', '+62 (0)813 1111 0002', '81311110002'];
		const { items } = await runCrm(env, findContact('phone', '={{ $json.phone }}'), { input: written.map((phone) => ({ phone })) });
		expect(items.map((item) => item.json.id)).toEqual(written.map(() => 1002));
		expect(items.map((item) => item.pairedItem)).toEqual(written.map((_, item) => ({ item })));
	});

	it('reads the contact list once for all items, however many run at the same time', async () => {
		env.sim.seedContacts(245);
		const contacts = env.sim.records('contacts');
		const input = Array.from({ length: 20 }, (_, index) => ({ email: contacts[index * 12].email as string }));
		const { items } = await runCrm(env, { ...findContact('email', '={{ $json.email }}'), requestOptions: { concurrency: 5 } }, { input });
		expect(items).toHaveLength(20);
		expect(items.map((item) => item.json.email)).toEqual(input.map((entry) => entry.email));
		expect(listReads()).toBe(3);
		expect(crmCalls(env.sim)).toEqual(['GET /contacts', 'GET /contacts', 'GET /contacts']);
		expect(items[0].json._scan).toEqual({ pages: 3, records: 250 });
	});

	it('reads only contacts created after the given day, and so cannot find older ones', async () => {
		env.sim.seedContacts(3000); // 1 000 a day from 1 October 2024; the five fixtures on 1 to 5 October
		const input = [{ email: 'putu.ayu@melati.example' }, { email: 'siti.rahmawati@sinarkopi.example' }];
		const { items } = await runCrm(env, findContact('email', '={{ $json.email }}', { createdAfter: '2024-10-03T00:00:00', ifNotFound: 'emptyItem' }), { input });
		expect(env.sim.requests.every((request) => request.query.created_after === '03-10-2024')).toBe(true);
		expect(items[0].json).toMatchObject({ id: 1003, _scan: { pages: 11, records: 1003 } });
		expect(items[1].json).toEqual({});
	});

	it('returns every match, or only the first when asked', async () => {
		env.sim.records('contacts').push({ ...env.sim.records('contacts')[0], id: 1100, email: 'SITI.rahmawati@sinarkopi.example' });
		const all = await runCrm(env, findContact('email', 'siti.rahmawati@sinarkopi.example'));
		const first = await runCrm(env, findContact('email', 'siti.rahmawati@sinarkopi.example', { matches: 'first' }));
		expect(all.items.map((item) => item.json.id)).toEqual([1001, 1100]);
		expect(first.items.map((item) => item.json.id)).toEqual([1001]);
	});

	it('outputs nothing for an unknown value by default, an empty item or an error when asked', async () => {
		const unknown = '081299999999';
		expect((await runCrm(env, findContact('phone', unknown))).items).toEqual([]);
		expect((await runCrm(env, findContact('phone', unknown, { ifNotFound: 'emptyItem' }))).items.map((item) => item.json)).toEqual([{}]);
		const { items } = await runCrm(env, findContact('phone', unknown, { ifNotFound: 'error' }), { continueOnFail: true });
		expect(items[0].json.error).toBe('No contact with phone 6281299999999');
		expect(items[0].json.description).toMatch(/all 5 contacts/);
	});

	it('fails only the item with a bad value under Continue On Fail, naming the field', async () => {
		const { items } = await runCrm(env, findContact('phone', '={{ $json.phone }}'), {
			input: [{ phone: '0812-ABC' }, { phone: '' }, { phone: '081311110003' }],
			continueOnFail: true,
		});
		expect(items[0].json.error).toMatch(/^'Phone' contains 'A'/);
		expect(items[1].json.error).toBe("'Phone' is empty");
		expect(items[2].json.id).toBe(1003);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(listReads()).toBe(1);
	});

	it('keeps Qontak’s record when Simplify is off, and flattens custom fields when on', async () => {
		const raw = await runCrm(env, { ...findContact('phone', '081311110001'), simplify: false });
		const simple = await runCrm(env, findContact('phone', '081311110001'));
		expect(raw.items[0].json.additional_fields).toEqual(expect.any(Array));
		expect(simple.items[0].json.custom_fields).toEqual(expect.objectContaining({ segmen: 'Korporasi' }));
	});
});

describe('Company → Find', () => {
	it('finds a company by phone and by name', async () => {
		const byPhone = await runCrm(env, { resource: 'company', operation: 'find', matchOn: 'phone', matchValue: '+62 21 555 0101' });
		const byName = await runCrm(env, { resource: 'company', operation: 'find', matchOn: 'name', matchValue: ' pt sinar  kopi makmur' });
		expect(byPhone.items.map((item) => item.json.id)).toEqual([2001]);
		expect(byName.items.map((item) => item.json.id)).toEqual([2001]);
		expect(crmCalls(env.sim)).toEqual(['GET /companies', 'GET /companies']);
	});
});

describe('Contact → Create or Update', () => {
	it('creates one contact for two items with one phone, and updates it with the second', async () => {
		const input = [
			{ first_name: 'Wulan', phone: '0812 7777 0001', job_title: 'Pemilik' },
			{ first_name: 'Wulan', phone: '+62 812-7777-0001', job_title: 'Direktur' },
		];
		const { items, nodeError } = await runCrm(
			env,
			{
				...upsertContact('phone', { first_name: '={{ $json.first_name }}', crm_phones: '={{ $json.phone }}', job_title: '={{ $json.job_title }}' }),
				requestOptions: { concurrency: 5 },
			},
			{ input },
		);
		expect(nodeError).toBeUndefined();
		const created = env.sim.records('contacts').filter((contact) => contact.first_name === 'Wulan');
		expect(created).toHaveLength(1);
		expect(crmCalls(env.sim)).toEqual(['GET /contacts', 'GET /contacts/info', 'POST /contacts', 'PUT /contacts/' + created[0].id]);
		expect(items.map((item) => [item.json._action, item.json.id, item.json.job_title])).toEqual([
			['created', created[0].id, 'Pemilik'],
			['updated', created[0].id, 'Direktur'],
		]);
	});

	it('updates the contact that has the email, sending only the mapped fields', async () => {
		const { items } = await runCrm(env, upsertContact('email', { first_name: 'Siti', email: 'SITI.RAHMAWATI@sinarkopi.example', job_title: 'Direktur' }));
		expect(items[0].json).toMatchObject({ id: 1001, _action: 'updated', job_title: 'Direktur' });
		const put = env.sim.requests.find((request) => request.method === 'PUT')!;
		expect(put.path).toBe('/qontak/crm/contacts/1001');
		expect(put.body).toEqual({ first_name: 'Siti', email: 'SITI.RAHMAWATI@sinarkopi.example', job_title: 'Direktur' });
		expect(env.sim.requests.some((request) => request.method === 'POST')).toBe(false);
	});

	it('never resends a create without a clear answer, nor creates the same phone again after it', async () => {
		env.sim.inject({ kind: 'timeout', method: 'POST', pathPrefix: '/contacts', processed: true });
		const input = [{ phone: '081277770002' }, { phone: '0812 7777 0002' }, { phone: '081277770003' }];
		const { items } = await runCrm(
			env,
			{ ...upsertContact('phone', { first_name: 'Dimas', crm_phones: '={{ $json.phone }}' }), requestOptions: { timeout: 1, maxRetries: 2 } },
			{ input, continueOnFail: true },
		);
		expect(crmCalls(env.sim).filter((call) => call === 'POST /contacts')).toHaveLength(2);
		expect(items[0].json.error).toMatch(/may have been applied anyway/);
		expect(items[1].json.error).toMatch(/^Not sent: an earlier item's create of a contact with phone 6281277770002 got no clear answer/);
		expect(items[2].json).toMatchObject({ _action: 'created' });
	});

	it('fails only the item that maps no phone under Continue On Fail, naming the field', async () => {
		const { items } = await runCrm(env, upsertContact('phone', { first_name: '={{ $json.name }}', crm_phones: '={{ $json.phone }}' }), {
			input: [{ name: 'Tanpa Nomor' }, { name: 'Budi', phone: '12' }, { name: 'Ada Nomor', phone: '081277770004' }],
			continueOnFail: true,
		});
		expect(items[0].json.error).toBe("'Match On' is Phone, but this item has no phone ('crm_phones' under Fields)");
		expect(items[1].json.error).toMatch(/^'Phone \(crm_phones\)' has 2 digits/);
		expect(items[2].json).toMatchObject({ _action: 'created', first_name: 'Ada Nomor' });
		expect(crmCalls(env.sim).filter((call) => call.startsWith('POST'))).toEqual(['POST /contacts']);
	});

	it('refuses to pick one of several contacts with the same phone', async () => {
		env.sim.records('contacts').push({ ...env.sim.records('contacts')[0], id: 1100 });
		const { items } = await runCrm(env, upsertContact('phone', { first_name: 'Siti', crm_phones: '081311110001' }), { continueOnFail: true });
		expect(items[0].json.error).toBe('2 contacts have phone 6281311110001: 1001, 1100');
		expect(env.sim.requests.some((request) => request.method !== 'GET')).toBe(false);
	});
});

describe('Company → Create or Update', () => {
	it('matches a company by name, however it is spaced or cased, and creates a new one once', async () => {
		const input = [{ name: 'pt  SINAR kopi makmur', city: 'Bogor' }, { name: 'PT Baru Jaya', city: 'Medan' }, { name: 'PT baru jaya', city: 'Deli' }];
		const { items } = await runCrm(
			env,
			{ resource: 'company', operation: 'upsert', matchOn: 'name', fields: { mappingMode: 'autoMapInputData', value: null } },
			{ input },
		);
		expect(items.map((item) => item.json._action)).toEqual(['updated', 'created', 'updated']);
		expect(items[0].json.id).toBe(2001);
		expect(items[2].json).toMatchObject({ id: items[1].json.id, city: 'Deli' });
		expect(env.sim.records('companies').filter((company) => /baru jaya/i.test(company.name))).toHaveLength(1);
	});
});

describe('Deal → Find by Chat Room', () => {
	const findByRoom = (options: IDataObject = {}) => ({ resource: 'deal', operation: 'getByChatRoom', room_id: '={{ $json.room.id }}', options });

	it('finds the deal of the room a Qontak Omnichannel Trigger item names', async () => {
		const { items } = await runCrm(env, findByRoom(), { input: [{ qontakEvent: 'customerMessage', room_id: 'room-siti-001', room: { id: 'room-siti-001' } }] });
		expect(items.map((item) => item.json.id)).toEqual([3001]);
		expect(crmCalls(env.sim)).toEqual(['GET /deals/channel_integration_room/room-siti-001']);
	});

	it('outputs nothing for a room without a deal, or an error when asked', async () => {
		const input = [{ room: { id: '5e000000-0000-4000-8000-000000000009' } }];
		const quiet = await runCrm(env, findByRoom(), { input });
		expect(quiet.nodeError).toBeUndefined();
		expect(quiet.items).toEqual([]);
		const loud = await runCrm(env, findByRoom({ ifNotFound: 'error' }), { input, continueOnFail: true });
		expect(loud.items[0].json.error).toBe('No deal is linked to chat room 5e000000-0000-4000-8000-000000000009');
	});
});
