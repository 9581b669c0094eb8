import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseJsonParameter } from '../../shared/parseInput';
import { mappedValues } from '../../shared/resourceMapper';
import type { FieldDescriptor } from './template';
import { bodyKey, isCustomField, isRequired } from './template';
import type { CrmOperation, FieldSpec } from './types';
import { convertField, convertTemplateValue, describeField, isEmpty } from './values';

/** Body from declared fields: required ones are top-level parameters, the rest sit in a collection. */
export function fieldsBody(
	this: IExecuteFunctions,
	operation: CrmOperation,
	fields: FieldSpec[],
	itemIndex: number,
): IDataObject {
	const node = this.getNode();
	const isUpdate = operation.value === 'update';
	const collection = this.getNodeParameter(isUpdate ? 'updateFields' : 'additionalFields', itemIndex, {}) as IDataObject;
	const values: IDataObject = {};
	for (const field of fields) {
		const topLevel = field.required && !isUpdate;
		const value = topLevel ? this.getNodeParameter(field.key, itemIndex) : collection[field.key];
		if (isEmpty(value)) {
			if (topLevel && field.kind !== 'number' && field.kind !== 'boolean') {
				throw new NodeOperationError(node, `'${field.label}' is required`, {
					itemIndex,
					description: `Fill in '${field.label}' (or map a value to it) for this item`,
				});
			}
			continue;
		}
		values[field.key] = convertField(node, field, value, itemIndex) as IDataObject[string];
	}
	return operation.shapeBody ? operation.shapeBody(values) : values;
}

export function jsonBody(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const body = parseJsonParameter(this.getNode(), this.getNodeParameter('jsonBody', itemIndex), 'Body (JSON)', itemIndex);
	if (Array.isArray(body)) {
		throw new NodeOperationError(this.getNode(), "'Body (JSON)' must be a JSON object, not an array", { itemIndex });
	}
	return body;
}

/**
 * Body from the resource mapper: built-in fields become top-level keys, custom fields
 * go into additional_fields with their template id. Unknown names, bad types and
 * missing required fields stop the item before anything is sent.
 */
export function mapperBody(
	this: IExecuteFunctions,
	resource: string,
	operation: CrmOperation,
	template: FieldDescriptor[],
	itemIndex: number,
): IDataObject {
	const node = this.getNode();
	const byName = new Map(template.map((descriptor) => [descriptor.name, descriptor]));
	const source = mappedValues.call(this, 'fields', itemIndex, (key) => byName.has(key));

	const body: IDataObject = {};
	const customFields: IDataObject[] = [];
	for (const [name, value] of Object.entries(source)) {
		if (isEmpty(value)) continue;
		const descriptor = byName.get(name);
		if (!descriptor) {
			throw new NodeOperationError(node, `Unknown ${resource} field '${name}'`, {
				itemIndex,
				description: `Qontak's ${resource} template has no field named '${name}'. Refresh the field list under 'Fields' and remove or rename it. Known custom fields: ${template
					.filter(isCustomField)
					.map((field) => field.name)
					.join(', ') || 'none'}`,
			});
		}
		const key = bodyKey(resource, name);
		const converted = convertTemplateValue(node, descriptor, key, value, itemIndex);
		if (isCustomField(descriptor)) {
			customFields.push({ id: descriptor.id, name: descriptor.name, value: converted as string });
		} else {
			body[key] = converted as string;
		}
	}

	if (operation.method === 'POST') {
		const present = { ...source, ...body };
		const missing = template.filter(
			(descriptor) => isRequired(descriptor, present) && isEmpty(source[descriptor.name]),
		);
		if (missing.length) {
			throw new NodeOperationError(node, `Required ${resource} field${missing.length > 1 ? 's' : ''} missing: ${missing.map(describeField).join(', ')}`, {
				itemIndex,
				description: 'Map a value to each of these fields under \u2018Fields\u2019 (for deals, some fields are required only in certain pipelines or stages)',
			});
		}
	}
	if (customFields.length) body.additional_fields = customFields;
	return body;
}
