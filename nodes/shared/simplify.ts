import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from './itemLoop';
import { isExecutionData } from './itemLoop';

/** One vendor record as a workflow builder wants it: the fields they use, nested ones flattened. */
export type Simplifier = (row: IDataObject) => IDataObject;

const CONVENTION = 'Whether to return a simplified version of the response instead of the raw data';

/** The Simplify toggle as n8n words it, on by default; `detail` says what it does for this node. */
export function simplifyToggle(detail?: string, displayOptions?: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: detail ? `${CONVENTION}: ${detail}` : CONVENTION,
		...(displayOptions ? { displayOptions } : {}),
	};
}

/**
 * Simplify added to a node that already shipped without it. n8n fills a parameter a saved
 * workflow does not hold with its default, so a default of true would reshape the output of
 * every existing workflow. Node versions before `onFrom` therefore default to off; nodes
 * added from `onFrom` on start with it on, as n8n's own nodes do when they add the toggle.
 */
export function simplifyAddedIn(onFrom: number, detail: string | undefined, displayOptions: IDisplayOptions): INodeProperties[] {
	const since = (condition: 'lt' | 'gte') => ({ ...displayOptions, show: { ...displayOptions.show, '@version': [{ _cnd: { [condition]: onFrom } }] } }) as IDisplayOptions;
	return [
		{ ...simplifyToggle(detail, since('lt')), default: false },
		simplifyToggle(detail, since('gte')),
	];
}

/** Whether this item's Simplify is on; off when the operation has no toggle, so nothing changes unasked. */
export function simplifyOn(this: IExecuteFunctions, itemIndex: number): boolean {
	return this.getNodeParameter('simplify', itemIndex, false) === true;
}

/** An operation's output with every record simplified; binary data and pairing stay as they are. */
export function simplifyResult(result: ItemResult, simplifier: Simplifier): ItemResult {
	if (!Array.isArray(result)) return simplifier(result);
	return result.map((entry) => (isExecutionData(entry) ? { ...entry, json: simplifier(entry.json) } : simplifier(entry))) as ItemResult;
}
