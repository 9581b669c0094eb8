import { createHash } from 'node:crypto';
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { idField } from '../../shared/webhookReply';

/**
 * Mekari's Qontak CRM webhook events (https://developers.mekari.com/docs/kb/webhooks/qontak);
 * a contact is a "lead" there.
 */
export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Company Created', value: 'qontak.crm.company.create' },
	{ name: 'Company Deleted', value: 'qontak.crm.company.delete' },
	{ name: 'Company Updated', value: 'qontak.crm.company.update' },
	{ name: 'Contact Created', value: 'qontak.crm.lead.create' },
	{ name: 'Contact Deleted', value: 'qontak.crm.lead.delete' },
	{ name: 'Contact Updated', value: 'qontak.crm.lead.update' },
	{ name: 'Deal Created', value: 'qontak.crm.deal.create' },
	{ name: 'Deal Deleted', value: 'qontak.crm.deal.delete' },
	{ name: 'Deal Updated (Including Stage Moves)', value: 'qontak.crm.deal.update' },
	{ name: 'Deals Uploaded in Bulk', value: 'qontak.crm.deal.upload' },
];

/** Where Qontak's API keeps each webhook object (the CRM node reads the same paths). */
const RESOURCE_PATHS = { deal: '/deals', lead: '/contacts', company: '/companies' } as const;

export type CrmObject = keyof typeof RESOURCE_PATHS;
export type CrmAction = 'create' | 'update' | 'delete' | 'upload';

export interface CrmEvent {
	eventType: string;
	object: CrmObject;
	action: CrmAction;
	/** The record's id as a path-safe string. */
	id: string;
	/** GET path below /qontak/crm for the record, e.g. `/deals/3001`. */
	path: string;
	/** The callback as it came. */
	body: IDataObject;
	/** Where a deal delete nests the record: `{meta, response: {id, name, slug}}`. */
	named: IDataObject;
}

/** Top-level keys Mekari adds to every delivery (README, Qontak CRM Trigger), plus a deal delete's meta. */
const DELIVERY_KEYS = ['companyId', 'external_company_id', 'meta'];

export function deliveryMeta(body: IDataObject): IDataObject {
	return Object.fromEntries(DELIVERY_KEYS.filter((key) => body[key] !== undefined).map((key) => [key, body[key]]));
}

export type ReadEvent = { event: CrmEvent } | { unsubscribed: string } | { malformed: string };

/**
 * What one callback is. An event this trigger does not listen to is passed over unread; one it
 * listens to must name its record by an id, or it cannot be checked or told apart: malformed.
 */
export function readEvent(body: IDataObject, wanted: string[]): ReadEvent {
	const eventType = body.eventType;
	if (typeof eventType !== 'string' || eventType.trim() === '') return { malformed: 'eventType is missing or not text' };
	const kind = /^qontak\.crm\.(deal|lead|company)\.(create|update|delete|upload)$/.exec(eventType);
	if (!kind || !wanted.includes(eventType)) return { unsubscribed: eventType };
	const object = kind[1] as CrmObject;
	const action = kind[2] as CrmAction;
	const nested = body.response;
	const named = body.id === undefined && typeof nested === 'object' && nested !== null && !Array.isArray(nested) ? (nested as IDataObject) : body;
	const id = idField(named, 'id');
	if (id === undefined) return { malformed: `${eventType} must name the record by id (a whole number or an ID string)` };
	return { event: { eventType, object, action, id, path: `${RESOURCE_PATHS[object]}/${encodeURIComponent(id)}`, body, named } };
}

/**
 * A record is created (or uploaded) and deleted once, so those events are one per id. An update
 * is one per state of the record: Qontak's updated_at when confirmed, otherwise the callback's
 * own updated_at, or its content when it has none.
 */
export function eventKey(event: CrmEvent, record?: IDataObject): string {
	const base = `${event.eventType}:${event.id}`;
	if (event.action !== 'update') return base;
	const source = record ?? event.body;
	const updatedAt = source.updated_at;
	if (typeof updatedAt === 'string' && updatedAt !== '') return `${base}:${updatedAt}`;
	return `${base}:${createHash('sha256').update(JSON.stringify(source), 'utf8').digest('hex')}`;
}
