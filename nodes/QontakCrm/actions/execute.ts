import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemResult } from '../../shared/itemLoop';
import { asItems } from '../../shared/listOutput';
import { qontakRequest, qontakRequestAllItems } from '../transport';
import { fieldsBody, jsonBody, mapperBody } from './body';
import { simplifyRecord } from './simplify';
import type { FieldDescriptor } from './template';
import type { CrmOperation, CrmResource } from './types';
import { convertField, isEmpty } from './values';

export interface ExecutionContext {
	/** The resource's /info template, fetched at most once per execution. */
	template: () => Promise<FieldDescriptor[]>;
	timeoutMs: number;
	maxRetries: number;
}

function recordId(this: IExecuteFunctions, resource: CrmResource, itemIndex: number): string {
	const value = String(this.getNodeParameter('recordId', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!/^\d+$/.test(value)) {
		throw new NodeOperationError(this.getNode(), `'${resource.name}' needs a Qontak ID, got '${value}'`, {
			itemIndex,
			description: `Pick the ${resource.name.toLowerCase()} from the list, or give its numeric ID (the number in the record’s Qontak URL)`,
		});
	}
	return value;
}

function resolvePath(this: IExecuteFunctions, resource: CrmResource, operation: CrmOperation, itemIndex: number) {
	return operation.path.replace(/\{(\w+)\}/g, (_, token: string) => {
		if (token === 'id') return recordId.call(this, resource, itemIndex);
		const label = operation.pathParams?.find((param) => param.key === token)?.label ?? token;
		const value = String(this.getNodeParameter(token, itemIndex) ?? '').trim();
		if (value === '') {
			throw new NodeOperationError(this.getNode(), `'${label}' is required`, { itemIndex });
		}
		return encodeURIComponent(value);
	});
}

function listQuery(this: IExecuteFunctions, operation: CrmOperation, itemIndex: number): IDataObject {
	const qs: IDataObject = {};
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	for (const spec of operation.list?.filters ?? []) {
		const value = filters[spec.key];
		if (isEmpty(value)) continue;
		if (spec.kind === 'json') Object.assign(qs, convertField(this.getNode(), spec, value, itemIndex));
		else if (spec.kind === 'idList') qs[spec.key] = (convertField(this.getNode(), spec, value, itemIndex) as number[]).join(',');
		else if (spec.kind === 'dateTime') {
			// Qontak's created_after filter takes DD-MM-YYYY.
			const iso = convertField(this.getNode(), spec, value, itemIndex) as string;
			qs[spec.key] = `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
		} else qs[spec.key] = value;
	}
	// Notes are listed per record: the record key is a path parameter of the operation.
	if (operation.pathParams?.some((param) => param.key === 'record_key')) {
		qs[this.getNodeParameter('record_key', itemIndex) as string] = String(this.getNodeParameter('record_id', itemIndex)).trim();
	}
	return qs;
}

export async function executeOperation(
	this: IExecuteFunctions,
	resource: CrmResource,
	operation: CrmOperation,
	itemIndex: number,
	context: ExecutionContext,
): Promise<ItemResult> {
	const path = resolvePath.call(this, resource, operation, itemIndex);
	const request = {
		method: operation.method,
		path,
		itemIndex,
		timeoutMs: context.timeoutMs,
		maxRetries: context.maxRetries,
	};
	const simplify = operation.simplify && (this.getNodeParameter('simplify', itemIndex, true) as boolean);
	const shape = (rows: IDataObject[]) => (simplify ? rows.map(simplifyRecord) : rows);

	if (operation.list) {
		const qs = listQuery.call(this, operation, itemIndex);
		if (!operation.list.paginated) {
			const body = await qontakRequest.call(this, { ...request, qs });
			return shape(asItems(body.response ?? []));
		}
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		return shape(await qontakRequestAllItems.call(this, { ...request, qs }, { limit }));
	}

	let body: IDataObject | undefined;
	if (operation.body?.kind === 'mapper') {
		body = mapperBody.call(this, resource.value, operation, await context.template(), itemIndex);
	} else if (operation.body?.kind === 'json') {
		body = jsonBody.call(this, itemIndex);
	} else if (operation.body?.kind === 'fields') {
		body = fieldsBody.call(this, operation, operation.body.fields, itemIndex);
	}

	const response = await qontakRequest.call(this, { ...request, body });
	if (operation.output === 'deleted') return { deleted: true, id: path.split('/').pop() };
	if (operation.output === 'template') return asItems(response.crm_properties ?? response.response ?? response);
	const nothingReturned =
		response.response === undefined || (Array.isArray(response.response) && response.response.length === 0);
	// A write that answers with nothing still owes its item an output: Qontak's meta says what happened.
	if (nothingReturned && operation.method !== 'GET') return asItems(response.meta ?? response);
	// Qontak's docs show GET /contacts/{id} as a one-element array; treat both shapes alike.
	const result = Array.isArray(response.response) && operation.value === 'get' ? response.response[0] : response.response;
	return shape(asItems(result ?? {}));
}
