import type { ActionNode } from '../../shared/router';
import { CRM_DEFAULTS } from '../transport';
import type { FieldDescriptor } from './fieldTemplate';
import { fetchTemplate } from './fieldTemplate';
import { operations } from './routes';

/** What one execution shares between its items. */
export interface CrmContext {
	timeoutMs: number;
	maxRetries: number;
	/** A resource's /info template, fetched at most once per execution. */
	template(path: string): Promise<FieldDescriptor[]>;
	/**
	 * One value per key for the whole execution, made by the first item that asks: a scan every item
	 * awaits (a promise), a lock table. Lives as long as the execution, never longer.
	 */
	once<T>(key: string, make: () => T): T;
}

export const crmActions: ActionNode<CrmContext> = {
	resources: operations,
	defaults: CRM_DEFAULTS,
	context({ timeoutMs, maxRetries }) {
		const templates = new Map<string, Promise<FieldDescriptor[]>>();
		const shared = new Map<string, unknown>();
		return {
			timeoutMs,
			maxRetries,
			template: (path) => {
				if (!templates.has(path)) templates.set(path, fetchTemplate.call(this, path));
				return templates.get(path)!;
			},
			once: <T>(key: string, make: () => T): T => {
				if (!shared.has(key)) shared.set(key, make());
				return shared.get(key) as T;
			},
		};
	},
};
