import type { IDataObject } from 'n8n-workflow';

import { OTHER_USER } from '../../simulators/vtiger/VtigerSimulator';
import { moduleParam, vtigerFixture } from './setup';

const contacts = moduleParam('Contacts');
const getMany = (extra: IDataObject) => ({ resource: 'record', operation: 'getMany', module: contacts, ...extra });

describe('Record: get many', () => {
	const vt = vtigerFixture();
	const queries = () => vt.sim.requests.filter((request) => request.operation === 'query').map((request) => request.query.query);

	it('builds VTQL from the filters, quoting and escaping every value', async () => {
		vt.sim.insert('Contacts', { firstname: 'Sean', lastname: "O'Brien", email: 'sean@example.ie' });
		const run = await getManyRun({
			selectFields: ['firstname', 'lastname'],
			conditions: {
				condition: [
					{ field: 'lastname', operator: 'equals', value: "O'Brien" },
					{ field: 'email', operator: 'endsWith', value: '@example.ie' },
				],
			},
			queryOptions: { sortBy: 'lastname', sortDirection: 'DESC' },
			returnAll: true,
		});
		expect(queries()).toEqual([
			"SELECT firstname, lastname FROM Contacts WHERE lastname = 'O''Brien' AND email LIKE '%@example.ie' ORDER BY lastname DESC LIMIT 0, 100;",
			"SELECT firstname, lastname FROM Contacts WHERE lastname = 'O''Brien' AND email LIKE '%@example.ie' ORDER BY lastname DESC LIMIT 100, 100;",
		]);
		expect(run.items.map((item) => item.json)).toEqual([{ firstname: 'Sean', lastname: "O'Brien", id: expect.stringMatching(/^12x/) }]);
	});

	it('combines conditions with OR and supports IN lists', async () => {
		const run = await getManyRun({
			combineConditions: 'OR',
			conditions: {
				condition: [
					{ field: 'lastname', operator: 'in', value: 'Wijaya, Lestari' },
					{ field: 'email', operator: 'contains', value: 'majujaya' },
				],
			},
			returnAll: true,
		});
		expect(queries()[0]).toBe("SELECT * FROM Contacts WHERE lastname IN ('Wijaya','Lestari') OR email LIKE '%majujaya%' LIMIT 0, 100;");
		expect(run.items.map((item) => item.json.lastname).sort()).toEqual(['Lestari', 'Rahmawati', 'Wijaya']);
	});

	it('reads past the 100-row cap for Return All and does not stop at a page shortened by hidden rows', async () => {
		vt.sim.seedContacts(250, { hiddenEvery: 4 });
		const run = await getManyRun({ conditions: { condition: [{ field: 'lastname', operator: 'startsWith', value: 'Bulk ' }] }, returnAll: true });
		expect(run.items).toHaveLength(250 - 62);
		expect(new Set(run.items.map((item) => item.json.id)).size).toBe(188);
		// 75-row pages are not the end; only the empty fourth page is.
		expect(queries().map((query) => /LIMIT (\d+, \d+);$/.exec(query)![1])).toEqual(['0, 100', '100, 100', '200, 100', '300, 100']);
		expect(run.items.map((item) => item.pairedItem)).toEqual(run.items.map(() => ({ item: 0 })));
	});

	it('asks only for what Limit needs', async () => {
		vt.sim.seedContacts(250, { hiddenEvery: 4 });
		const run = await getManyRun({ conditions: { condition: [{ field: 'lastname', operator: 'startsWith', value: 'Bulk ' }] }, limit: 120 });
		expect(run.items).toHaveLength(120);
		expect(queries().map((query) => /LIMIT (\d+, \d+);$/.exec(query)![1])).toEqual(['0, 100', '100, 100']);
		const small = await getManyRun({ limit: 2 });
		expect(small.items).toHaveLength(2);
		expect(queries().at(-1)).toBe('SELECT * FROM Contacts LIMIT 0, 2;');
	});

	it('pages a raw VTQL query, accepting its trailing semicolon', async () => {
		vt.sim.seedContacts(130);
		const run = await getManyRun({ queryMode: 'vtql', vtql: "SELECT lastname FROM Contacts WHERE lastname LIKE 'Bulk%' ORDER BY lastname;  ", returnAll: true });
		expect(run.items).toHaveLength(130);
		expect(queries()).toEqual([
			"SELECT lastname FROM Contacts WHERE lastname LIKE 'Bulk%' ORDER BY lastname LIMIT 0, 100;",
			"SELECT lastname FROM Contacts WHERE lastname LIKE 'Bulk%' ORDER BY lastname LIMIT 100, 100;",
			"SELECT lastname FROM Contacts WHERE lastname LIKE 'Bulk%' ORDER BY lastname LIMIT 200, 100;",
		]);
	});

	it('runs a raw query with its own LIMIT once, as written', async () => {
		vt.sim.seedContacts(130);
		const run = await getManyRun({ queryMode: 'vtql', vtql: "SELECT count(*) FROM Contacts WHERE lastname LIKE 'Bulk%' LIMIT 1", returnAll: true });
		expect(queries()).toEqual(["SELECT count(*) FROM Contacts WHERE lastname LIKE 'Bulk%' LIMIT 1;"]);
		expect(run.items.map((item) => item.json)).toEqual([{ count: '130' }]);
	});

	it('does not mistake LIMIT inside a quoted value for a LIMIT clause', async () => {
		const run = await getManyRun({ queryMode: 'vtql', vtql: "SELECT * FROM Accounts WHERE accountname = 'No Limit Ltd'", returnAll: true });
		expect(run.items).toEqual([]);
		expect(queries()[0]).toBe("SELECT * FROM Accounts WHERE accountname = 'No Limit Ltd' LIMIT 0, 100;");
	});

	it.each([
		['an unquoted value', 'SELECT * FROM Potentials WHERE amount > 1000.50', /QUERY_SYNTAX_ERROR/, /every value in single quotes/],
		['an unknown field', "SELECT * FROM Contacts WHERE nickname = 'x'", /Unknown field nickname in Contacts \(QUERY_SYNTAX_ERROR\)/, /field names as Module → Describe lists them/],
		['an unknown module', 'SELECT * FROM Kontak', /denied for name \(ACCESS_DENIED\)/, /plural, e.g. Contacts/],
	])('passes vtiger’s error for %s on with a hint', async (_, vtql, message, hint) => {
		const run = await getManyRun({ queryMode: 'vtql', vtql, returnAll: true }, { continueOnFail: true });
		expect(run.items[0].json.error).toMatch(message);
		expect(run.items[0].json.description).toMatch(hint);
	});

	it.each([
		['a statement that is not a SELECT', 'DELETE FROM Contacts', "'VTQL Query' must be a SELECT query"],
		['two statements', 'SELECT * FROM Contacts; SELECT * FROM Leads', "'VTQL Query' holds more than one statement"],
	])('refuses %s without calling vtiger', async (_, vtql, message) => {
		const run = await getManyRun({ queryMode: 'vtql', vtql, returnAll: true }, { continueOnFail: true });
		expect(run.items[0].json.error).toBe(message);
		expect(queries()).toEqual([]);
	});

	it('refuses a filter field name that could change the query', async () => {
		const run = await getManyRun({ conditions: { condition: [{ field: "lastname = 'x' OR 1", operator: 'equals', value: 'a' }] }, returnAll: true }, { continueOnFail: true });
		expect(run.items[0].json.error).toBe(`'lastname = 'x' OR 1' is not a valid field name`);
		expect(queries()).toEqual([]);
	});

	describe('a bad input fails its own item, naming the field, and vtiger is not asked for it', () => {
		const byName = { conditions: { condition: [{ field: 'lastname', operator: 'equals', value: '={{ $json.name }}' }] }, returnAll: true };

		it("an empty condition value (vtiger's lexer has no '' token and VTQL no IS NULL)", async () => {
			vt.sim.insert('Contacts', { lastname: 'Anggraini' });
			vt.sim.insert('Contacts', { lastname: 'Kusuma' });
			vt.sim.requests = [];
			const run = await vt.run(getMany(byName), [{ name: 'Anggraini' }, { name: '' }, { name: 'Kusuma' }], { continueOnFail: true });
			expect(run.items).toHaveLength(3);
			expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(run.items[0].json.lastname).toBe('Anggraini');
			expect(run.items[1].json.error).toBe("Condition 1 (lastname): 'Value' is empty");
			expect(run.items[1].json.description).toMatch(/^vtiger's query language cannot compare with empty text.*Enter a value or remove the condition/);
			expect(run.items[2].json.lastname).toBe('Kusuma');
			expect(queries().length).toBeGreaterThan(0);
			expect(queries().filter((query) => !/= '(Anggraini|Kusuma)'/.test(query))).toEqual([]);
		});

		it.each([
			['in', ' , '],
			['notEquals', ''],
			['like', ''],
		])('an empty value for %s', async (operator, value) => {
			const run = await getManyRun({ conditions: { condition: [{ field: 'lastname', operator, value }] }, returnAll: true }, { continueOnFail: true });
			expect(run.items[0].json.error).toBe("Condition 1 (lastname): 'Value' is empty");
			expect(queries()).toEqual([]);
		});

		it('keeps an empty value where a wildcard gives it content', async () => {
			const run = await getManyRun({ conditions: { condition: [{ field: 'lastname', operator: 'startsWith', value: '' }] }, limit: 1 });
			expect(run.nodeError).toBeUndefined();
			expect(queries()).toEqual(["SELECT * FROM Contacts WHERE lastname LIKE '%' LIMIT 0, 1;"]);
		});

		it('a Limit of -1 from an expression', async () => {
			vt.sim.seedContacts(3);
			vt.sim.requests = [];
			const run = await vt.run(
				getMany({ conditions: { condition: [{ field: 'lastname', operator: 'startsWith', value: 'Bulk ' }] }, limit: '={{ $json.limit }}' }),
				[{ limit: 1 }, { limit: -1 }, { limit: 1 }],
				{ continueOnFail: true },
			);
			expect(run.items).toHaveLength(3);
			expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(run.items[0].json.lastname).toMatch(/^Bulk /);
			expect(run.items[1].json.error).toBe("'Limit' must be a whole number of 1 or more (got -1)");
			expect(run.items[1].json.description).toContain("'Return All'");
			expect(run.items[2].json.lastname).toMatch(/^Bulk /);
			expect(queries()).toHaveLength(2);
			expect(queries().filter((query) => query.includes('-1'))).toEqual([]);
		});

		it.each([[0], [2.5], ['lots']])('a Limit of %p', async (limit) => {
			const run = await getManyRun({ limit }, { continueOnFail: true });
			expect(run.items[0].json.error).toBe(`'Limit' must be a whole number of 1 or more (got ${JSON.stringify(limit)})`);
			expect(queries()).toEqual([]);
		});
	});

	async function getManyRun(extra: IDataObject, options: { continueOnFail?: boolean } = {}) {
		vt.sim.requests = vt.sim.requests.filter((request) => request.operation !== 'query');
		return await vt.run(getMany(extra), [{}], options);
	}
});

describe('Record: get changes (sync)', () => {
	const vt = vtigerFixture();
	const sinceNow = () => new Date(vt.sim.now() - 1000).toISOString();

	it('lists records the API user changed since a time, and deletions', async () => {
		const since = sinceNow();
		vt.sim.advance(2000);
		const mine = vt.sim.insert('Contacts', { lastname: 'Baru' });
		vt.sim.insert('Contacts', { lastname: 'Milik Budi', assigned_user_id: OTHER_USER.id });
		const gone = vt.sim.insert('Contacts', { lastname: 'Sementara' });
		await vt.run({ resource: 'record', operation: 'delete', module: moduleParam('Contacts'), recordId: { __rl: true, mode: 'id', value: gone } });

		const run = await vt.run({ resource: 'record', operation: 'sync', module: moduleParam('Contacts'), since });
		expect(run.items.map((item) => item.json.id)).toEqual([mine, gone]);
		expect(run.items[1].json).toEqual({ id: gone, deleted: true });
		const sync = vt.sim.requests.find((request) => request.operation === 'sync')!;
		expect(sync.query).toMatchObject({ elementType: 'Contacts', modifiedTime: String(Math.floor(Date.parse(since) / 1000)) });
	});

	it('follows "more" for Return All and can give the raw result with lastModifiedTime', async () => {
		const since = sinceNow();
		let newest = '';
		for (let i = 0; i < 150; i++) {
			vt.sim.advance(1000);
			newest = vt.sim.insert('Leads', { lastname: `Lead ${i}` });
		}
		const first = await vt.run({ resource: 'record', operation: 'sync', module: moduleParam('Leads'), since });
		expect(first.items).toHaveLength(100);
		const all = await vt.run({ resource: 'record', operation: 'sync', module: moduleParam('Leads'), since, allChanges: true, syncOutput: 'raw' });
		const result = all.items[0].json as { updated: IDataObject[]; deleted: string[]; lastModifiedTime: number; more: boolean };
		expect(result.updated).toHaveLength(150);
		expect(result.more).toBe(false);
		// The newest change's own time: the simulator's clock has moved on since it was written.
		expect(result.lastModifiedTime).toBe(Math.floor(vt.sim.record(newest)!.modifiedMs / 1000));
	});

	it('turns a PHP fatal error in sync (vtiger on PHP 8) into a clear error', async () => {
		vt.sim.options.phpFatal = ['sync'];
		const run = await vt.run({ resource: 'record', operation: 'sync', module: moduleParam('Contacts'), since: sinceNow() });
		expect(run.nodeError?.message).toMatch(/^ABMS vtiger sync \(module 'Contacts'\) got HTTP 200 with a body that is not a vtiger reply: "Fatal error: Uncaught Error: Unknown named parameter/);
		expect((run.nodeError as { description?: string }).description).toMatch(/vtiger crashed on 'sync'.*Other operations may still work/);
	});
});
