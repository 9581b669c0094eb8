import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { QontakBroadcast } from '../../nodes/QontakBroadcast/QontakBroadcast.node';
import { loadOptionsContext } from '../harness/loadOptions';
import { byId, IDS, useChat } from './setup';

const env = useChat();
const node = new QontakBroadcast();

function context(parameters: Record<string, unknown>): ILoadOptionsFunctions {
	return loadOptionsContext({ type: 'qontakBroadcast', parameters: { authentication: 'mekariHmac', ...parameters }, credentials: env.credentials, store: env.store });
}

const send = (templateId?: string, operation = 'sendDirect') => ({
	resource: 'broadcast',
	operation,
	messageTemplateId: templateId ? byId(templateId) : { __rl: true, mode: 'list', value: '' },
});

describe('pickers', () => {
	it('the WhatsApp channel list holds WhatsApp and WhatsApp Cloud integrations only, and no settings', async () => {
		const { results } = await node.methods.listSearch.searchWhatsAppChannels.call(context(send()));
		expect(results).toEqual([
			{ name: 'Toko Sinar Jaya 6281100000001 · WhatsApp', value: IDS.waIntegration },
			{ name: 'Nomor Lama 6281100000009 · WhatsApp (inactive)', value: IDS.inactiveWaIntegration },
			{ name: 'Sinar Jaya Cloud 6281100000002 · WhatsApp Cloud', value: IDS.waCloudIntegration },
		]);
		expect(JSON.stringify(results)).not.toContain('token');
		const filtered = await node.methods.listSearch.searchWhatsAppChannels.call(context(send()), 'cloud');
		expect(filtered.results.map((result) => result.value)).toEqual([IDS.waCloudIntegration]);
	});

	it('the send template list offers approved templates only; the Template resource lists all', async () => {
		const approved = await node.methods.listSearch.searchApprovedTemplates.call(context(send()));
		expect(approved.results.map((result) => result.name)).toEqual([
			'order_update (id) · UTILITY',
			'promo_katalog (en) · MARKETING',
			'login_otp (en_US) · AUTHENTICATION',
			'invoice_terlampir (id) · UTILITY',
			'welcome_video (id) · MARKETING',
			'store_hours (en) · UTILITY',
		]);
		const all = await node.methods.listSearch.searchTemplates.call(context({ resource: 'template', operation: 'get' }), 'katalog');
		expect(all.results).toEqual([{ name: 'promo_katalog (en) · MARKETING · APPROVED', value: IDS.promoImageTemplate }]);
	});

	it('pages through long lists with the 1-based offset as the token', async () => {
		for (let index = 0; index < 60; index++) {
			env.sim.chat.state.rooms.push({ ...env.sim.chat.state.rooms[1], id: `5e000000-0000-4000-8000-1000000000${String(index).padStart(2, '0')}`, name: `Tamu ${index}` });
		}
		const first = await node.methods.listSearch.searchRooms.call(context({ resource: 'room', operation: 'get' }));
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		const second = await node.methods.listSearch.searchRooms.call(context({ resource: 'room', operation: 'get' }), undefined, first.paginationToken);
		expect(second.results).toHaveLength(14);
		expect(second.paginationToken).toBeUndefined();
	});

	it('the other lists name their rows readably', async () => {
		const ctx = context({ resource: 'room', operation: 'assignAgent' });
		expect((await node.methods.listSearch.searchUsers.call(ctx, 'ayu')).results).toEqual([{ name: 'Ayu Agent (agent)', value: IDS.agentAyu }]);
		expect((await node.methods.listSearch.searchDivisions.call(ctx)).results.map((result) => result.name)).toEqual(['Sales', 'Support']);
		expect((await node.methods.listSearch.searchContactLists.call(ctx)).results).toEqual([{ name: 'pelanggan_setia · success', value: IDS.readyContactList }]);
		expect((await node.methods.listSearch.searchIntegrations.call(ctx)).results).toHaveLength(5);
		expect((await node.methods.listSearch.searchBroadcasts.call(ctx)).results).toEqual([]);
	});

	it('template categories and languages for Template → Create', async () => {
		expect(await node.methods.loadOptions.getTemplateCategories.call(context({}))).toContainEqual({ name: 'Utility', value: 'UTILITY' });
		expect(await node.methods.loadOptions.getTemplateLanguages.call(context({}))).toContainEqual({ name: 'Indonesian', value: 'id' });
	});
});

describe('template parameters appear once a template is chosen', () => {
	const fields = async (templateId?: string, operation?: string) =>
		await node.methods.resourceMapping.getTemplateParameters.call(context(send(templateId, operation)));

	it('asks to pick a template first', async () => {
		expect(await fields()).toEqual({ fields: [], emptyFieldsNotice: 'Pick a template first: its placeholders appear here.' });
	});

	it('body placeholders, in order, all required', async () => {
		const { fields: list } = await fields(IDS.orderUpdateTemplate);
		expect(list.map((field) => [field.id, field.displayName, field.required])).toEqual([
			['body_1', 'Body {{1}}', true],
			['body_2', 'Body {{2}}', true],
			['body_3', 'Body {{3}}', true],
		]);
	});

	it('a media header (URL or uploaded binary) and a dynamic URL button, but not the static phone button', async () => {
		const { fields: list } = await fields(IDS.promoImageTemplate);
		expect(list.map((field) => [field.id, field.displayName, field.required])).toEqual([
			['body_1', 'Body {{1}}', true],
			['header_url', 'Header Image URL', false],
			['header_filename', 'Header Image Filename', false],
			['button_0', 'Button 1 (Open catalogue) URL Suffix', true],
		]);
	});

	it('the OTP copy-code button of an authentication template', async () => {
		const { fields: list } = await fields(IDS.otpTemplate);
		expect(list.map((field) => field.displayName)).toEqual(['Body {{1}}', 'Button 1 (Copy code) Code']);
	});

	it('nothing to map for a fixed template, and column names for a list broadcast', async () => {
		expect((await fields(IDS.staticTemplate)).fields).toEqual([]);
		expect((await fields(IDS.invoiceDocumentTemplate, 'sendToContactList')).fields.map((field) => field.displayName)).toEqual([
			'Body {{1}} (Column Name)',
			'Header Document URL',
			'Header Document Filename',
		]);
	});
});
