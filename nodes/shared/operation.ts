import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from './itemLoop';

/** Runs the operation for one input item; the shared item loop pairs and orders the output. */
export type ExecuteItem<Ctx> = (this: IExecuteFunctions, itemIndex: number, ctx: Ctx) => Promise<ItemResult>;

/** Runs the operation over the whole batch, for operations that must see every item before sending one. */
export type ExecuteAll<Ctx> = (this: IExecuteFunctions, ctx: Ctx) => Promise<INodeExecutionData[]>;

interface OperationInfo {
	/** The Operation parameter's value. */
	value: string;
	/** What the Operation dropdown shows. */
	name: string;
	/** The action text n8n shows in the nodes panel and gives AI agents. */
	action: string;
	/** The dropdown's hint; the action text when absent. */
	description?: string;
	/**
	 * This operation's parameters. The description builder shows each one only for this
	 * resource and operation (it adds both to the parameter's displayOptions.show).
	 */
	properties: INodeProperties[];
	/** Items run one at a time in input order, whatever the Concurrency option says: writes whose order matters. */
	sequential?: boolean;
}

/** How an operation runs: per item, or over the whole batch. */
export type Run<Ctx> = { execute: ExecuteItem<Ctx>; executeAll?: never } | { executeAll: ExecuteAll<Ctx>; execute?: never };

/** One operation of an action node: what the editor shows, and how it runs. */
export type Operation<Ctx> = OperationInfo & Run<Ctx>;

/** One resource of an action node: its operations, and the parameters several of them share. */
export interface Resource<Ctx, Extra = unknown> {
	value: string;
	name: string;
	operations: Array<Operation<Ctx> & Extra>;
	/** The operation a new node starts with; the first one when absent. */
	defaultOperation?: string;
	/** Parameters several operations of this resource share (record pickers), shown after the Operation dropdown. */
	properties?: INodeProperties[];
}

export function findOperation<Ctx, Extra>(
	resources: Array<Resource<Ctx, Extra>>,
	resource: string,
	operation: string,
): (Operation<Ctx> & Extra) | undefined {
	return resources.find((entry) => entry.value === resource)?.operations.find((entry) => entry.value === operation);
}
