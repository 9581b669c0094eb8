/**
 * How many requests one node run has under way at once: Request Options → Concurrency. The item
 * loop prepares more items than that (parameters read, bodies built) while requests are in flight,
 * and every request waits here for a free slot, in the order asked.
 */

/** A send refused because the run is stopping (an item failed without Continue On Fail): nothing was sent. */
export class RunStopping extends Error {
	constructor() {
		super('Not sent: an earlier item failed and the node stopped');
		this.name = 'RunStopping';
	}
}

/** Whether `error` is, or wraps (an operation may wrap what it cannot handle), a send refused because the run is stopping. */
export function isRunStopping(error: unknown): boolean {
	for (let depth = 0; depth < 5 && error instanceof Error; depth++, error = (error as { cause?: unknown }).cause) {
		if (error instanceof RunStopping) return true;
	}
	return false;
}

export class RequestSlots {
	private free: number;
	private readonly waiting: Array<{ grant: () => void; refuse: (error: Error) => void }> = [];
	private stopped = false;

	constructor(readonly size: number) {
		this.free = Math.max(1, size);
	}

	/** Runs `send` in a slot; waits for one first when all are taken. Not re-entrant: `send` must not ask for another slot. */
	async use<T>(send: () => Promise<T>): Promise<T> {
		if (this.stopped) throw new RunStopping();
		if (this.free > 0) this.free--;
		else await new Promise<void>((grant, refuse) => this.waiting.push({ grant, refuse }));
		try {
			return await send();
		} finally {
			const next = this.waiting.shift();
			if (next) next.grant();
			else this.free++;
		}
	}

	/**
	 * Refuses every waiting and later request: once the run fails, prepared items must not go out.
	 * A request already handed a slot (the one the failing request gave up) still goes, as an item
	 * already started did before; so after a failure at most Concurrency requests finish, as before.
	 */
	stop(): void {
		this.stopped = true;
		for (const waiter of this.waiting.splice(0)) waiter.refuse(new RunStopping());
	}
}

/**
 * The slots of each node run, keyed by the run's own context object (n8n makes one per node run
 * and drops it afterwards): a transport finds them through the context it sends with, and
 * nothing here outlives the run. A context with none (a dropdown, a trigger) sends unbounded.
 */
const slotsOfRun = new WeakMap<object, RequestSlots>();

export function openRequestSlots(run: object, size: number): RequestSlots {
	const slots = new RequestSlots(size);
	slotsOfRun.set(run, slots);
	return slots;
}

/** Sends in one of the run's slots, or at once when the run has none. */
export async function inRequestSlot<T>(run: object | undefined, send: () => Promise<T>): Promise<T> {
	const slots = run === undefined ? undefined : slotsOfRun.get(run);
	return slots ? await slots.use(send) : await send();
}
