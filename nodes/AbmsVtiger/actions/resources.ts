import type { OperationModule } from './common';
import * as convertLead from './lead/convert';
import * as describeModule from './module/describe';
import * as listTypes from './module/listTypes';
import * as createRecord from './record/create';
import * as deleteRecord from './record/delete';
import * as getRecord from './record/get';
import * as getManyRecords from './record/getMany';
import * as syncRecords from './record/sync';
import * as updateRecord from './record/update';
import * as addRelation from './related/add';
import * as getRelatedRecords from './related/getMany';
import * as getRelationTypes from './related/getTypes';
import * as queryRelated from './related/query';
import * as retrieveFiles from './file/retrieve';
import * as extendSession from './session/extend';

export interface OperationEntry {
	name: string;
	value: string;
	action: string;
	description: string;
	/** Whether the operation works on a module chosen in the Module parameter. */
	usesModule: boolean;
	module: OperationModule;
}

export interface ResourceEntry {
	name: string;
	value: string;
	operations: OperationEntry[];
}

export const resources: ResourceEntry[] = [
	{
		name: 'Record',
		value: 'record',
		operations: [
			{ name: 'Create', value: 'create', action: 'Create a record', description: 'Create a record in a module', usesModule: true, module: createRecord },
			{ name: 'Delete', value: 'delete', action: 'Delete a record', description: 'Delete a record by its ID', usesModule: true, module: deleteRecord },
			{ name: 'Get', value: 'get', action: 'Get a record', description: 'Get a record by its ID', usesModule: true, module: getRecord },
			{
				name: 'Get Changes',
				value: 'sync',
				action: 'Get changed records',
				description: 'Get records created, changed or deleted since a time (vtiger sync)',
				usesModule: true,
				module: syncRecords,
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many records',
				description: 'Query records with filters or VTQL, past vtiger’s 100-row pages',
				usesModule: true,
				module: getManyRecords,
			},
			{ name: 'Update', value: 'update', action: 'Update a record', description: 'Change fields of a record (revise or whole update)', usesModule: true, module: updateRecord },
		],
	},
	{
		name: 'Related Record',
		value: 'related',
		operations: [
			{ name: 'Add Relation', value: 'add', action: 'Link two records', description: 'Link a record to another through a relation', usesModule: true, module: addRelation },
			{ name: 'Get Many', value: 'getMany', action: 'Get related records', description: 'Get the records related to a record', usesModule: true, module: getRelatedRecords },
			{ name: 'Get Relation Types', value: 'getTypes', action: 'Get the relations of a module', description: 'List the relations a module has', usesModule: true, module: getRelationTypes },
			{ name: 'Query', value: 'query', action: 'Query related records', description: 'Run VTQL over the records related to a record', usesModule: true, module: queryRelated },
		],
	},
	{
		name: 'Lead',
		value: 'lead',
		operations: [
			{ name: 'Convert', value: 'convert', action: 'Convert a lead', description: 'Turn a lead into an organization, a contact and optionally an opportunity', usesModule: false, module: convertLead },
		],
	},
	{
		name: 'Module',
		value: 'module',
		operations: [
			{ name: 'Describe', value: 'describe', action: 'Describe a module', description: 'Get the fields of a module with their types and picklists', usesModule: true, module: describeModule },
			{ name: 'List Types', value: 'listTypes', action: 'List modules', description: 'List the modules this user can use', usesModule: false, module: listTypes },
		],
	},
	{
		name: 'File',
		value: 'file',
		operations: [
			{ name: 'Get Files', value: 'retrieve', action: 'Get attached files', description: 'Download files attached to records (vtiger 7.3+)', usesModule: false, module: retrieveFiles },
		],
	},
	{
		name: 'Session',
		value: 'session',
		operations: [
			{ name: 'Extend Session', value: 'extend', action: 'Keep the session alive', description: 'Reset the session’s idle timer, logging in again if it has ended', usesModule: false, module: extendSession },
		],
	},
];

export function findOperation(resource: string, operation: string): OperationEntry | undefined {
	return resources.find((entry) => entry.value === resource)?.operations.find((entry) => entry.value === operation);
}
