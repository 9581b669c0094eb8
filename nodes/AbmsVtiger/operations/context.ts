import type { ActionNode } from '../../shared/router';
import type { VtigerContext } from '../transport';
import { CREDENTIAL_TYPE, SessionGate, VTIGER_DEFAULTS, vtigerCall } from '../transport';
import type { VtigerDescribe } from './vtigerDescribe';
import { resources } from './resources';

/** What one execution shares between its items: the login gate and describe results. */
export interface ExecutionContext {
	gate: SessionGate;
	describe(module: string, itemIndex?: number): Promise<VtigerDescribe>;
	/** The logged-in user's id (from the login result kept in the credential), '' when unknown. */
	apiUserId(): Promise<string>;
	/** Runs `load` once per key and execution. */
	memo<T>(key: string, load: () => Promise<T>): Promise<T>;
	/** Operations this server answered UNKNOWN_OPERATION to in this execution, so later items do not ask again. */
	unknownOperations: Set<string>;
	timeoutMs: number;
	maxRetries: number;
}

function describeCache(context: VtigerContext, gate: SessionGate, call: Pick<ExecutionContext, 'timeoutMs' | 'maxRetries'>) {
	const cache = new Map<string, Promise<VtigerDescribe>>();
	return (module: string, itemIndex?: number): Promise<VtigerDescribe> => {
		let entry = cache.get(module);
		if (!entry) {
			entry = vtigerCall.call(context, gate, {
				operation: 'describe',
				method: 'GET',
				params: { elementType: module },
				subject: `module '${module}'`,
				itemIndex,
				...call,
			}) as Promise<VtigerDescribe>;
			// A failed describe is not cached: the next item may ask again.
			entry.catch(() => cache.delete(module));
			cache.set(module, entry);
		}
		return entry;
	};
}

/** One execution: a fresh login gate and per-execution caches. */
export const vtigerActions: ActionNode<ExecutionContext> = {
	resources,
	defaults: VTIGER_DEFAULTS,
	context({ timeoutMs, maxRetries }) {
		const gate = new SessionGate();
		const memos = new Map<string, Promise<unknown>>();
		const memo = <T>(key: string, load: () => Promise<T>): Promise<T> => {
			if (!memos.has(key)) {
				const pending = load();
				pending.catch(() => memos.delete(key));
				memos.set(key, pending);
			}
			return memos.get(key) as Promise<T>;
		};
		return {
			gate,
			timeoutMs,
			maxRetries,
			memo,
			unknownOperations: new Set<string>(),
			describe: describeCache(this, gate, { timeoutMs, maxRetries }),
			apiUserId: async () => await memo('apiUserId', async () => String((await this.getCredentials(CREDENTIAL_TYPE)).userId ?? '')),
		};
	},
};
