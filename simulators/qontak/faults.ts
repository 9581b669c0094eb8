/** Injected failures: a FIFO of faults, each consumed by the next `times` matching requests. */

/**
 * `truncated`: a 200 application/json whose body (the real answer when processed) is cut in half.
 * `echo`: a JSON 400 whose message quotes the whole request (headers and body); `echo200`: the request as a text/plain 200 (a debug page). */
export type FaultKind = '429' | '500' | '502' | '503' | '504' | 'timeout' | 'malformed' | 'truncated' | 'reset' | 'echo' | 'echo200';

export interface Fault {
	kind: FaultKind;
	method?: string;
	/** Matched against the full path; `/deals` is also accepted as short for `/qontak/crm/deals`. */
	pathPrefix?: string;
	/** Default 1. */
	times?: number;
	/** For 429: Retry-After in seconds and X-RateLimit-Reset = now + this (epoch s). Default 1. */
	retryAfterSeconds?: number;
	/** For 429: false sends no Retry-After and no X-RateLimit-* header at all. Default true. */
	hint?: boolean;
	/**
	 * For 5xx/timeout/malformed/truncated/reset: whether the request was carried out before the failure.
	 * Defaults to true for timeout (the classic "did my POST go through?") and truncated (a 200 was
	 * being sent) and false otherwise.
	 * Ignored for 429, which is always rejected up front.
	 */
	processed?: boolean;
}

interface QueuedFault {
	fault: Fault;
	remaining: number;
}

export class FaultQueue {
	private queue: QueuedFault[] = [];

	add(fault: Fault): void {
		this.queue.push({ fault, remaining: Math.max(1, fault.times ?? 1) });
	}

	clear(): void {
		this.queue = [];
	}

	take(method: string, path: string): Fault | undefined {
		const index = this.queue.findIndex(({ fault }) => matches(fault, method, path));
		if (index === -1) return undefined;
		const entry = this.queue[index];
		if (--entry.remaining === 0) this.queue.splice(index, 1);
		return entry.fault;
	}
}

function matches(fault: Fault, method: string, path: string): boolean {
	if (fault.method && fault.method.toUpperCase() !== method) return false;
	const prefix = fault.pathPrefix;
	if (!prefix) return true;
	return path.startsWith(prefix) || (!prefix.startsWith('/qontak/') && path.startsWith(`/qontak/crm${prefix}`));
}

export function isProcessed(fault: Fault): boolean {
	if (fault.kind === '429') return false;
	return fault.processed ?? (fault.kind === 'timeout' || fault.kind === 'truncated');
}
