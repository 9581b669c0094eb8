import type {
	ILoadOptionsFunctions,
	INodePropertyOptions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import type { MapperColumnType } from '../../shared/resourceMapper';
import { mapperColumn } from '../../shared/resourceMapper';
import type { FieldDescriptor } from '../operations/fieldTemplate';
import { dropdownOptions, fetchTemplate } from '../operations/fieldTemplate';
import { findResource } from '../operations/resources';
import { pipelineChoices, readPipelines, stageChoices } from './pipelines';

/**
 * The column type for a template field: a dropdown when the template lists options, a
 * multi-select for a Multiple select. Either still takes text or a list from an expression
 * (values.ts matches option ids and labels).
 */
function columnType(descriptor: FieldDescriptor, hasOptions: boolean): MapperColumnType {
	const type = (descriptor.type ?? '').toLowerCase();
	if (type === 'multiple select') return hasOptions ? 'multiOptions' : 'string';
	if (hasOptions) return 'options';
	switch (type) {
		case 'number':
		case 'percentage':
			return 'number';
		case 'date':
		case 'date time':
			return 'dateTime';
		default:
			return 'string';
	}
}

/** Pipelines and stages are not always in the deal template's dropdowns; fill them from their own routes. */
async function pipelineOptions(this: ILoadOptionsFunctions): Promise<Record<string, INodePropertyOptions[]>> {
	const pipelines = await readPipelines.call(this);
	return { crm_pipeline_id: pipelineChoices(pipelines), crm_stage_id: await stageChoices.call(this, pipelines) };
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
		const alias = descriptor.name_alias && descriptor.name_alias !== descriptor.name ? descriptor.name_alias : descriptor.name;
		const type = columnType(descriptor, Boolean(options?.length));
		// A Multiple select whose options the template does not list is typed as text.
		const typedList = type === 'string' && (descriptor.type ?? '').toLowerCase() === 'multiple select';
		return mapperColumn({
			id: descriptor.name,
			displayName: `${alias}${descriptor.id !== null ? ' (custom)' : ''}${typedList ? ' (comma-separated option IDs)' : ''}`,
			required: requiresFields && descriptor.required === true,
			type,
			options,
		});
	});
	return { fields };
}
