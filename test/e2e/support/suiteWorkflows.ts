import { IDS } from '../../../simulators/qontak/chatFixtures';
import { lineItemEntry } from '../../AbmsVtiger/lineItemEntry';
import { credentialRef, type Simulators } from './credentials';
import { byId, chain, custom, manual, mapped, type WorkflowJson } from './workflow';

const contacts = { __rl: true, mode: 'list', value: 'Contacts' };
const mekari = credentialRef('mekariHmacApi');

/** Fixed webhook ids make the production URLs known before activation: /webhook/<id>/webhook. */
export const WEBHOOK_IDS = {
	netzme: '0e2e0000-0000-4000-8000-00000000a001',
	crm: '0e2e0000-0000-4000-8000-00000000a002',
	omnichannel: '0e2e0000-0000-4000-8000-00000000a003',
};

export const CRM_TRIGGER_SECRET = 'e2e-crm-secret';

export const WORKFLOW_IDS = {
	crmContacts: 'e2eCrmContacts01',
	crmDeals: 'e2eCrmDeals00001',
	broadcast: 'e2eBroadcast0001',
	chatLegacy: 'e2eChatLegacy001',
	netzmeBalance: 'e2eNetzmeBalance',
	netzmeInvoice: 'e2eNetzmeInvoice',
	netzmeWaitPaid: 'e2eNetzmeWaitPay',
	vtiger: 'e2eVtigerRecords',
	httpMekari: 'e2eHttpMekari001',
	httpAppKey: 'e2eHttpAppKey001',
	netzmeTrigger: 'e2eNetzmeTrigger',
	crmTrigger: 'e2eCrmTrigger001',
	omnichannelTrigger: 'e2eOmniTrigger01',
	vtigerTrigger: 'e2eVtigerPoll001',
	crmDealFilters: 'e2eCrmDealFilter',
	crmFindUpsert: 'e2eCrmFindUpsert',
	chatKinds: 'e2eChatKinds0001',
	vtigerLogout: 'e2eVtigerLogout1',
	netzmeAmounts: 'e2eNetzmeAmounts',
	netzmePolling: 'e2eNetzmePoll001',
};

/** Two orders from one customer, the phone written two ways: Create or Update must make one contact of them. */
export const UPSERT_ORDERS = [
	{ first_name: 'Wulan', phone: '0812 7777 9001', job_title: 'Pemilik' },
	{ first_name: 'Wulan', phone: '+62 812-7777-9001', job_title: 'Direktur' },
];

/** The Netzme polling trigger's node name: n8n keeps its static data under `node:<name>`. */
export const NETZME_POLLING_NODE = 'Netzme Payments (Polling)';

/** One workflow per operation group, each a chain a user would build, against the simulators. */
export function operationWorkflows(sims: Simulators): WorkflowJson[] {
	const crm = (name: string, parameters: Record<string, unknown>, executeOnce = false) => ({
		name,
		type: custom('qontakCrm'),
		parameters,
		credentials: mekari,
		executeOnce,
	});
	const broadcast = (name: string, parameters: Record<string, unknown>, executeOnce = false) => ({
		name,
		type: custom('qontakBroadcast'),
		parameters,
		credentials: parameters.authentication === 'qontakChat' ? credentialRef('qontakChatApi') : mekari,
		executeOnce,
	});
	const netzme = (name: string, parameters: Record<string, unknown>, executeOnce = false) => ({
		name,
		type: custom('netzme'),
		parameters,
		credentials: credentialRef('netzmeApi'),
		executeOnce,
	});
	const vtiger = (name: string, parameters: Record<string, unknown>, executeOnce = false) => ({
		name,
		type: custom('abmsVtiger'),
		parameters,
		credentials: credentialRef('abmsVtigerApi'),
		executeOnce,
	});
	const http = (url: string, credentialType: 'mekariHmacApi' | 'appKeyApi') => ({
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: { method: 'GET', url, authentication: 'predefinedCredentialType', nodeCredentialType: credentialType, options: {} },
		credentials: credentialRef(credentialType),
	});
	return [
		manual(WORKFLOW_IDS.crmContacts, 'E2E Qontak CRM contacts', [
			// Node version 1.1: a new node, so the phone is normalised without the option being added.
			{
				...crm('Create Contact', { resource: 'contact', operation: 'create', fields: mapped({ first_name: 'Dewi', last_name: 'Lestari', email: 'dewi.lestari@e2e.example', crm_phones: '0812-3456-7890' }) }),
				typeVersion: 1.1,
			},
			crm('Get Contact', { resource: 'contact', operation: 'get', recordId: byId('={{ $json.id }}') }),
			crm('Update Contact', { resource: 'contact', operation: 'update', recordId: byId('={{ $json.id }}'), fields: mapped({ job_title: 'Pemilik Warung' }) }),
			crm('Delete Contact', { resource: 'contact', operation: 'delete', recordId: byId("={{ $('Create Contact').item.json.id }}") }),
			crm('Get Many Contacts', { resource: 'contact', operation: 'getAll', returnAll: true }, true),
		]),
		manual(WORKFLOW_IDS.crmDeals, 'E2E Qontak CRM deals with pipeline', [
			crm('Get Pipelines', { resource: 'pipeline', operation: 'getAll', returnAll: true }),
			crm('Get Stages', { resource: 'pipeline', operation: 'getStages', recordId: byId('={{ $json.id }}') }, true),
			crm(
				'Create Deal',
				{
					resource: 'deal',
					operation: 'create',
					fields: mapped({ name: 'Pengadaan Kopi E2E', crm_pipeline_id: "={{ $('Get Pipelines').first().json.id }}", crm_stage_id: '={{ $json.id }}', size: 15000000 }),
				},
				true,
			),
			crm('Get Deal', { resource: 'deal', operation: 'get', recordId: byId('={{ $json.id }}') }),
		]),
		manual(WORKFLOW_IDS.broadcast, 'E2E Qontak Broadcast', [
			broadcast('Get Integrations', { resource: 'integration', operation: 'getAll', returnAll: true }),
			broadcast('Get Templates', { resource: 'template', operation: 'getAll', returnAll: true, filters: { status: 'APPROVED' } }, true),
			broadcast(
				'Send Direct',
				{
					resource: 'broadcast',
					operation: 'sendDirect',
					channelIntegrationId: byId(IDS.waCloudIntegration),
					messageTemplateId: byId(IDS.orderUpdateTemplate),
					toNumber: '081234567890',
					toName: 'Budi Santoso',
					templateParameters: { mappingMode: 'defineBelow', value: { body_1: 'Budi', body_2: 'INV-1000', body_3: 'besok' } },
				},
				true,
			),
		]),
		manual(WORKFLOW_IDS.chatLegacy, 'E2E Qontak Chat legacy login', [
			broadcast('Get Integrations', { authentication: 'qontakChat', resource: 'integration', operation: 'getAll', returnAll: true }),
		]),
		manual(WORKFLOW_IDS.netzmeBalance, 'E2E Netzme balance', [netzme('Get Balance', { resource: 'balance', operation: 'get' })]),
		manual(WORKFLOW_IDS.netzmeInvoice, 'E2E Netzme invoice and transactions', [
			netzme('Create Invoice', { resource: 'invoice', operation: 'createTransaction', amount: 45000 }),
			netzme('Invoice Status', { resource: 'transaction', operation: 'getInvoiceStatus', trxId: '={{ $json.trxId }}' }),
			netzme('Transactions', { resource: 'transaction', operation: 'getMany', startDate: '2024-05-01T00:00:00', endDate: '2024-05-02T00:00:00', returnAll: true }, true),
		]),
		// The shortest interval the node allows: the simulator marks the invoice paid at the 2nd check, 5 s in.
		manual(WORKFLOW_IDS.netzmeWaitPaid, 'E2E Netzme invoice, wait until paid', [
			netzme('Create Invoice', { resource: 'invoice', operation: 'createTransaction', amount: 45000 }),
			netzme('Wait Until Paid', { resource: 'invoice', operation: 'waitUntilPaid', trxId: '={{ $json.trxId }}', intervalSeconds: 5, timeoutMinutes: 1 }),
		]),
		manual(WORKFLOW_IDS.vtiger, 'E2E ABMS vtiger records', [
			vtiger('Create Contact', { resource: 'record', operation: 'create', module: contacts, fields: mapped({ lastname: 'Prasetyo-E2E', firstname: 'Rina', email: 'rina.prasetyo@e2e.example' }) }),
			vtiger('Get Contact', { resource: 'record', operation: 'get', module: contacts, recordId: byId('={{ $json.id }}') }),
			vtiger('Query Contacts', { resource: 'record', operation: 'getMany', module: contacts, queryMode: 'vtql', vtql: "SELECT * FROM Contacts WHERE lastname = 'Prasetyo-E2E'", returnAll: true }, true),
			vtiger('Describe Contacts', { resource: 'module', operation: 'describe', module: contacts }, true),
		]),
		manual(WORKFLOW_IDS.httpMekari, 'E2E HTTP Request with the Mekari credential', [http(`${sims.qontak.baseUrl}/qontak/crm/contacts?page=1&per_page=3`, 'mekariHmacApi')]),
		manual(WORKFLOW_IDS.httpAppKey, 'E2E HTTP Request with the App Key credential', [http(`${sims.appKey.baseUrl}/tasks`, 'appKeyApi')]),
		manual(CHAT_REPLY.workflowId, 'E2E Qontak Broadcast reply to a phone number', [
			broadcast('Reply to Phone', {
				resource: 'message',
				operation: 'sendToPhone',
				channelIntegrationId: byId(IDS.waIntegration),
				phoneNumber: CHAT_REPLY.phone,
				messageType: 'text',
				text: CHAT_REPLY.text,
			}),
		]),
		manual(WORKFLOW_IDS.chatKinds, 'E2E Qontak Broadcast number check, location message and Simplify', [
			{
				name: 'Two Numbers',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ numbers: ['0812-3456-7001', '+62 812 3456 7002'] }), options: {} },
			},
			{ name: 'Split Numbers', type: 'n8n-nodes-base.splitOut', parameters: { fieldToSplitOut: 'numbers', options: {} } },
			broadcast('Check Numbers', {
				authentication: 'qontakChat',
				resource: 'contact',
				operation: 'checkWhatsApp',
				channelIntegrationId: byId(IDS.waIntegration),
				phoneNumber: '={{ $json.numbers }}',
			}),
			broadcast(
				'Send Location',
				{ resource: 'message', operation: 'sendToRoom', roomId: byId(IDS.assignedRoom), messageType: 'location', latitude: -6.1754, longitude: 106.8272, locationName: 'Monas' },
				true,
			),
			broadcast('Rooms Simplified', { resource: 'room', operation: 'getAll', returnAll: false, limit: 3, simplify: true }, true),
		]),
		manual(WORKFLOW_IDS.vtigerLogout, 'E2E ABMS vtiger logout, then a request', [
			vtiger('Logout', { resource: 'session', operation: 'logout' }),
			vtiger('Describe After Logout', { resource: 'module', operation: 'describe', module: { __rl: true, mode: 'list', value: 'Contacts' } }, true),
		]),
		manual(WORKFLOW_IDS.netzmeAmounts, 'E2E Netzme whole-rupiah amounts and deposit paging', [
			{
				name: 'Two Amounts',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ amounts: [45000, 45000.5] }), options: {} },
			},
			{ name: 'Split Amounts', type: 'n8n-nodes-base.splitOut', parameters: { fieldToSplitOut: 'amounts', options: {} } },
			{ ...netzme('Invoice per Amount', { resource: 'invoice', operation: 'createTransaction', amount: '={{ $json.amounts }}' }), onError: 'continueRegularOutput' },
			netzme('Deposit Movements', { resource: 'deposit', operation: 'getTransactions', startDate: '2024-05-01T00:00:00', endDate: '2024-05-03T00:00:00', returnAll: true }, true),
		]),
		manual(WORKFLOW_IDS.crmDealFilters, 'E2E Qontak CRM deals by pipeline and stage', [
			crm('Deals in Stage', { resource: 'deal', operation: 'getAll', returnAll: true, simplify: false, filters: { pipeline: '32', stage: '321' } }),
		]),
		manual(WORKFLOW_IDS.crmFindUpsert, 'E2E Qontak CRM Create or Update and Find', [
			{
				name: 'Two Orders',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ orders: UPSERT_ORDERS }), options: {} },
			},
			{ name: 'Split Orders', type: 'n8n-nodes-base.splitOut', parameters: { fieldToSplitOut: 'orders', options: {} } },
			crm('Create or Update Contact', {
				resource: 'contact',
				operation: 'upsert',
				matchOn: 'phone',
				fields: mapped({ first_name: '={{ $json.first_name }}', crm_phones: '={{ $json.phone }}', job_title: '={{ $json.job_title }}' }),
			}),
			crm('Find Contact', { resource: 'contact', operation: 'find', matchOn: 'phone', matchValue: '={{ $json.telephone }}' }),
		]),
		manual(VTIGER_QUOTE.workflowId, 'E2E ABMS vtiger quote line items', [
			vtiger('Create Quote', {
				resource: 'record',
				operation: 'create',
				module: VTIGER_QUOTE.module,
				fields: mapped({ subject: 'Penawaran kopi kantor E2E', quotestage: 'Created', account_id: '11x100', hdnDiscountAmount: 49500 }),
				lineItemsInput: 'define',
				lineItems: {
					item: [
						lineItemEntry('14x90', 3, 185000, { discountType: 'percent', discount: 10, tax: 'tax1', taxPercent: 11 }),
						lineItemEntry('14x91', 1, 4500000, { discountType: 'amount', discount: 250000 }),
						lineItemEntry('25x92', 2, 750000, { comment: '2 hari di lokasi' }),
					],
				},
			}),
			vtiger('Get Quote', { resource: 'record', operation: 'get', module: VTIGER_QUOTE.module, recordId: byId('={{ $json.id }}') }),
			vtiger('Update Line 2', {
				resource: 'record',
				operation: 'update',
				module: VTIGER_QUOTE.module,
				recordId: byId("={{ $('Create Quote').item.json.id }}"),
				fields: mapped({}),
				lineItemsUpdate: 'byNumber',
				lineItemsInput: 'define',
				lineItems: { item: [lineItemEntry('14x91', 2, 4500000, { discountType: 'amount', discount: 250000, lineNumber: 2 })] },
			}),
			vtiger('Get Quote Again', { resource: 'record', operation: 'get', module: VTIGER_QUOTE.module, recordId: byId("={{ $('Create Quote').item.json.id }}") }),
		]),
	];
}

/** Six fixed seconds a minute: each poll time is minute-granular as n8n requires, together every 10 s. */
const EVERY_TEN_SECONDS = { item: [0, 10, 20, 30, 40, 50].map((second) => ({ mode: 'custom', cronExpression: `${second} * * * * *` })) };

/** Trigger workflows, activated through the REST API once n8n runs. */
export function triggerWorkflows(): WorkflowJson[] {
	return [
		chain(WORKFLOW_IDS.netzmeTrigger, 'E2E Netzme Trigger', [
			{ name: 'Netzme Trigger', type: custom('netzmeTrigger'), webhookId: WEBHOOK_IDS.netzme, parameters: { events: ['qrisPayment', 'invoicePaid', 'withdrawStatus'] }, credentials: credentialRef('netzmeApi') },
		]),
		chain(WORKFLOW_IDS.crmTrigger, 'E2E Qontak CRM Trigger', [
			{
				name: 'Qontak CRM Trigger',
				type: custom('qontakCrmTrigger'),
				webhookId: WEBHOOK_IDS.crm,
				parameters: { events: ['qontak.crm.lead.create', 'qontak.crm.deal.update'], options: { sharedSecret: CRM_TRIGGER_SECRET } },
				credentials: mekari,
			},
		]),
		chain(WORKFLOW_IDS.omnichannelTrigger, 'E2E Qontak Omnichannel Trigger', [
			{
				name: 'Qontak Omnichannel Trigger',
				type: custom('qontakBroadcastTrigger'),
				webhookId: WEBHOOK_IDS.omnichannel,
				parameters: { registration: 'auto', authentication: 'mekariHmac', events: ['customerMessage'] },
				credentials: mekari,
			},
		]),
		chain(WORKFLOW_IDS.vtigerTrigger, 'E2E ABMS vtiger Trigger', [
			{
				name: 'ABMS vtiger Trigger',
				type: custom('abmsVtigerTrigger'),
				parameters: { module: contacts, event: 'created', pollTimes: EVERY_TEN_SECONDS },
				credentials: credentialRef('abmsVtigerApi'),
			},
		]),
		chain(OMNICHANNEL_FILTERED.workflowId, 'E2E Qontak Omnichannel Trigger, Room Resolved and filtered statuses', [
			{
				name: 'Qontak Omnichannel Trigger',
				type: custom('qontakBroadcastTrigger'),
				webhookId: OMNICHANNEL_FILTERED.webhookId,
				parameters: { registration: 'manual', events: ['roomResolved', 'messageStatus'], filters: { statuses: ['read'] } },
			},
		]),
		chain(WORKFLOW_IDS.netzmePolling, 'E2E Netzme Payments (Polling)', [
			{
				name: NETZME_POLLING_NODE,
				type: custom('netzmePollingTrigger'),
				// Merchant ID left empty: the credential's Default Merchant ID.
				parameters: { pollTimes: EVERY_TEN_SECONDS },
				credentials: credentialRef('netzmeApi'),
			},
		]),
	];
}

/** A free-form reply to the seeded customer with an open room (6281234567001), the number written as people do. */
export const CHAT_REPLY = { workflowId: 'e2eChatReply0001', phone: '0812-3456-7001', text: 'Halo Budi, pesanan Anda sudah dikirim' };

/** The Omnichannel Trigger with Download Attachments, for a customer's photo from the Qontak simulator's file host. */
export const ATTACHMENTS = { workflowId: 'e2eOmniFiles0001', webhookId: '0e2e0000-0000-4000-8000-00000000a0f1', node: 'Qontak Omnichannel Trigger' };

export function attachmentWorkflows(sims: Simulators): WorkflowJson[] {
	return [
		chain(ATTACHMENTS.workflowId, 'E2E Qontak Omnichannel attachments', [
			{
				name: ATTACHMENTS.node,
				type: custom('qontakBroadcastTrigger'),
				webhookId: ATTACHMENTS.webhookId,
				// The file host is plain HTTP on 127.0.0.1: only an http:// entry lets it through.
				parameters: { registration: 'manual', events: ['customerMessage'], options: { downloadAttachments: true, allowedAttachmentHosts: sims.qontak.files.baseUrl } },
			},
		]),
	];
}

/** A manually registered Omnichannel Trigger: resolved rooms, and message statuses filtered to read. */
export const OMNICHANNEL_FILTERED = { workflowId: 'e2eOmniFilter001', webhookId: '0e2e0000-0000-4000-8000-00000000a0f2' };

/** A quote with three line items through create, get, a change of line 2, and get again. */
export const VTIGER_QUOTE = { workflowId: 'e2eVtigerQuote01', module: { __rl: true, mode: 'list', value: 'Quotes' } };
