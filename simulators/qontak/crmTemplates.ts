import {
	COMPANY_TYPES,
	CONTACT_STATUSES,
	DEAL_CURRENCIES,
	GENDERS,
	HASIL_KUNJUNGAN_OPTIONS,
	INDUSTRIES,
	LOST_REASONS,
	MINAT_PRODUK_OPTIONS,
	PIPELINE_TENDER,
	PRIORITIES,
	PRODUCT_CURRENCIES,
	SEGMEN_OPTIONS,
	SKALA_USAHA_OPTIONS,
	SOURCES,
	STAGE_NEGOSIASI,
	TASK_STATUSES,
	TICKET_PIPELINE_KELUHAN,
	TICKET_PRIORITIES,
	URGENSI_OPTIONS,
} from './crmFixtures';
import type { CrmState } from './crmState';

/**
 * The `/info` field templates (Qontak's CRM API collection,
 * https://documenter.getpostman.com/view/22728681/2sAXxV6A5V). They are built from the live state
 * on every call so that pipelines, stages, categories seeded by a test show up in dropdowns, and
 * they double as the validation schema for create/update.
 */

export type TemplateKind = 'contacts' | 'companies' | 'deals' | 'tasks' | 'tickets' | 'products';

export interface FieldDescriptor {
	id: number | null;
	name: string;
	name_alias: string;
	required: boolean | null;
	additional_field: boolean;
	type: string;
	dropdown: Array<Record<string, unknown>> | string[] | null;
	required_pipeline_ids?: number[];
	required_stage_ids?: number[];
	show_pipeline_ids?: number[];
	checklist_details_attributes?: null;
}

/**
 * Template names that are not the body key (compare the /info and create examples in
 * https://documenter.getpostman.com/view/22728681/2sAXxV6A5V).
 */
export const BODY_KEY_ALIASES: Record<TemplateKind, Record<string, string>> = {
	contacts: { crm_phones: 'telephone' },
	companies: {},
	deals: { crm_contact: 'crm_lead_ids', crm_company: 'crm_company_id' },
	tasks: { crm_person: 'crm_person_id', crm_company: 'crm_company_id', crm_deal: 'crm_deal_id', crm_task_attachment: 'attachment' },
	tickets: {},
	products: { unit_price: 'price' },
};

export const bodyKeyOf = (kind: TemplateKind, descriptor: FieldDescriptor): string =>
	BODY_KEY_ALIASES[kind][descriptor.name] ?? descriptor.name;

type Extra = Partial<FieldDescriptor>;

const builtin = (name: string, alias: string, type: string, extra: Extra = {}): FieldDescriptor => ({
	id: null,
	name,
	name_alias: alias,
	required: false,
	additional_field: false,
	type,
	dropdown: null,
	...extra,
});

const custom = (id: number, name: string, alias: string, type: string, extra: Extra = {}): FieldDescriptor => ({
	...builtin(name, alias, type, extra),
	id,
	additional_field: true,
});

const userOptions = (state: CrmState) => state.users.map((u) => ({ id: u.id, name: u.full_name, email: u.email }));

function contactsTemplate(state: CrmState): FieldDescriptor[] {
	return [
		builtin('first_name', 'Nama Depan', 'Single-line text', { required: true }),
		builtin('last_name', 'Nama Belakang', 'Single-line text'),
		builtin('email', 'Email', 'Single-line text'),
		builtin('job_title', 'Jabatan', 'Single-line text'),
		builtin('crm_phones', 'Nomor Telepon', 'Single-line text'),
		builtin('crm_status_id', 'Status', 'Dropdown select', { dropdown: CONTACT_STATUSES }),
		builtin('creator_id', 'Pemilik', 'Dropdown select', { dropdown: userOptions(state) }),
		builtin('date_of_birth', 'Tanggal Lahir', 'Date'),
		builtin('crm_source_id', 'Sumber', 'Dropdown select', { dropdown: SOURCES }),
		builtin('crm_gender_id', 'Jenis Kelamin', 'Dropdown select', { dropdown: GENDERS }),
		builtin('address', 'Alamat', 'Single-line text'),
		builtin('city', 'Kota', 'Single-line text'),
		builtin('crm_company_id', 'Perusahaan', 'assoc'),
		custom(9001, 'nomor_ktp', 'Nomor KTP', 'Single-line text'),
		custom(9002, 'segmen', 'Segmen Pelanggan', 'Dropdown select', { dropdown: SEGMEN_OPTIONS }),
		custom(9003, 'minat_produk', 'Minat Produk', 'Multiple select', { dropdown: MINAT_PRODUK_OPTIONS }),
		custom(9004, 'skor', 'Skor Prospek', 'Number'),
		custom(9005, 'tanggal_kunjungan', 'Tanggal Kunjungan', 'Date'),
	];
}

function companiesTemplate(state: CrmState): FieldDescriptor[] {
	return [
		builtin('name', 'Nama Perusahaan', 'Single-line text', { required: true }),
		builtin('website', 'Situs Web', 'Single-line text'),
		builtin('telephone', 'Nomor Telepon', 'Single-line text'),
		builtin('creator_id', 'Pemilik', 'Dropdown select', { dropdown: userOptions(state) }),
		builtin('industry_id', 'Industri', 'Dropdown select', { dropdown: INDUSTRIES }),
		builtin('crm_type_id', 'Tipe Perusahaan', 'Dropdown select', { dropdown: COMPANY_TYPES }),
		builtin('address', 'Alamat', 'Single-line text'),
		builtin('city', 'Kota', 'Single-line text'),
		builtin('number_of_employees', 'Jumlah Karyawan', 'Number'),
		builtin('annual_revenue', 'Pendapatan Tahunan', 'Number'),
		custom(9101, 'skala_usaha', 'Skala Usaha', 'Dropdown select', { dropdown: SKALA_USAHA_OPTIONS }),
	];
}

function dealsTemplate(state: CrmState): FieldDescriptor[] {
	// Every deal descriptor carries the per-pipeline/stage lists, empty when unused.
	const deal = (d: FieldDescriptor): FieldDescriptor => ({ required_pipeline_ids: [], required_stage_ids: [], ...d });
	const owners = state.users.map((u) => ({ id: u.id, name: u.full_name, email: u.email, crm_teams: u.crm_teams }));
	return [
		builtin('name', 'Nama Deal', 'Single-line text', { required: true }),
		builtin('crm_pipeline_id', 'Pipeline', 'Dropdown select', {
			dropdown: state.stores.pipelines.map((p) => ({ id: p.id, name: p.name })),
		}),
		builtin('crm_stage_id', 'Tahapan', 'Dropdown select', {
			dropdown: state.stores.stages.map((s) => ({ id: s.id, name: s.name, crm_pipeline_id: s.crm_pipeline_id })),
		}),
		builtin('size', 'Nilai Deal', 'Number'),
		// Deal currencies come with a null id; the option is picked by name.
		builtin('currency', 'Mata Uang', 'Dropdown select', { dropdown: DEAL_CURRENCIES.map((c) => ({ id: null, name: c })) }),
		builtin('closed_date', 'Tanggal Closing', 'Date'),
		builtin('start_date', 'Tanggal Mulai', 'Date'),
		builtin('expired_date', 'Tanggal Kedaluwarsa', 'Date'),
		builtin('creator_id', 'Pemilik', 'Dropdown select', { dropdown: owners }),
		builtin('crm_company', 'Perusahaan', 'assoc'),
		builtin('crm_contact', 'Kontak', 'assoc'),
		builtin('crm_source_id', 'Sumber', 'Dropdown select', { dropdown: SOURCES }),
		builtin('crm_priority_id', 'Prioritas', 'Dropdown select', { dropdown: PRIORITIES }),
		builtin('crm_lost_reason_id', 'Alasan Kalah', 'Dropdown select', { dropdown: LOST_REASONS }),
		custom(9201, 'nomor_kontrak', 'Nomor Kontrak', 'Single-line text', {
			required: false,
			required_pipeline_ids: [PIPELINE_TENDER],
			required_stage_ids: [STAGE_NEGOSIASI],
		}),
		custom(9202, 'tingkat_urgensi', 'Tingkat Urgensi', 'Dropdown select', { dropdown: URGENSI_OPTIONS }),
	].map(deal);
}

function tasksTemplate(state: CrmState): FieldDescriptor[] {
	const task = (d: FieldDescriptor): FieldDescriptor => ({ ...d, checklist_details_attributes: null });
	return [
		builtin('name', 'Nama Tugas', 'Single-line text', { required: true }),
		builtin('crm_person', 'Kontak Terkait', 'assoc'),
		builtin('crm_company', 'Perusahaan Terkait', 'assoc'),
		builtin('crm_deal', 'Deal Terkait', 'assoc'),
		builtin('crm_task_status_id', 'Status', 'Dropdown select', { dropdown: TASK_STATUSES }),
		builtin('crm_task_priority_id', 'Prioritas', 'Dropdown select', { dropdown: PRIORITIES }),
		builtin('crm_task_category_id', 'Kategori', 'Dropdown select', {
			dropdown: state.stores.task_categories.map((c) => ({ id: c.id, name: c.name })),
		}),
		builtin('user_id', 'Ditugaskan ke', 'Dropdown select', { dropdown: userOptions(state) }),
		builtin('due_date', 'Tenggat', 'Date time'),
		builtin('reminder_date', 'Pengingat', 'Date time'),
		builtin('detail', 'Detail', 'text area'),
		builtin('next_step', 'Langkah Berikutnya', 'text area'),
		custom(9301, 'hasil_kunjungan', 'Hasil Kunjungan', 'Dropdown select', { dropdown: HASIL_KUNJUNGAN_OPTIONS }),
	].map(task);
}

function ticketsTemplate(state: CrmState): FieldDescriptor[] {
	const ticket = (d: FieldDescriptor): FieldDescriptor => ({ required_pipeline_ids: [], show_pipeline_ids: [], ...d });
	const pipelines = state.stores.ticket_pipelines;
	return [
		builtin('name', 'Judul Tiket', 'Single-line text', { required: true }),
		builtin('ticket_pipeline_id', 'Pipeline Tiket', 'Dropdown select', {
			dropdown: pipelines.map((p) => ({ id: p.id, name: p.name })),
		}),
		builtin('ticket_stage_id', 'Tahapan Tiket', 'Dropdown select', {
			dropdown: pipelines.flatMap((p) =>
				(p.ticket_stages as Array<Record<string, any>>).map((s) => ({ id: s.id, name: s.name, ticket_pipeline_id: p.id })),
			),
		}),
		builtin('user_id', 'Penanggung Jawab', 'Dropdown select', { dropdown: userOptions(state) }),
		builtin('ticket_priority_id', 'Prioritas', 'Dropdown select', { dropdown: TICKET_PRIORITIES }),
		builtin('description', 'Deskripsi', 'Text Area'),
		builtin('due_date', 'Tenggat', 'Date'),
		custom(9401, 'nomor_pesanan', 'Nomor Pesanan', 'Single-line text', {
			required_pipeline_ids: [TICKET_PIPELINE_KELUHAN],
			show_pipeline_ids: [TICKET_PIPELINE_KELUHAN],
		}),
	].map(ticket);
}

function productsTemplate(): FieldDescriptor[] {
	return [
		builtin('name', 'Nama Produk', 'Single-line text', { required: true }),
		builtin('currency', 'Mata Uang', 'Dropdown select', { required: true, dropdown: PRODUCT_CURRENCIES }),
		builtin('unit_price', 'Harga Satuan', 'Number'),
		builtin('quantity', 'Jumlah', 'Number'),
		builtin('description', 'Deskripsi', 'Text Area'),
		custom(9501, 'kode_produk', 'Kode Produk', 'Single-line text'),
	];
}

export function template(kind: TemplateKind, state: CrmState): FieldDescriptor[] {
	switch (kind) {
		case 'contacts':
			return contactsTemplate(state);
		case 'companies':
			return companiesTemplate(state);
		case 'deals':
			return dealsTemplate(state);
		case 'tasks':
			return tasksTemplate(state);
		case 'tickets':
			return ticketsTemplate(state);
		case 'products':
			return productsTemplate();
	}
}

/** Products publish the flag as `additional_fields` (plural); everything else is singular. */
export function publishedTemplate(kind: TemplateKind, state: CrmState): Array<Record<string, unknown>> {
	const fields = template(kind, state);
	if (kind !== 'products') return fields as unknown as Array<Record<string, unknown>>;
	return fields.map(({ additional_field, ...rest }) => ({ ...rest, additional_fields: additional_field }));
}

export const NOTIFICATION_REQUIRED_FIELDS = [
	{ field_name: 'object_id', name_alias: 'ID Objek', field_type: 'Integer', required: true, description: 'Id of the record the notification is about' },
	{ field_name: 'origin', name_alias: 'Asal', field_type: 'String', required: true, description: 'Record kind', valid_values: 'deal, task, company, lead, ticket, notes, expense' },
	{ field_name: 'click_action', name_alias: 'Aksi Klik', field_type: 'String', required: true, description: 'What the app opens on click, e.g. OPEN_NOTIFICATIONS or OPEN_LINK' },
	{ field_name: 'title', name_alias: 'Judul', field_type: 'String', required: true, description: 'Notification title' },
	{ field_name: 'description', name_alias: 'Deskripsi', field_type: 'String', required: true, description: 'Notification text' },
	{ field_name: 'click_action_url', name_alias: 'URL Aksi', field_type: 'String', required: true, description: 'URL opened on click' },
	{ field_name: 'user_ids', name_alias: 'Penerima', field_type: 'Array of Objects', required: true, description: 'Recipients as [{user_id, email}]' },
	{ field_name: 'notif_type_id', name_alias: 'Tipe', field_type: 'Integer', required: true, description: '1 General, 2 Approval', valid_values: [1, 2] },
	{ field_name: 'notif_category_id', name_alias: 'Kategori', field_type: 'Integer', required: true, description: '1 Reminder … 9 Expenses', valid_values: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
	{ field_name: 'task_status_id', name_alias: 'Status Tugas', field_type: 'Integer', required: false, description: 'Status of the related task' },
	{ field_name: 'is_reminder', name_alias: 'Pengingat', field_type: 'Boolean', required: false, description: 'Marks a reminder' },
	{ field_name: 'external_company_id', name_alias: 'ID Perusahaan Eksternal', field_type: 'Integer', required: false, description: 'Mekari company id' },
];
