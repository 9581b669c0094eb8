import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { route } from '../shared/router';
import { netzmeActions } from './operations/context';
import { netzmeProperties } from './operations/description';

export class Netzme implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Netzme',
		name: 'netzme',
		icon: { light: 'file:../../icons/netzme.svg', dark: 'file:../../icons/netzme.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Take QRIS payments with Netzme: invoices and QR codes, balances, transactions, withdrawals, deposits and split fees',
		defaults: { name: 'Netzme' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'netzmeApi', required: true }],
		properties: netzmeProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, netzmeActions);
	}
}
