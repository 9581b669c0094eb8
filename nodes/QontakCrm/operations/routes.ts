import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { showFor } from '../../shared/fieldSpec';
import { asItems } from '../../shared/listOutput';
import { trimmedText } from '../../shared/parseInput';
import type { RouteDialect } from '../../shared/routeTable';
import { compileResource } from '../../shared/routeTable';
import { qontakRequest, qontakRequestAllItems } from '../transport';
import type { CrmContext } from './context';
import { resources } from './resources';
import { rowTest } from './rowFilters';
import type { CrmResource, CrmRoute, FieldSpec } from './types';
import { convertField, toCalendarDate } from './values';

function recordId(this: IExecuteFunctions, resource: CrmResource, itemIndex: number): string {
	const value = trimmedText(this.getNodeParameter('recordId', itemIndex, '', { extractValue: true }));
	if (!/^\d+$/.test(value)) {
		throw new NodeOperationError(this.getNode(), `'${resource.name}' needs a Qontak ID, got '${value}'`, {
			itemIndex,
			description: `Pick the ${resource.name.toLowerCase()} from the list, or give its numeric ID (the number in the record’s Qontak URL)`,
		});
	}
	return value;
}

/** How the CRM's route table becomes operations: Qontak's record picker, values, envelope and pager. */
const crm: RouteDialect<CrmContext, FieldSpec, CrmRoute, CrmResource> = {
	resourceProperties(resource) {
		const withRecord = resource.operations.filter((route) => route.path.includes('{id}'));
		if (!withRecord.length) return [];
		return [
			{
				displayName: `${resource.name}`,
				name: 'recordId',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				required: true,
				description: `The ${resource.name.toLowerCase()} to act on`,
				displayOptions: showFor(resource, withRecord),
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
			},
		];
	},
	// Simplify came with the node's first version, so it is on for every CRM workflow.
	simplify: { detail: 'empty values dropped and custom fields as a name → value object' },
	pathToken(token, route, resource, itemIndex) {
		if (token !== 'id') throw new NodeOperationError(this.getNode(), `No value for {${token}} in ${route.path}`);
		return recordId.call(this, resource, itemIndex);
	},
	rowFilter(field, value, itemIndex) {
		if (!field.inN8n) return undefined;
		return rowTest(this.getNode(), field.label, field.inN8n, value, this.getTimezone(), itemIndex);
	},
	convert(field, value, itemIndex, place) {
		if (place === 'body') return convertField(this.getNode(), field, value, itemIndex, this.getTimezone());
		if (field.kind === 'json') return convertField(this.getNode(), field, value, itemIndex, this.getTimezone());
		if (field.kind === 'idList') return (convertField(this.getNode(), field, value, itemIndex, this.getTimezone()) as number[]).join(',');
		if (field.kind === 'dateTime') {
			// Qontak's created_after filter takes a day, as DD-MM-YYYY.
			return toCalendarDate(this.getNode(), value, field.label, itemIndex, this.getTimezone(), 'DD-MM-YYYY');
		}
		return value;
	},
	async request(call, _route, ctx) {
		return await qontakRequest.call(this, { ...call, timeoutMs: ctx.timeoutMs, maxRetries: ctx.maxRetries });
	},
	async requestAll({ keep, reshape, ...call }, limit, _route, ctx) {
		return await qontakRequestAllItems.call(this, { ...call, timeoutMs: ctx.timeoutMs, maxRetries: ctx.maxRetries }, { limit, keep, reshape });
	},
	answer(route, response, call) {
		if (route.list === 'whole') return asItems(response.response ?? []);
		if (route.output === 'deleted') return { deleted: true, id: call.path.split('/').pop() };
		if (route.output === 'template') return asItems(response.crm_properties ?? response.response ?? response);
		const nothingReturned =
			response.response === undefined || (Array.isArray(response.response) && response.response.length === 0);
		// A write that answers with nothing still owes its item an output: Qontak's meta says what happened.
		if (nothingReturned && route.method !== 'GET') return asItems(response.meta ?? response);
		// Qontak's docs show GET /contacts/{id} as a one-element array; treat both shapes alike.
		const result = Array.isArray(response.response) && route.output === 'record' ? response.response[0] : response.response;
		return asItems(result ?? {});
	},
	shape(_route, rows) {
		return rows;
	},
};

export const operations = resources.map((resource) => compileResource(crm, resource));
