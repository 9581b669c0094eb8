import { AbmsVtiger } from '../../nodes/AbmsVtiger/AbmsVtiger.node';
import { AbmsVtigerTrigger } from '../../nodes/AbmsVtiger/AbmsVtigerTrigger.node';
import { replyExcerpt } from '../../credentials/vtigerReply';
import { idParam, mapped, moduleParam, vtigerFixture } from './setup';

const listContacts = { resource: 'record', operation: 'getMany', module: moduleParam('Contacts'), limit: 5 };

describe('replies that are not vtiger JSON', () => {
	const vt = vtigerFixture();

	it('turns a PHP fatal error page into an error with a short excerpt, not a crash', async () => {
		vt.sim.options.phpFatal = ['query'];
		const run = await vt.run(listContacts, [{}, {}], { continueOnFail: true });
		expect(run.items).toHaveLength(2);
		const message = String(run.items[0].json.error);
		expect(message).toMatch(/^ABMS vtiger query \(module 'Contacts'\) got HTTP 200 with a body that is not a vtiger reply: "Fatal error: Uncaught Error: Unknown named parameter \$q/);
		expect(message.length).toBeLessThan(400);
		expect(message).toContain('…');
		expect(run.items[0].json.description).toMatch(/PHP error on the server/);
	});

	it('says so for an empty HTTP 500 as well', async () => {
		vt.sim.options.phpFatal = ['query'];
		vt.sim.options.phpFatalStyle = 'empty500';
		const run = await vt.run(listContacts);
		expect(run.nodeError?.message).toBe("ABMS vtiger query (module 'Contacts') got HTTP 500 with an empty body");
		expect((run.nodeError as { description?: string }).description).toMatch(/vtiger crashed on 'query'/);
	});

	it('points at the base URL when something else answers', async () => {
		vt.reset({ baseUrl: `${vt.sim.baseUrl}/crm` });
		const run = await vt.run(listContacts);
		expect(run.nodeError?.message).toMatch(/did not answer getchallenge as a vtiger webservice \(HTTP 404: "Not Found"\)/);
		expect((run.nodeError as { description?: string }).description).toMatch(/check the base URL/);
	});

	it('keeps the session out of an error page that echoes the request', async () => {
		await vt.run(listContacts);
		vt.sim.options.phpFatal = ['query'];
		vt.sim.options.phpFatalStyle = 'echo';
		const run = await vt.run(listContacts);
		const session = String(vt.stored().sessionToken);
		expect(vt.sim.requests.at(-1)!.query.sessionName).toBe(session);
		expect(run.nodeError?.message).toContain('sessionName=***');
		expect(run.nodeError?.message).not.toContain(session);
	});

	it('asks again after a 502 from a proxy for a read, but never resends a create', async () => {
		await vt.run(listContacts);
		vt.sim.gatewayErrors = { query: 2 };
		const read = await vt.run(listContacts);
		expect(read.nodeError).toBeUndefined();
		expect(read.items).toHaveLength(3);

		expect(vt.sim.requests.filter((request) => request.operation === 'query').map((request) => request.status)).toEqual([200, 200, 502, 502, 200, 200]);
		vt.sim.gatewayErrors = { create: 1 };
		const create = await vt.run({ resource: 'record', operation: 'create', module: moduleParam('Accounts'), fields: mapped({ accountname: 'PT Proxy' }) }, [{}], { continueOnFail: true });
		expect(create.items[0].json.error).toBe('ABMS vtiger create (module \'Accounts\') got HTTP 502 with a body that is not a vtiger reply: "502 Bad Gateway 502 Bad Gateway nginx"');
		expect(vt.sim.count('create')).toBe(1);
	});

	it('reads the JSON that follows PHP notices', async () => {
		vt.sim.options.phpNotices = true;
		const run = await vt.run({ resource: 'record', operation: 'get', module: moduleParam('Contacts'), recordId: idParam('12x102') });
		expect(run.nodeError).toBeUndefined();
		expect(run.items[0].json.lastname).toBe('Rahmawati');
	});

	it('passes on duplicate prevention, whose code is the number 0', async () => {
		vt.sim.options.rejectDuplicateAccounts = true;
		const run = await vt.run({ resource: 'record', operation: 'create', module: moduleParam('Accounts'), fields: mapped({ accountname: 'PT Maju Jaya' }) }, [{}], { continueOnFail: true });
		expect(run.items[0].json.error).toBe("ABMS vtiger create (module 'Accounts'): Duplicate(s) detected! (0)");
		expect(run.items[0].json.description).toMatch(/duplicate check/);
	});

	it('does not resend a create that got no answer', async () => {
		vt.sim.options.slowOperations = { create: 400 };
		const run = await vt.run({ resource: 'record', operation: 'create', module: moduleParam('Accounts'), fields: mapped({ accountname: 'PT Lambat' }), requestOptions: { timeout: 0.2 } }, [{}], { continueOnFail: true });
		expect(run.items[0].json.error).toMatch(/got no answer .*it may have been carried out anyway/);
		expect(vt.sim.count('create')).toBe(1);
	});
});

describe('the excerpt of a page that is not a vtiger reply', () => {
	it('is masked before it is cut, so a secret at the cut leaves no fragment', () => {
		const secret = '5f2a9c1e77b04d3aa1c9e0f4';
		const mask = (text: string) => text.split(secret).join('***');
		const excerpt = replyExcerpt(`<html><body>${'x'.repeat(185)} ${secret}</body></html>`, mask);
		expect(excerpt).toContain('***');
		for (let start = 0; start + 12 <= secret.length; start++) expect(excerpt).not.toContain(secret.slice(start, start + 12));
	});

	it('masks a labelled session even without the credential’s secrets', () => {
		expect(replyExcerpt('Fatal error in [sessionName] => 6e1f2a3b4c5d6e7f8a9b')).toBe('Fatal error in [sessionName] => ***');
	});
});

describe('node descriptions', () => {
	it('offers the action node to AI agents as a tool, and not the trigger', () => {
		expect(new AbmsVtiger().description.usableAsTool).toBe(true);
		expect(new AbmsVtigerTrigger().description.usableAsTool).toBeUndefined();
		expect(new AbmsVtigerTrigger().description.polling).toBe(true);
	});

	it('gives every operation an action text for tool use', () => {
		const operations = new AbmsVtiger().description.properties.filter((property) => property.name === 'operation');
		const options = operations.flatMap((property) => property.options as Array<{ action?: string; value: string }>);
		expect(options.length).toBe(16);
		for (const option of options) expect(option.action).toEqual(expect.any(String));
	});
});
