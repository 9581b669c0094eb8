import type { FieldKind, FieldSpec as SharedFieldSpec } from '../../shared/fieldSpec';
import type { BodySource, Route, TableResource } from '../../shared/routeTable';
import type { CrmContext } from './context';

/** Id lists are typed as text ("12, 34") and sent as arrays or comma-joined. */
export interface FieldSpec extends SharedFieldSpec<FieldKind | 'idList'> {
	/** dateTime fields the vendor wants as unix seconds. */
	unixSeconds?: boolean;
	/** A list filter Qontak does not take: applied in n8n to each record read (rowFilters.ts). */
	inN8n?: RowTest;
}

/**
 * How a filter applied in n8n tests a record's `key`: `same` as the value given (an id), or a
 * timestamp `from` the moment given (inclusive) or `before` it.
 */
export interface RowTest {
	key: string;
	match: 'same' | 'from' | 'before';
}

/** A body of declared fields, or one the resource mapper or raw JSON gives. */
export type CrmBody = FieldSpec[] | BodySource<CrmContext, CrmResource>;

/** One row of the CRM's route table. Paths are below /qontak/crm; `{id}` is the resource's record. */
export interface CrmRoute extends Route<CrmContext, FieldSpec, CrmResource> {
	/**
	 * What the output items are made of; default: `response`, else `meta`. `record`: one record,
	 * which Qontak may also send as a one-element array.
	 */
	output?: 'deleted' | 'template' | 'record';
	/**
	 * Built on other rows' calls (Find reads the list, Create or Update creates or updates): its
	 * method and path name its first call, which the row of that route already covers.
	 */
	composite?: boolean;
}

export interface CrmResource extends TableResource<CrmRoute> {
	/** Collection path below /qontak/crm, used by the record picker. */
	collection: string;
	/** The /info template backing the resource mapper and the field list. */
	template?: string;
	/** Query key the record picker searches by. */
	searchKey?: string;
	/** Whether the record picker can page through the collection. */
	searchPaginated?: boolean;
}
