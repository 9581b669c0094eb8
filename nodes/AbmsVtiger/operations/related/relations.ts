import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ExecutionContext } from '../context';
import { request } from '../request';

export interface RelatedTypesResult {
	types?: string[];
	information?: Record<string, { name?: string; label?: string; isEntity?: boolean }>;
}

export interface Relation {
	relationLabel: string;
	module: string;
	label: string;
	isEntity: boolean;
}

export function relationsOf(result: RelatedTypesResult): Relation[] {
	return Object.entries(result.information ?? {}).map(([relationLabel, info]) => ({
		relationLabel,
		module: info.name ?? relationLabel,
		label: info.label ?? relationLabel,
		isEntity: info.isEntity !== false,
	}));
}

export async function relatedTypes(this: IExecuteFunctions, context: ExecutionContext, itemIndex: number, module: string): Promise<Relation[]> {
	return await context.memo(`relatedtypes:${module}`, async () =>
		relationsOf(
			(await request.call(this, context, itemIndex, {
				operation: 'relatedtypes',
				method: 'GET',
				params: { elementType: module },
				subject: `module '${module}'`,
			})) as RelatedTypesResult,
		),
	);
}

/** The relation named by the user (label, or the related module's name when that is unambiguous). */
export async function findRelation(this: IExecuteFunctions, context: ExecutionContext, itemIndex: number, module: string): Promise<Relation> {
	const wanted = String(this.getNodeParameter('relationLabel', itemIndex, '') ?? '').trim();
	const relations = await relatedTypes.call(this, context, itemIndex, module);
	const byLabel = relations.find((relation) => relation.relationLabel === wanted);
	if (byLabel) return byLabel;
	const byModule = relations.filter((relation) => relation.module.toLowerCase() === wanted.toLowerCase() || relation.relationLabel.toLowerCase() === wanted.toLowerCase());
	if (byModule.length === 1) return byModule[0];
	throw new NodeOperationError(this.getNode(), wanted ? `${module} has no relation '${wanted}'` : 'Choose a relation', {
		itemIndex,
		description: relations.length
			? `Relations of ${module}: ${relations.map((relation) => `'${relation.relationLabel}' (${relation.module})`).join(', ')}.`
			: `vtiger reports no relations for ${module}.`,
	});
}

export const relationProperty = (displayOptions: INodeProperties['displayOptions']): INodeProperties => ({
	displayName: 'Relation Name or ID',
	name: 'relationLabel',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getRelations', loadOptionsDependsOn: ['module.value'] },
	default: '',
	required: true,
	description: 'The relation between the modules, as vtiger’s relatedtypes lists it. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	displayOptions,
});
