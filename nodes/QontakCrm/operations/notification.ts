import { op } from './routeFactories';
import type { CrmResource } from './types';

const ORIGINS = ['company', 'deal', 'expense', 'lead', 'notes', 'task', 'ticket'].map((value) => ({
	name: value.charAt(0).toUpperCase() + value.slice(1),
	value,
}));

export const notification: CrmResource = {
	value: 'notification',
	name: 'Notification',
	collection: '/notifications',
	searchPaginated: true,
	defaultOperation: 'get',
	operations: [
		{
			...op.create('notification', '/notifications', [
				{ key: 'title', label: 'Title', kind: 'string', required: true },
				{ key: 'description', label: 'Description', kind: 'string', required: true },
				{ key: 'origin', label: 'Origin', kind: 'options', options: ORIGINS, required: true, default: 'deal', description: 'Kind of record the notification is about' },
				{ key: 'object_id', label: 'Record ID', kind: 'number', required: true, default: 0 },
				{ key: 'click_action', label: 'Click Action', kind: 'string', required: true, placeholder: 'OPEN_DEAL', description: 'What a click opens, e.g. OPEN_DEAL, OPEN_NOTIFICATIONS or OPEN_LINK (must suit the origin)' },
				{ key: 'click_action_url', label: 'Click Action URL', kind: 'string', required: true },
				{ key: 'user_ids', label: 'Recipients (JSON)', kind: 'json', required: true, placeholder: '[{"user_id": 1, "email": "name@email.com"}]', description: 'Array of {user_id, email}' },
				{ key: 'notif_type_id', label: 'Type', kind: 'options', required: true, default: 1, options: [{ name: 'General', value: 1 }, { name: 'Approval', value: 2 }] },
				{ key: 'notif_category_id', label: 'Category ID', kind: 'number', required: true, default: 1, description: '1 Reminder … 9 Expenses, as in Get Fields' },
				{ key: 'task_status_id', label: 'Task Status ID', kind: 'number' },
				{ key: 'is_reminder', label: 'Is Reminder', kind: 'boolean', default: false },
				{ key: 'external_company_id', label: 'External Company ID', kind: 'number' },
			]),
			name: 'Send',
			value: 'send',
			action: 'Send a notification',
		},
		op.get('notification', '/notifications/{id}'),
		op.getFields('notifications', '/notifications/info'),
		op.getMany('notifications', '/notifications'),
		{ value: 'markAllAsRead', name: 'Mark All as Read', action: 'Mark all notifications as read', method: 'PUT', path: '/notifications/mark_all_as_read' },
		{ value: 'markAsRead', name: 'Mark as Read', action: 'Mark a notification as read', method: 'PUT', path: '/notifications/{id}/mark_as_read' },
	],
};
