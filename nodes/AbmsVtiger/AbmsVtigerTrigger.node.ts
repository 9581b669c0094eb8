import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { moduleLocator } from './operations/properties';
import { searchModules } from './methods/listSearch';
import { SessionGate } from './transport';
import type { PollConfig, PollState } from './trigger/pollRecords';
import { newestRecords, recordsSince, startingMark, syncSince } from './trigger/pollRecords';

const DEFAULT_BUDGET_MS = 5 * 60_000;

export class AbmsVtigerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ABMS vtiger Trigger',
		name: 'abmsVtigerTrigger',
		icon: { light: 'file:../../icons/abms.svg', dark: 'file:../../icons/abms.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["event"] === "created" ? "New " : "New or updated ") + ($parameter["module"].value || "records")}}',
		description: 'Starts the workflow when records of an ABMS / vtiger module are created or changed',
		defaults: { name: 'ABMS vtiger Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'abmsVtigerApi', required: true }],
		properties: [
			moduleLocator({}),
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				default: 'createdOrUpdated',
				options: [
					{ name: 'New or Updated Record', value: 'createdOrUpdated', description: 'Records whose modified time is newer than the last poll' },
					{ name: 'New Record', value: 'created', description: 'Records whose created time is newer than the last poll' },
				],
			},
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				default: 'query',
				displayOptions: { show: { event: ['createdOrUpdated'] } },
				options: [
					{ name: 'Query (All Visible Records)', value: 'query', description: 'VTQL on modifiedtime: every record the user can see' },
					{
						name: 'Sync (Owned Records, With Deletions)',
						value: 'sync',
						description: 'Uses vtiger’s sync: only records the API user owns, but reports deletions too',
					},
				],
			},
			{
				displayName: 'Include Deleted',
				name: 'includeDeleted',
				type: 'boolean',
				default: false,
				description: 'Whether to emit deleted records as { ID, deleted: true } items',
				displayOptions: { show: { event: ['createdOrUpdated'], source: ['sync'] } },
			},
		],
	};

	methods = { listSearch: { searchModules } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const module = String(this.getNodeParameter('module', '', { extractValue: true }) ?? '').trim();
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(module)) {
			throw new NodeOperationError(this.getNode(), module ? `'${module}' is not a vtiger module name` : 'Choose a module', {
				description: 'A module name is one word such as Contacts, Leads, Accounts or Potentials.',
			});
		}
		const event = this.getNodeParameter('event', 'createdOrUpdated') as string;
		const source = event === 'createdOrUpdated' ? (this.getNodeParameter('source', 'query') as string) : 'query';
		const started = Date.now();
		const budget = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : DEFAULT_BUDGET_MS;
		const config: PollConfig = {
			module,
			timeField: event === 'created' ? 'createdtime' : 'modifiedtime',
			gate: new SessionGate(),
			outOfTime: () => Date.now() - started >= budget * 0.8,
		};

		// The editor's "fetch test event": a recent record, and the stored mark left alone.
		if (this.getMode() === 'manual') {
			const newest = await newestRecords.call(this, config);
			return newest.length ? [this.helpers.returnJsonArray(newest.slice(0, 1))] : null;
		}

		const state = this.getWorkflowStaticData('node') as PollState;
		const key = `${module}|${config.timeField}|${source}`;
		if (state.key !== key) {
			for (const name of Object.keys(state)) delete state[name];
			state.key = key;
		}

		if (source === 'sync') {
			const now = Math.floor(Date.now() / 1000);
			if (state.syncMark === undefined) {
				// First poll: note where "now" is and emit nothing already there.
				state.syncMark = (await syncSince.call(this, config, now)).mark;
				return null;
			}
			const { updated, deleted, mark } = await syncSince.call(this, config, state.syncMark);
			state.syncMark = mark;
			const includeDeleted = this.getNodeParameter('includeDeleted', false) as boolean;
			const items: IDataObject[] = [...updated, ...(includeDeleted ? deleted.map((id) => ({ id, deleted: true })) : [])];
			return items.length ? [this.helpers.returnJsonArray(items)] : null;
		}

		if (state.mark === undefined) {
			Object.assign(state, await startingMark.call(this, config));
			return null;
		}
		const { records, state: next } = await recordsSince.call(this, config, state);
		state.mark = next.mark;
		state.idsAtMark = next.idsAtMark;
		return records.length ? [this.helpers.returnJsonArray(records)] : null;
	}
}
