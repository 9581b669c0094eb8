import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mappedValues, resourceMapperProperty } from '../../shared/resourceMapper';
import { templateLabel, templatePlaceholders } from './templateParameters';

/** The template picked for a send, with the parameters the user mapped for it. */

export function templateParametersProperty(operation: string, description: string): INodeProperties {
	return resourceMapperProperty({
		displayName: 'Template Parameters',
		name: 'templateParameters',
		method: 'getTemplateParameters',
		dependsOn: ['messageTemplateId.value'],
		words: { singular: 'parameter', plural: 'parameters' },
		addAllFields: true,
		description,
		displayOptions: { show: { resource: ['broadcast'], operation: [operation] } },
	});
}

/** What the user mapped: the fields below, or (auto-map) the input item's keys named like them. */
export function mappedTemplateValues(this: IExecuteFunctions, template: IDataObject, itemIndex: number): IDataObject {
	const ids = new Set(templatePlaceholders(template).map((placeholder) => placeholder.id));
	return mappedValues.call(this, 'templateParameters', itemIndex, (key) => ids.has(key));
}

/** Only APPROVED templates can be sent; say which one is not, and why it matters. */
export function requireApproved(this: IExecuteFunctions, template: IDataObject, itemIndex: number): void {
	if (template.status !== 'APPROVED') {
		throw new NodeOperationError(this.getNode(), `Template ${templateLabel(template)} is ${String(template.status ?? 'not approved')}`, {
			itemIndex,
			description: 'WhatsApp only delivers APPROVED templates. Pick an approved template from the list, or wait for WhatsApp to approve this one.',
		});
	}
}
