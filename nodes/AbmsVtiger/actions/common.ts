import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { SessionGate, VtigerCall } from '../transport';
import { vtigerCall } from '../transport';

export interface VtigerFieldType {
	name: string;
	picklistValues?: Array<{ label: string; value: string }>;
	refersTo?: string[];
	format?: string;
}

export interface VtigerField {
	name: string;
	label: string;
	mandatory: boolean;
	editable: boolean;
	type: VtigerFieldType;
}

export interface VtigerDescribe {
	name: string;
	label: string;
	idPrefix: string;
	labelFields?: string;
	fields: VtigerField[];
}

/** What one execution shares between its items: the login gate and describe results. */
export interface ExecutionContext {
	gate: SessionGate;
	describe(module: string, itemIndex?: number): Promise<VtigerDescribe>;
	/** The logged-in user's id (from the login result kept in the credential), '' when unknown. */
	apiUserId(): Promise<string>;
	/** Runs `load` once per key and execution. */
	memo<T>(key: string, load: () => Promise<T>): Promise<T>;
	timeoutMs: number;
	maxRetries: number;
}

export const RECORD_ID = /^\d+x\d+$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An item's webservice call with the execution's timeout and retry settings. */
export async function request(
	this: IExecuteFunctions,
	context: ExecutionContext,
	itemIndex: number,
	call: Omit<VtigerCall, 'itemIndex' | 'timeoutMs' | 'maxRetries'>,
): Promise<IDataObject | IDataObject[]> {
	return (await vtigerCall.call(this, context.gate, {
		...call,
		itemIndex,
		timeoutMs: context.timeoutMs,
		maxRetries: context.maxRetries,
	})) as IDataObject | IDataObject[];
}

export function show(resource: string, operations: string[]): IDisplayOptions {
	return { show: { resource: [resource], operation: operations } };
}

export function moduleLocator(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Module',
		name: 'module',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The vtiger module, e.g. Contacts, Leads, Accounts (organizations) or Potentials (opportunities)',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchModules', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'Contacts',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*[A-Za-z_][A-Za-z0-9_]*\\s*$', errorMessage: 'A module name is one word, e.g. Contacts' },
					},
				],
			},
		],
	};
}

export function recordLocator(displayOptions: IDisplayOptions, displayName = 'Record ID', description?: string): INodeProperties {
	return {
		displayName,
		name: 'recordId',
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description: description ?? 'The record, as a vtiger ID like 12x345 (module prefix, x, record number)',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchRecords', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '12x345',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d+x\\d+\\s*$', errorMessage: 'vtiger IDs look like 12x345: module prefix, x, record number' },
					},
				],
			},
		],
	};
}

export function moduleName(this: IExecuteFunctions, itemIndex: number, fallback?: string): string {
	const raw = fallback ?? this.getNodeParameter('module', itemIndex, '', { extractValue: true });
	const name = String(raw ?? '').trim();
	if (!IDENTIFIER.test(name)) {
		throw new NodeOperationError(this.getNode(), name ? `'${name}' is not a vtiger module name` : 'Choose a module', {
			itemIndex,
			description: 'A module name is one word such as Contacts, Leads, Accounts or Potentials. Module → List Types shows the modules this user can use.',
		});
	}
	return name;
}

/**
 * A vtiger ID from a parameter. A bare record number is the most common mistake, so
 * it gets an explanation with the ID the user probably meant.
 */
export async function wsId(
	this: IExecuteFunctions,
	context: ExecutionContext,
	itemIndex: number,
	options: { value: unknown; field: string; module?: string },
): Promise<string> {
	const value = String(options.value ?? '').trim();
	if (RECORD_ID.test(value)) return value;
	let example = '12x345';
	if (/^\d+$/.test(value) && options.module) {
		const prefix = await context
			.describe(options.module, itemIndex)
			.then((described) => described.idPrefix)
			.catch(() => undefined);
		if (prefix) example = `${prefix}x${value}`;
	}
	throw new NodeOperationError(this.getNode(), value ? `'${options.field}' is not a vtiger ID: '${value}'` : `'${options.field}' is empty`, {
		itemIndex,
		description: `vtiger IDs have the form <module prefix>x<record number>${/^\d+$/.test(value) ? `, so record ${value}${options.module ? ` of ${options.module}` : ''} is probably ${example}` : `, e.g. ${example}`}. The prefix is the module's idPrefix (Module → Describe); records returned by this node carry their full ID in 'id'.`,
	});
}

export async function recordIdParameter(this: IExecuteFunctions, context: ExecutionContext, itemIndex: number, module?: string): Promise<string> {
	const value = this.getNodeParameter('recordId', itemIndex, '', { extractValue: true });
	return await wsId.call(this, context, itemIndex, { value, field: 'Record ID', module });
}

/** A VTQL value: always single-quoted, with embedded quotes doubled. */
export function vtqlQuote(value: unknown): string {
	return `'${String(value ?? '').replace(/'/g, "''")}'`;
}

export function vtqlIdentifier(this: IExecuteFunctions, name: string, itemIndex: number, what = 'field'): string {
	const trimmed = name.trim();
	if (!IDENTIFIER.test(trimmed)) {
		throw new NodeOperationError(this.getNode(), `'${name}' is not a valid ${what} name`, {
			itemIndex,
			description: `Use the field's name (not its label) as Module → Describe lists it, e.g. lastname or assigned_user_id.`,
		});
	}
	return trimmed;
}

