import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { VtigerDescribe } from '../operations/vtigerDescribe';
import type { VtigerCall } from '../transport';
import { SessionGate, vtigerCall, vtigerQueryAll } from '../transport';

/** The editor's calls: each method call is its own short "execution" with its own login gate. */
export function editorSession(context: ILoadOptionsFunctions) {
	const gate = new SessionGate();
	return {
		call: async (call: VtigerCall) => await vtigerCall.call(context, gate, call),
		queryAll: async (query: string, limit?: number) => await vtigerQueryAll.call(context, gate, { query, limit }),
		describe: async (module: string) =>
			(await vtigerCall.call(context, gate, { operation: 'describe', method: 'GET', params: { elementType: module }, subject: `module '${module}'` })) as VtigerDescribe,
	};
}

/** The module the editor is showing: the Module parameter, or Leads for the lead resource. */
export function currentModule(context: ILoadOptionsFunctions): string {
	if (context.getCurrentNodeParameter('resource') === 'lead') return 'Leads';
	const value = context.getCurrentNodeParameter('module', { extractValue: true }) as string | IDataObject | undefined;
	const name = typeof value === 'object' && value !== null ? String(value.value ?? '') : String(value ?? '');
	return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name.trim()) ? name.trim() : '';
}

/** Users and groups a record can be assigned to, as owner fields take them. */
export async function ownerOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const session = editorSession(this);
	const users = await session.queryAll('SELECT id, user_name, first_name, last_name FROM Users');
	const groups = await session.queryAll('SELECT id, groupname FROM Groups').catch(() => [] as IDataObject[]);
	return [
		...users.map((user) => {
			const name = [user.first_name, user.last_name].filter(Boolean).join(' ') || String(user.user_name);
			return { name: `${name} (${user.user_name as string})`, value: String(user.id) };
		}),
		...groups.map((group) => ({ name: `${group.groupname as string} (group)`, value: String(group.id) })),
	];
}
