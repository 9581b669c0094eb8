import type {
	FieldType,
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
	ResourceMapperField,
	ResourceMapperValue,
} from 'n8n-workflow';

/** A resource-mapper parameter whose columns a node's resourceMapping method builds from the vendor's schema. */
export function resourceMapperProperty(options: {
	displayName: string;
	name: string;
	method: string;
	dependsOn: string[];
	words: { singular: string; plural: string };
	addAllFields?: boolean;
	description: string;
	displayOptions: IDisplayOptions;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: options.dependsOn,
			resourceMapper: {
				resourceMapperMethod: options.method,
				mode: 'add',
				fieldWords: options.words,
				addAllFields: options.addAllFields ?? false,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
		description: options.description,
		displayOptions: options.displayOptions,
	};
}

/** What the user mapped: the values given below, or (auto-map) the input item's keys the schema knows. */
export function mappedValues(
	this: IExecuteFunctions,
	parameter: string,
	itemIndex: number,
	isKnown: (key: string) => boolean,
): IDataObject {
	const mapping = this.getNodeParameter(parameter, itemIndex, { mappingMode: 'defineBelow', value: null }) as ResourceMapperValue;
	if (mapping?.mappingMode === 'autoMapInputData') {
		const json = this.getInputData()[itemIndex]?.json ?? {};
		return Object.fromEntries(Object.entries(json).filter(([key]) => isKnown(key))) as IDataObject;
	}
	return (mapping?.value ?? {}) as IDataObject;
}

/**
 * One column of a mapper that only adds values (no match keys): always shown, and its `options`
 * kept only when it is an options column. No column is a multi-select: n8n's editor keeps only
 * text, numbers and booleans as mapper values and drops the list a multi-select gives
 * (isResourceMapperValue in
 * https://github.com/n8n-io/n8n/blob/master/packages/frontend/editor-ui/src/app/utils/typeGuards.ts).
 */
export function mapperColumn(column: {
	id: string;
	displayName: string;
	required: boolean;
	type: FieldType;
	options?: INodePropertyOptions[];
}): ResourceMapperField {
	return {
		id: column.id,
		displayName: column.displayName,
		required: column.required,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: column.type,
		options: column.type === 'options' ? column.options : undefined,
	};
}
