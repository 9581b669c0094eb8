/**
 * The modules the simulated instance exposes, described as vtiger 7's `describe` reports them
 * (include/Webservices/DescribeObject.php and VtigerModuleOperation.php of vtiger 7.5.0,
 * https://github.com/IT-Solutions4You/defalto/tree/1bb03aedbc28890ed45b575190f59738d8de923a):
 * entity type ids of a stock install, mandatory and editable flags, picklists, reference and owner
 * fields, and the synthetic `id` last.
 */

export interface FieldSpec {
	name: string;
	label: string;
	type: string;
	mandatory?: boolean;
	editable?: boolean;
	picklist?: string[];
	refersTo?: string[];
}

export interface ModuleSpec {
	name: string;
	label: string;
	singular: string;
	idPrefix: string;
	isEntity: boolean;
	labelFields: string;
	fields: FieldSpec[];
	/** relationLabel → related module */
	relations: Record<string, string>;
	/** Field that holds the autonumber, e.g. contact_no, and its prefix. */
	autonumber?: { field: string; prefix: string };
}

const common = (numberField: string, numberLabel: string): FieldSpec[] => [
	{ name: 'assigned_user_id', label: 'Assigned To', type: 'owner', mandatory: true },
	{ name: numberField, label: numberLabel, type: 'string', editable: false },
	{ name: 'createdtime', label: 'Created Time', type: 'datetime', editable: false },
	{ name: 'modifiedtime', label: 'Modified Time', type: 'datetime', editable: false },
	{ name: 'modifiedby', label: 'Last Modified By', type: 'reference', editable: false, refersTo: ['Users'] },
	{ name: 'description', label: 'Description', type: 'text' },
];

const LEAD_SOURCES = ['Cold Call', 'Existing Customer', 'Self Generated', 'Employee', 'Partner', 'Web Site', 'Trade Show'];

export const MODULES: ModuleSpec[] = [
	{
		name: 'Leads',
		label: 'Leads',
		singular: 'Lead',
		idPrefix: '10',
		isEntity: true,
		labelFields: 'firstname,lastname',
		autonumber: { field: 'lead_no', prefix: 'LEA' },
		relations: {},
		fields: [
			{ name: 'salutationtype', label: 'Salutation', type: 'picklist', picklist: ['--None--', 'Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'] },
			{ name: 'firstname', label: 'First Name', type: 'string' },
			{ name: 'lastname', label: 'Last Name', type: 'string', mandatory: true },
			{ name: 'company', label: 'Company', type: 'string' },
			{ name: 'email', label: 'Primary Email', type: 'email' },
			{ name: 'phone', label: 'Primary Phone', type: 'phone' },
			{ name: 'leadstatus', label: 'Lead Status', type: 'picklist', picklist: ['--None--', 'Attempted to Contact', 'Cold', 'Contact in Future', 'Contacted', 'Hot', 'Junk Lead', 'Lost Lead', 'Not Contacted', 'Pre Qualified', 'Qualified', 'Warm'] },
			{ name: 'leadsource', label: 'Lead Source', type: 'picklist', picklist: LEAD_SOURCES },
			{ name: 'annualrevenue', label: 'Annual Revenue', type: 'currency' },
			{ name: 'noofemployees', label: 'Number of Employees', type: 'integer' },
			...common('lead_no', 'Lead Number'),
		],
	},
	{
		name: 'Accounts',
		label: 'Organizations',
		singular: 'Organization',
		idPrefix: '11',
		isEntity: true,
		labelFields: 'accountname',
		autonumber: { field: 'account_no', prefix: 'ACC' },
		relations: { Contacts: 'Contacts', Potentials: 'Potentials' },
		fields: [
			{ name: 'accountname', label: 'Organization Name', type: 'string', mandatory: true },
			{ name: 'website', label: 'Website', type: 'url' },
			{ name: 'phone', label: 'Phone', type: 'phone' },
			{ name: 'industry', label: 'Industry', type: 'picklist', picklist: ['--None--', 'Banking', 'Consulting', 'Education', 'Finance', 'Manufacturing', 'Retail', 'Technology'] },
			{ name: 'annual_revenue', label: 'Annual Revenue', type: 'currency' },
			{ name: 'employees', label: 'Employees', type: 'integer' },
			{ name: 'account_id', label: 'Member Of', type: 'reference', refersTo: ['Accounts'] },
			{ name: 'emailoptout', label: 'Email Opt Out', type: 'boolean' },
			...common('account_no', 'Organization Number'),
		],
	},
	{
		name: 'Contacts',
		label: 'Contacts',
		singular: 'Contact',
		idPrefix: '12',
		isEntity: true,
		labelFields: 'firstname,lastname',
		autonumber: { field: 'contact_no', prefix: 'CON' },
		relations: { Potentials: 'Potentials' },
		fields: [
			{ name: 'salutationtype', label: 'Salutation', type: 'picklist', picklist: ['--None--', 'Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'] },
			{ name: 'firstname', label: 'First Name', type: 'string' },
			{ name: 'lastname', label: 'Last Name', type: 'string', mandatory: true },
			{ name: 'email', label: 'Email', type: 'email' },
			{ name: 'phone', label: 'Office Phone', type: 'phone' },
			{ name: 'mobile', label: 'Mobile', type: 'phone' },
			{ name: 'account_id', label: 'Organization Name', type: 'reference', refersTo: ['Accounts'] },
			{ name: 'birthday', label: 'Birthdate', type: 'date' },
			{ name: 'leadsource', label: 'Lead Source', type: 'picklist', picklist: LEAD_SOURCES },
			{ name: 'tags', label: 'Tags', type: 'multipicklist', picklist: ['VIP', 'Newsletter', 'Partner', 'Reseller'] },
			{ name: 'emailoptout', label: 'Email Opt Out', type: 'boolean' },
			{ name: 'reminder_time', label: 'Call Back At', type: 'datetime' },
			...common('contact_no', 'Contact Id'),
			{ name: 'imagename', label: 'Contact Image', type: 'image', editable: false },
		],
	},
	{
		name: 'Potentials',
		label: 'Opportunities',
		singular: 'Opportunity',
		idPrefix: '13',
		isEntity: true,
		labelFields: 'potentialname',
		autonumber: { field: 'potential_no', prefix: 'POT' },
		relations: { Contacts: 'Contacts' },
		fields: [
			{ name: 'potentialname', label: 'Opportunity Name', type: 'string', mandatory: true },
			{ name: 'amount', label: 'Amount', type: 'currency' },
			{ name: 'related_to', label: 'Organization Name', type: 'reference', refersTo: ['Accounts'] },
			{ name: 'contact_id', label: 'Contact Name', type: 'reference', refersTo: ['Contacts'] },
			{ name: 'closingdate', label: 'Expected Close Date', type: 'date', mandatory: true },
			{ name: 'sales_stage', label: 'Sales Stage', type: 'picklist', mandatory: true, picklist: ['Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Id. Decision Makers', 'Perception Analysis', 'Proposal or Price Quote', 'Negotiation or Review', 'Closed Won', 'Closed Lost'] },
			{ name: 'probability', label: 'Probability', type: 'double' },
			{ name: 'leadsource', label: 'Lead Source', type: 'picklist', picklist: LEAD_SOURCES },
			...common('potential_no', 'Opportunity Number'),
		],
	},
];

/** Non-entity types listtypes also reports; only some operations work on them. */
export const NON_ENTITY_TYPES = [
	{ name: 'Users', label: 'Users', singular: 'User', idPrefix: '19' },
	{ name: 'Groups', label: 'Groups', singular: 'Group', idPrefix: '20' },
	{ name: 'Currency', label: 'Currency', singular: 'Currency', idPrefix: '21' },
];

export const USERS = [
	{ id: '19x1', user_name: 'admin', first_name: '', last_name: 'Administrator', status: 'Active', is_admin: 'on' },
	{ id: '19x5', user_name: 'budi', first_name: 'Budi', last_name: 'Santoso', status: 'Active', is_admin: 'off' },
];

export const GROUPS = [{ id: '20x3', groupname: 'Team Selling' }, { id: '20x4', groupname: 'Marketing Group' }];

export function findModule(name: string): ModuleSpec | undefined {
	return MODULES.find((module) => module.name.toLowerCase() === name.toLowerCase());
}

export function moduleByPrefix(prefix: string): ModuleSpec | undefined {
	return MODULES.find((module) => module.idPrefix === prefix);
}

export function describeModule(module: ModuleSpec) {
	const fields = module.fields.map((field) => {
		const type: Record<string, unknown> = { name: field.type };
		if (field.picklist) {
			type.picklistValues = field.picklist.map((value) => ({ label: value, value }));
			type.defaultValue = field.picklist[0];
		}
		if (field.refersTo) type.refersTo = field.refersTo;
		if (field.type === 'date') type.format = 'dd-mm-yyyy';
		return {
			name: field.name,
			label: field.label,
			mandatory: field.mandatory === true,
			type,
			isunique: false,
			nullable: field.mandatory !== true,
			editable: field.editable !== false,
			default: '',
		};
	});
	fields.push({
		name: 'id',
		label: `${module.singular} ID`,
		mandatory: false,
		type: { name: 'autogenerated' },
		isunique: false,
		nullable: false,
		editable: false,
		default: '',
	});
	return {
		label: module.label,
		name: module.name,
		createable: true,
		updateable: true,
		deleteable: true,
		retrieveable: true,
		fields,
		idPrefix: module.idPrefix,
		isEntity: true,
		allowDuplicates: true,
		labelFields: module.labelFields,
	};
}
