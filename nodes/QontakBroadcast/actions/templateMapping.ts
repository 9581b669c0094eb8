import type { IDataObject, IExecuteFunctions, INodeProperties, ResourceMapperValue } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { templateLabel, templatePlaceholders } from './templateParameters';

/** The template picked for a send, with the parameters the user mapped for it. */

export function templateParametersProperty(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Template Parameters',
		name: 'templateParameters',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['messageTemplateId.value'],
			resourceMapper: {
				resourceMapperMethod: 'getTemplateParameters',
				mode: 'add',
				fieldWords: { singular: 'parameter', plural: 'parameters' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
		description,
		displayOptions: { show: { resource: ['broadcast'], operation: [operation] } },
	};
}

/** What the user mapped: the fields below, or (auto-map) the input item's keys named like them. */
export function mappedValues(this: IExecuteFunctions, template: IDataObject, itemIndex: number): IDataObject {
	const mapping = this.getNodeParameter('templateParameters', itemIndex, { mappingMode: 'defineBelow', value: null }) as ResourceMapperValue;
	if (mapping?.mappingMode === 'autoMapInputData') {
		const ids = new Set(templatePlaceholders(template).map((placeholder) => placeholder.id));
		const json = this.getInputData()[itemIndex]?.json ?? {};
		return Object.fromEntries(Object.entries(json).filter(([key]) => ids.has(key))) as IDataObject;
	}
	return (mapping?.value ?? {}) as IDataObject;
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
