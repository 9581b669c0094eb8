import { useVirtualTime } from '../harness/virtualTime';
import { accepted, customer, DIRECT, orderUpdate, runChat, useChat } from './setup';

/**
 * Qontak allows 60 direct broadcasts a minute. The simulator's window is scaled down
 * (60 per second, or less) so the same pacing is exercised in seconds, not minutes; the
 * node learns the window from Qontak's own rate-limit headers, so it needs no test switch.
 */
const env = useChat({ broadcastWindowMs: 1000 });
// The window and the node's pacing run on one clock that only the waits move: a loaded machine
// cannot squeeze extra sends into a window, nor stretch one so that a burst slips through.
const virtual = useVirtualTime(env.sim);

const phones = (n: number, offset = 0) => Array.from({ length: n }, (_, index) => customer(`0812${String(10_000_000 + offset + index)}`, offset + index));
const directStatuses = () => env.sim.requests.filter((request) => request.path === DIRECT).map((request) => request.status);

function expectEachSentOnce(expected: number) {
	const numbers = accepted(env.sim).map((record) => record.recipients[0].phone);
	expect(numbers).toHaveLength(expected);
	expect(new Set(numbers).size).toBe(expected);
}

it('sends 150 items through a 60-per-window limit with no 429 and each item exactly once', async () => {
	const { items, nodeError } = await runChat(env, orderUpdate(), { input: phones(150) });
	expect(nodeError).toBeUndefined();
	expect(env.sim.chat.state.rateLimited).toBe(0);
	expect(directStatuses().every((status) => status === 201)).toBe(true);
	expectEachSentOnce(150);
	expect(items.map((item) => item.json.to_number)).toEqual(accepted(env.sim).map((record) => record.recipients[0].phone));
});

it('spreads the sends over the window instead of bursting: at most the limit in any window, never more', async () => {
	env.sim.chat.options.broadcastLimit = 10;
	const started = virtual.time.now();
	await runChat(env, orderUpdate(), { input: phones(25) });
	// 25 sends at 10 per second need at least two full windows.
	expect(virtual.time.now() - started).toBeGreaterThanOrEqual(2000);
	expect(env.sim.chat.state.rateLimited).toBe(0);
	expectEachSentOnce(25);
});

it('without rate headers it keeps Max Broadcasts per Minute, and waits out the 429s that still come', async () => {
	Object.assign(env.sim.chat.options, { rateLimitHeaders: false, broadcastLimit: 1, broadcastWindowMs: 1500 });
	const { nodeError } = await runChat(env, orderUpdate({ sendOptions: { maxPerMinute: 60 } }), { input: phones(3) });
	expect(nodeError).toBeUndefined();
	// One a second against one per 1.5 s: Qontak refuses some, each refusal is waited out and resent.
	expect(env.sim.chat.state.rateLimited).toBeGreaterThan(0);
	expect(directStatuses().filter((status) => status === 201)).toHaveLength(3);
	expectEachSentOnce(3);
});

it('two executions sharing the organisation’s quota lose nothing and double nothing', async () => {
	env.sim.chat.options.broadcastLimit = 30;
	const [a, b] = await Promise.all([
		runChat(env, orderUpdate(), { input: phones(40, 0) }),
		runChat(env, orderUpdate(), { input: phones(40, 1000) }),
	]);
	expect(a.nodeError).toBeUndefined();
	expect(b.nodeError).toBeUndefined();
	// Each execution paces itself from the headers both see; a 429 from the overlap is resent.
	expectEachSentOnce(80);
	expect(directStatuses().filter((status) => status === 201)).toHaveLength(80);
});
