import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE, VtigerRefusal } from '../../transport';
import type { ExecutionContext } from '../context';
import { answer, request } from '../request';

/*
 * retrieve_inventory (the record plus its LineItems) was registered in vtiger 6.0
 * (modules/Migration/schema/540_to_600RC.php of vtiger 7.5.0,
 * https://github.com/IT-Solutions4You/defalto/tree/1bb03aedbc28890ed45b575190f59738d8de923a);
 * a vtiger 5 server answers UNKNOWN_OPERATION and keeps line items out of its webservice.
 */

const OPERATION = 'retrieve_inventory';

/** The server's major version from the login result stored in the credential; undefined until known. */
export async function serverMajorVersion(this: IExecuteFunctions, itemIndex: number): Promise<{ major?: number; version: string }> {
	const version = String((await this.getCredentials(CREDENTIAL_TYPE, itemIndex)).vtigerVersion ?? '').trim();
	const major = /^(\d+)\./.exec(version)?.[1];
	return { major: major === undefined ? undefined : Number(major), version };
}

function withoutLines(record: IDataObject, version: string): IDataObject {
	return {
		...record,
		lineItemsNote: `Line items were not available: this vtiger server${version ? ` (${version})` : ''} has no retrieve_inventory, which came with vtiger 6.`,
	};
}

/** An inventory record with its LineItems, or, from a server older than vtiger 6, without them and with a note saying so. */
export async function retrieveInventory(this: IExecuteFunctions, context: ExecutionContext, itemIndex: number, id: string): Promise<IDataObject> {
	const subject = `record ${id}`;
	const plain = async () => (await request.call(this, context, itemIndex, { operation: 'retrieve', method: 'GET', params: { id }, subject })) as IDataObject;
	const before = await serverMajorVersion.call(this, itemIndex);
	if ((before.major !== undefined && before.major < 6) || context.unknownOperations.has(OPERATION)) return withoutLines(await plain(), before.version);
	const record = await answer.call(this, context, itemIndex, { operation: OPERATION, method: 'GET', params: { id }, subject, expectedErrors: ['UNKNOWN_OPERATION'] });
	if (!(record instanceof VtigerRefusal)) return record as IDataObject;
	context.unknownOperations.add(OPERATION);
	return withoutLines(await plain(), (await serverMajorVersion.call(this, itemIndex)).version);
}
