/**
 * Runs tasks one after another per key, in the order they were queued; tasks under different keys
 * run side by side. Items that may write the same record (a Create or Update on one phone number)
 * queue under that record's key, so the second sees what the first did, while unrelated items keep
 * the node's concurrency. A task that fails does not hold up the ones behind it.
 *
 * Queue synchronously, before the first `await` of an item: the item loop starts items in input
 * order, so that order is the order of each key's queue.
 */
export class KeyedQueue {
	private readonly tails = new Map<string, Promise<void>>();

	run<T>(key: string, task: () => Promise<T>): Promise<T> {
		const previous = this.tails.get(key);
		const result = previous ? previous.then(task) : task();
		const settled = result.then(
			() => undefined,
			() => undefined,
		);
		this.tails.set(key, settled);
		// Forget a key once its last task is done, so the table holds only keys in use.
		void settled.then(() => {
			if (this.tails.get(key) === settled) this.tails.delete(key);
		});
		return result;
	}
}
