// The bench's workflows. Each is Webhook → Make items (Code) → [Sign (Code)] → the measured node,
// named MEASURED in every variant so one lookup in the run data finds it. The webhook answers when
// the last node has finished, so a run is started inside the n8n server process and the caller
// knows when it is over; the items are made by a node of their own so their cost stays outside
// the measured node's executionTime.

export const MEASURED = 'Create contacts';
export const SIGN = 'Sign';
export const CREDENTIAL = { id: 'benchMekariHmac1', name: 'Mekari (bench)' };
const CONTACTS_PATH = '/qontak/crm/contacts';
const FIELDS = ['first_name', 'last_name', 'email', 'job_title'];

export function credentialFor(gatewayUrl, login) {
	return {
		...CREDENTIAL,
		type: 'mekariHmacApi',
		data: { clientId: login.clientId, clientSecret: login.clientSecret, environment: 'custom', customBaseUrl: gatewayUrl, crmUserSsoId: login.ssoId },
	};
}

/** Variant names: anchor, http-cred, node-c<concurrency>. */
export function variantNames(concurrencies) {
	return ['anchor', 'http-cred', ...concurrencies.map((c) => `node-c${c}`)];
}

export const concurrencyOf = (variant) => (variant.startsWith('node-c') ? Number(variant.slice('node-c'.length)) : undefined);

const makeItemsCode = (n) =>
	[
		`const items = [];`,
		`for (let i = 0; i < ${n}; i++) {`,
		`  items.push({ json: { first_name: 'Bench', last_name: 'Contact ' + i, email: 'bench' + i + '@bench.example', job_title: 'Pemilik Warung' } });`,
		`}`,
		`return items;`,
	].join('\n');

// What a user who builds Mekari auth by hand writes: the documented scheme, one signature per item.
const signCode = (login) =>
	[
		`const crypto = require('crypto');`,
		`const path = ${JSON.stringify(CONTACTS_PATH)};`,
		`return $input.all().map((item) => {`,
		`  const date = new Date().toUTCString();`,
		`  const signature = crypto.createHmac('sha256', ${JSON.stringify(login.clientSecret)}).update('date: ' + date + '\\nPOST ' + path + ' HTTP/1.1').digest('base64');`,
		`  const authorization = 'hmac username="${login.clientId}", algorithm="hmac-sha256", headers="date request-line", signature="' + signature + '"';`,
		`  return { json: { ...item.json, date, authorization } };`,
		`});`,
	].join('\n');

const bodyParameters = { parameters: FIELDS.map((name) => ({ name, value: `={{ $json.${name} }}` })) };

function measuredNode(variant, gatewayUrl, login) {
	const base = { name: MEASURED, position: [660, 0] };
	// n8n's HTTP Request node posting every item's fields as the body, with `extra` parameters.
	const httpRequest = (extra) => ({
		...base,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: { method: 'POST', url: `${gatewayUrl}${CONTACTS_PATH}`, ...extra, sendBody: true, bodyParameters, options: {} },
	});
	if (variant === 'anchor') {
		return httpRequest({
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'Date', value: '={{ $json.date }}' },
					{ name: 'Authorization', value: '={{ $json.authorization }}' },
					{ name: 'X-Crm-User-Sso-Id', value: login.ssoId },
				],
			},
		});
	}
	if (variant === 'http-cred') {
		return {
			...httpRequest({ authentication: 'predefinedCredentialType', nodeCredentialType: 'mekariHmacApi' }),
			credentials: { mekariHmacApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
		};
	}
	const concurrency = concurrencyOf(variant);
	return {
		...base,
		type: 'CUSTOM.qontakCrm',
		typeVersion: 1.1,
		parameters: {
			resource: 'contact',
			operation: 'create',
			fields: {
				mappingMode: 'defineBelow',
				value: Object.fromEntries(FIELDS.map((name) => [name, `={{ $json.${name} }}`])),
				matchingColumns: [],
				schema: [],
				attemptToConvertTypes: false,
				convertFieldsToString: false,
			},
			requestOptions: { concurrency },
		},
		credentials: { mekariHmacApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
	};
}

export const webhookPath = (variant) => `bench-${variant}`;
const workflowId = (index) => `benchN8nWf${String(index).padStart(6, '0')}`;

export function buildWorkflows(variants, { n, gatewayUrl, login }) {
	return variants.map((variant, index) => {
		const nodes = [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `0be9c000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
				parameters: { httpMethod: 'POST', path: webhookPath(variant), responseMode: 'lastNode', responseData: 'noData', options: {} },
			},
			{ name: 'Make items', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: makeItemsCode(n) } },
		];
		if (variant === 'anchor') nodes.push({ name: SIGN, type: 'n8n-nodes-base.code', typeVersion: 2, position: [440, 0], parameters: { jsCode: signCode(login) } });
		nodes.push(measuredNode(variant, gatewayUrl, login));
		const connections = {};
		for (let i = 0; i + 1 < nodes.length; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
		return {
			id: workflowId(index),
			name: `Bench ${variant}`,
			active: false,
			nodes: nodes.map((node, i) => ({ id: `0be9c000-0000-4000-9000-${String(index * 10 + i).padStart(12, '0')}`, ...node })),
			connections,
			settings: { executionOrder: 'v1', saveManualExecutions: true, saveDataSuccessExecution: 'all' },
			pinData: {},
		};
	});
}
