import { MAX_BACKOFF_MS } from '../../nodes/shared/backoff';
import { useVirtualTime } from '../harness/virtualTime';
import { accepted, CHAT, customer, DIRECT, orderUpdate, runChat, useChat } from './setup';

const env = useChat();
// Nothing here may wait long: every sleep is recorded, none is slept.
const virtual = useVirtualTime(env.sim);

const DIVISIONS = `${CHAT}/divisions`;
const calls = (path: string) => env.sim.requests.filter((request) => request.path === path).length;

/** Enough divisions for full 100-row pages: a short page would end Return All on its own. */
function seedDivisions(n: number) {
	const now = new Date(virtual.time.now()).toISOString();
	for (let index = 0; index < n; index++) {
		env.sim.chat.state.divisions.push({ id: `div-${index}`, name: `Division ${index}`, default: false, created_at: now, updated_at: now, users: [], channels: [] });
	}
}

describe('a Qontak Chat that never ends', () => {
	it('stops Return All with a clear error when the vendor answers the same full page again', async () => {
		seedDivisions(150);
		env.sim.stuckPaging = { path: DIVISIONS, answers: 500 };
		const { nodeError } = await runChat(env, { resource: 'division', operation: 'getAll', returnAll: true });
		expect(nodeError?.message).toBe('Qontak Chat returned the same page again; stopped after 2 pages');
		expect(calls(DIVISIONS)).toBe(2);
	});

	it('fails a list with "rate-limited until" when a 429 asks for an hour, without waiting', async () => {
		env.sim.inject({ kind: '429', method: 'GET', pathPrefix: DIVISIONS, retryAfterSeconds: 3600, times: 5 });
		const { nodeError } = await runChat(env, { resource: 'division', operation: 'getAll', returnAll: true });
		expect(nodeError?.message).toBe(`Qontak Chat: rate-limited until ${new Date(virtual.time.now() + 3_600_000).toISOString()}`);
		expect((nodeError as { httpCode?: string }).httpCode).toBe('429');
		expect(virtual.time.waits.every((ms) => ms <= MAX_BACKOFF_MS)).toBe(true);
		expect(calls(DIVISIONS)).toBe(1);
	});

	it('fails the direct sends after the window is used up for an hour, instead of pacing them an hour apart', async () => {
		Object.assign(env.sim.chat.options, { broadcastLimit: 1, broadcastWindowMs: 3_600_000 });
		const phones = [0, 1, 2].map((index) => customer(`0812${10_000_000 + index}`, index));
		const { items } = await runChat(env, orderUpdate(), { input: phones, continueOnFail: true });
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.error).toBeUndefined();
		expect(items[1].json.error).toMatch(/^Qontak Chat: rate-limited until \d{4}-\d\d-\d\dT[\d:.]+Z$/);
		expect(items[2].json.error).toBe(items[1].json.error);
		expect(virtual.time.waits.every((ms) => ms <= MAX_BACKOFF_MS)).toBe(true);
		expect(accepted(env.sim)).toHaveLength(1);
		expect(calls(DIRECT)).toBe(1);
	});
});
