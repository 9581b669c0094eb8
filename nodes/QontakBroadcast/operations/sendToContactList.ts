import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemResult } from '../../shared/itemLoop';
import { requireInstant } from '../../shared/calendarDate';
import { trimmedText } from '../../shared/parseInput';
import { chatRequest } from '../transport';
import { locatorProperty, readId } from './locators';
import { mappedTemplateValues, requireApproved, templateParametersProperty } from './templateMapping';
import { buildDirectParameters, templateLabel, templatePlaceholders } from './templateParameters';
import type { ExecutionContext } from './types';

const show = { show: { resource: ['broadcast'], operation: ['sendToContactList'] } };

export const sendToContactListProperties: INodeProperties[] = [
	locatorProperty('whatsAppChannel', show),
	locatorProperty('approvedTemplate', show),
	locatorProperty('contactList', show),
	{
		displayName: 'Broadcast Name',
		name: 'broadcastName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Lebaran Promo 2025',
		description: 'The campaign name shown in Qontak',
		displayOptions: show,
	},
	templateParametersProperty(
		'sendToContactList',
		'For each body placeholder, the contact-list column that fills it (full_name, phone_number or an extra column of the uploaded file); header and button values are sent as written',
	),
	{
		displayName: 'Options',
		name: 'bulkOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Send At',
				name: 'sendAt',
				type: 'dateTime',
				default: '',
				description: 'Schedule the broadcast instead of sending it now',
			},
		],
	},
];

/** A processed list and the columns its placeholders may use. */
async function readyListColumns(this: IExecuteFunctions, listId: string, itemIndex: number, context: ExecutionContext): Promise<string[]> {
	const response = await chatRequest.call(this, {
		method: 'GET',
		path: `/contacts/contact_lists/${encodeURIComponent(listId)}`,
		itemIndex,
		timeoutMs: context.timeoutMs,
		maxRetries: context.maxRetries,
	});
	const list = (response.data ?? {}) as IDataObject;
	if (list.progress !== 'success') {
		throw new NodeOperationError(this.getNode(), `Contact list ${String(list.name ?? listId)} is ${String(list.progress ?? 'not ready')}`, {
			itemIndex,
			description:
				list.progress === 'processing'
					? 'Qontak is still reading the uploaded file. Wait until its progress is success (Contact List → Get, or Create with Wait Until Ready) and run this again.'
					: `Qontak could not read the list: ${JSON.stringify(list.error_messages ?? {})}. Upload a corrected file.`,
		});
	}
	return ['full_name', 'phone_number', ...((list.contact_variables ?? []) as string[])];
}

/** POST /broadcasts/whatsapp: one campaign to every contact of an uploaded list. */
export async function sendToContactList(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext): Promise<ItemResult> {
	const node = this.getNode();
	const name = trimmedText(this.getNodeParameter('broadcastName', itemIndex, ''));
	if (name === '') throw new NodeOperationError(node, "'Broadcast Name' is required", { itemIndex });
	const channelId = readId.call(this, 'whatsAppChannel', itemIndex);
	const listId = readId.call(this, 'contactList', itemIndex);
	const template = await context.template(readId.call(this, 'approvedTemplate', itemIndex), itemIndex);
	requireApproved.call(this, template, itemIndex);

	const values = mappedTemplateValues.call(this, template, itemIndex);
	const parameters = buildDirectParameters(node, template, values, itemIndex);
	const columns = await readyListColumns.call(this, listId, itemIndex, context);
	const body = ((parameters.body ?? []) as IDataObject[]).map(({ key, value_text: column }) => {
		if (!columns.includes(String(column))) {
			const placeholder = templatePlaceholders(template).find((p) => p.id === `body_${String(key)}`);
			throw new NodeOperationError(node, `The contact list has no column '${String(column)}' for ${placeholder?.displayName ?? `body {{${String(key)}}}`}`, {
				itemIndex,
				description: `In a list broadcast each body placeholder names a column of the list. Columns of this list: ${columns.join(', ')}.`,
			});
		}
		return { key, value: column };
	});
	if (body.length) parameters.body = body;

	const options = this.getNodeParameter('bulkOptions', itemIndex, {}) as IDataObject;
	const schedule = options.sendAt
		? { execute_type: 'specific', send_at: requireInstant(node, options.sendAt, 'Send At', itemIndex, this.getTimezone()).toISOString() }
		: { execute_type: 'immediately' };
	const response = await chatRequest.call(this, {
		method: 'POST',
		path: '/broadcasts/whatsapp',
		body: {
			name,
			message_template_id: template.id,
			contact_list_id: listId,
			channel_integration_id: channelId,
			language: { code: template.language },
			parameters,
			...schedule,
		},
		itemIndex,
		timeoutMs: context.timeoutMs,
		maxRetries: Math.max(context.maxRetries, 3),
		retryPleaseWait: true,
		checkBeforeRetry: `Look for the broadcast "${name}" (template ${templateLabel(template)}) in Broadcast → Get Many before sending it again.`,
	});
	return (response.data ?? {}) as IDataObject;
}
