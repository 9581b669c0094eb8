import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { eachItem } from '../../nodes/shared/itemLoop';
import type { HttpAnswer } from '../../nodes/shared/requestPolicy';
import { RequestPolicy } from '../../nodes/shared/requestPolicy';
import { openRequestSlots } from '../../nodes/shared/requestSlots';

const node: INode = { id: 'n', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };
const voice = { name: 'Vendor', effect: 'carried out', notResent: 'Not resent.', unreachable: 'Check the network.' };

/**
 * A node run as the router sets it up: `inFlight` request slots, twice as many items in the loop.
 * Each item "reads its parameters" (recorded), then sends one request through the request policy;
 * the vendor answers only when the test says so, so nothing depends on timing.
 */
function run(inFlight: number, items: number, continueOnFail = false, wrap = false, slowItem = -1) {
	const context = { continueOnFail: () => continueOnFail, getNode: () => node } as unknown as IExecuteFunctions;
	const slots = openRequestSlots(context, inFlight);
	const prepared: number[] = [];
	const onTheWire = new Map<number, { answer: (statusCode: number) => void }>();
	const sent: number[] = [];
	// The item whose preparation waits for the test (as one waiting for a lookup would), so later items reach the slots first.
	let finishSlowPreparation = () => {};
	const slowPreparation = new Promise<void>((resolve) => (finishSlowPreparation = resolve));
	const done = eachItem(
		context,
		Array.from({ length: items }, (_, index) => index),
		async (itemIndex) => {
			if (itemIndex === slowItem) await slowPreparation;
			prepared.push(itemIndex);
			const policy = new RequestPolicy(node, voice, {
				request: `POST /things #${itemIndex}`,
				idempotent: false,
				maxRetries: 0,
				itemIndex,
				credential: { type: 'test', context: { getCredentials: async () => ({}) } as never },
			});
			// The policy finds the run's slots through the context the request is sent from.
			Object.assign(policy.request, { credential: { type: 'test', context } });
			const sending = policy.run({
				send: async () => {
					sent.push(itemIndex);
					return await new Promise<HttpAnswer>((resolve) =>
						onTheWire.set(itemIndex, { answer: (statusCode) => (onTheWire.delete(itemIndex), resolve({ statusCode, headers: {}, body: { itemIndex } })) }),
					);
				},
				read: (answer) => {
					if (answer.statusCode >= 400) throw policy.httpError(answer);
					return answer.body;
				},
			});
			// An operation may wrap what it cannot handle in an error of its own.
			return wrap ? await sending.catch((error: Error) => Promise.reject(Object.assign(new Error(`wrapped: ${error.message}`), { cause: error }))) : await sending;
		},
		{ concurrency: inFlight * 2, slots },
	);
	// Items preparing ahead start one per turn of the event loop (a zero timer): enough turns for all of them.
	const settle = async () => {
		for (let turn = 0; turn < 3 * items; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
	};
	return { prepared, sent, onTheWire, done, settle, finishSlowPreparation };
}

describe('the item loop prepares items while requests are in flight', () => {
	it('keeps exactly Concurrency requests on the wire while as many more items have read their parameters', async () => {
		const loop = run(2, 6);
		await loop.settle();
		expect([...loop.onTheWire.keys()]).toEqual([0, 1]);
		expect(loop.prepared).toEqual([0, 1, 2, 3]);

		loop.onTheWire.get(0)!.answer(200);
		await loop.settle();
		expect([...loop.onTheWire.keys()]).toEqual([1, 2]);
		expect(loop.prepared).toEqual([0, 1, 2, 3, 4]);

		for (let step = 0; step < 10 && loop.onTheWire.size; step++) {
			loop.onTheWire.get(Math.min(...loop.onTheWire.keys()))!.answer(200);
			await loop.settle();
			expect(loop.onTheWire.size).toBeLessThanOrEqual(2);
		}
		const outcomes = await loop.done;
		expect(outcomes.map((outcome) => (outcome.ok ? (outcome.value as { itemIndex: number }).itemIndex : -1))).toEqual([0, 1, 2, 3, 4, 5]);
		expect(loop.sent).toEqual([0, 1, 2, 3, 4, 5]);
	});

	it('after an item fails without Continue On Fail, sends no more than the slot it gave up, and reports that failure', async () => {
		const loop = run(2, 6);
		await loop.settle();
		loop.onTheWire.get(0)!.answer(422);
		await loop.settle();
		// Item 2 had taken the slot item 0 gave up; item 3, prepared and waiting, never goes out, nor do 4 and 5.
		expect([...loop.onTheWire.keys()]).toEqual([1, 2]);
		loop.onTheWire.get(1)!.answer(200);
		loop.onTheWire.get(2)!.answer(200);
		await expect(loop.done).rejects.toThrow('HTTP 422 on POST /things #0');
		expect(loop.sent).toEqual([0, 1, 2]);
		expect(loop.prepared).toEqual([0, 1, 2, 3]);
	});

	it('reports the failing item, not an earlier one refused after it, when the operation wraps errors', async () => {
		// Item 2 prepares slowly, so item 3 is sent before it; item 3 fails; item 2 is then refused, and wrapped.
		const loop = run(2, 6, false, true, 2);
		await loop.settle();
		loop.onTheWire.get(0)!.answer(200);
		await loop.settle();
		expect([...loop.onTheWire.keys()]).toEqual([1, 3]);
		loop.onTheWire.get(3)!.answer(422);
		await loop.settle();
		loop.finishSlowPreparation();
		await loop.settle();
		for (const request of [...loop.onTheWire.values()]) request.answer(200);
		await expect(loop.done).rejects.toThrow('wrapped: Vendor: HTTP 422 on POST /things #3');
		expect(loop.sent).not.toContain(2);
	});

	it('with Continue On Fail, a failed item stands in its place and the rest are sent', async () => {
		const loop = run(1, 3, true);
		await loop.settle();
		loop.onTheWire.get(0)!.answer(422);
		await loop.settle();
		loop.onTheWire.get(1)!.answer(200);
		await loop.settle();
		loop.onTheWire.get(2)!.answer(200);
		const outcomes = await loop.done;
		expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, true, true]);
		expect(loop.sent).toEqual([0, 1, 2]);
	});
});
