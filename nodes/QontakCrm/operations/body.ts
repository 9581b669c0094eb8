import type { IDataObject, IDisplayOptions, IExecuteFunctions, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isEmpty, parseJsonParameter } from '../../shared/parseInput';
import { requirePhone } from '../../shared/phone';
import { mappedValues, resourceMapperProperty } from '../../shared/resourceMapper';
import type { FieldDescriptor } from './fieldTemplate';
import { bodyKey, hasPhoneFields, isCustomField, isPhoneKey, isRequired } from './fieldTemplate';
import type { CrmBody } from './types';
import { convertTemplateValue, describeField } from './values';

/**
 * The node version from which phones are normalised unless the option says otherwise. Workflows
 * saved at version 1 send them as typed unless the option is added, so none changes under its user.
 */
const NORMALISE_PHONES_FROM_VERSION = 1.1;

/** Create and Update options of resources that hold phone numbers. */
function writeOptions(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Normalise Phone Numbers',
				name: 'normalisePhones',
				type: 'boolean',
				default: true,
				description:
					'Whether to send phone numbers as digits with the country code, the way WhatsApp and Qontak Chat write them (0812-3456-7890 becomes 6281234567890, (021) 555-1234 becomes 62215551234), so CRM and chat numbers match. A value that cannot be a phone number stops its item. On by default in new nodes.',
			},
		],
	};
}

function normalisesPhones(this: IExecuteFunctions, itemIndex: number): boolean {
	const fallback = this.getNode().typeVersion >= NORMALISE_PHONES_FROM_VERSION;
	return this.getNodeParameter('options.normalisePhones', itemIndex, fallback) as boolean;
}

/**
 * Body from the resource mapper: built-in fields become top-level keys, custom fields
 * go into additional_fields with their template id. Unknown names, bad types and
 * missing required fields stop the item before anything is sent.
 */
function mapperBody(
	this: IExecuteFunctions,
	resource: string,
	method: IHttpRequestMethods,
	template: FieldDescriptor[],
	itemIndex: number,
): IDataObject {
	const node = this.getNode();
	const byName = new Map(template.map((descriptor) => [descriptor.name, descriptor]));
	const source = mappedValues.call(this, 'fields', itemIndex, (key) => byName.has(key));

	const normalisePhones = hasPhoneFields(resource) && normalisesPhones.call(this, itemIndex);
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
		const converted =
			normalisePhones && !isCustomField(descriptor) && isPhoneKey(resource, key)
				? requirePhone(node, value, describeField(descriptor), itemIndex)
				: convertTemplateValue(node, descriptor, key, value, itemIndex, this.getTimezone());
		if (isCustomField(descriptor)) {
			customFields.push({ id: descriptor.id, name: descriptor.name, value: converted as string });
		} else {
			body[key] = converted as string;
		}
	}

	if (method === 'POST') {
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

/** Fields from the resource's /info template (built-in and custom), through a resource mapper. */
export const mapper: CrmBody = {
	properties: (displayOptions, resource) => [
		resourceMapperProperty({
			displayName: 'Fields',
			name: 'fields',
			method: 'getMappingFields',
			dependsOn: ['resource', 'operation'],
			words: { singular: 'field', plural: 'fields' },
			description: 'Built-in and custom fields, read from Qontak’s field template',
			displayOptions,
		}),
		...(hasPhoneFields(resource.value) ? [writeOptions(displayOptions)] : []),
	],
	async read(resource, route, itemIndex, ctx) {
		return mapperBody.call(this, resource.value, route.method, await ctx.template(resource.template!), itemIndex);
	},
};

/** Qontak documents no body for these: the user gives it as JSON. */
export const jsonBody = (example: string): CrmBody => ({
	properties: (displayOptions) => [
		{
			displayName: 'Body (JSON)',
			name: 'jsonBody',
			type: 'json',
			default: example,
			required: true,
			description: 'Sent to Qontak as it is',
			displayOptions,
		},
	],
	async read(_resource, _route, itemIndex) {
		const body = parseJsonParameter(this.getNode(), this.getNodeParameter('jsonBody', itemIndex), 'Body (JSON)', itemIndex);
		if (Array.isArray(body)) {
			throw new NodeOperationError(this.getNode(), "'Body (JSON)' must be a JSON object, not an array", { itemIndex });
		}
		return body;
	},
});
