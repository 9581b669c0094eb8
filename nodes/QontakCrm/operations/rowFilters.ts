import type { IDataObject, INode } from 'n8n-workflow';

import { filterInstant } from '../../shared/calendarDate';
import { fieldError, trimmedText } from '../../shared/parseInput';
import type { FieldSpec, RowTest } from './types';

/** Said in the editor of every filter applied in n8n. */
export const IN_N8N = 'Filtered in n8n after reading every page: slower on large accounts.';

/** Said in the editor of every filter Qontak applies. */
export const BY_QONTAK = 'Filtered by Qontak.';

/** n8n's wording for a dropdown that also takes an ID from an expression. */
const PICK_OR_EXPRESSION = 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.';

/** A filter Qontak's list does not take, applied in n8n to `key` of each record read. */
export const inN8nFilter = (
	field: Omit<FieldSpec, 'inN8n' | 'description'> & { description: string },
	test: RowTest,
): FieldSpec => ({
	...field,
	description: [`${field.description}.`, IN_N8N, ...(field.loadOptionsMethod ? [PICK_OR_EXPRESSION] : [])].join(' '),
	inN8n: test,
});

/**
 * The test a record must pass for a filter applied in n8n. Ids compare as numbers written out
 * (dropdowns give "31", records hold 31); timestamps compare as instants (filterInstant in
 * shared/calendarDate.ts), a record without a readable one never passing.
 */
export function rowTest(
	node: INode,
	label: string,
	test: RowTest,
	value: unknown,
	timeZone: string,
	itemIndex: number,
): (row: IDataObject) => boolean {
	const { key, match } = test;
	if (match === 'same') {
		const given = trimmedText(value);
		if (!/^\d+$/.test(given)) {
			fieldError(node, itemIndex, `'${label}' needs a Qontak ID, got '${given}'`, `Choose from the '${label}' list, or give its numeric ID`);
		}
		const wanted = String(Number(given));
		return (row) => trimmedText(row[key]) === wanted;
	}
	const boundary = filterInstant(value, timeZone);
	if (boundary === undefined) {
		fieldError(
			node,
			itemIndex,
			`'${label}' is not a date: ${JSON.stringify(value)}`,
			`Give '${label}' as YYYY-MM-DD (a day in the workflow’s time zone, ${timeZone}) or as a date-time such as 2024-10-03T09:00:00+07:00`,
		);
	}
	return (row) => {
		const at = filterInstant(row[key], timeZone);
		if (at === undefined) return false;
		return match === 'from' ? at >= boundary : at < boundary;
	};
}
