import type { IDataObject, ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { trimmedText } from '../../shared/parseInput';
import { mapperColumn } from '../../shared/resourceMapper';
import { templatePlaceholders } from '../operations/templateParameters';
import { chatRequest } from '../transport';

/** The chosen template's placeholders, as fields to map: they appear once a template is picked. */
export async function getTemplateParameters(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const templateId = trimmedText(this.getNodeParameter('messageTemplateId', '', { extractValue: true }));
	if (templateId === '') return { fields: [], emptyFieldsNotice: 'Pick a template first: its placeholders appear here.' };
	const body = await chatRequest.call(this, { method: 'GET', path: `/templates/${encodeURIComponent(templateId)}/whatsapp` });
	const template = (body.data ?? {}) as IDataObject;
	const forList = this.getNodeParameter('operation', '') === 'sendToContactList';
	const fields = templatePlaceholders(template).map((placeholder) =>
		mapperColumn({
			id: placeholder.id,
			displayName: forList && placeholder.kind === 'body' ? `${placeholder.displayName} (Column Name)` : placeholder.displayName,
			required: placeholder.required,
			type: 'string',
		}),
	);
	return { fields, emptyFieldsNotice: `Template ${String(template.name ?? templateId)} has no placeholders: nothing to map.` };
}
