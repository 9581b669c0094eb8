import type { INodeProperties } from 'n8n-workflow';

import { byDisplayName, byName, fieldProperty, operationSelector, showFor as show } from '../../shared/fieldSpec';
import { returnAllOrLimit } from '../../shared/listOutput';
import { resourceMapperProperty } from '../../shared/resourceMapper';

import { requestOptionsProperty } from '../../shared/requestOptions';
import { CRM_DEFAULTS } from '../transport';
import { resources } from './resources';
import type { CrmOperation, CrmResource } from './types';

function recordLocator(resource: CrmResource, operations: CrmOperation[]): INodeProperties {
	return {
		displayName: `${resource.name}`,
		name: 'recordId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The ${resource.name.toLowerCase()} to act on`,
		displayOptions: show(resource, operations),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchRecords', searchable: resource.searchKey !== undefined },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '12345',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A Qontak ID is a number' } }],
			},
		],
	};
}

function operationProperties(resource: CrmResource, operation: CrmOperation): INodeProperties[] {
	const displayOptions = show(resource, [operation]);
	const properties: INodeProperties[] = [];
	for (const param of operation.pathParams ?? []) {
		properties.push({ ...fieldProperty(param, true), displayOptions });
	}
	const { body, list } = operation;
	if (body?.kind === 'mapper') {
		properties.push(
			resourceMapperProperty({
				displayName: 'Fields',
				name: 'fields',
				method: 'getMappingFields',
				dependsOn: ['resource', 'operation'],
				words: { singular: 'field', plural: 'fields' },
				description: 'Built-in and custom fields, read from Qontak’s field template',
				displayOptions,
			}),
		);
	}
	if (body?.kind === 'json') {
		const example = body.example;
		properties.push({
			displayName: 'Body (JSON)',
			name: 'jsonBody',
			type: 'json',
			default: example,
			required: true,
			description: 'Sent to Qontak as it is',
			displayOptions,
		});
	}
	if (body?.kind === 'fields') {
		const isUpdate = operation.value === 'update';
		const required = isUpdate ? [] : body.fields.filter((field) => field.required);
		const optional = body.fields.filter((field) => !required.includes(field));
		properties.push(...required.map((field) => ({ ...fieldProperty(field, true), displayOptions })));
		if (optional.length) {
			properties.push({
				displayName: isUpdate ? 'Update Fields' : 'Additional Fields',
				name: isUpdate ? 'updateFields' : 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions,
				options: optional.map((field) => fieldProperty(field, false)).sort(byDisplayName),
			});
		}
	}
	if (list?.paginated) properties.push(...returnAllOrLimit(displayOptions));
	if (list?.filters?.length) {
		properties.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions,
			options: list.filters.map((field) => fieldProperty(field, false)),
		});
	}
	if (operation.simplify) {
		properties.push({
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description: 'Whether to return a simplified version of the response instead of the raw data: empty values dropped and custom fields as a name → value object',
			displayOptions,
		});
	}
	return properties;
}

function resourceProperties(resource: CrmResource): INodeProperties[] {
	const operations = [...resource.operations];
	const defaultOperation = (operations.find((operation) => operation.value === 'get') ?? operations[0]).value;
	const withRecord = operations.filter((operation) => operation.path.includes('{id}'));
	return [
		operationSelector(resource, operations, defaultOperation),
		...(withRecord.length ? [recordLocator(resource, withRecord)] : []),
		...operations.flatMap((operation) => operationProperties(resource, operation)),
	];
}

export const crmProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map((resource) => ({ name: resource.name, value: resource.value })).sort(byName),
		default: 'contact',
	},
	...resources.flatMap(resourceProperties),
	requestOptionsProperty({
		vendor: 'Qontak',
		concurrency: CRM_DEFAULTS.concurrency,
		maxConcurrency: 20,
		maxRetries: CRM_DEFAULTS.maxRetries,
		retryDescription:
			'Retries after a 429 (always) or a 502/503/504 or timeout (reads, updates and deletes only; a create is never resent)',
	}),
];
