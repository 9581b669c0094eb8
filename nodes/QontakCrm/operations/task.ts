import { mapper } from './body';
import { op } from './routeFactories';
import type { CrmResource } from './types';

export const task: CrmResource = {
	value: 'task',
	name: 'Task',
	collection: '/tasks',
	template: '/tasks/info',
	searchKey: 'task_name',
	searchPaginated: true,
	defaultOperation: 'get',
	operations: [
		op.create('task', '/tasks', mapper),
		{
			value: 'createCategory',
			name: 'Create Category',
			action: 'Create a task category',
			method: 'POST',
			path: '/tasks/category',
			body: [{ key: 'name', label: 'Name', kind: 'string', required: true }],
		},
		op.delete('task', '/tasks/{id}'),
		{
			...op.delete('task category', '/tasks/category/{category_id}'),
			value: 'deleteCategory',
			name: 'Delete Category',
			params: [
				{
					key: 'category_id',
					label: 'Category Name or ID',
					kind: 'options',
					loadOptionsMethod: 'getTaskCategories',
					required: true,
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
			],
		},
		op.get('task', '/tasks/{id}', true),
		op.read('getCategories', 'Get Categories', 'Get the task categories', '/tasks/category'),
		op.getFields('tasks', '/tasks/info'),
		op.getMany(
			'tasks',
			'/tasks',
			[
				{ key: 'crm_task_status_id', label: 'Status ID', kind: 'string' },
				{ key: 'filter', label: 'Filter', kind: 'string', placeholder: 'alltask', description: 'Qontak’s task filter keyword, e.g. alltask' },
				{ key: 'task_name', label: 'Task Name', kind: 'string' },
			],
			true,
			true,
		),
		op.update('task', '/tasks/{id}', mapper),
	],
};
