import type { IExecuteFunctions, INode } from 'n8n-workflow';

import type { NetzmePinRequest } from '../../../credentials/netzmePin';
import { PIN_MUST_BE_SIX_DIGITS, pinFix } from '../../../credentials/netzmePin';
import type { Resource } from '../../shared/operation';
import { fieldError, trimmedText } from '../../shared/parseInput';
import { tokoRequest } from '../transport';
import type { OperationContext } from './context';
import { merchantId } from './inputs';
import { shapeResult } from './output';
import { merchantIdProperty, pinProperties, simplifyProperty } from './properties';

/**
 * What the credential needs to put this item's PIN hash into the body: the merchant, and the PIN
 * typed in the node, checked here so a typo fails before anything is sent. An empty PIN leaves
 * the credential's Withdrawal PIN to the credential, which this node never reads. The PIN is
 * never echoed, not even in an error.
 */
export function pinRequest(this: IExecuteFunctions, merchant: string, itemIndex: number): NetzmePinRequest {
	const raw = this.getNode().parameters.pin;
	if (typeof raw === 'string' && raw.trim() !== '' && !raw.startsWith('=')) {
		fieldError(
			this.getNode(),
			itemIndex,
			"'PIN' is a fixed value, which n8n keeps in plain text in the workflow and in every execution",
			'Leave PIN empty to use the Withdrawal PIN of the Netzme credential, or enter an expression that reads it from a secret store, e.g. {{ $secrets.vault.netzmePin }}',
		);
	}
	const typed = trimmedText(this.getNodeParameter('pin', itemIndex, ''));
	if (typed !== '' && !/^\d{6}$/.test(typed)) fieldError(this.getNode(), itemIndex, PIN_MUST_BE_SIX_DIGITS, pinFix(true));
	return { merchantId: merchant, pin: typed };
}

/**
 * n8n attaches the node, parameters included, to errors: the PIN parameter must not ride along,
 * neither a fixed PIN (refused, but still in the parameters) nor an expression that may spell it.
 */
export function withoutPinInError<T>(error: T): T {
	const node = (error as { node?: INode }).node;
	const pinValue = node?.parameters?.pin;
	if (node && typeof pinValue === 'string' && pinValue !== '') {
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
			properties: [merchantIdProperty, ...pinProperties, simplifyProperty],
			async execute(itemIndex, context) {
				const merchant = await merchantId.call(this, itemIndex, context);
				const result = await tokoRequest.call(
					this,
					{
						method: 'POST',
						path: '/api/aggregator/merchant/pin/create_pin',
						type: 'create_pin',
						body: { username: merchant },
						pinFor: pinRequest.call(this, merchant, itemIndex),
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
