import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { vtigerSession } from '../../../../credentials/vtigerSession';
import { CREDENTIAL_TYPE } from '../../transport';
import type { ExecutionContext } from '../context';
import { show } from '../properties';
import { request } from '../request';

const displayOptions = show('session', ['extend']);

export const description: INodeProperties[] = [
	{
		displayName:
			'Keeps the stored vtiger session alive: one light call resets vtiger’s 30-minute idle timer, and a session that has already ended is replaced by a new login. vtiger’s own extendsession operation only adopts a browser session, so it is not used.',
		name: 'extendNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext) {
	// The session is a secret: only its fingerprint is compared, and only whether it changed is reported.
	const before = vtigerSession.fingerprint(await this.getCredentials(CREDENTIAL_TYPE, itemIndex));
	await request.call(this, context, itemIndex, { operation: 'listtypes', method: 'GET', params: { fieldTypeList: ['owner'] } });
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
	return {
		sessionActive: true,
		newLogin: vtigerSession.fingerprint(credentials) !== before,
		userId: credentials.userId ?? '',
		vtigerVersion: credentials.vtigerVersion ?? '',
	};
}
