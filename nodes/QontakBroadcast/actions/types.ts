import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { FieldSpec } from '../../shared/fieldSpec';
import type { ItemResult } from '../../shared/itemLoop';

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

export type CustomExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	context: ExecutionContext,
) => Promise<ItemResult>;

export interface ChatOperation {
	value: string;
	name: string;
	action: string;
	description?: string;
	method: IHttpRequestMethods;
	/** Below the API prefix, with `{token}`s named in pathParams; with `root`, from the host root. */
	path: string;
	root?: boolean;
	pathParams?: PathParam[];
	/** Required ones become parameters; the others sit in a Filters collection. */
	query?: ChatField[];
	/** Required ones become parameters; the others sit in an Additional Fields collection. */
	body?: ChatField[];
	/** Reshapes the flat body fields into what the vendor expects. */
	shapeBody?: (fields: IDataObject) => IDataObject;
	/** Paginated list: Return All / Limit. */
	list?: boolean;
	/** Drops integration `settings` (they can hold provider secrets) unless asked for. */
	redactSettings?: boolean;
	/**
	 * Operations that do more than one call (sends, uploads, waits): per item, or over all
	 * items at once when every item must be checked before the first one is sent.
	 */
	custom?: {
		properties: INodeProperties[];
		execute?: CustomExecute;
		executeAll?: (this: IExecuteFunctions, context: ExecutionContext) => Promise<INodeExecutionData[]>;
	};
	/** Listed in the vendor's OpenAPI file (the 43 + 1); false for routes only the spec text names. */
	openApi: boolean;
}

export interface ChatResource {
	value: string;
	name: string;
	operations: ChatOperation[];
}
