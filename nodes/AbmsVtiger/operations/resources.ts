import type { INodeProperties } from 'n8n-workflow';

import type { ExecuteItem, Resource } from '../../shared/operation';
import type { ExecutionContext } from './context';
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
import * as logout from './session/logout';

interface OnModule {
	/** Whether the operation works on a module chosen in the Module parameter. */
	usesModule: boolean;
}

/** An operation file's parameters and its execute. */
const from = (file: { description: INodeProperties[]; execute: ExecuteItem<ExecutionContext> }) => ({
	properties: file.description,
	execute: file.execute,
});

export const resources: Array<Resource<ExecutionContext, OnModule>> = [
	{
		name: 'Record',
		value: 'record',
		defaultOperation: 'get',
		operations: [
			{ name: 'Create', value: 'create', action: 'Create a record', description: 'Create a record in a module', usesModule: true, ...from(createRecord) },
			{ name: 'Delete', value: 'delete', action: 'Delete a record', description: 'Delete a record by its ID', usesModule: true, ...from(deleteRecord) },
			{ name: 'Get', value: 'get', action: 'Get a record', description: 'Get a record by its ID', usesModule: true, ...from(getRecord) },
			{
				name: 'Get Changes',
				value: 'sync',
				action: 'Get changed records',
				description: 'Get records created, changed or deleted since a time (vtiger sync)',
				usesModule: true,
				...from(syncRecords),
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many records',
				description: 'Query records with filters or VTQL, past vtiger’s 100-row pages',
				usesModule: true,
				...from(getManyRecords),
			},
			{ name: 'Update', value: 'update', action: 'Update a record', description: 'Change fields of a record (revise or whole update)', usesModule: true, ...from(updateRecord) },
		],
	},
	{
		name: 'Related Record',
		value: 'related',
		defaultOperation: 'getMany',
		operations: [
			{ name: 'Add Relation', value: 'add', action: 'Link two records', description: 'Link a record to another through a relation', usesModule: true, ...from(addRelation) },
			{ name: 'Get Many', value: 'getMany', action: 'Get related records', description: 'Get the records related to a record', usesModule: true, ...from(getRelatedRecords) },
			{ name: 'Get Relation Types', value: 'getTypes', action: 'Get the relations of a module', description: 'List the relations a module has', usesModule: true, ...from(getRelationTypes) },
			{ name: 'Query', value: 'query', action: 'Query related records', description: 'Run VTQL over the records related to a record', usesModule: true, ...from(queryRelated) },
		],
	},
	{
		name: 'Lead',
		value: 'lead',
		operations: [
			{ name: 'Convert', value: 'convert', action: 'Convert a lead', description: 'Turn a lead into an organization, a contact and optionally an opportunity', usesModule: false, ...from(convertLead) },
		],
	},
	{
		name: 'Module',
		value: 'module',
		defaultOperation: 'listTypes',
		operations: [
			{ name: 'Describe', value: 'describe', action: 'Describe a module', description: 'Get the fields of a module with their types and picklists', usesModule: true, ...from(describeModule) },
			{ name: 'List Types', value: 'listTypes', action: 'List modules', description: 'List the modules this user can use', usesModule: false, ...from(listTypes) },
		],
	},
	{
		name: 'File',
		value: 'file',
		operations: [
			{ name: 'Get Files', value: 'retrieve', action: 'Get attached files', description: 'Download files attached to records (vtiger 7.3+)', usesModule: false, ...from(retrieveFiles) },
		],
	},
	{
		name: 'Session',
		value: 'session',
		operations: [
			{ name: 'Extend Session', value: 'extend', action: 'Keep the session alive', description: 'Reset the session’s idle timer, logging in again if it has ended', usesModule: false, ...from(extendSession) },
			{
				name: 'Logout',
				value: 'logout',
				action: 'End the session',
				description: 'End the credential’s shared session; every workflow using the credential logs in again on its next request',
				usesModule: false,
				...from(logout),
			},
		],
	},
];
