import type { INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../shared/listOutput';
import { simplifyToggle } from '../../shared/simplify';

/* Parameters several Netzme operations share: what the editor shows. */

export const merchantIdProperty: INodeProperties = {
	displayName: 'Merchant ID',
	name: 'merchantId',
	type: 'string',
	default: '',
	placeholder: 'M_czBSCDVY',
	description: 'Netzme merchant (user) ID. Leave empty to use the Default Merchant ID of the credential.',
};

export const simplifyProperty = simplifyToggle(
	'the response body alone, with amounts such as "IDR 37995.00" as numbers and Netzme’s text kept beside each (withdrawalAmountText)',
);

export const dateRangeProperties: INodeProperties[] = [
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'First day to include (Jakarta time); sent as YYYYMMDD',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Last day to include (Jakarta time); sent as YYYYMMDD',
	},
];

/**
 * n8n keeps a fixed parameter value in plain text in the workflow and in every execution's node
 * parameters, so the PIN comes from the credential (stored encrypted) or from an expression.
 */
export const pinProperties: INodeProperties[] = [
	{
		displayName:
			'Leave PIN empty to use the Withdrawal PIN of the Netzme credential, which n8n stores encrypted. A PIN typed here as a fixed value is refused: n8n would keep it in plain text in the workflow and in every execution. If you need another PIN, use an expression that reads it from a secret store.',
		name: 'pinNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'PIN',
		name: 'pin',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		placeholder: '{{ $secrets.vault.netzmePin }}',
		description:
			'Empty: the credential’s Withdrawal PIN. Otherwise an expression giving the merchant’s 6-digit PIN. It is hashed by the credential (HMAC-SHA256 with the client ID and merchant ID) and only the hash is sent.',
	},
];

export const returnAllProperties: INodeProperties[] = returnAllOrLimit({});
