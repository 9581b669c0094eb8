import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecutionContext } from '../context';
import { moduleName, recordIdParameter, wsId } from '../inputs';
import { recordLocator, show } from '../properties';
import { request } from '../request';
import { findRelation, relationProperty } from './relations';

const displayOptions = show('related', ['add']);

export const description: INodeProperties[] = [
	recordLocator(displayOptions, 'Source Record ID'),
	relationProperty(displayOptions),
	{
		displayName: 'Related Record ID',
		name: 'relatedRecordId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '12x345',
		description: 'The vtiger ID of the record to link to the source record',
		displayOptions,
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext) {
	const module = moduleName.call(this, itemIndex);
	const sourceRecordId = await recordIdParameter.call(this, context, itemIndex, module);
	const relation = await findRelation.call(this, context, itemIndex, module);
	const relatedRecordId = await wsId.call(this, context, itemIndex, {
		value: this.getNodeParameter('relatedRecordId', itemIndex, ''),
		field: 'Related Record ID',
		module: relation.module,
	});
	await request.call(this, context, itemIndex, {
		operation: 'add_related',
		method: 'POST',
		params: { sourceRecordId, relatedRecordId, relationIdLabel: relation.relationLabel },
		subject: `${sourceRecordId} → ${relatedRecordId}, relation '${relation.relationLabel}'`,
	});
	return { sourceRecordId, relatedRecordId, relationLabel: relation.relationLabel, related: true };
}
