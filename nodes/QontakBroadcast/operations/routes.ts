import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { showFor } from '../../shared/fieldSpec';
import type { ItemResult } from '../../shared/itemLoop';
import { isExecutionData } from '../../shared/itemLoop';
import { asItems } from '../../shared/listOutput';
import { parseJsonParameter } from '../../shared/parseInput';
import type { RouteDialect } from '../../shared/routeTable';
import { compileResource } from '../../shared/routeTable';
import { chatRequest, chatRequestAllItems } from '../transport';
import { locatorProperty, readId } from './locators';
import { resources } from './resources';
import { SIMPLIFIED } from './simplify';
import type { ChatField, ChatResource, ChatRoute, ExecutionContext, Locator } from './types';

/** The Qontak Broadcast node's version that brought Simplify; see QontakBroadcast.node.ts. */
export const SIMPLIFY_VERSION = 1.1;

function withoutSettings(result: ItemResult): ItemResult {
	const drop = (row: IDataObject) => Object.fromEntries(Object.entries(row).filter(([key]) => key !== 'settings')) as IDataObject;
	if (!Array.isArray(result)) return drop(result);
	return result.map((entry) => (isExecutionData(entry) ? { ...entry, json: drop(entry.json) } : drop(entry))) as ItemResult;
}

/** How the route table becomes operations: Qontak Chat's pickers, values, envelope and pager. */
const chat: RouteDialect<ExecutionContext, ChatField, ChatRoute, ChatResource> = {
	sortFilters: true,
	// Writes keep item order and never overlap: messages to one room must not race.
	sequential: (route) => route.method !== 'GET',
	/** One picker per locator, shown for every operation of the resource that needs it. */
	resourceProperties(resource) {
		const byLocator = new Map<Locator, ChatRoute[]>();
		for (const route of resource.operations) {
			for (const param of route.pathParams ?? []) {
				byLocator.set(param.locator, [...(byLocator.get(param.locator) ?? []), route]);
			}
		}
		return [...byLocator.entries()].map(([locator, routes]) => locatorProperty(locator, showFor(resource, routes)));
	},
	simplify: {
		detail: 'ids, names, statuses, counts, phone numbers and times, with nested objects such as the status counts flattened',
		// Version 1 shipped without Simplify: its workflows keep Qontak's raw records unless they turn it on.
		addedInVersion: SIMPLIFY_VERSION,
	},
	outputProperties(route, displayOptions) {
		if (!route.redactSettings) return [];
		return [
			{
				displayName: 'Include Settings',
				name: 'includeSettings',
				type: 'boolean',
				default: false,
				description: 'Whether to include each channel’s settings, which can hold provider tokens; leave off unless you need them',
				displayOptions,
			},
		];
	},
	pathToken(token, route, _resource, itemIndex) {
		const param = route.pathParams?.find((candidate) => candidate.token === token);
		if (!param) throw new NodeOperationError(this.getNode(), `No value for {${token}} in ${route.path}`);
		return readId.call(this, param.locator, itemIndex);
	},
	convert(field, value, itemIndex) {
		switch (field.kind) {
			case 'list':
				return (Array.isArray(value) ? value : String(value).split(','))
					.map((part) => String(part).trim())
					.filter((part) => part !== '');
			case 'json':
				return parseJsonParameter(this.getNode(), value, field.label, itemIndex);
			case 'number': {
				const number = Number(value);
				if (!Number.isFinite(number)) {
					throw new NodeOperationError(this.getNode(), `'${field.label}' is not a number: ${JSON.stringify(value)}`, { itemIndex });
				}
				return number;
			}
			case 'boolean':
				return value === true || value === 'true';
			default:
				return value;
		}
	},
	async request(call, route, ctx) {
		return await chatRequest.call(this, { ...call, root: route.root, timeoutMs: ctx.timeoutMs, maxRetries: ctx.maxRetries });
	},
	async requestAll({ reshape, ...call }, limit, route, ctx) {
		return await chatRequestAllItems.call(this, { ...call, root: route.root, timeoutMs: ctx.timeoutMs, maxRetries: ctx.maxRetries }, { limit, reshape });
	},
	answer(route, response) {
		// GET /version answers outside the usual envelope; everything else carries `data`, which
		// can also be `true` (rename) or a sentence (resolve): those come out as `result`.
		return asItems(route.root || !('data' in response) ? response : (response.data ?? { success: true }));
	},
	shape(_route, rows) {
		return rows;
	},
	// After Simplify, which reads an integration's account name and number from its settings.
	finish(route, result, itemIndex) {
		const redact = route.redactSettings && !(this.getNodeParameter('includeSettings', itemIndex, false) as boolean);
		return redact ? withoutSettings(result) : result;
	},
};

/** The resources with each route's simplifier from the table in simplify.ts. */
const withSimplify = (resource: ChatResource): ChatResource => ({
	...resource,
	operations: resource.operations.map((route) => {
		const simplify = SIMPLIFIED[resource.value]?.[route.value];
		return simplify ? { ...route, simplify } : route;
	}),
});

export const operations = resources.map((resource) => compileResource(chat, withSimplify(resource)));
