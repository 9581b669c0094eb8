import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { vtigerQueryAll } from '../../transport';
import type { ExecutionContext } from '../context';
import { readLimit, returnAllOrLimit } from '../../../shared/listOutput';
import { fieldError } from '../../../shared/parseInput';
import { moduleName } from '../inputs';
import { show } from '../properties';
import { request } from '../request';
import { vtqlIdentifier, vtqlQuote } from '../vtql';

const displayOptions = show('record', ['getMany']);
const build = { show: { ...displayOptions.show, queryMode: ['build'] } };
const raw = { show: { ...displayOptions.show, queryMode: ['vtql'] } };

/** Operators that wrap the value in % and so never send an empty quoted value. */
const WILDCARDED = new Set(['contains', 'startsWith', 'endsWith']);

const OPERATORS: Record<string, (value: string) => string> = {
	equals: (value) => `= ${vtqlQuote(value)}`,
	notEquals: (value) => `!= ${vtqlQuote(value)}`,
	smaller: (value) => `< ${vtqlQuote(value)}`,
	smallerOrEqual: (value) => `<= ${vtqlQuote(value)}`,
	larger: (value) => `> ${vtqlQuote(value)}`,
	largerOrEqual: (value) => `>= ${vtqlQuote(value)}`,
	contains: (value) => `LIKE ${vtqlQuote(`%${value}%`)}`,
	startsWith: (value) => `LIKE ${vtqlQuote(`${value}%`)}`,
	endsWith: (value) => `LIKE ${vtqlQuote(`%${value}`)}`,
	like: (value) => `LIKE ${vtqlQuote(value)}`,
	in: (value) =>
		`IN (${value
			.split(',')
			.map((part) => part.trim())
			.filter(Boolean)
			.map(vtqlQuote)
			.join(',')})`,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Query Mode',
		name: 'queryMode',
		type: 'options',
		default: 'build',
		displayOptions,
		options: [
			{ name: 'Filters', value: 'build', description: 'Build the VTQL query from the conditions below' },
			{ name: 'VTQL Query', value: 'vtql', description: 'Write the VTQL query yourself' },
		],
	},
	{
		displayName: 'VTQL Query',
		name: 'vtql',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: "SELECT * FROM Contacts WHERE email LIKE '%@example.co.id' ORDER BY modifiedtime DESC",
		description:
			'A SELECT in vtiger’s query language. Quote every value in single quotes. Without LIMIT the node pages through all rows (Return All) or up to Limit; with its own LIMIT the query runs once and vtiger returns at most 100 rows.',
		displayOptions: raw,
	},
	{
		displayName: 'Fields to Return',
		name: 'selectFields',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['module.value'] },
		default: [],
		description: 'Which fields each record carries (the ID always comes along). Leave empty for all fields. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: build,
	},
	{
		displayName: 'Conditions',
		name: 'conditions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		displayOptions: build,
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'field',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['module.value'] },
						default: '',
						description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						default: 'equals',
						options: [
							{ name: 'Contains', value: 'contains' },
							{ name: 'Ends With', value: 'endsWith' },
							{ name: 'Equals', value: 'equals' },
							{ name: 'Greater Than', value: 'larger' },
							{ name: 'Greater Than or Equal', value: 'largerOrEqual' },
							{ name: 'In List (Comma-Separated)', value: 'in' },
							{ name: 'Less Than', value: 'smaller' },
							{ name: 'Less Than or Equal', value: 'smallerOrEqual' },
							{ name: 'Like (% Wildcards)', value: 'like' },
							{ name: 'Not Equals', value: 'notEquals' },
							{ name: 'Starts With', value: 'startsWith' },
						],
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Compared as vtiger stores it: dates as YYYY-MM-DD, date-times as YYYY-MM-DD HH:MM:SS (UTC), references as full IDs such as 11x45, yes/no as 1 or 0',
					},
					{
						displayName: 'Value From List',
						name: 'listValue',
						type: 'resourceLocator',
						default: { mode: 'list', value: '' },
						description: 'For picklist, owner, reference and yes/no fields: pick the value instead of typing it. When set, it is used instead of Value.',
						modes: [
							{
								displayName: 'From List',
								name: 'list',
								type: 'list',
								typeOptions: { searchListMethod: 'searchConditionValues', searchable: true },
							},
							{ displayName: 'Value', name: 'value', type: 'string', placeholder: 'Closed Won' },
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Combine Conditions',
		name: 'combineConditions',
		type: 'options',
		default: 'AND',
		displayOptions: build,
		options: [
			{ name: 'All Must Match (AND)', value: 'AND' },
			{ name: 'Any May Match (OR)', value: 'OR' },
		],
	},
	...returnAllOrLimit(displayOptions),
	{
		displayName: 'Options',
		name: 'queryOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: build,
		options: [
			{
				displayName: 'Sort By Name or ID',
				name: 'sortBy',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['module.value'] },
				default: '',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				default: 'ASC',
				options: [
					{ name: 'Ascending', value: 'ASC' },
					{ name: 'Descending', value: 'DESC' },
				],
			},
		],
	},
];

function buildQuery(this: IExecuteFunctions, itemIndex: number, module: string): string {
	const columns = (this.getNodeParameter('selectFields', itemIndex, []) as string[]).map((name) => vtqlIdentifier.call(this, name, itemIndex));
	const conditions = ((this.getNodeParameter('conditions', itemIndex, {}) as IDataObject).condition ?? []) as IDataObject[];
	const joiner = this.getNodeParameter('combineConditions', itemIndex, 'AND') === 'OR' ? ' OR ' : ' AND ';
	const clauses = conditions.map((condition, index) => {
		const field = vtqlIdentifier.call(this, String(condition.field ?? ''), itemIndex);
		const operator = OPERATORS[String(condition.operator)];
		if (!operator) throw new NodeOperationError(this.getNode(), `Condition ${index + 1} has no valid operator`, { itemIndex });
		const picked = condition.listValue as IDataObject | string | undefined;
		const listValue = typeof picked === 'object' && picked !== null ? String(picked.value ?? '') : String(picked ?? '');
		const value = listValue !== '' ? listValue : String(condition.value ?? '');
		// vtiger's lexer reads a quoted value as '(?:[^']|'')+' (VTQL_Lexer.php): '' is no token, and
		// VTQL has no IS NULL, so "is empty" cannot be asked. LIKE with a wildcard still has content.
		const rendersEmpty = condition.operator === 'in' ? value.split(',').every((part) => part.trim() === '') : value === '' && !WILDCARDED.has(String(condition.operator));
		if (rendersEmpty) {
			fieldError(
				this.getNode(),
				itemIndex,
				`Condition ${index + 1} (${field}): 'Value' is empty`,
				"vtiger's query language cannot compare with empty text (it has no IS NULL). Enter a value or remove the condition; if the value comes from an expression, check that the input item has it.",
			);
		}
		return `${field} ${operator(value)}`;
	});
	const options = this.getNodeParameter('queryOptions', itemIndex, {}) as IDataObject;
	let query = `SELECT ${columns.length ? columns.join(', ') : '*'} FROM ${module}`;
	if (clauses.length) query += ` WHERE ${clauses.join(joiner)}`;
	if (options.sortBy) query += ` ORDER BY ${vtqlIdentifier.call(this, String(options.sortBy), itemIndex)} ${options.sortDirection === 'DESC' ? 'DESC' : 'ASC'}`;
	return query;
}

/** A user's VTQL without its closing semicolon, and whether it sets its own LIMIT. */
export function prepareVtql(this: IExecuteFunctions, text: string, itemIndex: number, field = 'VTQL Query'): { query: string; hasLimit: boolean } {
	const query = text.trim().replace(/;\s*$/, '').trim();
	const outsideQuotes = query.replace(/'(?:[^']|'')*'/g, "''");
	if (!/^select\s/i.test(query)) {
		throw new NodeOperationError(this.getNode(), `'${field}' must be a SELECT query`, {
			itemIndex,
			description: "For example: SELECT * FROM Contacts WHERE lastname = 'Santoso'",
		});
	}
	if (outsideQuotes.includes(';')) {
		throw new NodeOperationError(this.getNode(), `'${field}' holds more than one statement`, { itemIndex, description: 'Send one SELECT; a semicolon may only end it.' });
	}
	return { query, hasLimit: /\blimit\b/i.test(outsideQuotes) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext) {
	const limit = readLimit.call(this, itemIndex);
	let query: string;
	let subject: string | undefined;
	if (this.getNodeParameter('queryMode', itemIndex, 'build') === 'vtql') {
		const prepared = prepareVtql.call(this, this.getNodeParameter('vtql', itemIndex, '') as string, itemIndex);
		if (prepared.hasLimit) {
			const rows = (await request.call(this, context, itemIndex, { operation: 'query', method: 'GET', params: { query: `${prepared.query};` } })) as IDataObject[];
			return limit === undefined ? rows : rows.slice(0, limit);
		}
		query = prepared.query;
	} else {
		const module = moduleName.call(this, itemIndex);
		query = buildQuery.call(this, itemIndex, module);
		subject = `module '${module}'`;
	}
	return await vtigerQueryAll.call(this, context.gate, {
		query,
		limit,
		itemIndex,
		subject,
		timeoutMs: context.timeoutMs,
		maxRetries: context.maxRetries,
	});
}
