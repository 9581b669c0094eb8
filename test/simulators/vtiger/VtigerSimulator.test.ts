import { get, login, md5, post } from '../../../simulators/vtiger/rawClient';
import { OTHER_USER, VtigerSimulator } from '../../../simulators/vtiger/VtigerSimulator';
import { parseVtql } from '../../../simulators/vtiger/vtql';

describe('VTQL grammar (pure)', () => {
	it('parses columns, conditions joined left to right, ORDER BY and LIMIT offset, n', () => {
		expect(parseVtql("SELECT firstname, email FROM Contacts WHERE lastname = 'O''Brien' AND email LIKE '%@x.co' OR id IN ('12x1','12x2') ORDER BY lastname DESC LIMIT 200, 500;")).toEqual({
			select: ['firstname', 'email'],
			module: 'Contacts',
			where: [
				{ joiner: null, condition: { field: 'lastname', operator: '=', values: ["O'Brien"] } },
				{ joiner: 'AND', condition: { field: 'email', operator: 'LIKE', values: ['%@x.co'] } },
				{ joiner: 'OR', condition: { field: 'id', operator: 'IN', values: ['12x1', '12x2'] } },
			],
			orderBy: ['lastname'],
			descending: true,
			offset: 200,
			limit: 100,
		});
	});

	it.each([
		['no trailing semicolon', 'SELECT * FROM Contacts'],
		['an unquoted decimal', 'SELECT * FROM Potentials WHERE amount > 12.5;'],
		['an unquoted date', 'SELECT * FROM Contacts WHERE birthday = 2024-01-31;'],
		['an unquoted id', 'SELECT * FROM Contacts WHERE id = 12x4;'],
		['double quotes', 'SELECT * FROM Contacts WHERE lastname = "Budi";'],
		['parentheses for grouping', "SELECT * FROM Contacts WHERE (lastname = 'a');"],
		['NOT', "SELECT * FROM Contacts WHERE NOT lastname = 'a';"],
		['an empty quoted value', "SELECT * FROM Contacts WHERE lastname = '';"],
		['a negative LIMIT', 'SELECT * FROM Contacts LIMIT -1;'],
	])('rejects %s', (_, query) => {
		expect(() => parseVtql(query)).toThrow(expect.objectContaining({ code: 'QUERY_SYNTAX_ERROR' }));
	});
});

describe('VtigerSimulator over HTTP', () => {
	const sim = new VtigerSimulator();

	beforeAll(async () => {
		await sim.start();
	});
	afterAll(async () => {
		await sim.stop();
	});
	beforeEach(() => sim.reset());

	describe('login', () => {
		it('accepts md5(token + access key) in lower-case hex and reports the spec vector', async () => {
			expect(md5('5d3f1a2b3c4d5ABCDEFGHIJKLMNOP')).toBe('4c27ec82a1f349c44b63938d97955518');
			const challenge = await get(sim, { operation: 'getchallenge', username: 'admin' });
			expect(challenge.status).toBe(200);
			expect(challenge.json.result).toEqual({ token: expect.any(String), serverTime: expect.any(Number), expireTime: challenge.json.result.serverTime + 300 });
			const upper = await post(sim, { operation: 'login', username: 'admin', accessKey: md5(challenge.json.result.token + sim.options.accessKey).toUpperCase() });
			expect(upper.json.error.code).toBe('INVALID_USER_CREDENTIALS');
			const ok = await post(sim, { operation: 'login', username: 'admin', accessKey: md5(challenge.json.result.token + sim.options.accessKey) });
			expect(ok.json.result).toMatchObject({ sessionName: expect.any(String), userId: '19x1', version: '0.22', vtigerVersion: '7.5.0' });
			expect(sim.logins).toBe(1);
		});

		it('reads login parameters only from the form body', async () => {
			const challenge = await get(sim, { operation: 'getchallenge', username: 'admin' });
			const accessKey = md5(challenge.json.result.token + sim.options.accessKey);
			const inQuery = await post(sim, { operation: 'login' }, { username: 'admin', accessKey });
			expect(inQuery.json.error.code).toBe('MANDATORY_FIELDS_MISSING');
		});

		it('rejects a token replaced by a newer getchallenge, and an expired one', async () => {
			const first = await get(sim, { operation: 'getchallenge', username: 'admin' });
			await get(sim, { operation: 'getchallenge', username: 'admin' });
			const stale = await post(sim, { operation: 'login', username: 'admin', accessKey: md5(first.json.result.token + sim.options.accessKey) });
			expect(stale.json.error.code).toBe('INVALID_AUTH_TOKEN');
			sim.options.replacedTokenCode = 'INVALID_USER_CREDENTIALS';
			const again = await post(sim, { operation: 'login', username: 'admin', accessKey: md5(first.json.result.token + sim.options.accessKey) });
			expect(again.json.error.code).toBe('INVALID_USER_CREDENTIALS');

			const fresh = await get(sim, { operation: 'getchallenge', username: 'admin' });
			sim.advance(300_001);
			const expired = await post(sim, { operation: 'login', username: 'admin', accessKey: md5(fresh.json.result.token + sim.options.accessKey) });
			expect(expired.json.error.code).toBe('INVALID_AUTH_TOKEN');
		});

		it('knows unknown users, inactive users and answers sessionId when told to', async () => {
			expect((await get(sim, { operation: 'getchallenge', username: 'nobody' })).json.error.code).toBe('ACCESS_DENIED');
			await expect(login(sim, 'Qq11Ww22Ee33Rr44', 'former')).rejects.toThrow(/INVALID_USER_CREDENTIALS/);
			sim.options.loginResultKey = 'sessionId';
			const challenge = await get(sim, { operation: 'getchallenge', username: OTHER_USER.username });
			const reply = await post(sim, { operation: 'login', username: OTHER_USER.username, accessKey: md5(challenge.json.result.token + OTHER_USER.accessKey) });
			expect(reply.json.result.sessionId).toEqual(expect.any(String));
			expect(reply.json.result.sessionName).toBeUndefined();
		});
	});

	describe('sessions', () => {
		it('requires a session, and ends idle, old and forgotten sessions with their codes', async () => {
			expect((await get(sim, { operation: 'listtypes' })).json.error.code).toBe('AUTHENTICATION_REQUIRED');
			expect((await get(sim, { operation: 'listtypes', sessionName: 'made-up' })).json.error.code).toBe('INVALID_SESSIONID');

			const idle = await login(sim);
			sim.advance(1_800_000);
			expect((await get(sim, { operation: 'listtypes', sessionName: idle })).json.error.code).toBe('SESSION_LEFT_IDLE');

			sim.options.sessionMaxMs = 1000;
			const old = await login(sim);
			sim.advance(1000);
			expect((await get(sim, { operation: 'listtypes', sessionName: old })).json.error.code).toBe('SESSION_EXPIRED');

			sim.options.sessionMaxMs = 86_400_000;
			const forgotten = await login(sim);
			sim.forgetSessions();
			expect((await get(sim, { operation: 'listtypes', sessionName: forgotten })).json.error.code).toBe('INVALID_SESSIONID');
		});

		it('keeps a session alive while it is used', async () => {
			const session = await login(sim);
			for (let i = 0; i < 3; i++) {
				sim.advance(1_000_000);
				expect((await get(sim, { operation: 'listtypes', sessionName: session })).json.success).toBe(true);
			}
		});

		it('accepts sessionName from the form body of a POST', async () => {
			const session = await login(sim);
			const created = await post(sim, { operation: 'create', sessionName: session, elementType: 'Accounts', element: JSON.stringify({ accountname: 'PT Baru', assigned_user_id: '19x1' }) });
			expect(created.json.result).toMatchObject({ accountname: 'PT Baru', id: expect.stringMatching(/^11x\d+$/) });
		});
	});

	describe('parameters and envelope', () => {
		let session: string;
		beforeEach(async () => {
			session = await login(sim);
		});

		it('ignores GET-operation parameters sent in a POST body, and POST parameters sent in the query', async () => {
			const describeInBody = await post(sim, { operation: 'describe', sessionName: session, elementType: 'Contacts' });
			expect(describeInBody.json.error.code).toBe('MANDATORY_FIELDS_MISSING');
			const element = JSON.stringify({ accountname: 'X', assigned_user_id: '19x1' });
			const createInQuery = await post(sim, { operation: 'create', sessionName: session }, { elementType: 'Accounts', element });
			expect(createInQuery.json.error.code).toBe('MANDATORY_FIELDS_MISSING');
		});

		it('does not read a JSON body', async () => {
			const response = await fetch(`${sim.baseUrl}/webservice.php`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ operation: 'create', sessionName: session, elementType: 'Accounts', element: { accountname: 'X' } }),
			});
			expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNKNOWN_OPERATION');
		});

		it('decodes element from JSON text and fails cleanly on bad JSON', async () => {
			const bad = await post(sim, { operation: 'create', sessionName: session, elementType: 'Accounts', element: '{accountname:' });
			expect(bad.status).toBe(200);
			expect(bad.json).toEqual({ success: false, error: { code: 'INTERNAL_SERVER_ERROR', message: 'Unknown Error while processing request' } });
		});

		it('checks mandatory fields, references and ids', async () => {
			const missing = await post(sim, { operation: 'create', sessionName: session, elementType: 'Contacts', element: JSON.stringify({ firstname: 'A', assigned_user_id: '19x1' }) });
			expect(missing.json.error).toEqual({ code: 'MANDATORY_FIELDS_MISSING', message: 'lastname does not have a value' });
			const badReference = await post(sim, { operation: 'create', sessionName: session, elementType: 'Contacts', element: JSON.stringify({ lastname: 'A', account_id: '12x100', assigned_user_id: '19x1' }) });
			expect(badReference.json.error.code).toBe('REFERENCE_INVALID');
			expect((await get(sim, { operation: 'retrieve', sessionName: session, id: '102' })).json.error.code).toBe('INVALID_ID_ATTRIBUTE');
			expect((await get(sim, { operation: 'retrieve', sessionName: session, id: '11x102' })).json.error.code).toBe('INVALID_ID_ATTRIBUTE');
			expect((await get(sim, { operation: 'retrieve', sessionName: session, id: '12x9999' })).json.error.code).toBe('RECORD_NOT_FOUND');
		});

		it('empties omitted fields on update but not on revise', async () => {
			const id = sim.insert('Contacts', { lastname: 'Tan', email: 'tan@example.co.id', phone: '0811' });
			const revised = await post(sim, { operation: 'revise', sessionName: session, element: JSON.stringify({ id, phone: '0812' }) });
			expect(revised.json.result).toMatchObject({ lastname: 'Tan', email: 'tan@example.co.id', phone: '0812' });
			const partialUpdate = await post(sim, { operation: 'update', sessionName: session, element: JSON.stringify({ id, phone: '0813' }) });
			expect(partialUpdate.json.error.code).toBe('MANDATORY_FIELDS_MISSING');
			const full = await post(sim, { operation: 'update', sessionName: session, element: JSON.stringify({ id, lastname: 'Tan', phone: '0813', assigned_user_id: '19x1' }) });
			expect(full.json.result).toMatchObject({ lastname: 'Tan', email: '', phone: '0813' });
		});

		it('caps query pages at 100 rows and filters hidden rows after the LIMIT', async () => {
			sim.seedContacts(250, { hiddenEvery: 10 });
			const base = "SELECT id, lastname FROM Contacts WHERE lastname LIKE 'Bulk%'";
			const capped = await get(sim, { operation: 'query', sessionName: session, query: `${base} LIMIT 500;` });
			expect(capped.json.result).toHaveLength(90);
			const lastPage = await get(sim, { operation: 'query', sessionName: session, query: `${base} LIMIT 200, 100;` });
			expect(lastPage.json.result).toHaveLength(45);
			expect((await get(sim, { operation: 'query', sessionName: session, query: `${base} LIMIT 300, 100;` })).json.result).toEqual([]);
			const count = await get(sim, { operation: 'query', sessionName: session, query: "SELECT count(*) FROM Contacts WHERE lastname LIKE 'Bulk%';" });
			expect(count.json.result).toEqual([{ count: '250' }]);
		});

		it('answers describe and listtypes for the seeded modules, and denies unknown ones', async () => {
			const types = await get(sim, { operation: 'listtypes', sessionName: session });
			expect(types.json.result.types).toEqual(expect.arrayContaining(['Contacts', 'Leads', 'Accounts', 'Potentials', 'Users', 'Groups']));
			expect(types.json.result.information.Groups.isEntity).toBe(false);
			const describe = await get(sim, { operation: 'describe', sessionName: session, elementType: 'Potentials' });
			expect(describe.json.result).toMatchObject({ name: 'Potentials', idPrefix: '13', labelFields: 'potentialname' });
			expect(describe.json.result.fields.at(-1)).toMatchObject({ name: 'id', editable: false, type: { name: 'autogenerated' } });
			expect(describe.json.result.fields.find((field: any) => field.name === 'sales_stage')).toMatchObject({ mandatory: true, type: { name: 'picklist' } });
			expect((await get(sim, { operation: 'describe', sessionName: session, elementType: 'Invoices' })).json.error.code).toBe('ACCESS_DENIED');
		});

		it('relates records and answers related queries with its own appended filter', async () => {
			const account = sim.insert('Accounts', { accountname: 'PT Relasi' });
			const contact = sim.insert('Contacts', { lastname: 'Related' });
			expect((await post(sim, { operation: 'add_related', sessionName: session, sourceRecordId: account, relatedRecordId: contact, relationIdLabel: 'Contacts' })).json.result).toEqual({ message: 'successfull' });
			const related = await get(sim, { operation: 'retrieve_related', sessionName: session, id: account, relatedType: 'Contacts', relatedLabel: 'Contacts' });
			expect(related.json.result.map((row: any) => row.id)).toEqual([contact]);
			const withSemicolon = await get(sim, { operation: 'query_related', sessionName: session, id: account, relatedLabel: 'Contacts', query: 'SELECT * FROM Contacts;' });
			expect(withSemicolon.json.error.code).toBe('QUERY_SYNTAX_ERROR');
			const ok = await get(sim, { operation: 'query_related', sessionName: session, id: account, relatedLabel: 'Contacts', query: 'SELECT lastname FROM Contacts' });
			expect(ok.json.result).toEqual([{ lastname: 'Related', id: contact }]);
		});
	});

	describe('inventory records (vtiger 6+ line items)', () => {
		let session: string;
		beforeEach(async () => {
			session = await login(sim);
		});
		const quote = (extra: Record<string, unknown>) =>
			JSON.stringify({ subject: 'Q', quotestage: 'Created', account_id: '11x100', assigned_user_id: '19x1', productid: '14x90', quantity: '1', listprice: '100', ...extra });
		const create = async (extra: Record<string, unknown>) => await post(sim, { operation: 'create', sessionName: session, elementType: 'Quotes', element: quote(extra) });

		it('types the first line’s product, quantity and price as mandatory document fields, and wants at least one line', async () => {
			const withoutTop = await post(sim, { operation: 'create', sessionName: session, elementType: 'Quotes', element: JSON.stringify({ subject: 'Q', quotestage: 'Created', account_id: '11x100', LineItems: [{ productid: '14x90', quantity: 1 }] }) });
			expect(withoutTop.json.error).toEqual({ code: 'MANDATORY_FIELDS_MISSING', message: 'productid does not have a value' });
			expect((await create({})).json.error).toEqual({ code: 'MANDATORY_FIELDS_MISSING', message: 'Mandatory Fields Missing..' });
		});

		it('takes a missing list price from the product (0 for a service) and keeps lines and totals on a revise without LineItems', async () => {
			const created = await create({ hdnTaxType: 'individual', LineItems: [{ productid: '14x90', quantity: 2 }, { productid: '25x92', quantity: 1 }] });
			expect(created.json.success).toBe(true);
			// 2 × 185000 + VAT 4.5 % = 386650; the service at 0 adds nothing.
			expect(created.json.result).toMatchObject({ hdnSubTotal: '386650.00000000', hdnGrandTotal: '386650.00000000' });
			const id = created.json.result.id;
			const revised = await post(sim, { operation: 'revise', sessionName: session, element: JSON.stringify({ id, hdnDiscountAmount: '1000' }) });
			expect(revised.json.result).toMatchObject({ hdnDiscountAmount: '1000.00000000', hdnGrandTotal: '386650.00000000' });
			expect(revised.json.result.LineItems).toHaveLength(2);
		});

		it('has no retrieve_inventory and keeps line items out of describe before vtiger 6', async () => {
			sim.options.vtigerVersion = '5.4.0';
			expect((await get(sim, { operation: 'retrieve_inventory', sessionName: session, id: '4x1' })).json.error.code).toBe('UNKNOWN_OPERATION');
			const described = await get(sim, { operation: 'describe', sessionName: session, elementType: 'Quotes' });
			expect(described.json.result.fields.map((field: { name: string }) => field.name)).not.toContain('productid');
		});
	});

	describe('switches', () => {
		it('answers a PHP fatal error page for the chosen operations', async () => {
			const session = await login(sim);
			sim.options.phpFatal = ['sync'];
			const reply = await get(sim, { operation: 'sync', sessionName: session, modifiedTime: '0' });
			expect(reply.status).toBe(200);
			expect(reply.json).toBeUndefined();
			expect(reply.text).toContain('<b>Fatal error</b>');
			expect((await get(sim, { operation: 'listtypes', sessionName: session })).json.success).toBe(true);
		});

		it('refuses every request with a 403 page when the client IP is not whitelisted', async () => {
			sim.options.ipBlocked = true;
			const reply = await get(sim, { operation: 'getchallenge', username: 'admin' });
			expect(reply.status).toBe(403);
			expect(reply.text).toContain('Forbidden');
		});
	});
});
