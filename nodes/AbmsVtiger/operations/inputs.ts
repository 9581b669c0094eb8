import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ExecutionContext } from './context';

/* Readers that take a module or record ID of one item and validate it, naming the field and the fix. */

export const RECORD_ID = /^\d+x\d+$/;
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function moduleName(this: IExecuteFunctions, itemIndex: number, fallback?: string): string {
	const raw = fallback ?? this.getNodeParameter('module', itemIndex, '', { extractValue: true });
	const name = String(raw ?? '').trim();
	if (!IDENTIFIER.test(name)) {
		throw new NodeOperationError(this.getNode(), name ? `'${name}' is not a vtiger module name` : 'Choose a module', {
			itemIndex,
			description: 'A module name is one word such as Contacts, Leads, Accounts or Potentials. Module → List Types shows the modules this user can use.',
		});
	}
	return name;
}

/**
 * A vtiger ID from a parameter. A bare record number is the most common mistake, so
 * it gets an explanation with the ID the user probably meant.
 */
export async function wsId(
	this: IExecuteFunctions,
	context: ExecutionContext,
	itemIndex: number,
	options: { value: unknown; field: string; module?: string },
): Promise<string> {
	const value = String(options.value ?? '').trim();
	if (RECORD_ID.test(value)) return value;
	let example = '12x345';
	if (/^\d+$/.test(value) && options.module) {
		const prefix = await context
			.describe(options.module, itemIndex)
			.then((described) => described.idPrefix)
			.catch(() => undefined);
		if (prefix) example = `${prefix}x${value}`;
	}
	throw new NodeOperationError(this.getNode(), value ? `'${options.field}' is not a vtiger ID: '${value}'` : `'${options.field}' is empty`, {
		itemIndex,
		description: `vtiger IDs have the form <module prefix>x<record number>${/^\d+$/.test(value) ? `, so record ${value}${options.module ? ` of ${options.module}` : ''} is probably ${example}` : `, e.g. ${example}`}. The prefix is the module's idPrefix (Module → Describe); records returned by this node carry their full ID in 'id'.`,
	});
}

export async function recordIdParameter(this: IExecuteFunctions, context: ExecutionContext, itemIndex: number, module?: string): Promise<string> {
	const value = this.getNodeParameter('recordId', itemIndex, '', { extractValue: true });
	return await wsId.call(this, context, itemIndex, { value, field: 'Record ID', module });
}
