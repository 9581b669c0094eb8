import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { qontakRequest } from '../transport';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** Deal pipelines from their own route: the deal template's pipeline dropdown is not always filled. */
export async function readPipelines(this: Context): Promise<IDataObject[]> {
	const body = await qontakRequest.call(this, { method: 'GET', path: '/pipelines' });
	return (Array.isArray(body.response) ? body.response : []) as IDataObject[];
}

export const pipelineChoices = (pipelines: IDataObject[]): INodePropertyOptions[] =>
	pipelines.map((pipeline) => ({ name: String(pipeline.name ?? pipeline.id), value: String(pipeline.id) }));

/**
 * The stages of these pipelines, one call each (GET /pipelines/{id}/stages). With more than one
 * pipeline a stage is named "Pipeline › Stage": several pipelines may have a stage of one name.
 */
export async function stageChoices(this: Context, pipelines: IDataObject[]): Promise<INodePropertyOptions[]> {
	const choices: INodePropertyOptions[] = [];
	for (const pipeline of pipelines) {
		const body = await qontakRequest.call(this, { method: 'GET', path: `/pipelines/${encodeURIComponent(String(pipeline.id))}/stages` });
		for (const stage of (Array.isArray(body.response) ? body.response : []) as IDataObject[]) {
			const name = String(stage.name ?? stage.id);
			choices.push({ name: pipelines.length > 1 ? `${String(pipeline.name)} › ${name}` : name, value: String(stage.id) });
		}
	}
	return choices;
}
