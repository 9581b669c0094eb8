import type { IncomingMessage, ServerResponse } from 'node:http';

import { postJson } from '../../simulators/qontak/chatApi';
import { HOSTED_FILES } from '../../simulators/qontak/chatFileHost';
import { fileOf } from '../../simulators/qontak/chatMessages';
import { call } from '../../simulators/qontak/signedClient';
import { LocalServer } from '../../simulators/localServer';
import { DEMO, NEW_PEOPLE } from './demoData';
import { customerIdOf, type Vendors } from './vendorSet';

/**
 * The sandbox's control endpoint: vendors have no "send me a callback" button, so this makes the
 * simulator do what the real vendor does when something happens (a buyer pays, a lead comes in,
 * a customer writes on WhatsApp), posting the vendor's own callback body to the given n8n URL.
 *
 *   POST /fire/netzme-qris-paid?url=…[&amount=45000][&merchant=M_czBSCDVY]
 *   POST /fire/netzme-invoice-paid?url=…[&trxId=…][&amount=45000]  (default: the newest unpaid invoice, or a new one)
 *   POST /fire/qontak-crm-lead?url=…                         (creates the contact in the CRM, then posts qontak.crm.lead.create)
 *   POST /fire/qontak-crm?url=…&event=qontak.crm.deal.update[&id=3001]
 *   POST /fire/qontak-deal-stage?url=…[&id=3001][&stage=314] (moves the deal in the CRM, then posts qontak.crm.deal.update)
 *   POST /fire/qontak-message[?url=…][&from=…][&text=…][&file=image|document]
 *                                                            (no url: to every URL the Qontak Broadcast Trigger registered;
 *                                                            from: the customer's number, default Budi's 6281234567001;
 *                                                            file: a photo or PDF on the simulator's file host)
 *   POST /fire/vtiger-contact[?firstname=…&lastname=…]       (a new vtiger contact for the polling trigger to find)
 *   GET  /state                                              counters (tokens issued, logins, sends) for tests
 */

type Query = URLSearchParams;
type Fired = { status: number; body: Record<string, unknown> };

const CRM_DELIVERY = { companyId: '1f000000-0000-4000-8000-0000000000aa', external_company_id: 8801 };
const CRM_RESOURCES: Record<string, string> = { lead: 'contacts', company: 'companies', deal: 'deals' };

export class ControlServer extends LocalServer {
	private fired = 0;

	constructor(private readonly vendors: Vendors) {
		super();
	}

	protected override receive(req: IncomingMessage, res: ServerResponse): void {
		req.resume();
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			this.route(req.method ?? 'GET', url.pathname, url.searchParams)
				.catch((error: Error) => ({ status: 500, body: { error: error.message } }))
				.then(({ status, body }) => {
					res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
					res.end(JSON.stringify(body, null, 2));
				});
		});
	}

	private async route(method: string, path: string, query: Query): Promise<Fired> {
		if (method === 'GET' && path === '/state') return { status: 200, body: this.state() };
		if (method === 'GET' && path === '/') return { status: 200, body: { fire: FIRE_KINDS, state: '/state' } };
		const kind = /^\/fire\/([a-z-]+)$/.exec(path)?.[1];
		if (method !== 'POST' || !kind) return { status: 404, body: { error: `No ${method} ${path}; try POST /fire/<kind> with one of ${FIRE_KINDS.join(', ')}` } };
		const fire = this.fires[kind];
		if (!fire) return { status: 404, body: { error: `Unknown callback '${kind}'; known: ${FIRE_KINDS.join(', ')}` } };
		const target = query.get('url') ?? '';
		if (NEEDS_URL.has(kind) && !/^https?:\/\//.test(target)) {
			return { status: 400, body: { error: `Give the n8n webhook URL to post to: /fire/${kind}?url=http://127.0.0.1:5678/webhook/…` } };
		}
		this.fired++;
		return await fire(query, target);
	}

	private readonly fires: Record<string, (query: Query, target: string) => Promise<Fired>> = {
		'netzme-qris-paid': async (query, target) => {
			const callback = this.vendors.netzme.payQris(query.get('merchant') ?? DEMO.netzme.merchantId, Number(query.get('amount') ?? 45000));
			const statuses = await this.vendors.netzme.postCallback(target, callback);
			return delivered(statuses, callback);
		},
		'netzme-invoice-paid': async (query, target) => {
			const invoices = this.vendors.netzme.state.invoices;
			let trxId = query.get('trxId') ?? [...invoices].reverse().find((invoice) => invoice.status === 'INIT')?.trxId;
			if (trxId && !invoices.some((invoice) => invoice.trxId === trxId)) return { status: 404, body: { error: `No invoice ${trxId} in the sandbox` } };
			// Works straight after npm start: without an unpaid invoice (example 3 makes one), the sandbox issues one itself.
			trxId ??= this.issueInvoice(Number(query.get('amount') ?? 45000));
			const callback = this.vendors.netzme.payInvoice(trxId);
			return delivered(await this.vendors.netzme.postCallback(target, callback), callback);
		},
		'qontak-crm-lead': async (_query, target) => {
			const person = NEW_PEOPLE[this.fired % NEW_PEOPLE.length];
			const suffix = String(Date.now()).slice(-4);
			const created = await call(this.vendors.qontak, 'POST', '/qontak/crm/contacts', {
				body: {
					first_name: person.first,
					last_name: person.last,
					email: `${person.first}.${person.last}.${suffix}@contoh.example`.toLowerCase(),
					telephone: `0812${String(Date.now()).slice(-8)}`,
					city: person.city,
					crm_source_id: 601,
				},
			});
			if (created.status >= 300) return { status: 502, body: { error: 'The CRM refused the demo contact', answer: created.json } };
			const payload = { ...(created.json.response as Record<string, unknown>), eventType: 'qontak.crm.lead.create', ...CRM_DELIVERY };
			return delivered([await postJson(target, payload)], payload);
		},
		'qontak-crm': async (query, target) => {
			const event = query.get('event') ?? 'qontak.crm.deal.update';
			const kind = /^qontak\.crm\.(lead|company|deal)\.(create|update|delete)$/.exec(event)?.[1];
			if (!kind) return { status: 400, body: { error: `event must be qontak.crm.{lead|company|deal}.{create|update|delete}, not '${event}'` } };
			const records = this.vendors.qontak.records(CRM_RESOURCES[kind] as never);
			const id = Number(query.get('id') ?? (kind === 'deal' ? DEMO.crm.dealId : kind === 'lead' ? DEMO.crm.contactId : 2001));
			const index = records.findIndex((candidate) => candidate.id === id);
			if (index === -1) return { status: 404, body: { error: `No ${kind} ${id} in the sandbox CRM` } };
			const record = records[index];
			// The trigger confirms each event with the CRM: an update must have changed the record, a delete removed it.
			if (event.endsWith('.update')) record.updated_at = new Date(this.vendors.qontak.now()).toISOString();
			if (event.endsWith('.delete')) records.splice(index, 1);
			const gone = { id: record.id, name: record.name, slug: record.slug };
			// Mekari's deal.delete wraps the record like an API answer; the others send it flat.
			const payload = !event.endsWith('.delete')
				? { ...record, eventType: event, ...CRM_DELIVERY }
				: kind === 'deal'
					? { meta: { status: 200, type: 'OK', message: 'Success' }, response: { ...gone, external_company_id: CRM_DELIVERY.external_company_id }, eventType: event, ...CRM_DELIVERY }
					: { ...gone, eventType: event, ...CRM_DELIVERY };
			return delivered([await postJson(target, payload)], payload);
		},
		'qontak-deal-stage': async (query, target) => {
			const id = query.get('id') ?? String(DEMO.crm.dealId);
			const stage = query.get('stage') ?? String(DEMO.crm.wonStageId);
			if (!/^\d+$/.test(id) || !/^\d+$/.test(stage)) return { status: 400, body: { error: `id and stage must be numeric Qontak ids, not '${id}' and '${stage}'` } };
			// As a salesperson would: through the CRM, which checks the stage and keeps the stage history.
			const moved = await call(this.vendors.qontak, 'PUT', `/qontak/crm/deals/${id}`, { body: { crm_stage_id: Number(stage) } });
			if (moved.status >= 300) {
				return { status: moved.status === 404 ? 404 : 502, body: { error: `The CRM refused to move deal ${id} to stage ${stage}`, answer: moved.json } };
			}
			const payload = { ...(moved.json.response as Record<string, unknown>), eventType: 'qontak.crm.deal.update', ...CRM_DELIVERY };
			return delivered([await postJson(target, payload)], payload);
		},
		'qontak-message': async (query, target) => {
			const from = query.get('from') ?? DEFAULT_SENDER;
			const room = this.roomOf(from);
			if (!room) return { status: 404, body: { error: `No WhatsApp room of ${from} in the sandbox; known: ${this.roomPhones().join(', ')}` } };
			const kind = query.get('file');
			if (kind !== null && !(kind in MESSAGE_FILES)) return { status: 400, body: { error: `file must be one of ${Object.keys(MESSAGE_FILES).join(', ')}, not '${kind}'` } };
			const { chat, files } = this.vendors.qontak;
			const hosted = kind === null ? undefined : MESSAGE_FILES[kind];
			const text = query.get('text') ?? (hosted ? null : 'Halo, pesanan saya sudah sampai mana?');
			const payload = customerMessage(room, this.fired, chat.state.iso(), text, hosted && { type: kind!, file: fileOf(files.baseUrl, hosted) });
			// As on WhatsApp: the message is in the room now, and the customer writing opens its 24-hour reply window.
			const { room: _room, webhook_event: _event, data_event: _data, ...stored } = payload;
			chat.state.messages.push({ ...stored, file: hosted ? fileOf('', hosted) : null });
			Object.assign(room, { session_at: payload.created_at, last_message_at: payload.created_at, last_activity_at: payload.created_at, updated_at: payload.created_at });
			const statuses = target ? [await postJson(target, payload)] : await this.vendors.qontak.chat.deliver('receive_message_from_customer', payload);
			if (statuses.length === 0) return { status: 409, body: { error: 'No URL registered: activate a workflow with a Qontak Broadcast Trigger, or pass url=' } };
			return delivered(statuses, payload);
		},
		'vtiger-contact': async (query) => {
			const person = NEW_PEOPLE[this.fired % NEW_PEOPLE.length];
			const values = {
				firstname: query.get('firstname') ?? person.first,
				lastname: query.get('lastname') ?? person.last,
				email: query.get('email') ?? `${person.first}.${person.last}@contoh.example`.toLowerCase(),
				mobile: query.get('mobile') ?? `+62 812 ${String(Date.now()).slice(-8)}`,
				mailingcity: person.city,
			};
			const id = this.vendors.vtiger.insert('Contacts', values);
			return { status: 201, body: { created: { id, ...values }, note: 'The ABMS vtiger Trigger picks it up on its next poll' } };
		},
	};

	/** The chat room of the customer with this number (any written form: 0812…, +62 812…, 62812…). */
	private roomOf(phone: string): Record<string, any> | undefined {
		const digits = phone.replace(/\D/g, '').replace(/^0/, '62');
		return this.vendors.qontak.chat.state.rooms.find((room) => room.account_uniq_id === digits);
	}

	private roomPhones(): string[] {
		return this.vendors.qontak.chat.state.rooms.map((room) => `${String(room.account_uniq_id)} (${String(room.name)})`);
	}

	private issueInvoice(amount: number): string {
		const { netzme } = this.vendors;
		const now = netzme.now();
		const invoice = {
			id: netzme.state.nextId('NETZ-INV-'),
			trxId: netzme.state.nextId('TRX'),
			merchant: DEMO.netzme.merchantId,
			amount,
			fee: Math.round(amount * 0.007),
			paymentMethod: 'QRIS',
			terminalId: 'A01',
			status: 'INIT' as const,
			createdTs: now,
			expiredTs: now + 3600_000,
			request: { amount, merchant: DEMO.netzme.merchantId, source: 'sandbox control' },
		};
		netzme.state.invoices.push(invoice);
		return invoice.trxId;
	}

	private state(): Record<string, unknown> {
		const { qontak, chatLegacy, netzme, vtiger, appKey } = this.vendors;
		return {
			netzme: { tokensIssued: netzme.tokensIssued, invoices: netzme.state.invoices.length, qrisPayments: netzme.state.qris.length },
			vtiger: { logins: vtiger.logins },
			qontak: {
				authFailures: qontak.authFailures,
				broadcasts: qontak.chat.state.broadcasts.length,
				contacts: qontak.records('contacts').length,
				tasks: qontak.records('tasks').length,
				webhooks: qontak.chat.state.webhookRegistrations.length,
			},
			qontakChatLegacy: { logins: chatLegacy.logins, broadcasts: chatLegacy.chat.state.broadcasts.length },
			appKey: { calls: appKey.calls() },
		};
	}
}

const FIRE_KINDS = ['netzme-qris-paid', 'netzme-invoice-paid', 'qontak-crm-lead', 'qontak-crm', 'qontak-deal-stage', 'qontak-message', 'vtiger-contact'];
const NEEDS_URL = new Set(['netzme-qris-paid', 'netzme-invoice-paid', 'qontak-crm-lead', 'qontak-crm', 'qontak-deal-stage']);

function delivered(statuses: number[], callback: Record<string, unknown>): Fired {
	const ok = statuses.some((status) => status >= 200 && status < 300);
	return { status: ok ? 200 : 502, body: { delivered: ok, statuses, callback } };
}

/** Who writes when `from` is not given: Budi Santoso, whom the sandbox CRM does not know. */
const DEFAULT_SENDER = '6281234567001';

/** What a customer can send with file=…: a payment proof photo, an ID card scan. */
const MESSAGE_FILES: Record<string, (typeof HOSTED_FILES)[keyof typeof HOSTED_FILES]> = { image: HOSTED_FILES.image, document: HOSTED_FILES.document };

/** Qontak's message-interaction body for a customer writing in `room` (its Message object, with the room). */
function customerMessage(room: Record<string, any>, sequence: number, now: string, text: string | null, media?: { type: string; file: Record<string, unknown> }): Record<string, any> {
	// Unique per fire, even two in one millisecond: the trigger drops a message id it has seen.
	const id = `7a000000-0000-4000-8000-${String(Date.parse(now)).slice(-8)}${String(sequence % 10_000).padStart(4, '0')}`;
	const inRoom = {
		id: room.id,
		name: room.name,
		status: room.status,
		channel: room.channel,
		account_uniq_id: room.account_uniq_id,
		channel_integration_id: room.channel_integration_id,
		session: 'open',
	};
	return {
		id,
		type: media?.type ?? 'text',
		room_id: room.id,
		is_campaign: false,
		organization_id: room.organization_id,
		created_at: now,
		room: inRoom,
		sender_id: customerIdOf(String(room.id)),
		sender_type: 'Models::Contact',
		sender: { name: room.name, avatar: null },
		participant_type: 'customer',
		text,
		...(media ? { file: media.file } : {}),
		status: 'created',
		external_id: `wamid.SANDBOX${Date.now()}`,
		webhook_event: 'message_interaction',
		data_event: 'receive_message_from_customer',
	};
}
