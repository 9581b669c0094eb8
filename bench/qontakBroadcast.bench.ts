import type { IDataObject } from 'n8n-workflow';

import { IDS } from '../simulators/qontak/chatFixtures';
import { useQontakSimulator } from '../test/harness/qontakEnv';
import { runNode } from '../test/harness/runWorkflow';
import { QontakSimulator } from '../simulators/qontak/QontakSimulator';
import { report } from './report';

/**
 * Direct broadcasts against Qontak's 60-per-minute limit. Time is scaled: the simulator's
 * window is 60 s / SCALE and its latency ~300 ms / SCALE, so 300 sends take seconds, not
 * five minutes. The node is not told: it paces from the window the simulator reports.
 */
const SCALE = 30;
const LIMIT = 60;
const WINDOW_MS = 60_000 / SCALE;
const LATENCY_MS = 10;
const ITEMS = 300;
const DIRECT = '/qontak/chat/v1/broadcasts/whatsapp/direct';

const sim = new QontakSimulator({ latencyMs: LATENCY_MS, chat: { broadcastLimit: LIMIT, broadcastWindowMs: WINDOW_MS } });
const env = useQontakSimulator(sim, { id: 'bench' });

const recipients = (n: number, offset = 0) =>
	Array.from({ length: n }, (_, index) => ({ phone: `0812${String(20_000_000 + offset + index)}`, name: `Pelanggan ${offset + index}` }));

const parameters: IDataObject = {
	resource: 'broadcast',
	operation: 'sendDirect',
	channelIntegrationId: { __rl: true, mode: 'id', value: IDS.waCloudIntegration },
	messageTemplateId: { __rl: true, mode: 'id', value: IDS.orderUpdateTemplate },
	toNumber: '={{ $json.phone }}',
	toName: '={{ $json.name }}',
	templateParameters: { mappingMode: 'defineBelow', value: { body_1: '={{ $json.name }}', body_2: 'INV-1', body_3: 'besok' } },
};

/** Sends per input number: 0 is a lost send, 2+ a doubled one. */
function deliveryFigures(inputs: Array<{ phone: string }>) {
	const sent = new Map<string, number>();
	for (const record of sim.chat.state.broadcasts) {
		const phone = record.recipients[0].phone;
		sent.set(phone, (sent.get(phone) ?? 0) + 1);
	}
	const expected = inputs.map((input) => `62${input.phone.slice(1)}`);
	return {
		lost: expected.filter((phone) => !sent.has(phone)).length,
		doubled: [...sent.values()].filter((count) => count > 1).length,
		'429 answers': sim.chat.state.rateLimited,
		'send requests': sim.requests.filter((request) => request.path === DIRECT).length,
	};
}

async function send(input: Array<{ phone: string; name: string }>, extra: IDataObject = {}) {
	const { items, nodeError } = await runNode({ type: 'qontakBroadcast', parameters: { ...parameters, ...extra }, input, credentials: env.credentials, store: env.store });
	if (nodeError) throw nodeError;
	return items;
}

it(`${ITEMS} direct broadcasts under ${LIMIT} per window`, async () => {
	const input = recipients(ITEMS);
	const started = performance.now();
	const items = await send(input);
	const seconds = (performance.now() - started) / 1000;
	const ideal = (ITEMS / LIMIT) * (WINDOW_MS / 1000);
	report('qontak-broadcast-pacing', {
		items: ITEMS,
		'limit / window': `${LIMIT} / ${WINDOW_MS} ms (60 s scaled 1:${SCALE})`,
		'latency (ms)': LATENCY_MS,
		'output items': items.length,
		...deliveryFigures(input),
		'wall (s)': seconds.toFixed(2),
		'N / rate (s)': ideal.toFixed(2),
		'wall / (N / rate)': (seconds / ideal).toFixed(3),
		'same at real scale (min)': ((seconds * SCALE) / 60).toFixed(1),
	});
});

it('two executions sharing the organisation’s quota', async () => {
	const a = recipients(ITEMS / 2);
	const b = recipients(ITEMS / 2, 1000);
	const started = performance.now();
	const [first, second] = await Promise.all([send(a), send(b)]);
	const seconds = (performance.now() - started) / 1000;
	const ideal = (ITEMS / LIMIT) * (WINDOW_MS / 1000);
	report('qontak-broadcast-shared-quota', {
		executions: 2,
		'items each': ITEMS / 2,
		'output items': first.length + second.length,
		...deliveryFigures([...a, ...b]),
		'wall (s)': seconds.toFixed(2),
		'N / rate (s)': ideal.toFixed(2),
	});
});

it('without rate-limit headers: Max Broadcasts per Minute paces alone (real time)', async () => {
	Object.assign(sim.chat.options, { rateLimitHeaders: false, broadcastWindowMs: 60_000 });
	const input = recipients(15);
	const started = performance.now();
	await send(input, { sendOptions: { maxPerMinute: 60 } });
	const seconds = (performance.now() - started) / 1000;
	report('qontak-broadcast-no-headers', {
		items: input.length,
		'limit / window': `${LIMIT} / 60 s, no headers`,
		...deliveryFigures(input),
		'wall (s)': seconds.toFixed(2),
		'(N - 1) / rate (s)': (input.length - 1).toFixed(2),
	});
});
