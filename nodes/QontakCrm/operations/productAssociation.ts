import { op } from './routeFactories';
import type { CrmResource, FieldSpec } from './types';

const lineItem = (required: boolean): FieldSpec[] => [
	{ key: 'crm_product_id', label: 'Product ID', kind: 'number', required, default: 0 },
	{ key: 'crm_deal_id', label: 'Deal ID', kind: 'number', required, default: 0 },
	{ key: 'quantity', label: 'Quantity', kind: 'number', default: 1 },
	{ key: 'price', label: 'Price', kind: 'number', default: 0 },
	{ key: 'currency', label: 'Currency', kind: 'string', default: 'IDR' },
	{ key: 'discount', label: 'Discount', kind: 'number', default: 0 },
	{ key: 'total_price', label: 'Total Price', kind: 'number', default: 0 },
	{ key: 'name', label: 'Name', kind: 'string' },
	{ key: 'description', label: 'Description', kind: 'string' },
	{ key: 'unit_quantity', label: 'Unit Quantity', kind: 'string' },
	{ key: 'manufacturer', label: 'Manufacturer', kind: 'string' },
	{ key: 'crm_tag_ids', label: 'Tag IDs', kind: 'idList' },
	{ key: 'additional_fields', label: 'Custom Fields (JSON)', kind: 'json', description: 'Array of {"id", "name", "value"} as in the product template' },
];

export const productAssociation: CrmResource = {
	value: 'productAssociation',
	name: 'Product Association',
	collection: '/products_association',
	searchKey: 'query',
	searchPaginated: true,
	defaultOperation: 'get',
	operations: [
		{ ...op.create('product association (deal line item)', '/products_association', lineItem(true)), description: 'Add a product to a deal' },
		op.delete('product association', '/products_association/{id}'),
		op.get('product association', '/products_association/{id}'),
		op.getMany('product associations', '/products_association', [
			{ key: 'crm_deal_id', label: 'Deal ID', kind: 'string' },
			{ key: 'product_code', label: 'Product Code', kind: 'string' },
			{ key: 'query', label: 'Search', kind: 'string' },
		]),
		op.update('product association', '/products_association/{id}', lineItem(false)),
	],
};
