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
	/** Labels when they differ from the values (hdnTaxType). */
	picklistLabels?: string[];
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
	/** Quotes, SalesOrder, Invoice and PurchaseOrder: records with line items (VtigerInventoryOperation). */
	inventory?: boolean;
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

/**
 * What every inventory module carries since vtiger 6 (modules/Migration/schema/540_to_600RC.php of
 * vtiger 7.5.0): the hidden total and tax-mode fields (displaytype 3, so describe reports them
 * editable although vtiger recomputes the totals) and the line-item columns of
 * vtiger_inventoryproductrel, whose productid, quantity and listprice are typed mandatory (V~M).
 * hdnTaxType's values are hard-coded in include/Webservices/WebserviceField.php.
 */
export const LINE_ITEM_COLUMNS = ['productid', 'quantity', 'listprice', 'comment', 'discount_amount', 'discount_percent', 'tax1', 'tax2', 'tax3'];

const inventory = (numberField: string, numberLabel: string): FieldSpec[] => [
	{ name: 'hdnTaxType', label: 'Tax Type', type: 'picklist', picklist: ['individual', 'group'], picklistLabels: ['Individual', 'Group'] },
	{ name: 'hdnDiscountPercent', label: 'Discount Percent', type: 'double' },
	{ name: 'hdnDiscountAmount', label: 'Discount Amount', type: 'currency' },
	{ name: 'hdnS_H_Amount', label: 'S&H Amount', type: 'currency' },
	{ name: 'txtAdjustment', label: 'Adjustment', type: 'currency' },
	{ name: 'hdnSubTotal', label: 'Sub Total', type: 'currency' },
	{ name: 'pre_tax_total', label: 'Pre Tax Total', type: 'currency' },
	{ name: 'hdnGrandTotal', label: 'Total', type: 'currency' },
	{ name: 'productid', label: 'Item Name', type: 'reference', mandatory: true, refersTo: ['Products', 'Services'] },
	{ name: 'quantity', label: 'Quantity', type: 'double', mandatory: true },
	{ name: 'listprice', label: 'List Price', type: 'currency', mandatory: true },
	{ name: 'comment', label: 'Item Comment', type: 'text' },
	{ name: 'discount_amount', label: 'Item Discount Amount', type: 'currency' },
	{ name: 'discount_percent', label: 'Item Discount Percent', type: 'double' },
	{ name: 'tax1', label: 'VAT', type: 'double' },
	{ name: 'tax2', label: 'Sales', type: 'double' },
	{ name: 'tax3', label: 'Service', type: 'double' },
	...common(numberField, numberLabel),
];

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
	{
		name: 'HelpDesk',
		label: 'Tickets',
		singular: 'Ticket',
		idPrefix: '17',
		isEntity: true,
		labelFields: 'ticket_title',
		autonumber: { field: 'ticket_no', prefix: 'TT' },
		relations: {},
		fields: [
			{ name: 'ticket_title', label: 'Title', type: 'string', mandatory: true },
			// uitype 68: an organization or a contact.
			{ name: 'parent_id', label: 'Related To', type: 'reference', refersTo: ['Accounts', 'Contacts'] },
			{ name: 'ticketstatus', label: 'Status', type: 'picklist', mandatory: true, picklist: ['Open', 'In Progress', 'Wait For Response', 'Closed'] },
			{ name: 'ticketpriorities', label: 'Priority', type: 'picklist', picklist: ['Low', 'Normal', 'High', 'Urgent'] },
			...common('ticket_no', 'Ticket No'),
		],
	},
	{
		name: 'Vendors',
		label: 'Vendors',
		singular: 'Vendor',
		idPrefix: '2',
		isEntity: true,
		labelFields: 'vendorname',
		autonumber: { field: 'vendor_no', prefix: 'VEN' },
		relations: {},
		fields: [
			{ name: 'vendorname', label: 'Vendor Name', type: 'string', mandatory: true },
			{ name: 'email', label: 'Email', type: 'email' },
			{ name: 'phone', label: 'Phone', type: 'phone' },
			...common('vendor_no', 'Vendor Number'),
		],
	},
	{
		name: 'Products',
		label: 'Products',
		singular: 'Product',
		idPrefix: '14',
		isEntity: true,
		labelFields: 'productname',
		autonumber: { field: 'product_no', prefix: 'PRO' },
		relations: {},
		fields: [
			{ name: 'productname', label: 'Product Name', type: 'string', mandatory: true },
			{ name: 'productcode', label: 'Part Number', type: 'string' },
			{ name: 'discontinued', label: 'Product Active', type: 'boolean' },
			{ name: 'productcategory', label: 'Product Category', type: 'picklist', picklist: ['--None--', 'Hardware', 'Software', 'CRM Applications'] },
			{ name: 'unit_price', label: 'Unit Price', type: 'currency' },
			{ name: 'qtyinstock', label: 'Qty In Stock', type: 'double' },
			{ name: 'usageunit', label: 'Usage Unit', type: 'picklist', picklist: ['Box', 'Carton', 'Dozen', 'Each', 'Hours', 'Impressions', 'Lb', 'M', 'Pack', 'Pages', 'Pieces', 'Quantity', 'Reams', 'Sheet', 'Spiral Binder', 'Sq Ft'] },
			...common('product_no', 'Product No'),
		],
	},
	{
		name: 'Services',
		label: 'Services',
		singular: 'Service',
		idPrefix: '25',
		isEntity: true,
		labelFields: 'servicename',
		autonumber: { field: 'service_no', prefix: 'SER' },
		relations: {},
		fields: [
			{ name: 'servicename', label: 'Service Name', type: 'string', mandatory: true },
			{ name: 'discontinued', label: 'Service Active', type: 'boolean' },
			{ name: 'servicecategory', label: 'Service Category', type: 'picklist', picklist: ['--None--', 'Support', 'Installation', 'Migration', 'Customization', 'Training'] },
			{ name: 'unit_price', label: 'Price', type: 'currency' },
			{ name: 'service_usageunit', label: 'Usage Unit', type: 'picklist', picklist: ['Hours', 'Days', 'Incidents'] },
			...common('service_no', 'Service No'),
		],
	},
	{
		name: 'Quotes',
		label: 'Quotes',
		singular: 'Quote',
		idPrefix: '4',
		isEntity: true,
		labelFields: 'subject',
		autonumber: { field: 'quote_no', prefix: 'QUO' },
		inventory: true,
		relations: {},
		fields: [
			{ name: 'subject', label: 'Subject', type: 'string', mandatory: true },
			{ name: 'quotestage', label: 'Quote Stage', type: 'picklist', mandatory: true, picklist: ['Created', 'Delivered', 'Reviewed', 'Accepted', 'Rejected'] },
			{ name: 'validtill', label: 'Valid Till', type: 'date' },
			{ name: 'potential_id', label: 'Opportunity Name', type: 'reference', refersTo: ['Potentials'] },
			{ name: 'contact_id', label: 'Contact Name', type: 'reference', refersTo: ['Contacts'] },
			{ name: 'account_id', label: 'Organization Name', type: 'reference', mandatory: true, refersTo: ['Accounts'] },
			...inventory('quote_no', 'Quote Number'),
		],
	},
	{
		name: 'PurchaseOrder',
		label: 'Purchase Orders',
		singular: 'Purchase Order',
		idPrefix: '5',
		isEntity: true,
		labelFields: 'subject',
		autonumber: { field: 'purchaseorder_no', prefix: 'PO' },
		inventory: true,
		relations: {},
		fields: [
			{ name: 'subject', label: 'Subject', type: 'string', mandatory: true },
			{ name: 'vendor_id', label: 'Vendor Name', type: 'reference', mandatory: true, refersTo: ['Vendors'] },
			{ name: 'postatus', label: 'Status', type: 'picklist', mandatory: true, picklist: ['Created', 'Approved', 'Delivered', 'Cancelled', 'Received Shipment'] },
			{ name: 'contact_id', label: 'Contact Name', type: 'reference', refersTo: ['Contacts'] },
			{ name: 'duedate', label: 'Due Date', type: 'date' },
			...inventory('purchaseorder_no', 'Purchase Order Number'),
		],
	},
	{
		name: 'SalesOrder',
		label: 'Sales Orders',
		singular: 'Sales Order',
		idPrefix: '6',
		isEntity: true,
		labelFields: 'subject',
		autonumber: { field: 'salesorder_no', prefix: 'SO' },
		inventory: true,
		relations: {},
		fields: [
			{ name: 'subject', label: 'Subject', type: 'string', mandatory: true },
			{ name: 'sostatus', label: 'Status', type: 'picklist', mandatory: true, picklist: ['Created', 'Approved', 'Delivered', 'Cancelled'] },
			{ name: 'quote_id', label: 'Quote Name', type: 'reference', refersTo: ['Quotes'] },
			{ name: 'contact_id', label: 'Contact Name', type: 'reference', refersTo: ['Contacts'] },
			{ name: 'account_id', label: 'Organization Name', type: 'reference', mandatory: true, refersTo: ['Accounts'] },
			{ name: 'duedate', label: 'Due Date', type: 'date' },
			...inventory('salesorder_no', 'Sales Order Number'),
		],
	},
	{
		name: 'Invoice',
		label: 'Invoices',
		singular: 'Invoice',
		idPrefix: '7',
		isEntity: true,
		labelFields: 'subject',
		autonumber: { field: 'invoice_no', prefix: 'INV' },
		inventory: true,
		relations: {},
		fields: [
			{ name: 'subject', label: 'Subject', type: 'string', mandatory: true },
			{ name: 'invoicestatus', label: 'Status', type: 'picklist', picklist: ['AutoCreated', 'Created', 'Approved', 'Sent', 'Credit Invoice', 'Paid', 'Cancel'] },
			{ name: 'salesorder_id', label: 'Sales Order', type: 'reference', refersTo: ['SalesOrder'] },
			{ name: 'contact_id', label: 'Contact Name', type: 'reference', refersTo: ['Contacts'] },
			{ name: 'account_id', label: 'Organization Name', type: 'reference', mandatory: true, refersTo: ['Accounts'] },
			{ name: 'invoicedate', label: 'Invoice Date', type: 'date' },
			...inventory('invoice_no', 'Invoice No'),
		],
	},
];

/** Non-entity types listtypes also reports; only some operations work on them. */
export const NON_ENTITY_TYPES = [
	{ name: 'Users', label: 'Users', singular: 'User', idPrefix: '19' },
	{ name: 'Groups', label: 'Groups', singular: 'Group', idPrefix: '20' },
	{ name: 'Currency', label: 'Currency', singular: 'Currency', idPrefix: '21' },
	{ name: 'LineItem', label: 'LineItem', singular: 'LineItem', idPrefix: '33' },
	{ name: 'Tax', label: 'Tax', singular: 'Tax', idPrefix: '34' },
];

/**
 * A stock install's item taxes (vtiger_inventorytaxinfo, modules/Users/DefaultDataPopulator.php of
 * vtiger 7.5.0): VAT 4.5 %, Sales 10 %, Service 12.5 %, each a tax<N> column of the line items.
 */
export const TAXES = [
	{ taxid: '1', taxname: 'tax1', taxlabel: 'VAT', percentage: '4.500' },
	{ taxid: '2', taxname: 'tax2', taxlabel: 'Sales', percentage: '10.000' },
	{ taxid: '3', taxname: 'tax3', taxlabel: 'Service', percentage: '12.500' },
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
			type.picklistValues = field.picklist.map((value, index) => ({ label: field.picklistLabels?.[index] ?? value, value }));
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

/**
 * describe LineItem: the columns of vtiger_inventoryproductrel (include/Webservices/LineItem/VtigerLineItemMeta.php
 * of vtiger 7.5.0): tax<N> columns labelled with the tax's label, parent_id referring to the
 * inventory modules, productid to Products and Services.
 */
export function describeLineItem() {
	const field = (name: string, label: string, type: Record<string, unknown>, mandatory = false) => ({ name, label, mandatory, type, isunique: false, nullable: !mandatory, editable: true });
	return {
		label: 'LineItem',
		name: 'LineItem',
		createable: true,
		updateable: true,
		deleteable: true,
		retrieveable: true,
		fields: [
			field('parent_id', 'parent id', { name: 'reference', refersTo: MODULES.filter((module) => module.inventory).map((module) => module.name) }, true),
			field('productid', 'productid', { name: 'reference', refersTo: ['Products', 'Services'] }, true),
			field('sequence_no', 'sequence no', { name: 'integer' }),
			field('quantity', 'quantity', { name: 'double' }, true),
			field('listprice', 'listprice', { name: 'double' }),
			field('discount_percent', 'discount percent', { name: 'double' }),
			field('discount_amount', 'discount amount', { name: 'double' }),
			field('comment', 'comment', { name: 'text' }),
			...TAXES.map((tax) => field(tax.taxname, tax.taxlabel, { name: 'double' })),
			{ name: 'id', label: 'id', mandatory: false, type: { name: 'autogenerated' }, isunique: false, nullable: false, editable: false },
		],
		idPrefix: '33',
		isEntity: false,
		labelFields: '',
	};
}
