import { IDS as CHAT_IDS, ORG_ID } from '../../simulators/qontak/chatFixtures';

/**
 * What the sandbox adds to the simulators' own fixtures so the examples read like a small
 * Indonesian business: WhatsApp templates for a lead welcome, a payment link and a receipt, and
 * the logins the sandbox credentials use. Ids are fixed so examples can name them.
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
};

const template = (id: string, name: string, body: string) => ({
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
	category: 'UTILITY',
});

export const SANDBOX_TEMPLATES = [
	template(TEMPLATE_IDS.leadWelcome, 'sambutan_lead', 'Halo {{1}}, terima kasih sudah menghubungi {{2}}. Tim kami akan menghubungi Anda hari ini.'),
	template(TEMPLATE_IDS.paymentLink, 'tautan_pembayaran', 'Halo {{1}}, tagihan {{2}} sebesar {{3}} bisa dibayar dengan QRIS di {{4}}'),
	template(TEMPLATE_IDS.paymentReceipt, 'kuitansi_pembayaran', 'Terima kasih {{1}}, pembayaran {{2}} sebesar {{3}} sudah kami terima.'),
];

/** Ids the examples and the e2e tests rely on; all exist in the seeded data. */
export const DEMO = {
	chat: { whatsAppChannel: CHAT_IDS.waCloudIntegration, templates: TEMPLATE_IDS, orderUpdateTemplate: CHAT_IDS.orderUpdateTemplate },
	crm: { wonStageId: 314, pipelineId: 31, dealId: 3001, contactId: 1001, taskStatusId: 1, taskPriorityId: 3, taskCategoryId: 1 },
	netzme: { merchantId: 'M_czBSCDVY', merchantName: 'Warung Kopi Sari' },
	vtiger: { module: 'Contacts' },
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
