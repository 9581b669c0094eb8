import { useVirtualTime } from '../harness/virtualTime';
import type { FaultKind } from '../../simulators/qontak/QontakSimulator';
import { accepted, customer, DIRECT, IDS, orderUpdate, runChat, useChat } from './setup';

const env = useChat({ broadcastWindowMs: 1000 });
// Proves the 429 wait by the sleep the node asked for, on a clock the simulator's reset also reads.
const virtual = useVirtualTime(env.sim);

const directRequests = () => env.sim.requests.filter((request) => request.path === DIRECT);
const twoCustomers = [customer('081234567890', 0), customer('081234567891', 1)];

describe('a broadcast is never sent twice after an unclear failure', () => {
	it('a timeout becomes an error item saying the message may have been sent, with what to look up', async () => {
		env.sim.inject({ kind: 'timeout', pathPrefix: DIRECT }); // Qontak got it; the answer is lost
		const { items } = await runChat(env, orderUpdate({ requestOptions: { timeout: 1 } }), { input: twoCustomers, continueOnFail: true });

		expect(directRequests()).toHaveLength(2);
		expect(accepted(env.sim)).toHaveLength(2);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json.error).toBe('The WhatsApp broadcast to 6281234567890 may have been sent: Qontak did not confirm it');
		expect(items[0].json.mayHaveBeenSent).toBe(true);
		expect(items[0].json.broadcast).toEqual({
			to_number: '6281234567890',
			to_name: 'Pelanggan 0',
			message_template_id: IDS.orderUpdateTemplate,
			template_name: 'order_update',
			channel_integration_id: IDS.waCloudIntegration,
			attempted_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
		});
		expect(items[0].json.description).toMatch(/not sent again.*Broadcast → Get Many or in the broadcast log/s);
		expect(items[1].json.id).toBe(accepted(env.sim)[1].data.id);
	});

	it.each<FaultKind>(['500', '502', '503', '504', 'reset', 'malformed'])('after %s the send is not repeated', async (kind) => {
		env.sim.inject({ kind, pathPrefix: DIRECT });
		const { items } = await runChat(env, orderUpdate(), { input: [customer('081234567890')], continueOnFail: true });
		expect(directRequests()).toHaveLength(1);
		expect(items[0].json.mayHaveBeenSent).toBe(true);
		expect(items[0].json.error).toMatch(/may have been sent/);
	});

	it('without continueOnFail it stops at the unclear send and says which earlier items went out', async () => {
		env.sim.chat.failLater({ method: 'POST', path: DIRECT, skip: 2, status: 503, processed: true });
		const input = [0, 1, 2, 3].map((index) => customer(`08123456789${index}`, index));
		const { nodeError } = await runChat(env, orderUpdate(), { input });
		expect(nodeError?.message).toBe('The WhatsApp broadcast to 6281234567892 may have been sent: Qontak did not confirm it');
		expect(nodeError?.description).toContain('2 earlier item(s) of this run were sent; do not send them again.');
		expect(directRequests()).toHaveLength(3);
		expect(accepted(env.sim).map((record) => record.recipients[0].phone)).toEqual(['6281234567890', '6281234567891', '6281234567892']);
	});

	it('a 429 was not processed: it waits for the reset Qontak gives, then sends once', async () => {
		env.sim.inject({ kind: '429', pathPrefix: DIRECT, retryAfterSeconds: 1 });
		const { items, nodeError } = await runChat(env, orderUpdate(), { input: [customer('081234567890')] });
		expect(nodeError).toBeUndefined();
		// The 1 s to Qontak's reset, plus the pacer's margin of a tenth; nothing else was waited.
		expect(virtual.time.waits).toEqual([1100]);
		expect(directRequests().map((request) => request.status)).toEqual([429, 201]);
		expect(accepted(env.sim)).toHaveLength(1);
		expect(items[0].json.id).toBe(accepted(env.sim)[0].data.id);
	});

	it('a 422 is Qontak refusing the message: reported, not retried', async () => {
		env.sim.chat.state.integrations.find((integration) => integration.id === IDS.waCloudIntegration)!.is_active = false;
		const { nodeError } = await runChat(env, orderUpdate(), { input: [customer('081234567890')] });
		expect(nodeError?.message).toBe('Qontak Chat: Channel integration is not active');
		expect(directRequests()).toHaveLength(1);
	});
});
