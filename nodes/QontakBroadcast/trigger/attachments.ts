import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { startAfter, startWith } from '../../shared/webhookReply';
import { hasAttachment, readAttachmentPolicy, withAttachments } from '../operations/attachmentDownload';

/*
 * The trigger's Download Attachments step. Qontak gets its 200 before any file is fetched
 * (startAfter), and the execution starts once the downloads are done. Downloading first and
 * answering after would make Qontak wait on a CDN: Qontak documents no timeout or retry rule for
 * these deliveries (https://github.com/qontak-dev/chat/blob/HEAD/docs/Webhook-API/Message-Interaction.md
 * asks only for a quick 200), and a retry it sends while n8n has not yet saved the event ledger
 * (that happens after webhook() returns) could reach another process in queue mode and run the
 * event twice. Each download has its own deadline, at most 4 run at once, so the execution of a
 * delivery with n files starts within about ceil(n / 4) × 30 s.
 */

/** The node's usual request timeout. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

/** A status update repeats a message Qontak already delivered, file and all: only the message itself brings it. */
const MESSAGE_EVENTS = ['customerMessage', 'agentMessage'];
const wanted = (json: IDataObject) => MESSAGE_EVENTS.includes(String(json.qontakEvent)) && hasAttachment(json);

/** startWith, with each message's file in binary `data` when the trigger's Download Attachments is on. */
export async function startWithAttachments(context: IWebhookFunctions, items: INodeExecutionData[], answer: IDataObject): Promise<IWebhookResponseData> {
	const policy = readAttachmentPolicy(context.getNodeParameter('options', {}) as IDataObject, DOWNLOAD_TIMEOUT_MS);
	if (!policy || !items.some((item) => wanted(item.json))) return startWith(context, items, answer);
	// A wrong option cannot be refused to Qontak (it would only retry): the items say what to fix.
	return await startAfter(context, items, answer, async (ready) => await withAttachments(context.helpers, ready, policy, wanted));
}
