import type { INodeProperties } from 'n8n-workflow';

import { byName } from './fieldSpec';
import type { Operation, Resource } from './operation';

/** The Resource dropdown, sorted by name. */
export function resourceSelector(resources: Array<{ value: string; name: string }>, defaultResource: string): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map((resource) => ({ name: resource.name, value: resource.value })).sort(byName),
		default: defaultResource,
	};
}

/** A resource's Operation dropdown: sorted by name, each with its AI-tool action text. */
export function operationSelector<Ctx>(resource: Resource<Ctx>): INodeProperties {
	const options = resource.operations
		.map((operation) => ({
			name: operation.name,
			value: operation.value,
			action: operation.action,
			description: operation.description ?? operation.action,
		}))
		.sort(byName);
	const defaultOperation = resource.defaultOperation ?? resource.operations[0].value;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options,
		default: defaultOperation,
	};
}

/** An operation's parameters, each shown only for its resource and operation. */
export function operationParameters<Ctx>(resource: { value: string }, operation: Operation<Ctx>): INodeProperties[] {
	return operation.properties.map((property) => {
		const show = { ...(property.displayOptions?.show ?? {}), resource: [resource.value], operation: [operation.value] };
		return { ...property, displayOptions: { ...(property.displayOptions ?? {}), show } };
	});
}

/** A resource's part of the node: its Operation dropdown, the parameters its operations share, then each operation's. */
export function resourceParameters<Ctx>(resource: Resource<Ctx>): INodeProperties[] {
	return [
		operationSelector(resource),
		...(resource.properties ?? []),
		...resource.operations.flatMap((operation) => operationParameters(resource, operation)),
	];
}
