/**
 * Where a simulator reads the time and waits (latency, retry gaps). The sandbox, the e2e run and
 * the benchmarks use the real clock; tests hand in test/harness/virtualTime.ts, so the node's
 * waits and the vendor's windows run on the same clock and no outcome depends on machine speed.
 */
export interface TimeSource {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const realTime: TimeSource = {
	now: () => Date.now(),
	// Unref'd: a latency still pending when a simulator stops must not hold the process open.
	sleep: async (ms) => await new Promise<void>((resolve) => setTimeout(resolve, ms).unref()),
};
