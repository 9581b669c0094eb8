import { op } from './routeFactories';
import type { CrmResource } from './types';

export const approval: CrmResource = {
	value: 'approval',
	name: 'Approval',
	collection: '/approvals/rules',
	searchPaginated: true,
	operations: [
		{
			value: 'applyRules',
			name: 'Apply Rules',
			action: 'Apply an approval rule to a deal',
			description: 'Deals with a parallel layer order only',
			method: 'POST',
			path: '/approvals/apply_rules',
			body: [
				{ key: 'object_id', label: 'Deal ID', kind: 'number', required: true, default: 0 },
				{ key: 'crm_approval_id', label: 'Approval Rule ID', kind: 'number', required: true, default: 0 },
				{ key: 'object_type', label: 'Object Type', kind: 'options', options: [{ name: 'Deal', value: 'deal' }], default: 'deal', required: true },
				{ key: 'crm_approval_layers_attributes', label: 'Layers (JSON)', kind: 'json', required: true, placeholder: '[{"layer_order": 1, "set_approver": 5, "note": "Please review"}]', description: 'Array of {layer_order, set_approver, note}' },
			],
		},
		{
			...op.getMany(
				'approval rules',
				'/approvals/rules',
				[
					{ key: 'activity', label: 'Activity', kind: 'options', options: [{ name: 'Create', value: 'create' }, { name: 'Move', value: 'move' }, { name: 'Update', value: 'update' }], default: 'create' },
					{ key: 'layer_order', label: 'Layer Order', kind: 'options', options: [{ name: 'Parallel', value: 'parallel' }, { name: 'Sequential', value: 'sequential' }], default: 'parallel' },
					{ key: 'type', label: 'Type', kind: 'options', options: [{ name: 'Deal', value: 'deal' }, { name: 'Expense', value: 'expense' }], default: 'deal' },
				],
			),
			value: 'getRules',
			name: 'Get Rules',
			action: 'Get approval rules',
		},
		{
			value: 'toggleWorkflow',
			name: 'Toggle Workflow',
			action: 'Turn an approval workflow on or off',
			method: 'POST',
			path: '/approvals/toggle_workflow',
			body: [
				{ key: 'id', label: 'Approval Rule ID', kind: 'number', required: true, default: 0 },
				{ key: 'workflow_enabled', label: 'Workflow Enabled', kind: 'boolean', required: true, default: true },
			],
		},
	],
};
