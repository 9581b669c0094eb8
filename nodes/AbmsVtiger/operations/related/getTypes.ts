import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecutionContext } from '../context';
import { moduleName } from '../inputs';
import { relatedTypes } from './relations';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext) {
	return (await relatedTypes.call(this, context, itemIndex, moduleName.call(this, itemIndex))).map((relation) => ({ ...relation }));
}
