import type { IDataObject } from 'n8n-workflow';

import { orderBy, orderDirection, searchQuery } from './listFilters';
import type { ChatField, ChatResource } from './types';

const STATUSES = ['APPROVED', 'PENDING', 'REJECTED', 'IN_APPEAL', 'PENDING_DELETION', 'DELETED', 'DISABLED'].map((value) => ({
	name: value.charAt(0) + value.slice(1).toLowerCase().replace('_', ' '),
	value,
}));

const templateFields: ChatField[] = [
	{ key: 'name', label: 'Name', kind: 'string', required: true, placeholder: 'order_update', description: 'Lower case letters, digits and underscores, as WhatsApp requires' },
	{ key: 'category', label: 'Category Name or ID', kind: 'options', required: true, loadOptionsMethod: 'getTemplateCategories', description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>' },
	{ key: 'language', label: 'Language Name or ID', kind: 'options', required: true, loadOptionsMethod: 'getTemplateLanguages', description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>' },
	{ key: 'bodyText', label: 'Body', kind: 'string', required: true, placeholder: 'Hello {{1}}, your order {{2}} has been shipped.', description: 'Message text; {{1}}, {{2}}… are filled in per broadcast' },
	{
		key: 'headerFormat',
		label: 'Header',
		kind: 'options',
		options: [
			{ name: 'Document', value: 'DOCUMENT' },
			{ name: 'Image', value: 'IMAGE' },
			{ name: 'Text', value: 'TEXT' },
			{ name: 'Video', value: 'VIDEO' },
		],
		default: 'IMAGE',
		description: 'A media header is attached per broadcast; a text header is fixed',
	},
	{ key: 'headerText', label: 'Header Text', kind: 'string', description: 'Only for a Text header' },
	{ key: 'footerText', label: 'Footer', kind: 'string' },
	{
		key: 'buttons',
		label: 'Buttons (JSON)',
		kind: 'json',
		placeholder: '[{ "type": "QUICK_REPLY", "text": "Yes" }]',
		description: 'WhatsApp button components, as Qontak takes them',
	},
];

/** Qontak nests the WhatsApp components under attributes, one entry per language. */
function templateBody({ name, category, language, bodyText, headerFormat, headerText, footerText, buttons }: IDataObject): IDataObject {
	const components: IDataObject[] = [];
	if (headerFormat) components.push(headerFormat === 'TEXT' ? { type: 'HEADER', format: 'TEXT', text: headerText ?? '' } : { type: 'HEADER', format: headerFormat });
	components.push({ type: 'BODY', text: bodyText });
	if (footerText) components.push({ type: 'FOOTER', text: footerText });
	if (Array.isArray(buttons) && buttons.length) components.push({ type: 'BUTTONS', buttons: buttons as IDataObject[] });
	return { name, category, attributes: [{ components, language }] };
}

export const whatsappTemplate: ChatResource = {
	value: 'template',
	name: 'Template',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many WhatsApp templates',
			method: 'GET',
			path: '/templates/whatsapp',
			list: 'paged',
			query: [
				searchQuery('Only templates whose name contains this text'),
				{ key: 'status', label: 'Status', kind: 'options', options: STATUSES, default: 'APPROVED' },
				{ key: 'category', label: 'Categories', kind: 'list', placeholder: 'MARKETING, UTILITY', description: 'Comma-separated template categories' },
				orderBy,
				orderDirection,
			],
			openApi: true,
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a WhatsApp template',
			method: 'GET',
			path: '/templates/{id}/whatsapp',
			pathParams: [{ token: 'id', locator: 'template' }],
			openApi: true,
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create a WhatsApp template',
			description: 'Submit a template to WhatsApp for approval; it starts as PENDING',
			method: 'POST',
			path: '/templates/whatsapp',
			body: templateFields,
			shapeBody: (fields) => ({ ...templateBody(fields), hsm: false }),
			openApi: true,
		},
		{
			value: 'createHsmChat',
			name: 'Create HSM Chat',
			action: 'Create an HSM chat template',
			description: 'A template agents use to reopen an expired conversation',
			method: 'POST',
			path: '/templates/whatsapp/hsm_chat',
			body: templateFields,
			shapeBody: (fields) => ({ ...templateBody(fields), hsm: true }),
			openApi: true,
		},
		{
			value: 'getCategories',
			name: 'Get Categories',
			action: 'Get the template categories',
			method: 'GET',
			path: '/templates/category',
			openApi: true,
		},
		{
			value: 'getLanguages',
			name: 'Get Languages',
			action: 'Get the template languages',
			description: 'Language codes a template can be written in (short list)',
			method: 'GET',
			path: '/templates/language',
			openApi: true,
		},
		{
			value: 'getLanguageList',
			name: 'Get Language List',
			action: 'Get the full template language list',
			description: 'Every language Qontak knows, with its ID and code',
			method: 'GET',
			path: '/templates/languages',
			openApi: true,
		},
	],
};
