import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecutionContext } from '../context';
import { moduleName } from '../inputs';
import { show } from '../properties';
import { request } from '../request';
import { buildElement, mappedValues } from '../element';
import { fieldsMapper } from './fieldsMapper';

const displayOptions = show('record', ['create']);

export const description: INodeProperties[] = [fieldsMapper(displayOptions)];

export async function execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext) {
	const module = moduleName.call(this, itemIndex);
	const describe = await context.describe(module, itemIndex);
	const element = buildElement(this.getNode(), describe, mappedValues.call(this, itemIndex, describe), itemIndex, {
		requireMandatory: true,
		defaultOwner: await context.apiUserId(),
		timezone: this.getTimezone(),
	});
	return await request.call(this, context, itemIndex, {
		operation: 'create',
		method: 'POST',
		params: { elementType: module, element },
		subject: `module '${module}'`,
	});
}
