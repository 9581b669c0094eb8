// One small workflow per node, with the node already placed and its resource/operation chosen, so
// the check only has to open the panel and watch the lists the sandbox fills. Types are CUSTOM.*
// because the package is loaded as a custom extension.
import { CREDENTIAL_IDS, CREDENTIAL_NAMES } from '../../scripts/sandbox.mjs';

const credential = (type) => ({ [type]: { id: CREDENTIAL_IDS[type], name: CREDENTIAL_NAMES[type] } });

/** The checked node is always the last one; an action node gets a manual trigger before it. */
function workflow(id, nodeId, name, node) {
	const trigger = { id: `${nodeId.slice(0, -1)}0`, name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const placed = { id: nodeId, typeVersion: 1, position: [260, 0], ...node };
	return {
		id,
		name,
		active: false,
		nodes: [trigger, placed],
		connections: { [trigger.name]: { main: [[{ node: placed.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** A workflow of one trigger node (a webhook trigger also needs a webhook id of its own). */
function triggerWorkflow(id, nodeId, name, node) {
	return {
		id,
		name,
		active: false,
		nodes: [{ id: nodeId, typeVersion: 1, position: [0, 0], ...node }],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

export const EDITOR_WORKFLOWS = {
	broadcast: workflow('edQontakBroadcast1', 'ed000000-0000-4000-8000-000000000011', 'Editor check: Qontak Broadcast', {
		name: 'Qontak Broadcast',
		type: 'CUSTOM.qontakBroadcast',
		parameters: { authentication: 'mekariHmac', resource: 'broadcast', operation: 'sendDirect' },
		credentials: credential('mekariHmacApi'),
	}),
	crm: workflow('edQontakCrmDeal01', 'ed000000-0000-4000-8000-000000000021', 'Editor check: Qontak CRM deal', {
		name: 'Qontak CRM',
		type: 'CUSTOM.qontakCrm',
		parameters: { resource: 'deal', operation: 'create' },
		credentials: credential('mekariHmacApi'),
	}),
	crmDeals: workflow('edQontakCrmDeals1', 'ed000000-0000-4000-8000-000000000022', 'Editor check: Qontak CRM deals', {
		name: 'Qontak CRM',
		type: 'CUSTOM.qontakCrm',
		parameters: { resource: 'deal', operation: 'getAll' },
		credentials: credential('mekariHmacApi'),
	}),
	crmContactFind: workflow('edQontakCrmFind01', 'ed000000-0000-4000-8000-000000000023', 'Editor check: Qontak CRM contact find', {
		name: 'Qontak CRM',
		type: 'CUSTOM.qontakCrm',
		parameters: { resource: 'contact', operation: 'find' },
		credentials: credential('mekariHmacApi'),
	}),
	crmContactUpsert: workflow('edQontakCrmUpsrt1', 'ed000000-0000-4000-8000-000000000024', 'Editor check: Qontak CRM contact create or update', {
		name: 'Qontak CRM',
		type: 'CUSTOM.qontakCrm',
		parameters: { resource: 'contact', operation: 'upsert' },
		credentials: credential('mekariHmacApi'),
	}),
	broadcastToPhone: workflow('edQontakBcPhone01', 'ed000000-0000-4000-8000-000000000012', 'Editor check: Qontak message to a phone number', {
		name: 'Qontak Broadcast',
		type: 'CUSTOM.qontakBroadcast',
		parameters: { authentication: 'mekariHmac', resource: 'message', operation: 'sendToPhone' },
		credentials: credential('mekariHmacApi'),
	}),
	omnichannelTrigger: triggerWorkflow('edQontakOmniTrg01', 'ed000000-0000-4000-8000-000000000013', 'Editor check: Qontak Omnichannel Trigger', {
		name: 'Qontak Omnichannel Trigger',
		type: 'CUSTOM.qontakBroadcastTrigger',
		webhookId: 'ed000000-0000-4000-8000-00000000b013',
		parameters: { registration: 'auto', authentication: 'mekariHmac', events: ['customerMessage'] },
		credentials: credential('mekariHmacApi'),
	}),
	vtiger: workflow('edAbmsVtigerRec01', 'ed000000-0000-4000-8000-000000000031', 'Editor check: ABMS vtiger record', {
		name: 'ABMS vtiger',
		type: 'CUSTOM.abmsVtiger',
		parameters: { resource: 'record', operation: 'create' },
		credentials: credential('abmsVtigerApi'),
	}),
	vtigerQuote: workflow('edAbmsVtigerQuo01', 'ed000000-0000-4000-8000-000000000032', 'Editor check: ABMS vtiger quote line', {
		name: 'ABMS vtiger',
		type: 'CUSTOM.abmsVtiger',
		parameters: { resource: 'record', operation: 'create', module: { __rl: true, mode: 'list', value: 'Quotes' }, lineItems: { item: [{ product: { __rl: true, mode: 'list', value: '' }, quantity: 1, listPrice: 0 }] } },
		credentials: credential('abmsVtigerApi'),
	}),
	vtigerReference: workflow('edAbmsVtigerRef01', 'ed000000-0000-4000-8000-000000000033', 'Editor check: ABMS vtiger reference field', {
		name: 'ABMS vtiger',
		type: 'CUSTOM.abmsVtiger',
		parameters: { resource: 'record', operation: 'create', module: { __rl: true, mode: 'list', value: 'Contacts' }, referenceFields: { reference: [{ field: '', record: { __rl: true, mode: 'list', value: '' } }] } },
		credentials: credential('abmsVtigerApi'),
	}),
	vtigerConditions: workflow('edAbmsVtigerCnd01', 'ed000000-0000-4000-8000-000000000034', 'Editor check: ABMS vtiger Get Many conditions', {
		name: 'ABMS vtiger',
		type: 'CUSTOM.abmsVtiger',
		parameters: {
			resource: 'record',
			operation: 'getMany',
			module: { __rl: true, mode: 'list', value: 'Contacts' },
			conditions: { condition: [{ field: '', operator: 'equals', value: '', listValue: { __rl: true, mode: 'list', value: '' } }] },
		},
		credentials: credential('abmsVtigerApi'),
	}),
	netzme: workflow('edNetzmeInvoice01', 'ed000000-0000-4000-8000-000000000041', 'Editor check: Netzme payment link', {
		name: 'Netzme',
		type: 'CUSTOM.netzme',
		parameters: { resource: 'invoice', operation: 'createPaymentLink' },
		credentials: credential('netzmeApi'),
	}),
};
