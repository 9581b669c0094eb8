import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { forInvoiceHost } from '../../../credentials/netzmeToken';
import type { HttpAnswer } from '../../shared/requestPolicy';
import { RequestPolicy } from '../../shared/requestPolicy';
import { trimmedText } from '../../shared/parseInput';
import type { CallOptions, Context } from './netzmeHttp';
import { sendWithCredential, storedCredential } from '../../shared/storedCredential';
import { CREDENTIAL_TYPE, NETZME_VOICE } from './netzmeHttp';

export interface InvoiceCall {
	path: string;
	request: IDataObject;
	itemIndex: number;
}

/** The invoice host answers `{result, status: true/false, message, code}`. */
function readInvoiceAnswer(policy: RequestPolicy, answer: HttpAnswer): IDataObject {
	const { statusCode: status, body } = answer;
	if (status === 401 || status === 403) {
		throw policy.error({
			message: `Netzme: the invoice host refused the invoice token (HTTP ${status})`,
			description: 'Check the Invoice Token in the Netzme credential (it is not the client secret), and that the merchant ID belongs to this client.',
			httpCode: status,
			body,
		});
	}
	if (typeof body !== 'object' || body === null) throw policy.notJson(answer);
	const envelope = body as IDataObject;
	if (status >= 400 || envelope.status !== true) {
		const message = trimmedText(envelope.message) || trimmedText((envelope.result as IDataObject | null)?.message) || `HTTP ${status}`;
		throw policy.error({
			message: `Netzme: invoice rejected: ${message}`,
			description: 'Check the invoice fields the message names (merchant, amount, payment method, partner transaction ID).',
			httpCode: status,
			body: envelope,
		});
	}
	return envelope;
}

/**
 * One call to the invoice host, which authenticates with the static invoice token (set by the
 * credential). Creating an invoice is not idempotent: it is never resent after an unclear failure.
 */
export async function invoiceRequest(this: Context, call: InvoiceCall, options: CallOptions): Promise<IDataObject> {
	const policy = new RequestPolicy(this.getNode(), NETZME_VOICE, {
		request: `POST ${call.path}`,
		idempotent: false,
		maxRetries: options.maxRetries,
		itemIndex: call.itemIndex,
		credential: { type: CREDENTIAL_TYPE, context: this },
	});
	let data: ICredentialDataDecryptedObject = {};
	return await policy.run({
		prepare: async () => {
			data = forInvoiceHost(await storedCredential(this, CREDENTIAL_TYPE));
		},
		send: async () =>
			await sendWithCredential(
				this,
				CREDENTIAL_TYPE,
				{
					method: 'POST',
					url: call.path,
					body: { request: call.request },
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: options.timeoutMs,
				},
				data,
			),
		read: (answer) => readInvoiceAnswer(policy, answer),
	});
}
