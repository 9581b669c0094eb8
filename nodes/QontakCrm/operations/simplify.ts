import type { IDataObject } from 'n8n-workflow';

import { isEmpty } from '../../shared/parseInput';

/** Drops empty values and turns additional_fields into `custom_fields: { name: label or value }`. */
export function simplifyRecord(record: IDataObject): IDataObject {
	const simplified: IDataObject = {};
	for (const [key, value] of Object.entries(record)) {
		if (key === 'additional_fields' || isEmpty(value)) continue;
		simplified[key] = value;
	}
	const custom = record.additional_fields;
	if (Array.isArray(custom) && custom.length) {
		simplified.custom_fields = Object.fromEntries(
			(custom as IDataObject[])
				.filter((field) => !isEmpty(field.value))
				.map((field) => [field.name as string, (field.value_name ?? field.value) as string]),
		);
	}
	return simplified;
}
