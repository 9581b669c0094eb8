import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import { eachItem, errorJson } from '../../shared/itemLoop';
import { trimmedText } from '../../shared/parseInput';
import { requirePhone } from '../../shared/phone';
import { RatePacer } from '../../shared/ratePacer';
import { chatRequest, mayHaveBeenProcessed } from '../transport';
import { readWaitSettings, waitForDeliveries, waitOptions } from './deliveryStatus';
import { locatorProperty, readId } from './locators';
import { mappedTemplateValues, requireApproved, templateParametersProperty } from './templateMapping';
import { buildDirectParameters, headerMediaFormat, templateLabel, type HeaderMedia } from './templateParameters';
import type { ExecutionContext } from './types';
import { uploadToQontak } from './uploadFile';

const show = { show: { resource: ['broadcast'], operation: ['sendDirect'] } };

/** Qontak's documented limit for direct broadcasts. */
const VENDOR_LIMIT_PER_MINUTE = 60;

export const sendDirectProperties: INodeProperties[] = [
	locatorProperty('whatsAppChannel', show),
	locatorProperty('approvedTemplate', show),
	{
		displayName: 'Recipient Phone Number',
		name: 'toNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '081234567890',
		description: 'The customer’s WhatsApp number: 08…, 021…, +62… or 62… become 62…; a number abroad keeps its country code (+65…). Spaces, dashes and brackets are fine.',
		displayOptions: show,
	},
	{
		displayName: 'Recipient Name',
		name: 'toName',
		type: 'string',
		default: '',
		required: true,
		description: 'The contact’s name in Qontak (a new contact gets it, an existing one is renamed)',
		displayOptions: show,
	},
	templateParametersProperty('sendDirect', 'The chosen template’s placeholders: body {{n}} texts, the media header and dynamic button values'),
	{
		displayName: 'Options',
		name: 'sendOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Header Media Binary Field',
				name: 'headerBinaryField',
				type: 'string',
				default: 'data',
				description:
					'Upload this binary field of the input item to Qontak first and use it as the template’s image, video or document header, instead of a URL',
			},
			{
				displayName: 'Max Broadcasts per Minute',
				name: 'maxPerMinute',
				type: 'number',
				default: VENDOR_LIMIT_PER_MINUTE,
				typeOptions: { minValue: 1, maxValue: VENDOR_LIMIT_PER_MINUTE },
				description:
					'Pace used when Qontak does not report its rate window in the answer (when it does, its own figures set the pace). Qontak allows 60 direct broadcasts per minute per organisation; lower this to leave room for other workflows.',
			},
			{
				displayName: 'Wait for Delivery Status',
				name: 'waitForDelivery',
				type: 'boolean',
				default: false,
				description: 'Whether to read the broadcast log after all items are sent, until each message reaches the status below, and return it',
			},
			...waitOptions('With Wait for Delivery Status on: the status to wait for.'),
		],
	},
];

interface PreparedSend {
	body: IDataObject;
	template: IDataObject;
	/** Binary field to upload for the media header, when the template has one. */
	headerBinaryField?: string;
}

async function prepare(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext): Promise<PreparedSend> {
	const node = this.getNode();
	const toNumber = requirePhone(node, this.getNodeParameter('toNumber', itemIndex, ''), 'Recipient Phone Number', itemIndex);
	const toName = trimmedText(this.getNodeParameter('toName', itemIndex, ''));
	if (toName === '') {
		throw new NodeOperationError(node, "'Recipient Name' is required", {
			itemIndex,
			description: 'Qontak needs a name for the contact; map one (for example the customer’s name) or a fixed text',
		});
	}
	const channelId = readId.call(this, 'whatsAppChannel', itemIndex);
	const template = await context.template(readId.call(this, 'approvedTemplate', itemIndex), itemIndex);
	requireApproved.call(this, template, itemIndex);

	const options = this.getNodeParameter('sendOptions', itemIndex, {}) as IDataObject;
	const headerBinaryField = headerMediaFormat(template) && options.headerBinaryField ? String(options.headerBinaryField) : undefined;
	const values = mappedTemplateValues.call(this, template, itemIndex);
	// Checked now with a stand-in for the upload, so a bad item fails before anything is sent.
	const standIn: HeaderMedia | undefined = headerBinaryField ? { url: 'https://upload.pending/file', filename: 'file' } : undefined;
	const parameters = buildDirectParameters(node, template, values, itemIndex, standIn);
	if (headerBinaryField) checkHeaderFile.call(this, template, headerBinaryField, itemIndex);
	return {
		template,
		headerBinaryField,
		body: {
			to_number: toNumber,
			to_name: toName,
			message_template_id: template.id,
			channel_integration_id: channelId,
			// The language must be the template's own; WhatsApp fails the message otherwise.
			language: { code: template.language },
			parameters,
		},
	};
}

const MEDIA_TYPES: Record<string, RegExp> = { IMAGE: /^image\//, VIDEO: /^video\//, DOCUMENT: /./ };

function checkHeaderFile(this: IExecuteFunctions, template: IDataObject, field: string, itemIndex: number): void {
	const binary = this.getInputData()[itemIndex]?.binary?.[field];
	if (!binary) {
		throw new NodeOperationError(this.getNode(), `'Header Media Binary Field': the input item has no binary field '${field}'`, {
			itemIndex,
			description: 'Name a binary field of the input item, or remove the option and map a URL to the header instead',
		});
	}
	const format = headerMediaFormat(template)!;
	if (!MEDIA_TYPES[format].test(binary.mimeType ?? '')) {
		throw new NodeOperationError(this.getNode(), `The header file is ${binary.mimeType}, but template ${templateLabel(template)} needs ${format.toLowerCase()}`, {
			itemIndex,
			description: `Give a ${format.toLowerCase()} file in '${field}', or pick a template with a matching header`,
		});
	}
}

async function send(
	this: IExecuteFunctions,
	itemIndex: number,
	prepared: PreparedSend,
	pacer: RatePacer,
	context: ExecutionContext,
): Promise<IDataObject> {
	const { template, body } = prepared;
	if (prepared.headerBinaryField) {
		const binary = this.getInputData()[itemIndex].binary![prepared.headerBinaryField];
		const uploaded = await uploadToQontak.call(this, itemIndex, prepared.headerBinaryField, 'Header Media Binary Field', context);
		const values = mappedTemplateValues.call(this, template, itemIndex);
		body.parameters = buildDirectParameters(this.getNode(), template, values, itemIndex, {
			url: String(uploaded.url),
			filename: String(uploaded.filename ?? binary.fileName ?? 'file'),
		});
	}
	const attemptedAt = new Date().toISOString();
	const details = `to ${String(body.to_number)} with template ${templateLabel(template)} from channel ${String(body.channel_integration_id)} at ${attemptedAt}`;
	const outcome = await chatRequest
		.call(this, {
			method: 'POST',
			path: '/broadcasts/whatsapp/direct',
			body,
			itemIndex,
			pacer,
			timeoutMs: context.timeoutMs,
			// A 429 may need several waits when another workflow shares the organisation's quota.
			maxRetries: Math.max(context.maxRetries, 5),
			checkBeforeRetry: `Look for the broadcast ${details} in Broadcast → Get Many or in the broadcast log before sending it again.`,
		})
		.then(
			(response) => ({ response }),
			(error: Error) => ({ error }),
		);
	if ('error' in outcome) {
		if (!mayHaveBeenProcessed(outcome.error)) throw outcome.error;
		const sendError = new NodeApiError(this.getNode(), { message: outcome.error.message }, {
			message: `The WhatsApp broadcast to ${String(body.to_number)} may have been sent: Qontak did not confirm it`,
			description: `${(outcome.error as NodeApiError).description ?? ''} Broadcast: ${details}.`.trim(),
			itemIndex,
		});
		sendError.context.broadcast = {
			to_number: body.to_number,
			to_name: body.to_name,
			message_template_id: body.message_template_id,
			template_name: template.name,
			channel_integration_id: body.channel_integration_id,
			attempted_at: attemptedAt,
		};
		throw sendError;
	}
	const data = (outcome.response.data ?? {}) as IDataObject;
	return { ...data, to_number: data.to_number ?? body.to_number, to_name: data.to_name ?? body.to_name };
}

/** A failed send's error item says whether the broadcast may have gone out anyway. */
function sendErrorJson(error: Error): IDataObject {
	const json = errorJson(error);
	const broadcast = (error as NodeApiError).context?.broadcast;
	if (broadcast) {
		json.mayHaveBeenSent = true;
		json.broadcast = broadcast as IDataObject;
	}
	return json;
}

function asNodeError(this: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return new NodeOperationError(this.getNode(), error, { itemIndex });
}

/**
 * Every item is checked first (number, name, template, placeholders), so a bad item stops
 * the run before anything is sent. Then the sends go out one at a time at Qontak's pace,
 * and only then, if asked, the delivery statuses are read.
 */
export async function sendDirectAll(this: IExecuteFunctions, context: ExecutionContext): Promise<INodeExecutionData[]> {
	const all = this.getInputData().map((_, itemIndex) => itemIndex);
	const prepared: PreparedSend[] = [];
	const checked = await eachItem(
		this,
		all,
		async (itemIndex) => {
			try {
				prepared[itemIndex] = await prepare.call(this, itemIndex, context);
			} catch (error) {
				throw asNodeError.call(this, error as Error, itemIndex);
			}
		},
		{ errorJson: sendErrorJson },
	);

	const options = this.getNodeParameter('sendOptions', 0, {}) as IDataObject;
	const perMinute = Math.min(VENDOR_LIMIT_PER_MINUTE, Math.max(1, Number(options.maxPerMinute ?? VENDOR_LIMIT_PER_MINUTE)));
	// 2 % slack: at exactly 60 a minute, network jitter can land a 61st send inside Qontak's window.
	const pacer = new RatePacer((60_000 / perMinute) * 1.02);
	const sent: Array<{ itemIndex: number; broadcastId: string; sentAt: number }> = [];
	const sends = await eachItem(
		this,
		all.filter((itemIndex) => checked[itemIndex].ok),
		async (itemIndex) => {
			try {
				const data = await send.call(this, itemIndex, prepared[itemIndex], pacer, context);
				sent.push({ itemIndex, broadcastId: String(data.id), sentAt: clock.now() });
				return data;
			} catch (error) {
				throw asNodeError.call(this, error as Error, itemIndex);
			}
		},
		{
			beforeItem: (itemIndex) => {
				if (this.getExecutionCancelSignal()?.aborted) {
					throw new NodeOperationError(this.getNode(), `The execution was cancelled after ${sent.length} item(s) were sent`, { itemIndex });
				}
			},
			errorJson: sendErrorJson,
			beforeThrow: (error) => {
				if (sent.length) {
					const description = (error as NodeApiError).description ?? '';
					(error as NodeApiError).description = `${description} ${sent.length} earlier item(s) of this run were sent; do not send them again.`.trim();
				}
				return error;
			},
		},
	);

	const output = all.map((itemIndex): INodeExecutionData => {
		const check = checked[itemIndex];
		if (!check.ok) return check.item;
		const sending = sends[itemIndex];
		return sending.ok ? { json: sending.value, pairedItem: { item: itemIndex } } : sending.item;
	});
	if (options.waitForDelivery === true && sent.length) {
		await waitForDeliveries.call(this, sent, output, readWaitSettings(options), context);
	}
	return output;
}
