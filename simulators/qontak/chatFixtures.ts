/**
 * The seeded Qontak Chat organisation: made-up ids and names, shaped like the vendor's
 * examples (https://docs.qontak.com/docs/omnichannel-hub/fe286fab4f3cf-qontak-open-api-v1-0-3)
 * without copying them.
 */

export const ORG_ID = '0a9e1f00-0000-4000-8000-00000000c0de';

export const IDS = {
	waIntegration: '1a000000-0000-4000-8000-000000000001',
	waCloudIntegration: '1a000000-0000-4000-8000-000000000002',
	telegramIntegration: '1a000000-0000-4000-8000-000000000003',
	webChatIntegration: '1a000000-0000-4000-8000-000000000004',
	inactiveWaIntegration: '1a000000-0000-4000-8000-000000000005',

	orderUpdateTemplate: '2b000000-0000-4000-8000-000000000001',
	promoImageTemplate: '2b000000-0000-4000-8000-000000000002',
	otpTemplate: '2b000000-0000-4000-8000-000000000003',
	invoiceDocumentTemplate: '2b000000-0000-4000-8000-000000000004',
	welcomeVideoTemplate: '2b000000-0000-4000-8000-000000000005',
	pendingTemplate: '2b000000-0000-4000-8000-000000000006',
	rejectedTemplate: '2b000000-0000-4000-8000-000000000007',
	staticTemplate: '2b000000-0000-4000-8000-000000000008',

	supervisor: '3c000000-0000-4000-8000-000000000001',
	agentAyu: '3c000000-0000-4000-8000-000000000002',
	agentBima: '3c000000-0000-4000-8000-000000000003',

	salesDivision: '4d000000-0000-4000-8000-000000000001',
	supportDivision: '4d000000-0000-4000-8000-000000000002',

	assignedRoom: '5e000000-0000-4000-8000-000000000001',
	unassignedRoom: '5e000000-0000-4000-8000-000000000002',
	resolvedRoom: '5e000000-0000-4000-8000-000000000003',
	expiredRoom: '5e000000-0000-4000-8000-000000000004',

	readyContactList: '6f000000-0000-4000-8000-000000000001',
};

export const CURRENT_USER = IDS.supervisor;

export function seedIntegrations(now: string) {
	const base = { organization_id: ORG_ID, created_at: now, is_active: true };
	return [
		{
			...base,
			id: IDS.waIntegration,
			target_channel: 'wa',
			webhook: 'wa-hook-1',
			settings: { account_name: 'Toko Sinar Jaya', phone_number: '6281100000001', server_wa_id: '6281100000001', access_token: 'sim-wa-provider-token' },
		},
		{
			...base,
			id: IDS.waCloudIntegration,
			target_channel: 'wa_cloud',
			webhook: 'wa-cloud-hook-1',
			settings: { account_name: 'Sinar Jaya Cloud', phone_number: '6281100000002', phone_number_id: '109000000000002', access_token: 'sim-cloud-provider-token' },
		},
		{ ...base, id: IDS.telegramIntegration, target_channel: 'telegram', webhook: 'tg-hook-1', settings: { bot_name: 'sinarjaya_bot', bot_token: 'sim-telegram-bot-token' } },
		{ ...base, id: IDS.webChatIntegration, target_channel: 'web_chat', webhook: 'web-hook-1', settings: { widget_name: 'Sinar Jaya Web' } },
		{
			...base,
			id: IDS.inactiveWaIntegration,
			target_channel: 'wa',
			is_active: false,
			webhook: 'wa-hook-2',
			settings: { account_name: 'Nomor Lama', phone_number: '6281100000009' },
		},
	];
}

export function seedTemplates() {
	const base = { organization_id: ORG_ID, footer: null, quality_rating: null, quality_rating_text: 'Neutral' };
	return [
		{
			...base,
			id: IDS.orderUpdateTemplate,
			name: 'order_update',
			language: 'id',
			header: null,
			body: 'Halo {{1}}, pesanan {{2}} sudah dikirim dan tiba {{3}}.',
			buttons: [],
			status: 'APPROVED',
			category: 'UTILITY',
		},
		{
			...base,
			id: IDS.promoImageTemplate,
			name: 'promo_katalog',
			language: 'en',
			header: { format: 'IMAGE', example: 'https://cdn.example.invalid/header.png' },
			body: 'Hi {{1}}, our new catalogue is out!',
			footer: 'Reply STOP to opt out',
			buttons: [
				{ type: 'URL', text: 'Open catalogue', url: 'https://shop.example.invalid/c/{{1}}', example: ['https://shop.example.invalid/c/spring'] },
				{ type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+6221000000' },
			],
			status: 'APPROVED',
			category: 'MARKETING',
		},
		{
			...base,
			id: IDS.otpTemplate,
			name: 'login_otp',
			language: 'en_US',
			header: null,
			body: '{{1}} is your verification code. For your security, do not share this code.',
			buttons: [{ type: 'URL', text: 'Copy code', url: 'https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}' }],
			status: 'APPROVED',
			category: 'AUTHENTICATION',
		},
		{
			...base,
			id: IDS.invoiceDocumentTemplate,
			name: 'invoice_terlampir',
			language: 'id',
			header: { format: 'DOCUMENT', example: 'https://cdn.example.invalid/invoice.pdf' },
			body: 'Invoice {{1}} terlampir. Terima kasih.',
			buttons: [],
			status: 'APPROVED',
			category: 'UTILITY',
		},
		{
			...base,
			id: IDS.welcomeVideoTemplate,
			name: 'welcome_video',
			language: 'id',
			header: { format: 'VIDEO', example: 'https://cdn.example.invalid/welcome.mp4' },
			body: 'Selamat datang di Sinar Jaya!',
			buttons: [],
			status: 'APPROVED',
			category: 'MARKETING',
		},
		{
			...base,
			id: IDS.pendingTemplate,
			name: 'draft_offer',
			language: 'id',
			header: null,
			body: 'Penawaran khusus untuk {{1}}',
			buttons: [],
			status: 'PENDING',
			category: 'MARKETING',
		},
		{
			...base,
			id: IDS.rejectedTemplate,
			name: 'old_promo',
			language: 'id',
			header: null,
			body: 'Diskon {{1}}',
			buttons: [],
			status: 'REJECTED',
			category: 'MARKETING',
		},
		{
			...base,
			id: IDS.staticTemplate,
			name: 'store_hours',
			language: 'en',
			header: null,
			body: 'We are open every day from 08:00 to 21:00.',
			buttons: [],
			status: 'APPROVED',
			category: 'UTILITY',
		},
	];
}

const avatar = { url: 'https://cdn.example.invalid/avatar.png', filename: null, size: 0 };

export function seedUsers(now: string) {
	const base = { organization_id: ORG_ID, company_id: '900001', avatar, created_at: now, is_online: true };
	return [
		{ ...base, id: IDS.supervisor, full_name: 'Sari Supervisor', email: 'sari@sinarjaya.example', phone: '+6281200000001', role: 'supervisor' },
		{ ...base, id: IDS.agentAyu, full_name: 'Ayu Agent', email: 'ayu@sinarjaya.example', phone: '+6281200000002', role: 'agent' },
		{ ...base, id: IDS.agentBima, full_name: 'Bima Agent', email: 'bima@sinarjaya.example', phone: '+6281200000003', role: 'agent', is_online: false },
	];
}

export function seedDivisions(now: string) {
	const user = (id: string, full_name: string, role: string, email: string) => ({ id, full_name, role, email });
	return [
		{
			id: IDS.salesDivision,
			organization_id: ORG_ID,
			name: 'Sales',
			default: true,
			created_at: now,
			updated_at: now,
			users: [user(IDS.supervisor, 'Sari Supervisor', 'supervisor', 'sari@sinarjaya.example'), user(IDS.agentAyu, 'Ayu Agent', 'agent', 'ayu@sinarjaya.example')],
			channels: [{ id: IDS.waIntegration, target_channel: 'wa', channel_name: 'Toko Sinar Jaya' }],
		},
		{
			id: IDS.supportDivision,
			organization_id: ORG_ID,
			name: 'Support',
			default: false,
			created_at: now,
			updated_at: now,
			users: [user(IDS.agentBima, 'Bima Agent', 'agent', 'bima@sinarjaya.example')],
			channels: [
				{ id: IDS.waCloudIntegration, target_channel: 'wa_cloud', channel_name: 'Sinar Jaya Cloud' },
				{ id: IDS.telegramIntegration, target_channel: 'telegram', channel_name: 'sinarjaya_bot' },
			],
		},
	];
}

export function seedRooms(nowMs: number, iso: (ms: number) => string) {
	const room = (id: string, name: string, status: string, phone: string, sessionAgeMs: number, extra: Record<string, unknown> = {}) => ({
		id,
		name,
		description: '',
		status,
		type: 'Models::CustomerServiceRoom',
		tags: [] as string[],
		channel: 'wa',
		channel_account: 'Toko Sinar Jaya',
		organization_id: ORG_ID,
		account_uniq_id: phone,
		channel_integration_id: IDS.waIntegration,
		session_at: iso(nowMs - sessionAgeMs),
		unread_count: 2,
		is_dont_auto_resolve: false,
		created_at: iso(nowMs - 86_400_000 * 3),
		last_message_at: iso(nowMs - sessionAgeMs),
		last_activity_at: iso(nowMs - sessionAgeMs),
		updated_at: iso(nowMs - sessionAgeMs),
		avatar,
		...extra,
	});
	return [
		room(IDS.assignedRoom, 'Budi Santoso', 'assigned', '6281234567001', 3_600_000, { tags: ['vip'] }),
		room(IDS.unassignedRoom, 'Citra Lestari', 'unassigned', '6281234567002', 600_000),
		room(IDS.resolvedRoom, 'Dewi Anggraini', 'resolved', '6281234567003', 7_200_000, { unread_count: 0 }),
		room(IDS.expiredRoom, 'Eko Prasetyo', 'assigned', '6281234567004', 86_400_000 * 2),
	];
}

export const SESSION_WINDOW_MS = 86_400_000;

export function seedReadyContactList(now: string) {
	return {
		list: {
			id: IDS.readyContactList,
			organization_id: ORG_ID,
			source_type: 'spreadsheet',
			source_id: null,
			name: 'pelanggan_setia',
			contacts_count: 2,
			contacts_count_success: 2,
			contacts_count_failed: 0,
			created_at: now,
			updated_at: now,
			contact_variables: ['kota'],
			finished_at: now,
			error_messages: {},
			progress: 'success',
		},
		contacts: [
			{ phone_number: '6281234567001', full_name: 'Budi Santoso', extra: { kota: 'Bandung' } },
			{ phone_number: '6281234567002', full_name: 'Citra Lestari', extra: { kota: 'Surabaya' } },
		],
	};
}
