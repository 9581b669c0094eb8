import { createHook } from 'node:async_hooks';

import { clock } from '../../nodes/shared/clock';
import { realTime, type TimeSource } from '../../simulators/timeSource';

/**
 * Handles that stay open while nothing happens (listening and keep-alive sockets, jest's IPC,
 * pending timers). Any other active resource, such as a connect, a socket write or a file or
 * DNS request, is work still under way.
 */
const RESTING = new Set(['TCPServerWrap', 'TCPSocketWrap', 'Timeout', 'PipeWrap', 'TTYWrap', 'ProcessWrap', 'SignalWrap', 'FSEventWrap', 'StatWatcher', 'UDPWrap', 'MessagePort']);
/** Event-loop turns in a row with nothing but this clock running before the process counts as waiting. */
const QUIET_TURNS = 3;

interface Sleeper {
	at: number;
	order: number;
	resolve: () => void;
}

/**
 * A clock for one test that only moves when everything in the process is waiting on it. While
 * the node, n8n and the simulators still have work (HTTP on loopback, callbacks, promise chains)
 * it stands still; once they are all asleep it jumps to the earliest wake-up and wakes that one
 * sleeper, then waits for quiet again. Network and CPU therefore take no time and waits are
 * honoured in order, so a loaded machine sees the same times, and the same outcome, as an idle one.
 * `waits` keeps every sleep asked for, which is how a test proves "waited for the Retry-After".
 */
export class VirtualTime implements TimeSource {
	/** Every sleep asked for, in milliseconds, in the order asked. */
	readonly waits: number[] = [];
	private current: number;
	private readonly sleepers: Sleeper[] = [];
	private order = 0;
	private activity = 0;
	/** Which watch the pending turn belongs to; a turn left over from an earlier one stops. */
	private watch = 0;
	private watching = false;
	// Counts every callback the event loop runs, this clock's own turns included (each turn takes
	// its own one back). No init hook: tracking every promise's creation would slow n8n down.
	private readonly hook = createHook({
		before: () => {
			this.activity++;
		},
	});

	/** Starts near the real time (HMAC and Request-Time checks compare with it), on a whole second so resets rounded to seconds come out exact. */
	constructor(readonly started = Math.ceil(Date.now() / 1000) * 1000) {
		this.current = started;
	}

	readonly now = (): number => this.current;

	readonly sleep = async (ms: number): Promise<void> => {
		this.waits.push(ms);
		await new Promise<void>((resolve) => {
			this.sleepers.push({ at: this.current + Math.max(0, ms), order: this.order++, resolve });
			this.startWatching();
		});
	};

	/** Moves the clock by hand, for a test that steps a simulator's window itself. */
	advance(ms: number): void {
		this.current += ms;
	}

	/** Forgets every sleeper (a test that failed half-way) and stops watching the event loop. */
	dispose(): void {
		this.sleepers.length = 0;
		this.stopWatching();
	}

	private startWatching(): void {
		if (this.watching) return;
		this.watching = true;
		this.hook.enable();
		this.turn(++this.watch, 0, this.activity);
	}

	private stopWatching(): void {
		this.watching = false;
		this.watch++;
		this.hook.disable();
	}

	private turn(watch: number, quietTurns: number, seen: number): void {
		setImmediate(() => {
			if (watch !== this.watch) return;
			this.activity--;
			const quiet = this.activity === seen && process.getActiveResourcesInfo().every((name) => RESTING.has(name));
			if (!quiet) return this.turn(watch, 0, this.activity);
			if (quietTurns + 1 < QUIET_TURNS) return this.turn(watch, quietTurns + 1, this.activity);
			this.wakeNext();
			if (this.sleepers.length === 0) return this.stopWatching();
			this.turn(watch, 0, this.activity);
		});
	}

	private wakeNext(): void {
		let next = 0;
		for (let index = 1; index < this.sleepers.length; index++) {
			const candidate = this.sleepers[index];
			const best = this.sleepers[next];
			if (candidate.at < best.at || (candidate.at === best.at && candidate.order < best.order)) next = index;
		}
		const [sleeper] = this.sleepers.splice(next, 1);
		this.current = Math.max(this.current, sleeper.at);
		sleeper.resolve();
	}
}

/**
 * Runs each test of the file on a fresh VirtualTime: the nodes' clock (nodes/shared/clock.ts) and
 * the given simulators read it, and both go back to the real clock after the test.
 */
export function useVirtualTime(...simulators: Array<{ time: TimeSource }>): { readonly time: VirtualTime } {
	const holder = { time: new VirtualTime() };
	const real = { now: clock.now, sleep: clock.sleep };
	const previous: TimeSource[] = [];
	beforeEach(() => {
		holder.time = new VirtualTime();
		clock.now = holder.time.now;
		clock.sleep = holder.time.sleep;
		for (const simulator of simulators) {
			previous.push(simulator.time);
			simulator.time = holder.time;
		}
	});
	afterEach(() => {
		holder.time.dispose();
		clock.now = real.now;
		clock.sleep = real.sleep;
		for (const simulator of simulators) simulator.time = previous.shift()!;
	});
	return holder;
}

/** Lets the event loop turn until `done()` holds. No clock is involved: a loaded machine only needs more turns. */
export async function until(done: () => boolean): Promise<void> {
	while (!done()) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A clock that stands at `at` (its sleeps are real), for checks against the server's time to the millisecond. */
export function standingClock(at: number): TimeSource {
	return { now: () => at, sleep: realTime.sleep };
}
