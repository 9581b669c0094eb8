import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FieldSpec } from './fieldSpec';
import { byDisplayName, fieldProperty, showFor } from './fieldSpec';
import type { ItemResult } from './itemLoop';
import type { RowsReshape } from './paging';
import { readLimit, returnAllOrLimit } from './listOutput';
import type { ExecuteItem, Operation, Resource, Run } from './operation';
import { fieldError, isEmpty, pathSegmentProblem, trimmedText } from './parseInput';
import type { Simplifier } from './simplify';
import { simplifyAddedIn, simplifyOn, simplifyToggle, simplifyResult } from './simplify';

/*
 * Plain REST routes, declared as table rows and compiled into the operation contract.
 * The compiler owns what every table shares: the editor parameters of path, query and
 * body fields, reading and checking them per item, Return All / Limit. The node's dialect
 * owns the vendor's side: its pickers, value conversions, the call and the answer's shape.
 */

type Field = FieldSpec<string>;

/** A body the table's fields cannot describe (a resource mapper, raw JSON): its parameters and its reader. */
export interface BodySource<Ctx, Res> {
	properties(displayOptions: IDisplayOptions, resource: Res): INodeProperties[];
	read(this: IExecuteFunctions, resource: Res, route: { method: IHttpRequestMethods }, itemIndex: number, ctx: Ctx): Promise<IDataObject>;
}

/** An operation that does more than one call, in a file of its own: its parameters follow the table's. */
export type Flow<Ctx> = { properties: INodeProperties[] } & Run<Ctx>;

export interface Route<Ctx, F extends Field, Res> {
	value: string;
	name: string;
	action: string;
	description?: string;
	method: IHttpRequestMethods;
	/** Below the vendor's API prefix, with `{token}`s. */
	path: string;
	/** Parameters of their own, shown first; one named like a `{token}` of the path fills it. */
	params?: F[];
	/** Query fields: required ones are parameters of their own, the others sit in Filters. */
	query?: F[];
	/** One more query entry whose key the user picks: parameter `key` names it, parameter `value` gives it. */
	queryEntry?: { key: string; value: string };
	/** Body fields (required ones are parameters of their own, the others sit in Additional Fields), or a body source. */
	body?: F[] | BodySource<Ctx, Res>;
	/** Every body field is optional and sits in Update Fields: an update sends only what is given. */
	partial?: boolean;
	/** Reshapes the flat body fields into what the vendor expects. */
	shapeBody?: (fields: IDataObject) => IDataObject;
	/** `paged`: Return All / Limit through the vendor's pager; `whole`: the vendor answers the whole list at once. */
	list?: 'paged' | 'whole';
	/** Runs instead of the single call; the table still gives the route's pickers and Return All / Limit. */
	flow?: Flow<Ctx>;
	/** Offers Simplify: each output record, from the call or the flow, goes through this when it is on. */
	simplify?: Simplifier;
}

export interface TableResource<Row> {
	value: string;
	name: string;
	/** The operation a new node starts with; the first one when absent. */
	defaultOperation?: string;
	operations: Row[];
}

/** One item's call, as the table resolved it. */
export interface RouteCall {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex: number;
	/** The rows a paged list returns: the filters the vendor cannot apply, applied in n8n (`rowFilter`). */
	keep?: (row: IDataObject) => boolean;
	/** The rows of a paged list in their output form (Simplify), made page by page by the paging (PageOptions.reshape). */
	reshape?: RowsReshape;
}

/** The vendor's half of the compiler. */
export interface RouteDialect<Ctx, F extends Field, Row extends Route<Ctx, F, Res>, Res extends TableResource<Row>> {
	/** Filters are listed by label in the editor; in the table's order otherwise. */
	sortFilters?: boolean;
	/** Whether a route's items run one at a time, in order, whatever the Concurrency option says. */
	sequential?(route: Row): boolean;
	/** Parameters the routes of one resource share (record pickers), shown after its Operation dropdown. */
	resourceProperties?(resource: Res): INodeProperties[];
	/** How the node words its Simplify toggle, and the node version that brought it (older versions default to off). */
	simplify?: { detail?: string; addedInVersion?: number };
	/** Options on the output, shown after Simplify (Include Settings). */
	outputProperties?(route: Row, displayOptions: IDisplayOptions): INodeProperties[];
	/** The value of a `{token}` of the path that no parameter of the route fills. */
	pathToken(this: IExecuteFunctions, token: string, route: Row, resource: Res, itemIndex: number): string;
	/**
	 * A query field the vendor's list does not take: the test each row must pass, applied in n8n
	 * instead of sending the field. Undefined sends it as usual.
	 */
	rowFilter?(this: IExecuteFunctions, field: F, value: unknown, itemIndex: number): ((row: IDataObject) => boolean) | undefined;
	/** A field's value as the vendor takes it in the query or in the body. */
	convert(this: IExecuteFunctions, field: F, value: unknown, itemIndex: number, place: 'query' | 'body'): unknown;
	/** One call; the vendor's answer. */
	request(this: IExecuteFunctions, call: RouteCall, route: Row, ctx: Ctx): Promise<IDataObject>;
	/** Every page of a list, up to `limit` rows. */
	requestAll(this: IExecuteFunctions, call: RouteCall, limit: number | undefined, route: Row, ctx: Ctx): Promise<IDataObject[]>;
	/** The output of a single call. */
	answer(this: IExecuteFunctions, route: Row, response: IDataObject, call: RouteCall): ItemResult;
	/** The output of a paged list; its rows are simplified already when Simplify is on. */
	shape(this: IExecuteFunctions, route: Row, rows: IDataObject[], itemIndex: number): ItemResult;
	/** The last step of every per-item route, flows included, after Simplify (keeping secrets out). */
	finish?(this: IExecuteFunctions, route: Row, result: ItemResult, itemIndex: number): ItemResult;
}

const ownParameter = (field: Field, displayOptions: IDisplayOptions): INodeProperties => ({
	...fieldProperty(field, true),
	displayOptions,
});

function collection(displayName: string, name: string, placeholder: string, options: INodeProperties[], displayOptions: IDisplayOptions): INodeProperties[] {
	if (!options.length) return [];
	return [{ displayName, name, type: 'collection', placeholder, default: {}, displayOptions, options }];
}

function routeProperties<Ctx, F extends Field, Row extends Route<Ctx, F, Res>, Res extends TableResource<Row>>(
	dialect: RouteDialect<Ctx, F, Row, Res>,
	resource: Res,
	route: Row,
): INodeProperties[] {
	const displayOptions = showFor(resource, [route]);
	const query = route.query ?? [];
	const properties = [
		...(route.params ?? []).map((field) => ownParameter(field, displayOptions)),
		...query.filter((field) => field.required).map((field) => ownParameter(field, displayOptions)),
	];
	if (Array.isArray(route.body)) {
		const required = route.partial ? [] : route.body.filter((field) => field.required);
		const optional = route.body.filter((field) => !required.includes(field));
		properties.push(
			...required.map((field) => ownParameter(field, displayOptions)),
			...collection(
				route.partial ? 'Update Fields' : 'Additional Fields',
				route.partial ? 'updateFields' : 'additionalFields',
				'Add Field',
				optional.map((field) => fieldProperty(field, false)).sort(byDisplayName),
				displayOptions,
			),
		);
	} else if (route.body) {
		properties.push(...route.body.properties(displayOptions, resource));
	}
	properties.push(...(route.flow?.properties ?? []));
	if (route.list === 'paged') properties.push(...returnAllOrLimit(displayOptions));
	const filters = query.filter((field) => !field.required).map((field) => fieldProperty(field, false));
	properties.push(...collection('Filters', 'filters', 'Add Filter', dialect.sortFilters ? filters.sort(byDisplayName) : filters, displayOptions));
	if (route.simplify) {
		const { detail, addedInVersion } = dialect.simplify ?? {};
		properties.push(...(addedInVersion === undefined ? [simplifyToggle(detail, displayOptions)] : simplifyAddedIn(addedInVersion, detail, displayOptions)));
	}
	properties.push(...(dialect.outputProperties?.(route, displayOptions) ?? []));
	return properties;
}

/** Required fields are parameters of their own (unless `allOptional`); the others come from a collection. */
function readFields<F extends Field>(
	context: IExecuteFunctions,
	convert: (field: F, value: unknown) => unknown,
	fields: F[],
	collectionName: string,
	itemIndex: number,
	allOptional = false,
): Array<[F, unknown]> {
	const optional = context.getNodeParameter(collectionName, itemIndex, {}) as IDataObject;
	const values: Array<[F, unknown]> = [];
	for (const field of fields) {
		const own = field.required && !allOptional;
		const value = own ? context.getNodeParameter(field.key, itemIndex, field.default ?? '') : optional[field.key];
		if (isEmpty(value)) {
			if (own && field.kind !== 'number' && field.kind !== 'boolean') {
				throw new NodeOperationError(context.getNode(), `'${field.label}' is required`, {
					itemIndex,
					description: `Fill in '${field.label}' (or map a value to it) for this item`,
				});
			}
			continue;
		}
		values.push([field, convert(field, value)]);
	}
	return values;
}

function routeExecute<Ctx, F extends Field, Row extends Route<Ctx, F, Res>, Res extends TableResource<Row>>(
	dialect: RouteDialect<Ctx, F, Row, Res>,
	resource: Res,
	route: Row,
): ExecuteItem<Ctx> {
	return async function (this: IExecuteFunctions, itemIndex: number, ctx: Ctx): Promise<ItemResult> {
		const path = route.path.replace(/\{(\w+)\}/g, (_, token: string) => {
			const param = route.params?.find((field) => field.key === token);
			if (!param) return encodeURIComponent(dialect.pathToken.call(this, token, route, resource, itemIndex));
			const value = trimmedText(this.getNodeParameter(token, itemIndex));
			if (value === '') throw new NodeOperationError(this.getNode(), `'${param.label}' is required`, { itemIndex });
			// encodeURIComponent leaves '.' and '..' as they are, and those climb a path level.
			const problem = pathSegmentProblem(value);
			if (problem) fieldError(this.getNode(), itemIndex, `'${param.label}' is not an ID: ${JSON.stringify(value)} (${problem})`, `Give the ${param.label} itself`);
			return encodeURIComponent(value);
		});

		let qs: IDataObject | undefined;
		const tests: Array<(row: IDataObject) => boolean> = [];
		if (route.query) {
			qs = {};
			for (const [field, given] of readFields(this, (_field, value) => value, route.query, 'filters', itemIndex)) {
				const test = dialect.rowFilter?.call(this, field, given, itemIndex);
				if (test) {
					tests.push(test);
					continue;
				}
				const value = dialect.convert.call(this, field, given, itemIndex, 'query');
				// A JSON filter holds several query parameters at once.
				if (field.kind === 'json') Object.assign(qs, value);
				else qs[field.key] = value as IDataObject[string];
			}
		}
		if (route.queryEntry) {
			qs ??= {};
			qs[this.getNodeParameter(route.queryEntry.key, itemIndex) as string] = String(this.getNodeParameter(route.queryEntry.value, itemIndex)).trim();
		}

		let body: IDataObject | undefined;
		if (Array.isArray(route.body)) {
			const convert = (field: F, value: unknown) => dialect.convert.call(this, field, value, itemIndex, 'body');
			const collectionName = route.partial ? 'updateFields' : 'additionalFields';
			const fields = Object.fromEntries(
				readFields(this, convert, route.body, collectionName, itemIndex, route.partial).map(([field, value]) => [field.key, value]),
			) as IDataObject;
			body = route.shapeBody ? route.shapeBody(fields) : fields;
		} else if (route.body) {
			body = await route.body.read.call(this, resource, route, itemIndex, ctx);
		}

		const keep = tests.length ? (row: IDataObject) => tests.every((test) => test(row)) : undefined;
		const call: RouteCall = { method: route.method, path, qs, body, itemIndex, keep };
		if (route.list === 'paged') {
			const simplifier = route.simplify;
			if (simplifier && simplifyOn.call(this, itemIndex)) call.reshape = (rows) => simplifyResult(rows, simplifier) as IDataObject[];
			const rows = await dialect.requestAll.call(this, call, readLimit.call(this, itemIndex), route, ctx);
			return dialect.shape.call(this, route, rows, itemIndex);
		}
		return dialect.answer.call(this, route, await dialect.request.call(this, call, route, ctx), call);
	};
}

/**
 * Simplify, then the dialect's last step, on what the route's call or flow gave. A paged list of
 * the table comes simplified already (`pagesSimplified`): its pages are, as they arrive.
 */
function withOutputSteps<Ctx, F extends Field, Row extends Route<Ctx, F, Res>, Res extends TableResource<Row>>(
	dialect: RouteDialect<Ctx, F, Row, Res>,
	route: Row,
	run: ExecuteItem<Ctx>,
	pagesSimplified: boolean,
): ExecuteItem<Ctx> {
	const simplifier = pagesSimplified ? undefined : route.simplify;
	const finish = dialect.finish;
	if (!simplifier && !finish) return run;
	return async function (this: IExecuteFunctions, itemIndex: number, ctx: Ctx): Promise<ItemResult> {
		let result = await run.call(this, itemIndex, ctx);
		if (simplifier && simplifyOn.call(this, itemIndex)) result = simplifyResult(result, simplifier);
		return finish ? finish.call(this, route, result, itemIndex) : result;
	};
}

function compileRoute<Ctx, F extends Field, Row extends Route<Ctx, F, Res>, Res extends TableResource<Row>>(
	dialect: RouteDialect<Ctx, F, Row, Res>,
	resource: Res,
	route: Row,
): Operation<Ctx> {
	const info = {
		value: route.value,
		name: route.name,
		action: route.action,
		description: route.description,
		properties: routeProperties(dialect, resource, route),
		sequential: dialect.sequential?.(route),
	};
	if (route.flow?.executeAll) return { ...info, executeAll: route.flow.executeAll };
	if (route.flow?.execute) return { ...info, execute: withOutputSteps(dialect, route, route.flow.execute, false) };
	return { ...info, execute: withOutputSteps(dialect, route, routeExecute(dialect, resource, route), route.list === 'paged') };
}

/** A table resource as the contract's resource: one operation per row. */
export function compileResource<Ctx, F extends Field, Row extends Route<Ctx, F, Res>, Res extends TableResource<Row>>(
	dialect: RouteDialect<Ctx, F, Row, Res>,
	resource: Res,
): Resource<Ctx> {
	return {
		value: resource.value,
		name: resource.name,
		defaultOperation: resource.defaultOperation,
		properties: dialect.resourceProperties?.(resource) ?? [],
		operations: resource.operations.map((route) => compileRoute(dialect, resource, route)),
	};
}
