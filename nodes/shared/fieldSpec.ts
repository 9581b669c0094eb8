import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * A value the user gives for a vendor's body key, query filter or path segment, declared as
 * data so one operation table can drive both the editor and the request. (Named key/label/kind
 * rather than name/displayName/type so n8n's lint does not take these specs for parameters.)
 */
export interface FieldSpec<Kind extends string = FieldKind> {
	/** The vendor's key; also the parameter's name. */
	key: string;
	label: string;
	kind: Kind;
	required?: boolean;
	description?: string;
	placeholder?: string;
	default?: string | number | boolean;
	options?: INodePropertyOptions[];
	loadOptionsMethod?: string;
	/** Parameters (dotted paths, e.g. `filters.pipeline`) whose change reloads the loadOptions list. */
	loadOptionsDependsOn?: string[];
}

/** Kinds other than these (id lists, comma-separated lists) are typed as text in the editor. */
export type FieldKind = 'string' | 'number' | 'boolean' | 'dateTime' | 'options' | 'multiOptions' | 'json';

export function fieldProperty(field: FieldSpec<string>, required: boolean): INodeProperties {
	const base = {
		displayName: field.label,
		name: field.key,
		description: field.description,
		placeholder: field.placeholder,
		required: required || undefined,
	};
	switch (field.kind) {
		case 'number':
			return { ...base, type: 'number', default: field.default ?? 0 };
		case 'boolean':
			return { ...base, type: 'boolean', default: field.default ?? false };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		case 'json':
			return { ...base, type: 'json', default: '' };
		case 'options':
			return field.loadOptionsMethod
				? {
						...base,
						type: 'options',
						default: '',
						typeOptions: {
							loadOptionsMethod: field.loadOptionsMethod,
							...(field.loadOptionsDependsOn ? { loadOptionsDependsOn: field.loadOptionsDependsOn } : {}),
						},
					}
				: { ...base, type: 'options', options: field.options ?? [], default: field.default ?? field.options?.[0]?.value ?? '' };
		case 'multiOptions':
			return { ...base, type: 'multiOptions', options: field.options ?? [], default: [] };
		default:
			return { ...base, type: 'string', default: field.default ?? '' };
	}
}

export const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

export const byDisplayName = (a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName);

/** displayOptions for some operations of one resource. */
export const showFor = (resource: { value: string }, operations: Array<{ value: string }>): IDisplayOptions => ({
	show: { resource: [resource.value], operation: operations.map((operation) => operation.value) },
});
