import { mapper } from './body';
import { op } from './routeFactories';
import type { CrmResource } from './types';

export const product: CrmResource = {
	value: 'product',
	name: 'Product',
	collection: '/products',
	template: '/products/info',
	searchKey: 'query',
	searchPaginated: true,
	defaultOperation: 'get',
	operations: [
		op.create('product', '/products', mapper),
		op.delete('product', '/products/{id}'),
		op.get('product', '/products/{id}', true),
		op.getFields('products', '/products/info'),
		op.getMany('products', '/products', [{ key: 'query', label: 'Search', kind: 'string', description: 'Text to search product names for' }], true, true),
		op.update('product', '/products/{id}', mapper),
	],
};
