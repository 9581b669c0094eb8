import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { amountsWithText } from '../amounts';
import type { TokoResult } from '../transport';
import { withoutSecrets } from '../withoutSecrets';

/* Netzme's answers as output items: Simplify, amounts as numbers with Netzme's text beside them, lists as one item per row, secrets never. */

/** The body of Netzme's envelope, or the raw envelope when Simplify is off. Secrets never pass. */
export function shapeResult(this: IExecuteFunctions, result: TokoResult, itemIndex: number): IDataObject {
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	if (!simplify) return withoutSecrets(result.envelope);
	const body = result.envelope.body;
	const shaped = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : { result: body ?? null }) as IDataObject;
	return withoutSecrets({
		...amountsWithText(shaped),
		...(result.requestId ? { requestId: result.requestId } : {}),
	});
}

/** A list in Netzme's body, wherever the endpoint keeps it (the Toko API documents no list shape). */
export function listRows(body: unknown): IDataObject[] | undefined {
	if (Array.isArray(body)) return body as IDataObject[];
	if (typeof body !== 'object' || body === null) return undefined;
	for (const key of ['transactions', 'transactionList', 'list', 'data', 'content', 'items', 'rows']) {
		const value = (body as IDataObject)[key];
		if (Array.isArray(value)) return value as IDataObject[];
	}
	const arrays = Object.values(body as IDataObject).filter(Array.isArray);
	return arrays.length === 1 ? (arrays[0] as IDataObject[]) : undefined;
}
