import { geolocationSpec, noteSpec, productAssociationSpec, taskSpec } from './crmActivityRecords';
import { createRecord } from './crmCrud';
import { wibIso } from './crmEnvelope';
import { APPROVAL_RULES, PIPELINE_TENDER, PIPELINES, STAGES, TASK_CATEGORIES, TICKET_PIPELINE_KELUHAN, TICKET_PIPELINES } from './crmFixtures';
import { dealSpec, ticketSpec } from './crmPipelineRecords';
import { companySpec, contactSpec, productSpec, type ResourceSpec } from './crmRecords';
import { recordKey, type CrmRecord, type CrmState } from './crmState';
import { emptyAdditionalFields } from './crmValidation';

/**
 * Initial tenant. Records are created through the same code path as API creates (so they
 * are valid by construction), then back-dated to fixed dates so date filters are testable.
 */

const SEED_DAY_MS = Date.parse('2024-10-01T02:00:00.000Z'); // 09:00 WIB

function seed(state: CrmState, spec: ResourceSpec, firstId: number, bodies: Array<Record<string, unknown>>): CrmRecord[] {
	state.startIdsAt(spec.resource, firstId);
	return bodies.map((body, i) => {
		const record = createRecord(spec, state, body);
		record.created_at = record.updated_at = wibIso(SEED_DAY_MS + i * 86_400_000);
		spec.decorate(record, state); // geolocations derive their date from created_at
		return record;
	});
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

export function seedFixtures(state: CrmState): void {
	const at = wibIso(SEED_DAY_MS - 30 * 86_400_000);
	state.stores.pipelines.push(...PIPELINES.map((p) => ({ ...p, created_at: at, updated_at: at })));
	state.stores.stages.push(...clone(STAGES));
	state.stores.ticket_pipelines.push(...clone(TICKET_PIPELINES));
	state.stores.task_categories.push(...TASK_CATEGORIES.map((c) => ({ ...c, slug: c.name.toLowerCase().replace(/\s+/g, '-'), created_at: at, updated_at: at, team_id: 1, organization_id: 1 })));
	state.stores.approval_rules.push(...clone(APPROVAL_RULES));

	const [pt, cv, hotel] = seed(state, companySpec, 2001, [
		{ name: 'PT Sinar Kopi Makmur', website: 'https://sinarkopi.example', telephone: '0215550101', industry_id: 303, city: 'Jakarta', number_of_employees: 120, additional_fields: [{ id: 9101, value: '91013' }] },
		{ name: 'CV Sumber Rejeki Rempah', website: 'https://sumberrejeki.example', telephone: '0315550202', industry_id: 301, city: 'Surabaya', creator_id: 9 },
		{ name: 'Hotel Melati Bandung', telephone: '0225550303', industry_id: 303, city: 'Bandung' },
	]);

	const [siti, bambang, putu] = seed(state, contactSpec, 1001, [
		{ first_name: 'Siti', last_name: 'Rahmawati', email: 'siti.rahmawati@sinarkopi.example', telephone: '081311110001', job_title: 'Manajer Pembelian', crm_status_id: 203, crm_company_id: pt.id, city: 'Jakarta', additional_fields: [{ id: 9001, value: '3174015505900001' }, { id: 9002, value: '90022' }, { id: 9003, value: '90031,90033' }, { id: 9004, value: 87 }] },
		{ first_name: 'Bambang', last_name: 'Hartono', email: 'bambang@sumberrejeki.example', telephone: '081311110002', job_title: 'Pemilik', crm_status_id: 202, crm_company_id: cv.id, creator_id: 9, city: 'Surabaya', additional_fields: [{ id: 9002, value: '90021' }] },
		{ first_name: 'Putu', last_name: 'Ayu Lestari', email: 'putu.ayu@melati.example', telephone: '081311110003', job_title: 'F&B Manager', crm_status_id: 201, crm_company_id: hotel.id, city: 'Denpasar' },
		{ first_name: 'Rizky', last_name: 'Ramadhan', email: 'rizky.ramadhan@gmail.example', telephone: '081311110004', crm_status_id: 201, creator_id: 8 },
		{ first_name: 'Nur', last_name: 'Aini', email: 'nur.aini@yahoo.example', telephone: '081311110005', crm_status_id: 202, crm_source_id: 604 },
	]);

	const [arabika, , rempah] = seed(state, productSpec, 4001, [
		{ name: 'Kopi Arabika Gayo 1 kg', currency: 'IDR', price: 185000, quantity: 1, description: 'Biji sangrai medium', additional_fields: [{ id: 9501, value: 'KOP-GAYO-1KG' }] },
		{ name: 'Teh Melati Tubruk 250 g', currency: 'IDR', price: 42000, quantity: 1, additional_fields: [{ id: 9501, value: 'TEH-MLT-250' }] },
		{ name: 'Paket Rempah Nusantara', currency: 'IDR', price: 95000, quantity: 1, additional_fields: [{ id: 9501, value: 'RMP-PKT-01' }] },
	]);

	const [kafe, tender] = seed(state, dealSpec, 3001, [
		{ name: 'Pasokan Kopi Kafe Sinar Q4', crm_pipeline_id: 31, crm_stage_id: 312, size: 45000000, crm_company_id: pt.id, crm_lead_ids: [siti.id], crm_source_id: 602, closed_date: '20-12-2024' },
		{ name: 'Tender Katering Dinas Pariwisata', crm_pipeline_id: PIPELINE_TENDER, crm_stage_id: 321, size: 120000000, creator_id: 10, crm_lead_ids: [bambang.id], additional_fields: [{ id: 9201, value: 'SPK/2024/117' }] },
		{ name: 'Hampers Lebaran Hotel Melati', crm_pipeline_id: 31, crm_stage_id: 311, size: 18500000, crm_company_id: hotel.id, crm_lead_ids: [putu.id], creator_id: 8 },
	]);

	seed(state, productAssociationSpec, 4501, [
		{ crm_product_id: arabika.id, crm_deal_id: kafe.id, quantity: 200, discount: 5 },
		{ crm_product_id: rempah.id, crm_deal_id: tender.id, quantity: 400 },
	]);

	seed(state, taskSpec, 5001, [
		{ name: 'Kunjungi kafe Sinar untuk cupping', crm_person_id: siti.id, crm_deal_id: kafe.id, crm_task_status_id: 1, crm_task_priority_id: 3, crm_task_category_id: 1, due_date: '2024-11-05T10:00:00.000+07:00' },
		{ name: 'Telepon Pak Bambang soal harga', crm_person_id: bambang.id, crm_task_status_id: 3, crm_task_category_id: 2, user_id: 9, due_date: '2024-10-20T14:00:00.000+07:00' },
	]);

	seed(state, ticketSpec, 6001, [
		{ name: 'Pesanan teh belum sampai', ticket_stage_id: 412, crm_company_id: cv.id, crm_lead_ids: [bambang.id], description: 'Kurir terlambat tiga hari' },
		{ name: 'Biji kopi terlalu gosong', ticket_pipeline_id: TICKET_PIPELINE_KELUHAN, crm_lead_ids: [siti.id], additional_fields: [{ id: 9401, value: 'SO-2024-0456' }] },
	]);

	seed(state, noteSpec, 7001, [
		{ note: '<p>Tertarik kontrak tahunan, minta sampel robusta.</p>', crm_person_id: siti.id },
		{ note: 'Negosiasi harga menunggu persetujuan direksi.', crm_deal_id: kafe.id },
	]);

	seed(state, geolocationSpec, 8001, [
		{ latitude: -6.2146, longitude: 106.8451, device_id: 'sim-device-01', checkin_timestamps: 1730170800, is_online: true, input_type: 1, journey_id: 'perjalanan-jkt-01', battery_percentage: 76 },
	]);

	state.startIdsAt('notifications', 8501);
	for (const [i, title] of ['Deal baru ditugaskan', 'Tugas jatuh tempo besok'].entries()) {
		state.stores.notifications.push({
			id: state.nextId('notifications'), obj_id: kafe.id, title, click_action: 'OPEN_NOTIFICATIONS', origin: i === 0 ? 'deal' : 'task',
			task_status_id: null, is_read: false, is_reminder: i === 1, created_at: at, updated_at: at, crm_person_id: null,
			crm_company_id: null, crm_deal_id: i === 0 ? kafe.id : null, crm_note_id: null, crm_task_id: null,
			user_id: state.currentUser.id, description: `${title}: ${kafe.name}`, click_action_url: 'https://crm.example/deals',
			notif_category_id: i === 0 ? 7 : 1, notif_type_id: 1,
		});
	}

	state.chatRooms.set(recordKey('contacts', siti.id), {
		roomId: 'room-siti-001',
		contents: [
			{ user: 'Siti Rahmawati', message: 'Selamat pagi, stok Gayo masih ada?', timestamp: wibIso(SEED_DAY_MS), type: 'customer' },
			{ user: 'Sari Wulandari', message: 'Pagi Bu Siti, masih ada 300 kg.', timestamp: wibIso(SEED_DAY_MS + 120_000), type: 'agent' },
		],
	});
	state.chatRooms.set(recordKey('deals', kafe.id), state.chatRooms.get(recordKey('contacts', siti.id))!);
}

const FIRST_NAMES = ['Agus', 'Budi', 'Citra', 'Dewi', 'Eko', 'Fitri', 'Gilang', 'Hana', 'Indra', 'Joko', 'Kartika', 'Lestari', 'Made', 'Nanda', 'Oka', 'Putri', 'Rina', 'Slamet', 'Tri', 'Wayan'];
const LAST_NAMES = ['Saputra', 'Wijaya', 'Kusuma', 'Hidayat', 'Setiawan', 'Siregar', 'Nasution', 'Simanjuntak', 'Pratiwi', 'Gunawan', 'Halim', 'Susanto', 'Nugroho', 'Permana', 'Utami'];

/**
 * Bulk contacts for benchmarks: plain object literals with shared, frozen
 * additional_fields and empty-list arrays and one timestamp string per 1 000 records, so 100 000 of them
 * build in well under a second and cost a few tens of MB. Writes replace, never mutate,
 * the shared arrays.
 */
export function seedBulkContacts(state: CrmState, n: number): void {
	const store = state.stores.contacts;
	const customs = Object.freeze(emptyAdditionalFields(contactSpec, state).map((e) => Object.freeze(e)));
	const users = state.users;
	const none = Object.freeze([]) as unknown as never[];
	let stamp = '';
	for (let i = 0; i < n; i++) {
		const id = state.nextId('contacts');
		if (i % 1000 === 0) stamp = wibIso(SEED_DAY_MS + Math.floor(i / 1000) * 86_400_000);
		const first = FIRST_NAMES[i % FIRST_NAMES.length];
		const last = LAST_NAMES[(i / FIRST_NAMES.length | 0) % LAST_NAMES.length];
		const owner = users[i % users.length];
		store.push({
			id, first_name: first, last_name: last, slug: `${first}-${last}-${id}`.toLowerCase(), created_at: stamp,
			updated_at: stamp, job_title: null, creator_id: owner.id, creator_name: owner.full_name,
			email: `${first}.${last}.${id}@contoh.example`.toLowerCase(), telephone: `0857${String(id).padStart(8, '0')}`,
			crm_status_id: null, crm_status_name: null, address: null, country: null, province: null, city: null,
			zipcode: null, date_of_birth: null, crm_source_id: null, crm_source_name: null, crm_gender_id: null,
			crm_gender_name: null, income: null, upload_id: null, customer_id: null, crm_company_id: null,
			crm_company_name: null, crm_deal_ids: none, crm_deal_name: none, additional_fields: customs,
		});
	}
}

/**
 * Bulk deals for list tests: created through the API's own path (valid by construction), spread
 * over every stage of both pipelines and every owner, one created every six hours from 01-11-2024
 * 00:00 WIB, each last updated 0 to 4 days after it was created.
 */
export function seedBulkDeals(state: CrmState, n: number): void {
	const start = Date.parse('2024-10-31T17:00:00.000Z');
	const stages = state.stores.stages;
	for (let i = 0; i < n; i++) {
		const stage = stages[i % stages.length];
		const owner = state.users[i % state.users.length];
		const deal = createRecord(dealSpec, state, {
			name: `Deal Borongan ${i + 1}`,
			crm_stage_id: stage.id,
			creator_id: owner.id,
			size: 1_000_000 * (i + 1),
			// The tender pipeline and the negotiation stage require a contract number.
			additional_fields: [{ id: 9201, value: `SPK/2024/${i + 1}` }],
		});
		const created = start + i * 6 * 3_600_000;
		deal.created_at = wibIso(created);
		deal.updated_at = wibIso(created + (i % 5) * 86_400_000);
	}
}
