import { sleep } from 'n8n-workflow';

/**
 * The time the nodes read and wait on. In n8n it is always the real clock; the package's tests
 * swap both functions for a virtual clock, so a wait is checked by what was asked for instead of
 * by how long a loaded machine took.
 */
export const clock = {
	now: (): number => Date.now(),
	sleep: async (ms: number): Promise<void> => await sleep(ms),
};
