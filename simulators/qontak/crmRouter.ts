import { meta, type MetaOptions } from './crmEnvelope';
import type { ListQuery } from './crmRecords';
import type { CrmState } from './crmState';

/** Route table plumbing: pattern matching and the success-envelope helper handlers share. */

export const CRM_PREFIX = '/qontak/crm';

export interface RouteContext {
	state: CrmState;
	params: Record<string, string>;
	query: ListQuery;
	body: unknown;
}

export interface RouteResult {
	status: number;
	body: Record<string, unknown>;
}

export type Handler = (ctx: RouteContext) => RouteResult;

export interface Route {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** Relative to /qontak/crm, with `:name` segments, e.g. `/deals/:id/stage_history`. */
	pattern: string;
	handler: Handler;
}

/** `response` is omitted when undefined (DELETE and a few actions answer meta only). */
export function reply(
	ctx: RouteContext,
	status: number,
	response?: unknown,
	extra: Record<string, unknown> = {},
	options: MetaOptions = {},
): RouteResult {
	const body: Record<string, unknown> = { meta: meta(status, ctx.state.clock(), options) };
	if (response !== undefined) body.response = response;
	return { status, body: { ...body, ...extra } };
}

interface CompiledRoute extends Route {
	segments: string[];
	staticCount: number;
}

export interface RouteMatch {
	route: Route;
	params: Record<string, string>;
}

/**
 * Matches by segments; when several patterns fit, the one with the most literal segments
 * wins, so `/deals/full-fields` beats `/deals/:id` whatever order the table lists them in.
 */
export class Router {
	private readonly compiled: CompiledRoute[];

	constructor(readonly routes: readonly Route[]) {
		this.compiled = routes.map((r) => {
			const segments = r.pattern.split('/').filter(Boolean);
			return { ...r, segments, staticCount: segments.filter((s) => !s.startsWith(':')).length };
		});
	}

	match(method: string, path: string): RouteMatch | undefined {
		const parts = path.split('/').filter(Boolean);
		let best: { route: CompiledRoute; params: Record<string, string> } | undefined;
		for (const route of this.compiled) {
			if (route.method !== method || route.segments.length !== parts.length) continue;
			const params: Record<string, string> = {};
			const fits = route.segments.every((seg, i) => {
				if (seg.startsWith(':')) {
					params[seg.slice(1)] = safeDecode(parts[i]);
					return true;
				}
				return seg === parts[i];
			});
			if (fits && (!best || route.staticCount > best.route.staticCount)) best = { route, params };
		}
		return best && { route: best.route, params: best.params };
	}
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}
