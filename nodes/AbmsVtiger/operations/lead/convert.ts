import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { formatCalendarDate, requireCalendarDate } from '../../../shared/calendarDate';
import type { ExecutionContext } from '../context';
import { recordIdParameter, wsId } from '../inputs';
import { recordLocator, show } from '../properties';
import { request } from '../request';

const displayOptions = show('lead', ['convert']);
const when = (name: string) => ({ show: { ...displayOptions.show, [name]: [true] } });

export const description: INodeProperties[] = [
	recordLocator(displayOptions, 'Lead ID', 'The lead to convert, as a vtiger ID like 10x345'),
	{
		displayName: 'Create Organization',
		name: 'createAccount',
		type: 'boolean',
		default: true,
		description: 'Whether to create an organization (Accounts) from the lead',
		displayOptions,
	},
	{
		displayName: 'Organization Name',
		name: 'accountName',
		type: 'string',
		default: '',
		description: 'Leave empty to use the lead’s company',
		displayOptions: when('createAccount'),
	},
	{
		displayName: 'Create Contact',
		name: 'createContact',
		type: 'boolean',
		default: true,
		description: 'Whether to create a contact from the lead (names and e-mail come from the lead)',
		displayOptions,
	},
	{
		displayName: 'Create Opportunity',
		name: 'createPotential',
		type: 'boolean',
		default: false,
		description: 'Whether to create an opportunity (Potentials) as well',
		displayOptions,
	},
	{
		displayName: 'Opportunity Name',
		name: 'potentialName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: when('createPotential'),
	},
	{
		displayName: 'Expected Close Date',
		name: 'closingDate',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: when('createPotential'),
	},
	{
		displayName: 'Sales Stage Name or ID',
		name: 'salesStage',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSalesStages' },
		default: '',
		required: true,
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: when('createPotential'),
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		default: 0,
		displayOptions: when('createPotential'),
	},
	{
		displayName: 'Options',
		name: 'convertOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Assigned To Name or ID',
				name: 'assignedTo',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getOwners' },
				default: '',
				description: 'Owner of the new records (default: the lead’s owner). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Move Related Records To',
				name: 'transferRelatedRecordsTo',
				type: 'options',
				default: 'Contacts',
				description: 'Which new record takes over the lead’s activities, documents and other related records',
				options: [
					{ name: 'Contact', value: 'Contacts' },
					{ name: 'Organization', value: 'Accounts' },
				],
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext) {
	const node = this.getNode();
	const leadId = await recordIdParameter.call(this, context, itemIndex, 'Leads');
	const entities: IDataObject = {};
	if (this.getNodeParameter('createAccount', itemIndex, true)) {
		const accountname = String(this.getNodeParameter('accountName', itemIndex, '') ?? '').trim();
		entities.Accounts = { create: true, name: 'Accounts', ...(accountname ? { accountname } : {}) };
	}
	if (this.getNodeParameter('createContact', itemIndex, true)) entities.Contacts = { create: true, name: 'Contacts' };
	if (this.getNodeParameter('createPotential', itemIndex, false)) {
		const potentialname = String(this.getNodeParameter('potentialName', itemIndex, '') ?? '').trim();
		const salesStage = String(this.getNodeParameter('salesStage', itemIndex, '') ?? '').trim();
		if (!potentialname || !salesStage) {
			throw new NodeOperationError(node, `'${potentialname ? 'Sales Stage' : 'Opportunity Name'}' is required to create an opportunity`, { itemIndex });
		}
		const closing = requireCalendarDate(node, this.getNodeParameter('closingDate', itemIndex, ''), 'Expected Close Date', itemIndex, this.getTimezone());
		entities.Potentials = {
			create: true,
			name: 'Potentials',
			potentialname,
			closingdate: formatCalendarDate(closing, 'YYYY-MM-DD'),
			sales_stage: salesStage,
			amount: String(this.getNodeParameter('amount', itemIndex, 0)),
		};
	}
	if (!entities.Accounts && !entities.Contacts) {
		throw new NodeOperationError(node, 'Converting a lead needs an organization or a contact', {
			itemIndex,
			description: "Turn on 'Create Organization' or 'Create Contact'.",
		});
	}
	const options = this.getNodeParameter('convertOptions', itemIndex, {}) as IDataObject;
	const element: IDataObject = { leadId, entities };
	if (options.assignedTo) element.assignedTo = await wsId.call(this, context, itemIndex, { value: options.assignedTo, field: 'Assigned To' });
	if (options.transferRelatedRecordsTo) element.transferRelatedRecordsTo = options.transferRelatedRecordsTo;
	const result = (await request.call(this, context, itemIndex, {
		operation: 'convertlead',
		method: 'POST',
		params: { element },
		subject: `lead ${leadId}`,
	})) as IDataObject;
	return { leadId, ...result };
}
