import { unprocessable } from './chatEnvelope';
import type { Row } from './chatState';

/*
 * The location and contact bodies of POST /messages/whatsapp/bot. Qontak documents only their
 * `type` values (https://github.com/qontak-dev/chat/blob/HEAD/chat-service-open.json); the
 * simulator holds the product to the one shape it chose, WhatsApp's own objects under a key named
 * after the type (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/location-messages,
 * https://developers.facebook.com/docs/whatsapp/cloud-api/messages/contacts-messages), and
 * refuses anything else with a 422 the way the real API refuses a malformed body.
 */

const isObject = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function coordinate(value: unknown, name: string, limit: number): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) {
		throw unprocessable(`location ${name} must be a number between -${limit} and ${limit}`);
	}
	return value;
}

export function locationOf(body: Row): Row {
	const location = body.location;
	if (!isObject(location)) throw unprocessable('location is missing');
	const place: Row = { latitude: coordinate(location.latitude, 'latitude', 90), longitude: coordinate(location.longitude, 'longitude', 180) };
	for (const key of ['name', 'address']) {
		if (location[key] === undefined) continue;
		if (!isText(location[key])) throw unprocessable(`location ${key} must be text`);
		place[key] = location[key];
	}
	const unknown = Object.keys(location).filter((key) => !['latitude', 'longitude', 'name', 'address'].includes(key));
	if (unknown.length) throw unprocessable(`location has unknown keys: ${unknown.join(', ')}`);
	return place;
}

const NAME_PARTS = ['first_name', 'last_name', 'middle_name', 'suffix', 'prefix'];

export function contactOf(body: Row): Row {
	const contact = body.contact;
	if (!isObject(contact)) throw unprocessable('contact is missing');
	const name = contact.name;
	if (!isObject(name) || !isText(name.formatted_name)) throw unprocessable('contact name formatted_name is missing');
	// WhatsApp: a formatted name and at least one of the name parts.
	if (!NAME_PARTS.some((part) => isText(name[part]))) throw unprocessable(`contact name needs one of ${NAME_PARTS.join(', ')}`);
	const phones = contact.phones;
	if (!Array.isArray(phones) || phones.length === 0) throw unprocessable('contact phones is missing');
	for (const phone of phones) {
		if (!isObject(phone) || typeof phone.phone !== 'string' || !/^\+?\d{8,15}$/.test(phone.phone)) {
			throw unprocessable('contact phones phone must be a phone number (digits, optionally after +)');
		}
	}
	return { name, phones };
}
