import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { vtigerSession } from '../../../../credentials/vtigerSession';
import { VTIGER_SESSION_ERRORS } from '../../../../credentials/vtigerReply';
import { CREDENTIAL_TYPE, VtigerRefusal } from '../../transport';
import type { ExecutionContext } from '../context';
import { show } from '../properties';
import { answer } from '../request';

const displayOptions = show('session', ['logout']);

export const description: INodeProperties[] = [
	{
		displayName:
			'Rarely needed. The session belongs to the credential, not to this workflow: n8n keeps it in the credential and every execution of every workflow using the credential shares it. Logging out ends it for all of them, and the next request of any of them has to log in again (the node does that by itself). Use it only to end access on purpose, e.g. before the access key is changed.',
		name: 'logoutNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
];

/**
 * Ends the stored session with vtiger's logout. A session that is already gone is not logged in
 * again just to be logged out; the credential keeps the dead session until the next request finds
 * it refused and logs in anew.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext) {
	if (vtigerSession.fingerprint(await this.getCredentials(CREDENTIAL_TYPE, itemIndex)) === '') return { loggedOut: true, sessionWasActive: false };
	const result = await answer.call(this, context, itemIndex, { operation: 'logout', method: 'POST', keepSession: true, expectedErrors: VTIGER_SESSION_ERRORS });
	return { loggedOut: true, sessionWasActive: !(result instanceof VtigerRefusal) };
}
