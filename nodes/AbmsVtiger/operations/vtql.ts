import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { IDENTIFIER } from './inputs';

/** A VTQL value: always single-quoted, with embedded quotes doubled. */
export function vtqlQuote(value: unknown): string {
	return `'${String(value ?? '').replace(/'/g, "''")}'`;
}

export function vtqlIdentifier(this: IExecuteFunctions, name: string, itemIndex: number, what = 'field'): string {
	const trimmed = name.trim();
	if (!IDENTIFIER.test(trimmed)) {
		throw new NodeOperationError(this.getNode(), `'${name}' is not a valid ${what} name`, {
			itemIndex,
			description: `Use the field's name (not its label) as Module → Describe lists it, e.g. lastname or assigned_user_id.`,
		});
	}
	return trimmed;
}
