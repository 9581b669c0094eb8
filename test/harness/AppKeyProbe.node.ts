import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * Test-only node: the App Key credential has no node of its own, so this sends one request per
 * item through n8n-core's real request helpers. `shape: 'legacy'` goes through
 * requestWithAuthentication with `uri`, as n8n's HTTP Request node does.
 */
export class AppKeyProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'App Key Probe',
		name: 'appKeyProbe',
		group: ['transform'],
		version: 1,
		description: 'Sends one request per item with the App Key API credential (tests only)',
		defaults: { name: 'App Key Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'appKeyApi', required: true }],
		properties: [
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Shape', name: 'shape', type: 'string', default: 'helper' },
			{ displayName: 'Body', name: 'body', type: 'json', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			const method = this.getNodeParameter('method', i) as IHttpRequestMethods;
			const url = this.getNodeParameter('url', i) as string;
			const rawBody = this.getNodeParameter('body', i) as string;
			const body = rawBody ? (JSON.parse(rawBody) as IDataObject) : undefined;
			try {
				const response =
					this.getNodeParameter('shape', i) === 'legacy'
						? await this.helpers.requestWithAuthentication.call(this, 'appKeyApi', { method, uri: url, body, json: true })
						: await this.helpers.httpRequestWithAuthentication.call(this, 'appKeyApi', { method, url, body, json: true });
				output.push({ json: response as IDataObject, pairedItem: { item: i } });
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
			}
		}
		return [output];
	}
}
