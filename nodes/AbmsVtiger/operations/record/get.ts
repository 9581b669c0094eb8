import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecutionContext } from '../context';
import { moduleName, recordIdParameter } from '../inputs';
import { isInventoryModule } from '../inventory/inventoryFields';
import { retrieveInventory } from '../inventory/retrieveInventory';
import { recordLocator, show } from '../properties';
import { request } from '../request';

const displayOptions = show('record', ['get']);

export const description: INodeProperties[] = [recordLocator(displayOptions)];

export async function execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext) {
	const module = moduleName.call(this, itemIndex);
	const id = await recordIdParameter.call(this, context, itemIndex, module);
	if (isInventoryModule(module)) return await retrieveInventory.call(this, context, itemIndex, id);
	return await request.call(this, context, itemIndex, { operation: 'retrieve', method: 'GET', params: { id }, subject: `record ${id}` });
}
