import { idParam, mapped, moduleParam, vtigerFixture } from './setup';

const contacts = moduleParam('Contacts');

describe('Record: create', () => {
	const vt = vtigerFixture();

	it('sends a form-encoded create with element as JSON, converting every field type', async () => {
		const run = await vt.run({
			resource: 'record',
			operation: 'create',
			module: contacts,
			fields: mapped({
				lastname: "O'Brien",
				firstname: 'Siti',
				email: 'siti@example.co.id',
				account_id: '11x100',
				birthday: '1990-05-17T00:00:00',
				emailoptout: true,
				leadsource: 'web site',
				tags: 'VIP, Newsletter',
				reminder_time: '2024-05-01T09:30:00+07:00',
				assigned_user_id: '19x5',
			}),
		});
		expect(run.nodeError).toBeUndefined();
		const create = vt.sim.requests.find((request) => request.operation === 'create')!;
		expect(create.method).toBe('POST');
		expect(create.query).toEqual({});
		expect(create.contentType).toMatch(/application\/x-www-form-urlencoded/);
		expect(JSON.parse(create.form.element)).toEqual({
			lastname: "O'Brien",
			firstname: 'Siti',
			email: 'siti@example.co.id',
			account_id: '11x100',
			birthday: '1990-05-17',
			emailoptout: '1',
			leadsource: 'Web Site',
			tags: 'VIP |##| Newsletter',
			reminder_time: '2024-05-01 02:30:00',
			assigned_user_id: '19x5',
		});
		expect(run.items[0].json).toMatchObject({ id: expect.stringMatching(/^12x\d+$/), lastname: "O'Brien", account_id: '11x100', assigned_user_id: '19x5', contact_no: expect.stringMatching(/^CON/) });
	});

	it('assigns the record to the API user when no owner is mapped, and auto-maps input fields', async () => {
		const run = await vt.run(
			{ resource: 'record', operation: 'create', module: moduleParam('Accounts'), fields: { mappingMode: 'autoMapInputData', value: null } },
			[{ accountname: 'PT Baru', website: 'https://baru.co.id', notAField: 'ignored' }],
		);
		expect(run.items[0].json).toMatchObject({ accountname: 'PT Baru', website: 'https://baru.co.id', assigned_user_id: '19x1' });
	});

	it.each([
		['a missing mandatory field', { firstname: 'Tanpa' }, 'Mandatory Contacts field missing: Last Name (lastname)', /Map a value/],
		['an unknown field', { lastname: 'A', last_name: 'B' }, "Contacts has no field 'last_name'", /Refresh the field list/],
		['a label instead of a name', { lastname: 'A', 'Office Phone': '021' }, "Contacts has no field 'Office Phone'", /Did you mean 'phone'/],
		['a read-only field', { lastname: 'A', contact_no: 'CON9' }, "'Contact Id (contact_no)' of Contacts is read-only", /vtiger fills this field/],
		['a picklist value that does not exist', { lastname: 'A', leadsource: 'Billboard' }, "'Lead Source (leadsource)' has no option 'Billboard'", /'Cold Call'/],
		['a plain number as reference', { lastname: 'A', account_id: '100' }, "'Organization Name (account_id)' needs the vtiger ID of a record of Accounts, got \"100\"", /11x45/],
		['a bad date', { lastname: 'A', birthday: 'next tuesday' }, "'Birthdate (birthday)' needs a date", /YYYY-MM-DD/],
		['a bad e-mail address', { lastname: 'A', email: 'siti at example' }, "'Email (email)' is not an e-mail address", /name@example/],
		['a yes/no field given a word', { lastname: 'A', emailoptout: 'maybe' }, "'Email Opt Out (emailoptout)' is a yes/no field", /true or false/],
	])('refuses %s before sending anything', async (_, fields, message, hint) => {
		const run = await vt.run({ resource: 'record', operation: 'create', module: contacts, fields: mapped(fields) }, [{}], { continueOnFail: true });
		expect(String(run.items[0].json.error).startsWith(message)).toBe(true);
		expect(String(run.items[0].json.description)).toMatch(hint);
		expect(vt.sim.count('create')).toBe(0);
	});

	it('reports the vendor error for an unknown module with the module named', async () => {
		const run = await vt.run({ resource: 'record', operation: 'create', module: moduleParam('Contact'), fields: mapped({ lastname: 'A' }) });
		expect(run.nodeError?.message).toBe("ABMS vtiger describe (module 'Contact'): Permission to perform the operation is denied for name (ACCESS_DENIED)");
		expect((run.nodeError as { description?: string }).description).toMatch(/plural, e.g. Contacts/);
	});

	it('refuses a module name that is not one word, without calling vtiger', async () => {
		const run = await vt.run({ resource: 'record', operation: 'create', module: moduleParam('Contacts; DROP'), fields: mapped({ lastname: 'A' }) });
		expect(run.nodeError?.message).toBe("'Contacts; DROP' is not a vtiger module name");
		expect(vt.sim.requests).toHaveLength(0);
	});
});

describe('Record: get, update, delete', () => {
	const vt = vtigerFixture();

	it('gets a record by its vtiger ID with a GET and the ID on the query', async () => {
		const run = await vt.run({ resource: 'record', operation: 'get', module: contacts, recordId: idParam('12x102') });
		expect(run.items[0].json).toMatchObject({ id: '12x102', firstname: 'Siti', lastname: 'Rahmawati', label: 'Siti Rahmawati' });
		const retrieve = vt.sim.requests.find((request) => request.operation === 'retrieve')!;
		expect(retrieve).toMatchObject({ method: 'GET', query: { operation: 'retrieve', id: '12x102', sessionName: expect.any(String) }, form: {} });
	});

	it('explains the ID form in the editor when a plain number is typed as ID', async () => {
		await expect(vt.run({ resource: 'record', operation: 'get', module: contacts, recordId: idParam('102') })).rejects.toThrow(
			/vtiger IDs look like 12x345: module prefix, x, record number/,
		);
		expect(vt.sim.requests).toHaveLength(0);
	});

	it('explains the ID form when an expression gives a plain record number, naming the ID it probably is', async () => {
		const run = await vt.run({ resource: 'record', operation: 'get', module: contacts, recordId: idParam('={{ $json.id }}') }, [{ id: 102 }], { continueOnFail: true });
		expect(run.items[0].json.error).toBe("'Record ID' is not a vtiger ID: '102'");
		expect(run.items[0].json.description).toMatch(/<module prefix>x<record number>, so record 102 of Contacts is probably 12x102/);
		expect(vt.sim.count('retrieve')).toBe(0);
	});

	it.each([
		['an ID of another module', '11x102', 'Id specified is incorrect (INVALID_ID_ATTRIBUTE)', /module’s ID prefix/],
		['a record that does not exist', '12x9999', 'Record you are trying to access is not found (RECORD_NOT_FOUND)', /may have been deleted/],
	])('maps vtiger’s answer for %s to an error with a hint', async (_, id, message, hint) => {
		const run = await vt.run({ resource: 'record', operation: 'get', module: contacts, recordId: idParam(id) }, [{}], { continueOnFail: true });
		expect(run.items[0].json.error).toBe(`ABMS vtiger retrieve (record ${id}): ${message}`);
		expect(run.items[0].json.description).toMatch(hint);
	});

	it('says a record the user may not see is not accessible', async () => {
		const hidden = vt.sim.insert('Contacts', { lastname: 'Rahasia' }, { hidden: true });
		const run = await vt.run({ resource: 'record', operation: 'get', module: contacts, recordId: idParam(hidden) }, [{}], { continueOnFail: true });
		expect(run.items[0].json.error).toBe(`ABMS vtiger retrieve (record ${hidden}): Permission to perform the operation is denied (ACCESS_DENIED)`);
	});

	it('revises only the mapped fields by default', async () => {
		const id = vt.sim.insert('Contacts', { lastname: 'Tan', email: 'tan@example.co.id', phone: '0811' });
		const run = await vt.run({ resource: 'record', operation: 'update', module: contacts, recordId: idParam(id), fields: mapped({ phone: '0812', mobile: '' }) });
		expect(run.items[0].json).toMatchObject({ id, lastname: 'Tan', email: 'tan@example.co.id', phone: '0812' });
		const revise = vt.sim.requests.find((request) => request.operation === 'revise')!;
		expect(JSON.parse(revise.form.element)).toEqual({ phone: '0812', id });
		expect(vt.sim.count('update')).toBe(0);
	});

	it('refuses an update with nothing to change', async () => {
		const run = await vt.run({ resource: 'record', operation: 'update', module: contacts, recordId: idParam('12x102'), fields: mapped({ phone: '' }) }, [{}], { continueOnFail: true });
		expect(run.items[0].json.error).toBe('Nothing to update: no field has a value');
		expect(vt.sim.count('revise')).toBe(0);
	});

	it('sends the whole record with update when asked, so vtiger’s mandatory check passes and other fields stay', async () => {
		const id = vt.sim.insert('Contacts', { lastname: 'Tan', email: 'tan@example.co.id', phone: '0811' });
		const run = await vt.run({ resource: 'record', operation: 'update', updateMethod: 'update', module: contacts, recordId: idParam(id), fields: mapped({ phone: '0813' }) });
		expect(run.nodeError).toBeUndefined();
		expect(run.items[0].json).toMatchObject({ lastname: 'Tan', email: 'tan@example.co.id', phone: '0813' });
		const update = JSON.parse(vt.sim.requests.find((request) => request.operation === 'update')!.form.element);
		expect(update).toMatchObject({ id, lastname: 'Tan', email: 'tan@example.co.id', phone: '0813', assigned_user_id: '19x1' });
		expect(update).not.toHaveProperty('modifiedtime');
	});

	it('passes on vtiger’s missing-mandatory-field error from a whole update', async () => {
		const id = vt.sim.insert('Contacts', { lastname: '' });
		const run = await vt.run({ resource: 'record', operation: 'update', updateMethod: 'update', module: contacts, recordId: idParam(id), fields: mapped({ phone: '1' }) });
		expect(run.nodeError?.message).toBe(`ABMS vtiger update (record ${id}): lastname does not have a value (MANDATORY_FIELDS_MISSING)`);
		expect((run.nodeError as { description?: string }).description).toMatch(/mandatory fields are marked in Describe/);
	});

	it('deletes a record, after which it is gone', async () => {
		const id = vt.sim.insert('Contacts', { lastname: 'Hapus' });
		const run = await vt.run({ resource: 'record', operation: 'delete', module: contacts, recordId: idParam(id) });
		expect(run.items[0].json).toEqual({ id, deleted: true });
		expect(vt.sim.requests.find((request) => request.operation === 'delete')).toMatchObject({ method: 'POST', form: { id } });
		const again = await vt.run({ resource: 'record', operation: 'get', module: contacts, recordId: idParam(id) }, [{}], { continueOnFail: true });
		expect(again.items[0].json.error).toMatch(/RECORD_NOT_FOUND/);
	});

	it('gives every item its own output or error, in order, with pairedItem', async () => {
		const run = await vt.run(
			{ resource: 'record', operation: 'get', module: contacts, recordId: idParam('={{ $json.id }}'), requestOptions: { concurrency: 3 } },
			[{ id: '12x102' }, { id: '102' }, { id: '12x103' }, { id: '12x9999' }, { id: '99x100' }],
			{ continueOnFail: true },
		);
		expect(run.items.map((item) => item.json.id ?? item.json.error)).toEqual([
			'12x102',
			"'Record ID' is not a vtiger ID: '102'",
			'12x103',
			'ABMS vtiger retrieve (record 12x9999): Record you are trying to access is not found (RECORD_NOT_FOUND)',
			'ABMS vtiger retrieve (record 99x100): Id specified is incorrect (INVALID_ID_ATTRIBUTE)',
		]);
		expect(run.items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
	});

	it('stops at the first failing item without continueOnFail', async () => {
		const run = await vt.run({ resource: 'record', operation: 'get', module: contacts, recordId: idParam('={{ $json.id }}') }, [{ id: '12x102' }, { id: '12x9999' }, { id: '12x103' }]);
		expect(run.nodeError?.message).toMatch(/RECORD_NOT_FOUND/);
		expect(vt.sim.count('retrieve')).toBe(2);
	});
});
