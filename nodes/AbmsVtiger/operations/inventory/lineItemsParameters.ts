import type { INodeProperties } from 'n8n-workflow';

import { INVENTORY_MODULES } from './inventoryFields';

/* The Line Items parameters of Create and Update on Quotes, Sales Orders, Invoices and Purchase Orders. */

const onInventory = { module: INVENTORY_MODULES };

function lineValues(withNumber: boolean): INodeProperties[] {
	return [
		{
			displayName: 'Product or Service',
			name: 'product',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description: 'What the line sells, searched by name among Products and Services',
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: 'searchProducts', searchable: true },
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: '14x90',
					validation: [
						{
							type: 'regex',
							properties: { regex: '^\\s*\\d+x\\d+\\s*$', errorMessage: 'vtiger IDs look like 14x90: module prefix, x, record number' },
						},
					],
				},
			],
		},
		{
			displayName: 'Quantity',
			name: 'quantity',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 3 },
			default: 1,
			required: true,
		},
		{
			displayName: 'List Price',
			name: 'listPrice',
			type: 'number',
			typeOptions: { numberPrecision: 2 },
			default: 0,
			required: true,
			description: 'The price of one unit before discount and tax, in the document’s currency',
		},
		{
			displayName: 'Discount',
			name: 'discountType',
			type: 'options',
			default: 'none',
			options: [
				{ name: 'None', value: 'none' },
				{ name: 'Percent of the Line', value: 'percent' },
				{ name: 'Amount Off the Line', value: 'amount' },
			],
		},
		{
			displayName: 'Discount Value',
			name: 'discount',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Percent (0–100) or amount, taken off quantity × list price',
			displayOptions: { show: { discountType: ['percent', 'amount'] } },
		},
		{
			displayName: 'Tax Name or ID',
			name: 'tax',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getTaxes' },
			default: '',
			description:
				'Individual tax mode: the line carries the product’s own taxes, or only the one chosen here when the product has it. Group mode: vtiger taxes the whole document with the taxes of the first line. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Tax Percent',
			name: 'taxPercent',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 100 },
			default: 0,
			description: 'The rate for the chosen tax; 0 uses the rate configured in vtiger',
			displayOptions: { hide: { tax: [''] } },
		},
		{
			displayName: 'Comment',
			name: 'comment',
			type: 'string',
			default: '',
			description: 'Text shown under the item on the document',
		},
		...(withNumber
			? [
					{
						displayName: 'Line Number',
						name: 'lineNumber',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description: 'Which line of the record this one replaces (1 is the first); 0 adds it at the end',
						displayOptions: { show: { '/lineItemsUpdate': ['byNumber'] } },
					} satisfies INodeProperties,
				]
			: []),
	];
}

function lineItemsInput(show: Record<string, string[]>, withNumber: boolean): INodeProperties[] {
	return [
		{
			displayName: 'Line Items Input',
			name: 'lineItemsInput',
			type: 'options',
			default: 'define',
			displayOptions: { show },
			options: [
				{ name: 'Define Below', value: 'define', description: 'One entry per line' },
				{ name: 'JSON', value: 'json', description: 'An array of vtiger line items, e.g. mapped from an order’s items' },
			],
		},
		{
			displayName: 'Line Items',
			name: 'lineItems',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Line',
			default: {},
			displayOptions: { show: { ...show, lineItemsInput: ['define'] } },
			options: [{ displayName: 'Line', name: 'item', values: lineValues(withNumber) }],
		},
		{
			displayName: 'Line Items (JSON)',
			name: 'lineItemsJson',
			type: 'json',
			default: '[\n  {\n    "productid": "14x90",\n    "quantity": 1,\n    "listprice": 185000\n  }\n]',
			description: `Each line: productid (a product or service ID), quantity and listprice; optional discount_percent or discount_amount, comment, and tax1, tax2… with a percent${withNumber ? '; sequence_no replaces that line (1 is the first) when changing lines by number' : ''}`,
			displayOptions: { show: { ...show, lineItemsInput: ['json'] } },
		},
	];
}

export const createLineItems: INodeProperties[] = [
	{
		displayName: 'vtiger saves a quote, order or invoice only with at least one line, and computes sub total, taxes and total from the lines.',
		name: 'lineItemsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: onInventory },
	},
	...lineItemsInput(onInventory, false),
];

export const updateLineItems: INodeProperties[] = [
	{
		displayName: 'Line Items Update',
		name: 'lineItemsUpdate',
		type: 'options',
		default: 'keep',
		displayOptions: { show: onInventory },
		options: [
			{
				name: 'Keep the Lines',
				value: 'keep',
				description: 'The lines stay as they are. When a field that moves the totals changes (tax mode, discount, S&H, adjustment), the node sends the current lines along so vtiger recomputes the totals.',
			},
			{ name: 'Replace All Lines', value: 'replace', description: 'The lines given here become the record’s lines' },
			{
				name: 'Change Lines by Number',
				value: 'byNumber',
				description: 'Each line given replaces the line with its number; a line without number is added at the end. The other lines stay (two requests).',
			},
		],
	},
	...lineItemsInput({ ...onInventory, lineItemsUpdate: ['replace', 'byNumber'] }, true),
];
