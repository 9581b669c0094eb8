import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Resource } from '../../shared/operation';
import { netzmePinHash } from '../pinHash';
import { tokoRequest } from '../transport';
import { merchantId, merchantIdProperty, pinProperty, shapeResult, simplifyProperty } from './fields';
import type { OperationContext } from './context';

/** The PIN hash for this item. The PIN itself never leaves this function, not even in an error. */
export async function hashedPin(
	this: IExecuteFunctions,
	merchant: string,
	itemIndex: number,
	context: OperationContext,
): Promise<string> {
	const credentials = await context.credentials();
	const given = String(this.getNodeParameter('pin', itemIndex, '') ?? '').trim();
	const pin = given || String(credentials.withdrawalPinSecret ?? '').trim();
	if (!/^\d{6}$/.test(pin)) {
		throw new NodeOperationError(this.getNode(), "'PIN' must be exactly 6 digits", {
			itemIndex,
			description: given
				? 'Enter the merchant’s 6-digit numeric PIN (the value is not shown here on purpose)'
				: 'Enter the merchant’s 6-digit PIN here, or set Withdrawal PIN in the Netzme credential',
		});
	}
	return netzmePinHash(String(credentials.clientId ?? '').trim(), merchant, pin);
}

/** n8n attaches the node, parameters included, to errors: a PIN typed into the node must not ride along. */
export function withoutPinInError<T>(error: T): T {
	const node = (error as { node?: INode }).node;
	const pinValue = node?.parameters?.pin;
	if (node && typeof pinValue === 'string' && pinValue !== '' && !pinValue.startsWith('=')) {
		(error as { node?: INode }).node = { ...node, parameters: { ...node.parameters, pin: '[hidden]' } };
	}
	return error;
}

export const pin: Resource<OperationContext> = {
	value: 'pin',
	name: 'PIN',
	operations: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create a withdrawal PIN',
			description: 'Set the merchant’s withdrawal PIN; a PIN must exist before any withdrawal',
			properties: [merchantIdProperty, pinProperty, simplifyProperty],
			async execute(itemIndex, context) {
				const merchant = await merchantId.call(this, itemIndex, context);
				const result = await tokoRequest.call(
					this,
					{
						method: 'POST',
						path: '/api/aggregator/merchant/pin/create_pin',
						type: 'create_pin',
						body: { username: merchant, pin: await hashedPin.call(this, merchant, itemIndex, context) },
						idempotent: false,
						itemIndex,
					},
					context,
				);
				return shapeResult.call(this, result, itemIndex);
			},
		},
		{
			value: 'forgot',
			name: 'Forgot',
			action: 'Start the forgot PIN flow',
			description: 'Ask Netzme to reset the merchant’s PIN; Netzme throttles repeats (not_allow_retry)',
			properties: [merchantIdProperty, simplifyProperty],
			async execute(itemIndex, context) {
				const merchant = await merchantId.call(this, itemIndex, context);
				const result = await tokoRequest.call(
					this,
					{
						method: 'POST',
						path: '/api/aggregator/merchant/pin/forgot_pin',
						type: 'forgot_pin',
						body: { username: merchant },
						idempotent: false,
						itemIndex,
					},
					context,
				);
				return shapeResult.call(this, result, itemIndex);
			},
		},
	],
};
