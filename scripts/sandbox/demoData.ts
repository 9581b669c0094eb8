import { IDS as CHAT_IDS, ORG_ID } from '../../simulators/qontak/chatFixtures';

/**
 * What the sandbox adds to the simulators' own fixtures so the examples read like a small
 * Indonesian business: WhatsApp templates for a lead welcome, a payment link, a receipt, a deal
 * stage update and a promotion, a contact list for a campaign, and the logins the sandbox
 * credentials use. Ids are fixed so examples can name them.
 */

export const LOGINS = {
	mekari: { clientId: 'sandbox-mekari-client', clientSecret: 'sandbox-mekari-secret', ssoId: '7d0b6c1e-0000-4000-8000-000000000001' },
	qontakChat: { username: 'owner@sinarjaya.example', password: 'sandbox-password', clientId: 'sandbox-chat-client', clientSecret: 'sandbox-chat-secret' },
	netzme: { clientId: 'sandbox-aggregator', clientSecret: 'sandbox-netzme-secret', invoiceToken: 'sandbox-invoice-token', merchantId: 'M_czBSCDVY' },
	vtiger: { username: 'admin', accessKey: 'Ab12Cd34Ef56Gh78' },
	appKey: { appKey: 'sandbox-app-key', userToken: 'sandbox-user-token' },
};

export const TEMPLATE_IDS = {
	leadWelcome: '2b000000-0000-4000-8000-000000000101',
	paymentLink: '2b000000-0000-4000-8000-000000000102',
	paymentReceipt: '2b000000-0000-4000-8000-000000000103',
	dealStage: '2b000000-0000-4000-8000-000000000104',
	promotion: '2b000000-0000-4000-8000-000000000105',
};

const template = (id: string, name: string, body: string, category = 'UTILITY') => ({
	organization_id: ORG_ID,
	footer: 'PT Kopi Rempah Nusantara',
	quality_rating: null,
	quality_rating_text: 'Neutral',
	id,
	name,
	language: 'id',
	header: null,
	body,
	buttons: [],
	status: 'APPROVED',
	category,
});

export const SANDBOX_TEMPLATES = [
	template(TEMPLATE_IDS.leadWelcome, 'sambutan_lead', 'Halo {{1}}, terima kasih sudah menghubungi {{2}}. Tim kami akan menghubungi Anda hari ini.'),
	template(TEMPLATE_IDS.paymentLink, 'tautan_pembayaran', 'Halo {{1}}, tagihan {{2}} sebesar {{3}} bisa dibayar dengan QRIS di {{4}}'),
	template(TEMPLATE_IDS.paymentReceipt, 'kuitansi_pembayaran', 'Terima kasih {{1}}, pembayaran {{2}} sebesar {{3}} sudah kami terima.'),
	template(TEMPLATE_IDS.dealStage, 'tahap_kesepakatan', 'Halo {{1}}, ada kabar untuk {{2}}: kini masuk tahap {{3}}. Tim kami akan menghubungi Anda untuk langkah berikutnya.'),
	template(
		TEMPLATE_IDS.promotion,
		'promo_kopi_gayo',
		'Halo {{1}}, Kopi Arabika Gayo kini hadir untuk kafe di {{2}}: diskon 15% untuk pemesanan minggu ini. Balas pesan ini untuk memesan.',
		'MARKETING',
	),
];

/**
 * A processed contact list for example 8's campaign. The last number is not on WhatsApp
 * (SANDBOX_NOT_ON_WHATSAPP), so the campaign's delivery report has a failure to show.
 */
export const SANDBOX_CONTACT_LIST = {
	id: '6f000000-0000-4000-8000-000000000101',
	name: 'pelanggan_kafe_jabodetabek',
	columns: ['kota'],
	contacts: [
		{ phone_number: '6281355500101', full_name: 'Andi Pratama', extra: { kota: 'Jakarta' } },
		{ phone_number: '6281355500102', full_name: 'Dewi Lestari', extra: { kota: 'Bogor' } },
		{ phone_number: '6281355500103', full_name: 'Hendra Gunawan', extra: { kota: 'Depok' } },
		{ phone_number: '6281355500104', full_name: 'Maya Sari', extra: { kota: 'Tangerang' } },
		{ phone_number: '6281355500105', full_name: 'Wahyu Setiawan', extra: { kota: 'Bekasi' } },
	],
};

/** Numbers whose WhatsApp messages end up failed in the broadcast log ("not a WhatsApp user"). */
export const SANDBOX_NOT_ON_WHATSAPP = ['6281355500105'];

/**
 * WhatsApp conversations for examples 9 and 10, besides the simulators' own rooms (Budi Santoso's,
 * 6281234567001, belongs to nobody in the CRM). Siti Rahmawati is CRM contact 1001, and deal 3001
 * was created from her room (Deal → Find by Chat Room finds it); she has sent a payment proof photo.
 * Bambang Hartono is CRM contact 1002, with no deal linked to his room.
 */
export const SANDBOX_ROOMS = {
	siti: {
		id: '5e000000-0000-4000-8000-000000000101',
		name: 'Siti Rahmawati',
		phone: '6281311110001',
		dealId: 3001,
		contactId: 1001,
		messages: [
			{ id: '7b000000-0000-4000-8000-000000000101', text: 'Selamat siang, pembayaran pesanan kopi Gayo sudah kami transfer. Ini buktinya.' },
			{ id: '7b000000-0000-4000-8000-000000000102', photo: true },
		],
	},
	bambang: { id: '5e000000-0000-4000-8000-000000000102', name: 'Bambang Hartono', phone: '6281311110002', messages: [] },
};

/**
 * Example 11's vtiger Sales Order: Bambang Hartono (his WhatsApp number as the vtiger contact's
 * mobile) of PT Maju Jaya orders coffee and a barista training. Fixed crmids below the simulator's
 * first seeded one, beside its catalogue, so the ids stay put whatever else is inserted.
 */
export const SANDBOX_SALES_ORDER = {
	contact: { crmid: 94, values: { firstname: 'Bambang', lastname: 'Hartono', mobile: '0813-1111-0002', email: 'bambang@majujaya.co.id', account_id: '11x100' } },
	order: {
		crmid: 95,
		values: { subject: 'Kopi dan pelatihan barista Maju Jaya', sostatus: 'Approved', account_id: '11x100', contact_id: '12x94' },
		// Kopi Arabika Gayo 1 kg (14x90) and Pelatihan Barista (25x92), without tax: a grand total of Rp 1.120.000.
		lines: [
			{ productid: '14x90', quantity: '2', listprice: '185000' },
			{ productid: '25x92', quantity: '1', listprice: '750000', comment: '1 hari di lokasi' },
		],
	},
};

/** Ids the examples and the e2e tests rely on; all exist in the seeded data. */
export const DEMO = {
	chat: {
		whatsAppChannel: CHAT_IDS.waCloudIntegration,
		templates: TEMPLATE_IDS,
		orderUpdateTemplate: CHAT_IDS.orderUpdateTemplate,
		campaignList: SANDBOX_CONTACT_LIST.id,
		rooms: { budi: CHAT_IDS.assignedRoom, siti: SANDBOX_ROOMS.siti.id, bambang: SANDBOX_ROOMS.bambang.id },
	},
	crm: { wonStageId: 314, pipelineId: 31, dealId: 3001, contactId: 1001, taskStatusId: 1, taskPriorityId: 3, taskCategoryId: 1 },
	netzme: { merchantId: 'M_czBSCDVY', merchantName: 'Warung Kopi Sari' },
	vtiger: { module: 'Contacts', salesOrderId: `6x${SANDBOX_SALES_ORDER.order.crmid}`, salesOrderContactId: `12x${SANDBOX_SALES_ORDER.contact.crmid}` },
};

/** Readable names for the contacts the "fire" endpoints invent, so repeated fires differ. */
export const NEW_PEOPLE = [
	{ first: 'Rina', last: 'Wijaya', city: 'Bandung' },
	{ first: 'Yusuf', last: 'Hidayat', city: 'Medan' },
	{ first: 'Melati', last: 'Kusuma', city: 'Yogyakarta' },
	{ first: 'Bayu', last: 'Saputra', city: 'Makassar' },
	{ first: 'Intan', last: 'Permata', city: 'Semarang' },
	{ first: 'Dimas', last: 'Nugroho', city: 'Malang' },
];
