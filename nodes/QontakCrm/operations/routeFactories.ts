import { simplifyRecord } from './simplify';
import type { CrmBody, CrmRoute, FieldSpec } from './types';

/** Route-table rows for the operations most resources share, worded the way n8n names them. */
export const op = {
	getFields: (plural: string, path: string): CrmRoute => ({
		value: 'getFields',
		name: 'Get Fields',
		action: `Get the ${plural} field template`,
		description: `List the built-in and custom fields of ${plural}, with their types and dropdown options`,
		method: 'GET',
		path,
		output: 'template',
	}),
	getMany: (plural: string, path: string, filters: FieldSpec[] = [], paginated = true, simplify = false): CrmRoute => ({
		value: 'getAll',
		name: 'Get Many',
		action: `Get many ${plural}`,
		method: 'GET',
		path,
		list: paginated ? 'paged' : 'whole',
		query: filters,
		simplify: simplify ? simplifyRecord : undefined,
	}),
	get: (singular: string, path: string, simplify = false): CrmRoute => ({
		value: 'get',
		name: 'Get',
		action: `Get a ${singular}`,
		method: 'GET',
		path,
		output: 'record',
		simplify: simplify ? simplifyRecord : undefined,
	}),
	create: (singular: string, path: string, body: CrmBody): CrmRoute => ({
		value: 'create',
		name: 'Create',
		action: `Create a ${singular}`,
		method: 'POST',
		path,
		body,
	}),
	update: (singular: string, path: string, body: CrmBody): CrmRoute => ({
		value: 'update',
		name: 'Update',
		action: `Update a ${singular}`,
		method: 'PUT',
		path,
		body,
		partial: true,
	}),
	delete: (singular: string, path: string): CrmRoute => ({
		value: 'delete',
		name: 'Delete',
		action: `Delete a ${singular}`,
		method: 'DELETE',
		path,
		output: 'deleted',
	}),
	read: (value: string, name: string, action: string, path: string, description?: string): CrmRoute => ({
		value,
		name,
		action,
		description,
		method: 'GET',
		path,
	}),
	updateOwner: (singular: string, path: string): CrmRoute => ({
		value: 'updateOwner',
		name: 'Update Owner',
		action: `Change the owner of a ${singular}`,
		method: 'PUT',
		path,
		body: [
			{
				key: 'creator_id',
				label: 'New Owner Name or ID',
				kind: 'options',
				loadOptionsMethod: 'getUsers',
				required: true,
				description:
					'The CRM user who becomes the owner. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	}),
};

/** A filter that takes Qontak IDs typed as "12, 34". */
export const idList = (key: string, label: string, description: string): FieldSpec => ({
	key,
	label,
	kind: 'idList',
	description,
	placeholder: '12, 34',
});
