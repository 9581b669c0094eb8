import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { FieldKind, FieldSpec as SharedFieldSpec } from '../../shared/fieldSpec';

/** Id lists are typed as text ("12, 34") and sent as arrays or comma-joined. */
export interface FieldSpec extends SharedFieldSpec<FieldKind | 'idList'> {
	/** dateTime fields the vendor wants as unix seconds. */
	unixSeconds?: boolean;
}

export type BodySpec =
	/** Fields from the resource's /info template (built-in and custom), through a resource mapper. */
	| { kind: 'mapper' }
	/** Qontak documents no body for these: the user gives it as JSON. */
	| { kind: 'json'; example: string }
	| { kind: 'fields'; fields: FieldSpec[] };

export interface CrmOperation {
	value: string;
	name: string;
	action: string;
	description?: string;
	method: IHttpRequestMethods;
	/** Below /qontak/crm. `{id}` is the resource's record; other `{tokens}` are named in pathParams. */
	path: string;
	pathParams?: FieldSpec[];
	list?: { paginated: boolean; filters?: FieldSpec[] };
	body?: BodySpec;
	/** Offer Simplify (flattens custom fields, drops empty values). */
	simplify?: boolean;
	/** Reshapes the flat field values into the body the vendor expects. */
	shapeBody?: (fields: IDataObject) => IDataObject;
	/** What the output items are made of; default: `response`, else `meta`. */
	output?: 'deleted' | 'template';
}

export interface CrmResource {
	value: string;
	name: string;
	/** Collection path below /qontak/crm, used by the record picker. */
	collection: string;
	/** The /info template backing the resource mapper and the field list. */
	template?: string;
	/** Query key the record picker searches by. */
	searchKey?: string;
	/** Whether the record picker can page through the collection. */
	searchPaginated?: boolean;
	operations: CrmOperation[];
}
