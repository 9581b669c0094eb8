import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecutionContext } from '../context';
import { moduleName, recordIdParameter } from '../inputs';
import { recordLocator, show } from '../properties';
import { request } from '../request';
import { findRelation, relationProperty } from './relations';

const displayOptions = show('related', ['getMany']);

export const description: INodeProperties[] = [recordLocator(displayOptions, 'Source Record ID'), relationProperty(displayOptions)];

export async function execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext) {
	const module = moduleName.call(this, itemIndex);
	const id = await recordIdParameter.call(this, context, itemIndex, module);
	const relation = await findRelation.call(this, context, itemIndex, module);
	return await request.call(this, context, itemIndex, {
		operation: 'retrieve_related',
		method: 'GET',
		params: { id, relatedType: relation.module, relatedLabel: relation.relationLabel },
		subject: `record ${id}, relation '${relation.relationLabel}'`,
	});
}
