import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError, trimmedText } from '../../shared/parseInput';
import { requirePhone } from '../../shared/phone';
import type { InputFile } from './binaryInput';
import { inputFile } from './binaryInput';
import { multipartBody } from './multipart';

/*
 * What a session message (POST /messages/whatsapp/bot) carries, for both sends: into a room and
 * to a phone number. Qontak documents `room_id`, `type` (audio, contact, document, image,
 * location, system, text, video), `text` for text and a multipart `file` for media
 * (https://github.com/qontak-dev/chat/blob/HEAD/chat-service-open.json). The fields of a
 * location or contact message are documented nowhere we could find: not in that file, not in the
 * Mekari OpenAPI export (which has no messages route), not in the docs at
 * https://docs.qontak.com/docs/omnichannel-hub/fe286fab4f3cf-qontak-open-api-v1-0-3, nor in
 * the public clients that call the route (all send text or media only). Qontak relays the message
 * to the WhatsApp Business API, so we send WhatsApp's own objects
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/location-messages,
 * https://developers.facebook.com/docs/whatsapp/cloud-api/messages/contacts-messages) as JSON
 * under a key named after Qontak's `type`, the way `text` sits under `text`:
 *   { room_id, type: "location", location: { latitude, longitude, name?, address? } }
 *   { room_id, type: "contact", contact: { name: { formatted_name, first_name, last_name? }, phones: [{ phone }] } }
 * This is our best reading, not a confirmed shape: if Qontak answers 422, its message names the key it wanted.
 */

const FILE_TYPES = ['audio', 'document', 'image', 'video'];

/** The message parameters; the operation's own displayOptions are added where they are used. */
export const messageContentProperties: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'messageType',
		type: 'options',
		options: [
			{ name: 'Audio', value: 'audio' },
			{ name: 'Contact Card', value: 'contact' },
			{ name: 'Document', value: 'document' },
			{ name: 'Image', value: 'image' },
			{ name: 'Location', value: 'location' },
			{ name: 'Text', value: 'text' },
			{ name: 'Video', value: 'video' },
		],
		default: 'text',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		displayOptions: { show: { messageType: ['text'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The binary field of the input item holding the file to send',
		displayOptions: { show: { messageType: FILE_TYPES } },
	},
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'string',
		default: '',
		required: true,
		placeholder: '-6.1754',
		description: 'Decimal degrees, -90 to 90 (south is negative)',
		displayOptions: { show: { messageType: ['location'] } },
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'string',
		default: '',
		required: true,
		placeholder: '106.8272',
		description: 'Decimal degrees, -180 to 180 (west is negative)',
		displayOptions: { show: { messageType: ['location'] } },
	},
	{
		displayName: 'Location Name',
		name: 'locationName',
		type: 'string',
		default: '',
		placeholder: 'Toko Sinar Jaya',
		description: 'Shown above the map pin',
		displayOptions: { show: { messageType: ['location'] } },
	},
	{
		displayName: 'Address',
		name: 'locationAddress',
		type: 'string',
		default: '',
		placeholder: 'Jl. Merdeka No. 1, Jakarta Pusat',
		description: 'Shown under the location name',
		displayOptions: { show: { messageType: ['location'] } },
	},
	{
		displayName: 'Contact Name',
		name: 'contactName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Ayu Lestari',
		description: 'The name on the contact card',
		displayOptions: { show: { messageType: ['contact'] } },
	},
	{
		displayName: 'Contact Phone Numbers',
		name: 'contactPhones',
		type: 'string',
		default: '',
		required: true,
		placeholder: '081234567890, 021 555 1234',
		description: 'One or more numbers, separated by commas: 08…, 021…, +62… become +62…; a number abroad keeps its country code',
		displayOptions: { show: { messageType: ['contact'] } },
	},
];

/** One item's message, read and checked before any call is made. */
export type MessageContent =
	| { type: string; fields: IDataObject }
	| { type: string; file: InputFile };

function coordinate(this: IExecuteFunctions, name: string, label: string, limit: number, itemIndex: number): number {
	const raw = this.getNodeParameter(name, itemIndex, '');
	const text = trimmedText(raw);
	const value = typeof raw === 'number' ? raw : Number(text.replace(',', '.'));
	if (text === '' || !Number.isFinite(value) || Math.abs(value) > limit) {
		fieldError(
			this.getNode(),
			itemIndex,
			text === '' ? `'${label}' is required` : `'${label}' is not a ${label.toLowerCase()}: ${JSON.stringify(raw)}`,
			`Give '${label}' in decimal degrees between -${limit} and ${limit}, for example ${label === 'Latitude' ? '-6.1754' : '106.8272'}`,
		);
	}
	return value;
}

function location(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const place: IDataObject = {
		latitude: coordinate.call(this, 'latitude', 'Latitude', 90, itemIndex),
		longitude: coordinate.call(this, 'longitude', 'Longitude', 180, itemIndex),
	};
	const name = trimmedText(this.getNodeParameter('locationName', itemIndex, ''));
	const address = trimmedText(this.getNodeParameter('locationAddress', itemIndex, ''));
	if (name) place.name = name;
	if (address) place.address = address;
	return place;
}

/** WhatsApp wants a formatted name plus at least one name part; the first word is the first name. */
function contactCard(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const fullName = trimmedText(this.getNodeParameter('contactName', itemIndex, '')).replace(/\s+/g, ' ');
	if (fullName === '') fieldError(node, itemIndex, "'Contact Name' is required", 'Give the name to show on the contact card');
	const raw = this.getNodeParameter('contactPhones', itemIndex, '') as unknown;
	const entries = (Array.isArray(raw) ? raw : String(raw ?? '').split(/[,;\n]/)).map((entry) => String(entry).trim()).filter((entry) => entry !== '');
	if (entries.length === 0) fieldError(node, itemIndex, "'Contact Phone Numbers' is required", 'Give at least one phone number for the contact card');
	const phones = entries.map((entry) => ({ phone: `+${requirePhone(node, entry, 'Contact Phone Numbers', itemIndex)}` }));
	const [first, ...rest] = fullName.split(' ');
	const name: IDataObject = { formatted_name: fullName, first_name: first };
	if (rest.length) name.last_name = rest.join(' ');
	return { name, phones };
}

export async function readMessageContent(this: IExecuteFunctions, itemIndex: number): Promise<MessageContent> {
	const type = this.getNodeParameter('messageType', itemIndex, 'text') as string;
	switch (type) {
		case 'text': {
			const text = String(this.getNodeParameter('text', itemIndex, '') ?? '');
			if (text.trim() === '') fieldError(this.getNode(), itemIndex, "'Text' is required", 'Give the message text (or map it)');
			return { type, fields: { text } };
		}
		case 'location':
			return { type, fields: { location: location.call(this, itemIndex) } };
		case 'contact':
			return { type, fields: { contact: contactCard.call(this, itemIndex) } };
		default: {
			if (!FILE_TYPES.includes(type)) fieldError(this.getNode(), itemIndex, `'Type' is not a message type: ${JSON.stringify(type)}`, `Pick one of text, location, contact, ${FILE_TYPES.join(', ')}`);
			const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
			return { type, file: await inputFile.call(this, itemIndex, property, 'Input Binary Field') };
		}
	}
}

/** The request body for one room: JSON, or multipart when a file goes with it. */
export function messageBody(roomId: string, content: MessageContent): { body: IDataObject | Buffer; contentType?: string } {
	if ('fields' in content) return { body: { room_id: roomId, type: content.type, ...content.fields } };
	const { file } = content;
	return multipartBody([
		{ field: 'room_id', value: roomId },
		{ field: 'type', value: content.type },
		{ field: 'file', filename: file.filename, contentType: file.mimeType, data: file.data },
	]);
}
