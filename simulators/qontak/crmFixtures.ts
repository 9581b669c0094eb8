import type { CrmUser } from './crmState';

/**
 * Invented tenant data: a small Indonesian coffee-and-spice distributor. Ids are grouped by
 * resource (contacts 1001+, companies 2001+, deals 3001+, ...) so a wrong id type shows up
 * as a 404 instead of silently hitting another resource's record.
 */

// A type alias (not an interface) so options fit the Record-typed template dropdowns.
export type Option = { id: number; name: string };

export const TEAM = { id: 1, company_name: 'PT Kopi Rempah Nusantara', external_company_id: 8801 };

/** The first user is the one the configured SSO id belongs to. */
export const USERS: readonly CrmUser[] = [
	{ id: 7, full_name: 'Sari Wulandari', email: 'sari.wulandari@koprem.test', phone: '081200000007', role: 'owner', crm_teams: [{ id: 11, name: 'Tim Jakarta' }] },
	{ id: 8, full_name: 'Budi Santoso', email: 'budi.santoso@koprem.test', phone: '081200000008', role: 'sales', crm_teams: [{ id: 11, name: 'Tim Jakarta' }] },
	{ id: 9, full_name: 'Dewi Lestari', email: 'dewi.lestari@koprem.test', phone: '081200000009', role: 'sales', crm_teams: [{ id: 12, name: 'Tim Surabaya' }] },
	{ id: 10, full_name: 'Agus Pratama', email: 'agus.pratama@koprem.test', phone: '081200000010', role: 'manager', crm_teams: [{ id: 12, name: 'Tim Surabaya' }] },
];

export const CONTACT_STATUSES: Option[] = [
	{ id: 201, name: 'Lead Baru' },
	{ id: 202, name: 'Prospek' },
	{ id: 203, name: 'Pelanggan' },
];

export const SOURCES: Option[] = [
	{ id: 601, name: 'Website' },
	{ id: 602, name: 'Referensi' },
	{ id: 603, name: 'Pameran Dagang' },
	{ id: 604, name: 'WhatsApp' },
];

export const GENDERS: Option[] = [
	{ id: 1, name: 'Laki-laki' },
	{ id: 2, name: 'Perempuan' },
];

export const INDUSTRIES: Option[] = [
	{ id: 301, name: 'Ritel' },
	{ id: 302, name: 'Manufaktur' },
	{ id: 303, name: 'Hotel, Restoran & Kafe' },
	{ id: 304, name: 'Logistik' },
];

export const COMPANY_TYPES: Option[] = [
	{ id: 351, name: 'Distributor' },
	{ id: 352, name: 'Reseller' },
	{ id: 353, name: 'Pengguna Akhir' },
];

export const PRIORITIES: Option[] = [
	{ id: 1, name: 'Rendah' },
	{ id: 2, name: 'Sedang' },
	{ id: 3, name: 'Tinggi' },
];

export const LOST_REASONS: Option[] = [
	{ id: 701, name: 'Harga terlalu tinggi' },
	{ id: 702, name: 'Memilih kompetitor' },
	{ id: 703, name: 'Anggaran ditunda' },
];

export const TASK_STATUSES: Option[] = [
	{ id: 1, name: 'Belum Mulai' },
	{ id: 2, name: 'Sedang Dikerjakan' },
	{ id: 3, name: 'Selesai' },
	{ id: 4, name: 'Ditunda' },
];

export const DEAL_CURRENCIES = ['IDR', 'USD', 'SGD', 'MYR'];

/** Products take a plain string list; the set the product template publishes. */
export const PRODUCT_CURRENCIES = ['USD', 'IDR', 'SGD', 'CNY', 'JPY', 'AUD', 'EUR', 'THB', 'MYR', 'PHP', 'VND', 'CHF', 'INR'];

// Custom-field option ids are derived from the field id (9002 → 90021..) to stay readable.
export const SEGMEN_OPTIONS: Option[] = [
	{ id: 90021, name: 'UMKM' },
	{ id: 90022, name: 'Korporasi' },
	{ id: 90023, name: 'Instansi Pemerintah' },
];

export const MINAT_PRODUK_OPTIONS: Option[] = [
	{ id: 90031, name: 'Kopi Arabika' },
	{ id: 90032, name: 'Kopi Robusta' },
	{ id: 90033, name: 'Teh' },
	{ id: 90034, name: 'Rempah' },
];

export const SKALA_USAHA_OPTIONS: Option[] = [
	{ id: 91011, name: 'Mikro' },
	{ id: 91012, name: 'Kecil' },
	{ id: 91013, name: 'Menengah' },
	{ id: 91014, name: 'Besar' },
];

export const URGENSI_OPTIONS: Option[] = [
	{ id: 92021, name: 'Normal' },
	{ id: 92022, name: 'Mendesak' },
];

export const HASIL_KUNJUNGAN_OPTIONS: Option[] = [
	{ id: 93011, name: 'Berminat' },
	{ id: 93012, name: 'Belum Berminat' },
	{ id: 93013, name: 'Perlu Tindak Lanjut' },
];

export const PIPELINE_B2B = 31;
export const PIPELINE_TENDER = 32;
export const STAGE_NEGOSIASI = 313;

export const PIPELINES = [
	{ id: PIPELINE_B2B, name: 'Penjualan B2B', alias_name: 'B2B', slug: 'penjualan-b2b', active: true, order: 1 },
	{ id: PIPELINE_TENDER, name: 'Tender Pemerintah', alias_name: 'Tender', slug: 'tender-pemerintah', active: true, order: 2 },
];

export const STAGES = [
	{ id: 311, name: 'Prospek', active: true, order: 1, crm_pipeline_id: PIPELINE_B2B, win_probability: 10 },
	{ id: 312, name: 'Kualifikasi', active: true, order: 2, crm_pipeline_id: PIPELINE_B2B, win_probability: 30 },
	{ id: STAGE_NEGOSIASI, name: 'Negosiasi', active: true, order: 3, crm_pipeline_id: PIPELINE_B2B, win_probability: 60 },
	{ id: 314, name: 'Menang', active: true, order: 4, crm_pipeline_id: PIPELINE_B2B, win_probability: 100 },
	{ id: 321, name: 'Pendaftaran', active: true, order: 1, crm_pipeline_id: PIPELINE_TENDER, win_probability: 10 },
	{ id: 322, name: 'Evaluasi Teknis', active: true, order: 2, crm_pipeline_id: PIPELINE_TENDER, win_probability: 50 },
	{ id: 323, name: 'Kontrak', active: true, order: 3, crm_pipeline_id: PIPELINE_TENDER, win_probability: 100 },
];

export const TICKET_PIPELINE_LAYANAN = 41;
export const TICKET_PIPELINE_KELUHAN = 42;

const ticketStage = (id: number, name: string, pipelineId: number, order: number, win: number) => ({
	id,
	name,
	slug: name.toLowerCase().replace(/\s+/g, '-'),
	ticket_pipeline_id: pipelineId,
	order,
	win_probability: win,
});

export const TICKET_PIPELINES = [
	{
		id: TICKET_PIPELINE_LAYANAN,
		name: 'Layanan Pelanggan',
		slug: 'layanan-pelanggan',
		ticket_stages: [
			ticketStage(411, 'Baru', TICKET_PIPELINE_LAYANAN, 1, 0),
			ticketStage(412, 'Diproses', TICKET_PIPELINE_LAYANAN, 2, 50),
			ticketStage(413, 'Selesai', TICKET_PIPELINE_LAYANAN, 3, 100),
		],
	},
	{
		id: TICKET_PIPELINE_KELUHAN,
		name: 'Keluhan Produk',
		slug: 'keluhan-produk',
		ticket_stages: [
			ticketStage(421, 'Diterima', TICKET_PIPELINE_KELUHAN, 1, 0),
			ticketStage(422, 'Investigasi', TICKET_PIPELINE_KELUHAN, 2, 50),
			ticketStage(423, 'Ditutup', TICKET_PIPELINE_KELUHAN, 3, 100),
		],
	},
];

export const TICKET_PRIORITIES: Option[] = PRIORITIES;

export const TASK_CATEGORIES = [
	{ id: 1, name: 'Kunjungan' },
	{ id: 2, name: 'Panggilan Telepon' },
	{ id: 3, name: 'Tindak Lanjut' },
];

const layer = (id: number, order: number, userId: number) => {
	const user = USERS.find((u) => u.id === userId)!;
	return {
		id,
		layer_order: order,
		selection: 'Selected user',
		crm_team_id: null,
		crm_team_name: null,
		upper_position: null,
		upper_position_text: null,
		user_id: user.id,
		user_name: user.full_name,
		crm_category_product_ids: null,
		approver_list: null,
		all_approvers_per_layer: false,
	};
};

export const APPROVAL_RULES = [
	{
		id: 51,
		name: 'Persetujuan Diskon Besar',
		enabled: true,
		auto_ascend: false,
		activity: 'create',
		approval_type: 'deal',
		layer_order: 'parallel',
		workflow_enabled: true,
		crm_pipeline_id: PIPELINE_B2B,
		crm_approval_stages_attributes: [],
		crm_approval_layers_attributes: [layer(511, 1, 10), layer(512, 2, 7)],
	},
	{
		id: 52,
		name: 'Pindah ke Negosiasi',
		enabled: true,
		auto_ascend: true,
		activity: 'move',
		approval_type: 'deal',
		layer_order: 'sequential',
		workflow_enabled: false,
		crm_pipeline_id: PIPELINE_B2B,
		crm_approval_stages_attributes: [{ id: STAGE_NEGOSIASI, name: 'Negosiasi' }],
		crm_approval_layers_attributes: [layer(521, 1, 10)],
	},
	{
		id: 53,
		name: 'Klaim Biaya Perjalanan',
		enabled: true,
		auto_ascend: false,
		activity: 'create',
		approval_type: 'expense',
		layer_order: 'sequential',
		workflow_enabled: true,
		crm_pipeline_id: null,
		crm_approval_stages_attributes: [],
		crm_approval_layers_attributes: [layer(531, 1, 10)],
	},
];

export const NOTIFICATION_ORIGINS = ['deal', 'task', 'company', 'lead', 'ticket', 'notes', 'expense'];

