import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ExecutionContext } from '../context';
import { moduleName, recordIdParameter } from '../inputs';
import { recordLocator, show } from '../properties';
import { request } from '../request';
import { prepareVtql } from '../record/getMany';
import { findRelation, relationProperty } from './relations';

const displayOptions = show('related', ['query']);

export const description: INodeProperties[] = [
	recordLocator(displayOptions, 'Source Record ID'),
	relationProperty(displayOptions),
	{
		displayName: 'VTQL Query',
		name: 'relatedQuery',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: "SELECT firstname, lastname, email FROM Contacts WHERE email LIKE '%@example.co.id'",
		description: 'A SELECT on the related module, without LIMIT: vtiger adds its own filter for the related records. Leave empty for every field of every related record.',
		displayOptions,
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext) {
	const module = moduleName.call(this, itemIndex);
	const id = await recordIdParameter.call(this, context, itemIndex, module);
	const relation = await findRelation.call(this, context, itemIndex, module);
	const text = String(this.getNodeParameter('relatedQuery', itemIndex, '') ?? '').trim() || `SELECT * FROM ${relation.module}`;
	const { query, hasLimit } = prepareVtql.call(this, text, itemIndex);
	if (hasLimit) {
		throw new NodeOperationError(this.getNode(), "'VTQL Query' of Query Related Records cannot have a LIMIT", {
			itemIndex,
			description: 'vtiger appends its own filter to this query, after which a LIMIT is a syntax error. Remove the LIMIT.',
		});
	}
	// vtiger appends "WHERE id IN (…);" itself: a semicolon here would end the query early.
	return await request.call(this, context, itemIndex, {
		operation: 'query_related',
		method: 'GET',
		params: { query, id, relatedLabel: relation.relationLabel },
		subject: `record ${id}, relation '${relation.relationLabel}'`,
	});
}
