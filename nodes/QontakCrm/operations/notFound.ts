import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemResult } from '../../shared/itemLoop';

export type IfNotFound = 'nothing' | 'emptyItem' | 'error';

/** What a lookup answers when nothing matches: by default no item, so the branch simply ends. */
export const ifNotFoundOption: INodeProperties = {
	displayName: 'If Not Found',
	name: 'ifNotFound',
	type: 'options',
	default: 'nothing',
	options: [
		{ name: 'Error', value: 'error', description: 'Fail the item (or, with Continue On Fail, output an error item)' },
		{ name: 'Return Empty Item', value: 'emptyItem', description: 'Output one empty item, so the next node still runs for it' },
		{ name: 'Return Nothing', value: 'nothing', description: 'Output no item for it' },
	],
	description: 'What to output for an item when nothing matches',
};

/** The output of an item whose lookup found nothing, as its If Not Found option says. */
export function nothingFound(
	this: IExecuteFunctions,
	choice: unknown,
	itemIndex: number,
	message: string,
	description: string,
): ItemResult {
	if (choice === 'error') throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
	return choice === 'emptyItem' ? [{}] : [];
}
