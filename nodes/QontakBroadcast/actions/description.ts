import type { INodeProperties } from 'n8n-workflow';

import { byDisplayName, byName, fieldProperty, operationSelector, showFor as show } from '../../shared/fieldSpec';
import { returnAllOrLimit } from '../../shared/listOutput';
import { requestOptionsProperty } from '../../shared/requestOptions';
import { CHAT_DEFAULTS } from '../transport';
import { locatorProperty } from './locators';
import { resources } from './resources';
import type { ChatOperation, ChatResource, Locator } from './types';

function operationProperties(resource: ChatResource, operation: ChatOperation): INodeProperties[] {
	const displayOptions = show(resource, [operation]);
	const properties: INodeProperties[] = [];
	const requiredQuery = (operation.query ?? []).filter((field) => field.required);
	const optionalQuery = (operation.query ?? []).filter((field) => !field.required);
	const requiredBody = (operation.body ?? []).filter((field) => field.required);
	const optionalBody = (operation.body ?? []).filter((field) => !field.required);

	properties.push(...requiredQuery.map((field) => ({ ...fieldProperty(field, true), displayOptions })));
	properties.push(...requiredBody.map((field) => ({ ...fieldProperty(field, true), displayOptions })));
	if (optionalBody.length) {
		properties.push({
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions,
			options: optionalBody.map((field) => fieldProperty(field, false)).sort(byDisplayName),
		});
	}
	properties.push(...(operation.custom?.properties ?? []));
	if (operation.list) properties.push(...returnAllOrLimit(displayOptions));
	if (optionalQuery.length) {
		properties.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions,
			options: optionalQuery.map((field) => fieldProperty(field, false)).sort(byDisplayName),
		});
	}
	if (operation.redactSettings) {
		properties.push({
			displayName: 'Include Settings',
			name: 'includeSettings',
			type: 'boolean',
			default: false,
			description: 'Whether to include each channel’s settings, which can hold provider tokens; leave off unless you need them',
			displayOptions,
		});
	}
	return properties;
}

/** One picker per locator, shown for every operation of the resource that needs it. */
function locatorProperties(resource: ChatResource): INodeProperties[] {
	const byLocator = new Map<Locator, ChatOperation[]>();
	for (const operation of resource.operations) {
		for (const param of operation.pathParams ?? []) {
			byLocator.set(param.locator, [...(byLocator.get(param.locator) ?? []), operation]);
		}
	}
	return [...byLocator.entries()].map(([locator, operations]) => locatorProperty(locator, show(resource, operations)));
}

function resourceProperties(resource: ChatResource): INodeProperties[] {
	const operations = resource.operations;
	const defaultOperation = (operations.find((operation) => operation.value === 'sendDirect') ?? operations.find((operation) => operation.value === 'getAll') ?? operations[0]).value;
	return [
		operationSelector(resource, operations, defaultOperation),
		...locatorProperties(resource),
		...operations.flatMap((operation) => operationProperties(resource, operation)),
	];
}

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Mekari HMAC (API Gateway)', value: 'mekariHmac', description: 'The current way in: api.mekari.com/qontak/chat/v1' },
		{ name: 'Qontak Chat (Service-Chat Host)', value: 'qontakChat', description: 'Older accounts: service-chat.qontak.com/api/open/v1, with an OAuth login or a copied token' },
	],
	default: 'mekariHmac',
};

export const chatProperties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map((resource) => ({ name: resource.name, value: resource.value })).sort(byName),
		default: 'broadcast',
	},
	...resources.flatMap(resourceProperties),
	requestOptionsProperty({
		vendor: 'Qontak',
		concurrency: CHAT_DEFAULTS.concurrency,
		maxConcurrency: 20,
		maxRetries: CHAT_DEFAULTS.maxRetries,
		concurrencyDescription: 'How many reads run at the same time; writes and sends always go one at a time, in item order',
		retryDescription:
			'Retries after a 429 (always safe: Qontak did not process it) or, for reads, updates and deletes, after a 502/503/504 or timeout. A send is never repeated after an unclear failure.',
	}),
];
