import type { IDataObject } from 'n8n-workflow';

import type { FieldSpec } from '../../shared/fieldSpec';
import type { Route, TableResource } from '../../shared/routeTable';

/** A value the user gives for a query filter or a body key. */
/** `list`: comma-separated text sent as an array (`key[]=a&key[]=b`). */
export type ChatField = FieldSpec<'string' | 'number' | 'boolean' | 'options' | 'json' | 'list'>;

/** Which picker fills a `{token}` of the path. */
export type Locator =
	| 'room'
	| 'template'
	| 'integration'
	| 'division'
	| 'user'
	| 'contactList'
	| 'broadcast'
	| 'contact';

export interface PathParam {
	token: string;
	locator: Locator;
}

/** Per-execution state an operation may use; nothing outlives the execution. */
export interface ExecutionContext {
	timeoutMs: number;
	maxRetries: number;
	concurrency: number;
	/** GET /templates/{id}/whatsapp, at most once per template per execution. */
	template: (id: string, itemIndex: number) => Promise<IDataObject>;
}

/** One row of the route table. `method` and `path` also name the route of a multi-call flow. */
export interface ChatRoute extends Route<ExecutionContext, ChatField, ChatResource> {
	/** With `root`, the path is from the host root instead of below the API prefix. */
	root?: boolean;
	/** The pickers that fill the path's `{token}`s. */
	pathParams?: PathParam[];
	/** Drops integration `settings` (they can hold provider secrets) unless asked for. */
	redactSettings?: boolean;
	/** Listed in the vendor's OpenAPI file (the 43 + 1); false for routes only the spec text names. */
	openApi: boolean;
}

export type ChatResource = TableResource<ChatRoute>;
