import { AbmsVtiger } from '../../nodes/AbmsVtiger/AbmsVtiger.node';
import { idParam, moduleParam, vtigerFixture } from './setup';

const getContact = { resource: 'record', operation: 'get', module: moduleParam('Contacts'), recordId: idParam('12x102') };
const logout = { resource: 'session', operation: 'logout' };
const trail = (requests: Array<{ operation: string; errorCode?: string }>) => requests.map((request) => `${request.operation}${request.errorCode ? `:${request.errorCode}` : ''}`);

describe('Session: Logout', () => {
	const vt = vtigerFixture();

	it('ends the stored session with a POST, after which the next request of any workflow logs in again by itself', async () => {
		await vt.run(getContact);
		const session = String(vt.stored().sessionToken);
		vt.sim.requests = [];

		const run = await vt.run(logout);
		expect(run.items[0].json).toEqual({ loggedOut: true, sessionWasActive: true });
		expect(vt.sim.requests).toHaveLength(1);
		expect(vt.sim.requests[0]).toMatchObject({ method: 'POST', operation: 'logout', query: {}, form: { operation: 'logout', sessionName: session } });
		expect(vt.sim.auth.sessions.has(session)).toBe(false);

		vt.sim.requests = [];
		const next = await vt.run(getContact);
		expect(next.nodeError).toBeUndefined();
		expect(next.items[0].json).toMatchObject({ id: '12x102', lastname: 'Rahmawati' });
		expect(trail(vt.sim.requests)).toEqual(['retrieve:INVALID_SESSIONID', 'getchallenge', 'login', 'retrieve']);
		expect(vt.stored().sessionToken).not.toBe(session);
		expect(vt.sim.logins).toBe(2);
	});

	it('does not log in just to log out: no session stored, or one vtiger already ended', async () => {
		const cold = await vt.run(logout);
		expect(cold.items[0].json).toEqual({ loggedOut: true, sessionWasActive: false });
		expect(vt.sim.requests).toHaveLength(0);

		await vt.run(getContact);
		vt.sim.forgetSessions();
		vt.sim.requests = [];
		const ended = await vt.run(logout);
		expect(ended.nodeError).toBeUndefined();
		expect(ended.items[0].json).toEqual({ loggedOut: true, sessionWasActive: false });
		expect(trail(vt.sim.requests)).toEqual(['logout:INVALID_SESSIONID']);
		expect(vt.sim.logins).toBe(1);
	});

	it('ends the session once for a batch: the later items find it already ended and do not log in', async () => {
		await vt.run(getContact);
		const run = await vt.run(logout, [{}, {}]);
		expect(run.items.map((item) => item.json.sessionWasActive)).toEqual([true, false]);
		expect(vt.sim.logins).toBe(1);
	});

	it('says in the editor why it is rarely wanted: the session is shared by every execution through the credential', () => {
		const notice = new AbmsVtiger().description.properties.find((property) => property.name === 'logoutNotice');
		expect(notice?.displayOptions?.show).toMatchObject({ resource: ['session'], operation: ['logout'] });
		expect(notice?.displayName).toMatch(/every execution of every workflow using the credential shares it/);
		expect(notice?.displayName).toMatch(/next request of any of them has to log in again/);
	});
});
