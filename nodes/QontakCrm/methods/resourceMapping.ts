import type {
	FieldType,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { mapperColumn } from '../../shared/resourceMapper';
import type { FieldDescriptor } from '../operations/fieldTemplate';
import { dropdownOptions, fetchTemplate } from '../operations/fieldTemplate';
import { findResource } from '../operations/resources';
import { pipelineChoices, readPipelines, stageChoices } from './pipelines';

/** How many of a Multiple select's options its column names; a wrong one's error lists more. */
const NAMED_CHOICES = 5;

/**
 * The column type for a template field: a dropdown when the template lists options. A Multiple
 * select is a text column, as n8n's mapper cannot hold a multi-select's list (mapperColumn): its
 * choices are typed comma-separated, by label or ID (values.ts matches both).
 */
function columnType(descriptor: FieldDescriptor, hasOptions: boolean): FieldType {
	const type = (descriptor.type ?? '').toLowerCase();
	if (type === 'multiple select') return 'string';
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

/** What a Multiple select's column label adds: how to give several choices, and which there are. */
function multipleSelectHint(options: INodePropertyOptions[] | undefined): string {
	if (!options?.length) return ' (comma-separated option IDs)';
	const named = options.slice(0, NAMED_CHOICES).map((option) => option.name).join(', ');
	return ` (comma-separated: ${named}${options.length > NAMED_CHOICES ? ', …' : ''})`;
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
		const multiple = (descriptor.type ?? '').toLowerCase() === 'multiple select';
		return mapperColumn({
			id: descriptor.name,
			displayName: `${alias}${descriptor.id !== null ? ' (custom)' : ''}${multiple ? multipleSelectHint(options) : ''}`,
			required: requiresFields && descriptor.required === true,
			type: columnType(descriptor, Boolean(options?.length)),
			options,
		});
	});
	return { fields };
}
