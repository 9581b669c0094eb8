// The workflows test:install builds in n8n once the package is installed: one per node, with the
// node types an installed package gets (n8n-nodes-nusantara.<name>), against the vendor sandbox.
// Actions sit behind a Webhook node that answers with their output; triggers are activated and
// started by the sandbox the way the vendor would (a callback, a new record, a payment).
import { randomUUID } from 'node:crypto';

const contacts = { __rl: true, mode: 'list', value: 'Contacts' };

/** Polls at six fixed seconds a minute (minute-granular cron, as n8n requires): every 10 s. */
const EVERY_TEN_SECONDS = { item: [0, 10, 20, 30, 40, 50].map((second) => ({ mode: 'custom', cronExpression: `${second} * * * * *` })) };

function chain(name, steps) {
	const nodes = steps.map((step, index) => ({
		id: randomUUID(),
		typeVersion: 1,
		position: [index * 220, 0],
		...step,
	}));
	const connections = {};
	for (let index = 0; index + 1 < nodes.length; index++) connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	return { name, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

/**
 * @param type      our node's type as installed, e.g. 'n8n-nodes-nusantara.netzme'
 * @param credentialRef  (credentialType) => { [credentialType]: { id, name } } for the created credentials
 */
export function actionWorkflows(packageName, credentialRef) {
	const action = (key, node, parameters, credentialType) => ({
		key,
		node,
		path: `install-check-${key}`,
		workflow: chain(`Install check: ${node}`, [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: randomUUID(),
				parameters: { httpMethod: 'GET', path: `install-check-${key}`, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			},
			{ name: node, type: `${packageName}.${key}`, parameters, credentials: credentialRef(credentialType) },
		]),
	});
	return [
		action('qontakCrm', 'Qontak CRM', { resource: 'contact', operation: 'getAll', returnAll: true }, 'mekariHmacApi'),
		action('qontakBroadcast', 'Qontak Broadcast', { resource: 'integration', operation: 'getAll', returnAll: true }, 'mekariHmacApi'),
		action('netzme', 'Netzme', { resource: 'balance', operation: 'get' }, 'netzmeApi'),
		action('abmsVtiger', 'ABMS vtiger', { resource: 'module', operation: 'describe', module: contacts }, 'abmsVtigerApi'),
	];
}

/**
 * kind: 'webhook' (fire: the sandbox's callback kind; url: whether it needs our webhook URL) or
 * 'poll' (mark: the static-data key the first poll writes; fire: what makes a new record).
 */
export function triggerWorkflows(packageName, credentialRef) {
	const trigger = (key, node, parameters, credentialType, how) => {
		const webhookId = how.kind === 'webhook' ? randomUUID() : undefined;
		return {
			key,
			node,
			webhookId,
			...how,
			workflow: chain(`Install check: ${node}`, [
				{ name: node, type: `${packageName}.${key}`, parameters, credentials: credentialRef(credentialType), ...(webhookId ? { webhookId } : {}) },
			]),
		};
	};
	return [
		trigger('netzmeTrigger', 'Netzme Trigger', { events: ['qrisPayment', 'invoicePaid', 'withdrawStatus'] }, 'netzmeApi', { kind: 'webhook', fire: 'netzme-qris-paid', url: true }),
		trigger('qontakCrmTrigger', 'Qontak CRM Trigger', { events: ['qontak.crm.lead.create'] }, 'mekariHmacApi', { kind: 'webhook', fire: 'qontak-crm-lead', url: true }),
		// Registers its URL with Qontak on activation; the sandbox then posts to what was registered.
		trigger('qontakBroadcastTrigger', 'Qontak Omnichannel Trigger', { registration: 'auto', authentication: 'mekariHmac', events: ['customerMessage'] }, 'mekariHmacApi', {
			kind: 'webhook',
			fire: 'qontak-message',
			url: false,
		}),
		trigger('abmsVtigerTrigger', 'ABMS vtiger Trigger', { module: contacts, event: 'created', pollTimes: EVERY_TEN_SECONDS }, 'abmsVtigerApi', { kind: 'poll', mark: 'mark', fire: 'vtiger-contact' }),
		// Paid by the Netzme Trigger's callback above: the payment both triggers see.
		trigger('netzmePollingTrigger', 'Netzme Payments (Polling)', { pollTimes: EVERY_TEN_SECONDS }, 'netzmeApi', { kind: 'poll', mark: 'floor', fire: undefined }),
	];
}
