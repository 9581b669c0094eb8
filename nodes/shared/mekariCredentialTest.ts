import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { MekariHmacApi } from '../../credentials/MekariHmacApi.credentials';
import { qontakChatMessage, qontakCrmMessage } from './qontakMessages';

/**
 * The credential test of mekariHmacApi, named by `testedBy` on every node that lists the credential.
 * A Mekari application is granted Qontak scopes separately (qontak-crm:all, qontak-chat:all), so a
 * single request to one product would fail an application made only for the other. This tries a
 * cheap read on each and says which answered.
 */
export const MEKARI_CREDENTIAL_TEST = 'mekariHmacApiTest';
// The nodes spell `testedBy: 'mekariHmacApiTest'` as a literal: n8n's community lint
// (credential-test-required) reads only string literals there. test/package checks they match.

const CRM_SCOPE = 'Qontak CRM';
const CHAT_SCOPE = 'Qontak Omnichannel (chat)';

interface Probe {
	/**
	 * `ok`: the scope answered; `refused`: no access on this path; `auth`: the signature was refused
	 * (401), `unsent`: no answer at all. The last two would be the same on any path.
	 */
	outcome: 'ok' | 'refused' | 'auth' | 'unsent';
	detail: string;
	/** A 403 in the product's own envelope: the gateway let it through, the product refused it. */
	productRefused?: boolean;
}

const credential = new MekariHmacApi();

async function probe(
	context: ICredentialTestFunctions,
	data: ICredentialDataDecryptedObject,
	path: string,
	qs: IDataObject,
	message: (body: unknown) => string | undefined,
): Promise<Probe> {
	let response: { statusCode: number; body: unknown };
	try {
		// The credential's own authenticate: same base URL choice, own-host check and signature as the nodes.
		const signed = await credential.authenticate(data, { method: 'GET', url: path, qs });
		response = (await context.helpers.request({
			...signed,
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			timeout: 20_000,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		return { outcome: 'unsent', detail: (error as Error).message };
	}
	const { statusCode, body } = response;
	if (statusCode >= 200 && statusCode < 300) return { outcome: 'ok', detail: `${statusCode}` };
	const words = message(body);
	const detail = `${statusCode}${words ? ` "${words}"` : ''}`;
	if (statusCode === 401) return { outcome: 'auth', detail };
	const productRefused = statusCode === 403 && typeof body === 'object' && body !== null && ('meta' in body || 'status' in body);
	return { outcome: 'refused', detail, productRefused };
}

export async function mekariHmacApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const crm = await probe(this, data, '/qontak/crm/pipelines', {}, qontakCrmMessage);
	if (crm.outcome === 'unsent') return { status: 'Error', message: `Could not test with Mekari: ${crm.detail}` };
	if (crm.outcome === 'auth') {
		return {
			status: 'Error',
			message: `Mekari refused the signature: ${crm.detail}. Check the Client ID and Client Secret, that they belong to the chosen environment, and that this machine's clock is right (Mekari allows 5 minutes).`,
		};
	}
	const chat = await probe(this, data, '/qontak/chat/v1/integrations', { limit: 1 }, qontakChatMessage);

	if (crm.outcome === 'ok' && chat.outcome === 'ok') {
		return { status: 'OK', message: `Connected: the application has the ${CRM_SCOPE} and ${CHAT_SCOPE} scopes` };
	}
	if (crm.outcome === 'ok') return { status: 'OK', message: `Connected: the application has the ${CRM_SCOPE} scope` };
	const crmNote = crm.productRefused
		? `${CRM_SCOPE} answered ${crm.detail}: set the credential's Qontak CRM User SSO ID to a CRM user of this company`
		: '';
	if (chat.outcome === 'ok') {
		return {
			status: 'OK',
			message: `Connected: the application has the ${CHAT_SCOPE} scope${crmNote ? `. ${crmNote}` : ''}`,
		};
	}
	return {
		status: 'Error',
		message: `Mekari refused both Qontak scopes: ${CRM_SCOPE} answered ${crm.detail}; ${CHAT_SCOPE} answered ${chat.detail}. ${
			crmNote ? `${crmNote}. ` : ''
		}Give the application the qontak-crm:all or qontak-chat:all scope in the Mekari Developer Center, and check the environment or base URL.`,
	};
}

/** For a node's `methods.credentialTest`. */
export const mekariCredentialTest = { [MEKARI_CREDENTIAL_TEST]: mekariHmacApiTest };
