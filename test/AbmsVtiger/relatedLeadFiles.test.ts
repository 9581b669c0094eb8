import { idParam, moduleParam, vtigerFixture } from './setup';

describe('Related records', () => {
	const vt = vtigerFixture();
	const accounts = moduleParam('Accounts');

	it('lists the relations of a module', async () => {
		const run = await vt.run({ resource: 'related', operation: 'getTypes', module: accounts });
		expect(run.items.map((item) => item.json)).toEqual([
			{ relationLabel: 'Contacts', module: 'Contacts', label: 'Contacts', isEntity: true },
			{ relationLabel: 'Potentials', module: 'Potentials', label: 'Potentials', isEntity: true },
		]);
	});

	it('gets the records related to a record, sending the related module and the relation label', async () => {
		const run = await vt.run({ resource: 'related', operation: 'getMany', module: accounts, recordId: idParam('11x100'), relationLabel: 'Contacts' });
		expect(run.items.map((item) => item.json.lastname)).toEqual(['Rahmawati']);
		expect(vt.sim.requests.find((request) => request.operation === 'retrieve_related')!.query).toMatchObject({ id: '11x100', relatedType: 'Contacts', relatedLabel: 'Contacts' });
	});

	it('links two records, after which they are related', async () => {
		const contact = vt.sim.insert('Contacts', { lastname: 'Baru' });
		const added = await vt.run({ resource: 'related', operation: 'add', module: accounts, recordId: idParam('11x101'), relationLabel: 'Contacts', relatedRecordId: contact });
		expect(added.items[0].json).toEqual({ sourceRecordId: '11x101', relatedRecordId: contact, relationLabel: 'Contacts', related: true });
		expect(vt.sim.requests.find((request) => request.operation === 'add_related')).toMatchObject({
			method: 'POST',
			form: { sourceRecordId: '11x101', relatedRecordId: contact, relationIdLabel: 'Contacts' },
		});
		const related = await vt.run({ resource: 'related', operation: 'getMany', module: accounts, recordId: idParam('11x101'), relationLabel: 'Contacts' });
		expect(related.items.map((item) => item.json.id)).toEqual([contact]);
	});

	it('queries related records without the semicolon vtiger appends itself', async () => {
		const run = await vt.run({ resource: 'related', operation: 'query', module: accounts, recordId: idParam('11x100'), relationLabel: 'Contacts', relatedQuery: 'SELECT firstname, lastname FROM Contacts;' });
		expect(run.items.map((item) => item.json)).toEqual([{ firstname: 'Siti', lastname: 'Rahmawati', id: '12x102' }]);
		expect(vt.sim.requests.find((request) => request.operation === 'query_related')!.query.query).toBe('SELECT firstname, lastname FROM Contacts');
		const everything = await vt.run({ resource: 'related', operation: 'query', module: accounts, recordId: idParam('11x100'), relationLabel: 'Potentials' });
		expect(everything.items.map((item) => item.json.potentialname)).toEqual(['Maju Jaya renewal']);
	});

	it('refuses a LIMIT in a related query, which vtiger would break on', async () => {
		const run = await vt.run({ resource: 'related', operation: 'query', module: accounts, recordId: idParam('11x100'), relationLabel: 'Contacts', relatedQuery: 'SELECT * FROM Contacts LIMIT 5' }, [{}], { continueOnFail: true });
		expect(run.items[0].json.error).toBe("'VTQL Query' of Query Related Records cannot have a LIMIT");
		expect(vt.sim.count('query_related')).toBe(0);
	});

	it('names the relations that exist when given one that does not', async () => {
		const run = await vt.run({ resource: 'related', operation: 'getMany', module: accounts, recordId: idParam('11x100'), relationLabel: 'Invoices' }, [{}], { continueOnFail: true });
		expect(run.items[0].json.error).toBe("Accounts has no relation 'Invoices'");
		expect(run.items[0].json.description).toBe("Relations of Accounts: 'Contacts' (Contacts), 'Potentials' (Potentials).");
	});

	it('passes vtiger’s error for a relation between the wrong records on', async () => {
		const lead = vt.sim.insert('Leads', { lastname: 'Salah' });
		const run = await vt.run({ resource: 'related', operation: 'add', module: accounts, recordId: idParam('11x100'), relationLabel: 'Contacts', relatedRecordId: lead }, [{}], { continueOnFail: true });
		expect(run.items[0].json.error).toMatch(/Unknown Error while processing request \(INTERNAL_SERVER_ERROR\)/);
		expect(run.items[0].json.description).toMatch(/relation label it could not use/);
	});
});

describe('Lead: convert', () => {
	const vt = vtigerFixture();
	const convert = (extra = {}) => ({ resource: 'lead', operation: 'convert', recordId: idParam('10x105'), ...extra });

	it('turns a lead into an organization and a contact, filled from the lead', async () => {
		const run = await vt.run(convert());
		expect(run.items[0].json).toEqual({ leadId: '10x105', Accounts: expect.stringMatching(/^11x/), Contacts: expect.stringMatching(/^12x/) });
		const element = JSON.parse(vt.sim.requests.find((request) => request.operation === 'convertlead')!.form.element);
		expect(element).toEqual({ leadId: '10x105', entities: { Accounts: { create: true, name: 'Accounts' }, Contacts: { create: true, name: 'Contacts' } } });
		const contact = vt.sim.record(run.items[0].json.Contacts as string)!.values;
		expect(contact).toMatchObject({ firstname: 'Rudi', lastname: 'Hartono', account_id: run.items[0].json.Accounts });
		expect(vt.sim.record(run.items[0].json.Accounts as string)!.values.accountname).toBe('PT Kopi Nusantara');
	});

	it('creates an opportunity too, with its mandatory fields, owner and transfer choice', async () => {
		const run = await vt.run(
			convert({
				createContact: false,
				accountName: 'Kopi Nusantara Group',
				createPotential: true,
				potentialName: 'Kopi supply 2025',
				closingDate: '2025-06-30T00:00:00',
				salesStage: 'Qualification',
				amount: 25000000,
				convertOptions: { assignedTo: '19x5', transferRelatedRecordsTo: 'Accounts' },
			}),
		);
		const element = JSON.parse(vt.sim.requests.find((request) => request.operation === 'convertlead')!.form.element);
		expect(element).toEqual({
			leadId: '10x105',
			assignedTo: '19x5',
			transferRelatedRecordsTo: 'Accounts',
			entities: {
				Accounts: { create: true, name: 'Accounts', accountname: 'Kopi Nusantara Group' },
				Potentials: { create: true, name: 'Potentials', potentialname: 'Kopi supply 2025', closingdate: '2025-06-30', sales_stage: 'Qualification', amount: '25000000' },
			},
		});
		const potential = vt.sim.record(run.items[0].json.Potentials as string)!.values;
		expect(potential).toMatchObject({ related_to: run.items[0].json.Accounts, assigned_user_id: '19x5', amount: '25000000.00000000' });
	});

	it('reports a lead converted before', async () => {
		await vt.run(convert());
		const again = await vt.run(convert(), [{}], { continueOnFail: true });
		expect(again.items[0].json.error).toBe('ABMS vtiger convertlead (lead 10x105): Lead is already converted (LEAD_ALREADY_CONVERTED)');
		expect(again.items[0].json.description).toMatch(/converted before/);
	});

	it('needs an organization or a contact', async () => {
		const run = await vt.run(convert({ createAccount: false, createContact: false }), [{}], { continueOnFail: true });
		expect(run.items[0].json.error).toBe('Converting a lead needs an organization or a contact');
		expect(vt.sim.count('convertlead')).toBe(0);
	});

	it('explains the lead ID form with the Leads prefix', async () => {
		const run = await vt.run(convert({ recordId: idParam('={{ "105" }}') }), [{}], { continueOnFail: true });
		expect(run.items[0].json.description).toMatch(/record 105 of Leads is probably 10x105/);
	});
});

describe('File: get files', () => {
	const vt = vtigerFixture();

	it('downloads attached files as binary data, one item per file', async () => {
		const contact = '12x102';
		const photo = vt.sim.attach(contact, 'siti.png', 'image/png', Buffer.from('89504e470d0a1a0a', 'hex'));
		const card = vt.sim.attach(contact, 'kartu nama.pdf', 'application/pdf', Buffer.from('%PDF-1.4 kartu'));
		const record = await vt.run({ resource: 'record', operation: 'get', module: moduleParam('Contacts'), recordId: idParam(contact) });
		expect(record.items[0].json.imageattachmentids).toBe(`${photo},${card}`);

		const run = await vt.run({ resource: 'file', operation: 'retrieve', fileIds: '={{ $json.imageattachmentids }}', binaryPropertyName: 'file' }, [record.items[0].json]);
		expect(run.items.map((item) => item.json)).toEqual([
			{ id: photo, fileid: photo.split('x')[1], filename: 'siti.png', filetype: 'image/png', filesize: '8' },
			{ id: card, fileid: card.split('x')[1], filename: 'kartu nama.pdf', filetype: 'application/pdf', filesize: '14' },
		]);
		expect(run.items[1].binary!.file).toMatchObject({ fileName: 'kartu nama.pdf', mimeType: 'application/pdf' });
		expect(Buffer.from(run.items[1].binary!.file.data, 'base64').toString()).toBe('%PDF-1.4 kartu');
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('refuses an ID that is not an attachment ID and reports one that does not exist', async () => {
		const bad = await vt.run({ resource: 'file', operation: 'retrieve', fileIds: '678' }, [{}], { continueOnFail: true });
		expect(bad.items[0].json.error).toBe("'678' is not a vtiger attachment ID");
		const missing = await vt.run({ resource: 'file', operation: 'retrieve', fileIds: '12x999' }, [{}], { continueOnFail: true });
		expect(missing.items[0].json.error).toMatch(/RECORD_NOT_FOUND/);
	});
});

describe('Module: list types and describe', () => {
	const vt = vtigerFixture();

	it('lists the record modules, or every type', async () => {
		const entities = await vt.run({ resource: 'module', operation: 'listTypes' });
		expect(entities.items.map((item) => item.json.name)).toEqual(['Leads', 'Accounts', 'Contacts', 'Potentials', 'HelpDesk', 'Vendors', 'Products', 'Services', 'Quotes', 'PurchaseOrder', 'SalesOrder', 'Invoice']);
		expect(entities.items[1].json).toEqual({ name: 'Accounts', label: 'Organizations', singular: 'Organization', isEntity: true });
		const all = await vt.run({ resource: 'module', operation: 'listTypes', entityOnly: false });
		expect(all.items.map((item) => item.json.name)).toEqual(expect.arrayContaining(['Users', 'Groups', 'Currency', 'LineItem', 'Tax']));
	});

	it('describes a module whole, or field by field', async () => {
		const whole = await vt.run({ resource: 'module', operation: 'describe', module: moduleParam('Potentials') });
		expect(whole.items[0].json).toMatchObject({ name: 'Potentials', idPrefix: '13', labelFields: 'potentialname' });
		const fields = await vt.run({ resource: 'module', operation: 'describe', module: moduleParam('Potentials'), describeOutput: 'fields' });
		expect(fields.items.find((item) => item.json.name === 'sales_stage')!.json).toMatchObject({ type: 'picklist', mandatory: true, editable: true, picklistValues: expect.arrayContaining(['Closed Won']) });
		expect(fields.items.find((item) => item.json.name === 'related_to')!.json).toMatchObject({ type: 'reference', refersTo: ['Accounts'] });
		expect(vt.sim.count('describe')).toBe(2);
	});

	it('describes a module once per execution, however many items use it', async () => {
		await vt.run({ resource: 'record', operation: 'create', module: moduleParam('Accounts'), fields: { mappingMode: 'autoMapInputData', value: null } }, [
			{ accountname: 'A' },
			{ accountname: 'B' },
			{ accountname: 'C' },
		]);
		expect(vt.sim.count('describe')).toBe(1);
		expect(vt.sim.count('create')).toBe(3);
	});
});
