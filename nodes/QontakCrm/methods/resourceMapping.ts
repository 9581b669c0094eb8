import type {
	FieldType,
	IDataObject,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { mapperColumn } from '../../shared/resourceMapper';
import type { FieldDescriptor } from '../operations/fieldTemplate';
import { dropdownOptions, fetchTemplate } from '../operations/fieldTemplate';
import { findResource } from '../operations/resources';
import { qontakRequest } from '../transport';

function fieldType(descriptor: FieldDescriptor, hasOptions: boolean): FieldType {
	switch ((descriptor.type ?? '').toLowerCase()) {
		case 'number':
		case 'percentage':
			return 'number';
		case 'date':
		case 'date time':
			return 'dateTime';
		case 'dropdown select':
			return hasOptions ? 'options' : 'string';
		default:
			return 'string';
	}
}

/** Pipelines and stages are not always in the deal template's dropdowns; fill them from their own routes. */
async function pipelineOptions(this: ILoadOptionsFunctions): Promise<Record<string, INodePropertyOptions[]>> {
	const pipelines = ((await qontakRequest.call(this, { method: 'GET', path: '/pipelines' })).response ?? []) as IDataObject[];
	const stages: INodePropertyOptions[] = [];
	for (const pipeline of pipelines) {
		const body = await qontakRequest.call(this, { method: 'GET', path: `/pipelines/${pipeline.id as number}/stages` });
		for (const stage of (body.response ?? []) as IDataObject[]) {
			stages.push({ name: `${pipeline.name as string} › ${stage.name as string}`, value: String(stage.id) });
		}
	}
	return {
		crm_pipeline_id: pipelines.map((pipeline) => ({ name: String(pipeline.name), value: String(pipeline.id) })),
		crm_stage_id: stages,
	};
}

export async function getMappingFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const resource = findResource(this.getNodeParameter('resource', 0) as string);
	if (!resource?.template) return { fields: [] };
	const operation = this.getNodeParameter('operation', 0);
	// The mapper insists on the template's required fields where the body does: on a POST (create).
	const requiresFields = resource.operations.find((route) => route.value === operation)?.method === 'POST';
	const template = await fetchTemplate.call(this, resource.template);
	const extraOptions = resource.value === 'deal' ? await pipelineOptions.call(this) : {};

	const fields: ResourceMapperField[] = template.map((descriptor) => {
		const options = descriptor.dropdown?.length ? dropdownOptions(descriptor) : extraOptions[descriptor.name];
		const type = options?.length && (descriptor.type ?? '').toLowerCase() !== 'multiple select' ? 'options' : fieldType(descriptor, false);
		const alias = descriptor.name_alias && descriptor.name_alias !== descriptor.name ? descriptor.name_alias : descriptor.name;
		const multi = (descriptor.type ?? '').toLowerCase() === 'multiple select';
		return mapperColumn({
			id: descriptor.name,
			displayName: `${alias}${descriptor.id !== null ? ' (custom)' : ''}${multi ? ' (comma-separated option IDs)' : ''}`,
			required: requiresFields && descriptor.required === true,
			type,
			options,
		});
	});
	return { fields };
}
