// What the queue-mode run imports into n8n: credentials pointing at the simulators, with their
// hidden token/session fields empty so n8n's preAuthentication has to fill them, one
// webhook-triggered workflow that reads a Netzme balance and lists vtiger contacts, and one
// Netzme Trigger workflow for the duplicate-delivery checks across main and the webhook process.

export const WEBHOOK_PATH = 'nusantara-queue';
export const WORKFLOW_ID = 'QueueNetzmeVtiger';
const NETZME_CREDENTIAL_ID = 'queueNetzme00001';
const VTIGER_CREDENTIAL_ID = 'queueVtiger00001';
export const MERCHANT_ID = 'M_czBSCDVY';
export const TRIGGER_WORKFLOW_ID = 'QueueNetzmeTrigger';
export const TRIGGER_NODE = 'Netzme Trigger';
const TRIGGER_WEBHOOK_ID = '0b1a0000-0000-4000-8000-0000000000bb';
/** The trigger's production path under /webhook/ (its description names the path "webhook"). */
export const TRIGGER_PATH = `${TRIGGER_WEBHOOK_ID}/webhook`;

export function credentials(netzme, vtiger) {
	return [
		{
			id: NETZME_CREDENTIAL_ID,
			name: 'Netzme (queue sandbox)',
			type: 'netzmeApi',
			data: {
				environment: 'custom',
				tokoBaseUrl: netzme.tokoUrl,
				invoiceBaseUrl: netzme.invoiceUrl,
				clientId: netzme.options.clientId,
				clientSecret: netzme.options.clientSecret,
				invoiceToken: netzme.options.invoiceToken,
				defaultMerchantId: MERCHANT_ID,
				accessToken: '',
			},
		},
		{
			id: VTIGER_CREDENTIAL_ID,
			name: 'ABMS vtiger (queue sandbox)',
			type: 'abmsVtigerApi',
			data: {
				baseUrl: vtiger.baseUrl,
				username: vtiger.options.username,
				secretAccessKey: vtiger.options.accessKey,
				sessionToken: '',
				userId: '',
				vtigerVersion: '',
			},
		},
	];
}

/** Node types as the package publishes them; a custom-extension load registers them as CUSTOM.<name>. */
const ourType = (name) => `CUSTOM.${name}`;

export function workflow() {
	const nodes = [
		{
			id: '0b1a0000-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '0b1a0000-0000-4000-8000-0000000000aa',
			parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
		},
		{
			id: '0b1a0000-0000-4000-8000-000000000002',
			name: 'Netzme Balance',
			type: ourType('netzme'),
			typeVersion: 1,
			position: [220, 0],
			parameters: { resource: 'balance', operation: 'get', merchantId: '', simplify: true },
			credentials: { netzmeApi: { id: NETZME_CREDENTIAL_ID, name: 'Netzme (queue sandbox)' } },
		},
		{
			id: '0b1a0000-0000-4000-8000-000000000003',
			name: 'vtiger Contacts',
			type: ourType('abmsVtiger'),
			typeVersion: 1,
			position: [440, 0],
			parameters: { resource: 'record', operation: 'getMany', module: { __rl: true, mode: 'list', value: 'Contacts' }, limit: 3 },
			credentials: { abmsVtigerApi: { id: VTIGER_CREDENTIAL_ID, name: 'ABMS vtiger (queue sandbox)' } },
		},
		{
			id: '0b1a0000-0000-4000-8000-000000000004',
			name: 'Respond',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [660, 0],
			executeOnce: true,
			parameters: {
				mode: 'raw',
				jsonOutput: "={{ JSON.stringify({ request: $('Webhook').first().json.body.n, balance: $('Netzme Balance').first().json, contacts: $('vtiger Contacts').all().length }) }}",
				options: {},
			},
		},
	];
	const connections = {
		Webhook: { main: [[{ node: 'Netzme Balance', type: 'main', index: 0 }]] },
		'Netzme Balance': { main: [[{ node: 'vtiger Contacts', type: 'main', index: 0 }]] },
		'vtiger Contacts': { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
	};
	return [{ id: WORKFLOW_ID, name: 'Queue mode: Netzme balance + vtiger contacts', active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} }];
}

/**
 * Netzme Trigger → No Operation. It uses the same Netzme credential as the workflow above, so
 * confirming a payment reuses the token the workers stored instead of fetching one that would
 * replace theirs (Netzme keeps one active token per client). The second node only makes each
 * execution run on a worker; what is counted is how many executions each payment started.
 */
export function triggerWorkflow() {
	const nodes = [
		{
			id: '0b1a0000-0000-4000-8000-000000000011',
			name: TRIGGER_NODE,
			type: ourType('netzmeTrigger'),
			typeVersion: 1,
			position: [0, 0],
			webhookId: TRIGGER_WEBHOOK_ID,
			parameters: { events: ['qrisPayment', 'invoicePaid'], authentication: 'none', confirmWithNetzme: true, simplify: true },
			credentials: { netzmeApi: { id: NETZME_CREDENTIAL_ID, name: 'Netzme (queue sandbox)' } },
		},
		{
			id: '0b1a0000-0000-4000-8000-000000000012',
			name: 'Received',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [220, 0],
			parameters: {},
		},
	];
	const connections = { [TRIGGER_NODE]: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } };
	return [{ id: TRIGGER_WORKFLOW_ID, name: 'Queue mode: Netzme Trigger', active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} }];
}
