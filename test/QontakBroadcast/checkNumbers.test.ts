import { CredentialStore } from '../harness/runWorkflow';
import { ChatLegacySimulator } from '../../simulators/qontak/chatLegacySimulator';
import { QontakSimulator } from '../../simulators/qontak/QontakSimulator';
import { mekariCredentialFor } from '../harness/qontakEnv';
import { byId, IDS, runChat, useLegacyChatCredential, type ChatEnv } from './setup';

/** The route lives on the older service-chat host, reached with the Qontak Chat credential. */
const legacy = new ChatLegacySimulator();
const gateway = new QontakSimulator();
const env = { sim: undefined as never, store: new CredentialStore(), credentials: {} } as unknown as ChatEnv;

beforeAll(async () => {
	await Promise.all([legacy.start(), gateway.start()]);
});
afterAll(async () => await Promise.all([legacy.stop(), gateway.stop()]));
beforeEach(() => {
	legacy.reset();
	gateway.reset();
	useLegacyChatCredential(env, legacy);
});

const CHECK = '/api/open/v1/broadcasts/contacts';
const checks = () => legacy.requests.filter((request) => request.path === CHECK).map((request) => JSON.parse(request.body) as { channel_integration_id: string; phone_numbers: string[] });
const checkNumbers = (overrides: Record<string, unknown> = {}) => ({
	authentication: 'qontakChat',
	resource: 'contact',
	operation: 'checkWhatsApp',
	channelIntegrationId: byId(IDS.waIntegration),
	phoneNumber: '={{ $json.phone }}',
	...overrides,
});
/** 250 distinct mobile numbers, 081200000000 … 081200000249. */
const many = Array.from({ length: 250 }, (_, index) => ({ phone: `0812${String(index).padStart(8, '0')}` }));

describe('Contact → Check WhatsApp Numbers', () => {
	it('checks 250 items in 3 requests of at most 100 numbers and answers each item, in input order', async () => {
		legacy.chat.state.numbersNotOnWhatsApp.add('6281200000007');
		const { items, nodeError } = await runChat(env, checkNumbers(), { input: many });
		expect(nodeError).toBeUndefined();
		expect(checks().map((body) => body.phone_numbers.length)).toEqual([100, 100, 50]);
		expect(checks()[0]).toEqual({ channel_integration_id: IDS.waIntegration, phone_numbers: many.slice(0, 100).map((entry) => `62${entry.phone.slice(1)}`) });
		expect(items).toHaveLength(250);
		expect(items.map((item) => item.pairedItem)).toEqual(many.map((_, item) => ({ item })));
		expect(items.map((item) => item.json.input)).toEqual(many.map((entry) => entry.phone));
		expect(items[6].json).toEqual({ input: '081200000006', phone: '6281200000006', valid: true, status: 'valid', wa_id: '6281200000006' });
		expect(items[7].json).toEqual({ input: '081200000007', phone: '6281200000007', valid: false, status: 'invalid', wa_id: null });
		expect(items.filter((item) => item.json.valid === false)).toHaveLength(1);
	});

	it('sends a number given twice once, answers both items, and keeps channels apart', async () => {
		const input = [
			{ phone: '081234567001', channel: IDS.waIntegration },
			{ phone: '+62 812-3456-7001', channel: IDS.waIntegration },
			{ phone: '081234567001', channel: IDS.waCloudIntegration },
		];
		const { items } = await runChat(env, checkNumbers({ channelIntegrationId: byId('={{ $json.channel }}') }), { input });
		expect(checks()).toEqual([
			{ channel_integration_id: IDS.waIntegration, phone_numbers: ['6281234567001'] },
			{ channel_integration_id: IDS.waCloudIntegration, phone_numbers: ['6281234567001'] },
		]);
		expect(items.map((item) => [item.json.input, item.json.valid])).toEqual([
			['081234567001', true],
			['+62 812-3456-7001', true],
			['081234567001', true],
		]);
	});

	it('with continueOnFail a number that cannot be one becomes an error item in its place; the others are checked', async () => {
		const { items } = await runChat(env, checkNumbers(), { input: [{ phone: '081234567001' }, { phone: 'tidak ada' }, { phone: '081234567002' }], continueOnFail: true });
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ phone: '6281234567001', valid: true });
		expect(items[1].json.error).toMatch(/^'Phone Number' contains 't'/);
		expect(items[2].json).toMatchObject({ phone: '6281234567002', valid: true });
		expect(checks()).toEqual([{ channel_integration_id: IDS.waIntegration, phone_numbers: ['6281234567001', '6281234567002'] }]);
	});

	it('without continueOnFail a bad number stops the run before anything is checked', async () => {
		const { nodeError } = await runChat(env, checkNumbers(), { input: [{ phone: '081234567001' }, { phone: '12' }] });
		expect(nodeError?.message).toMatch(/^'Phone Number' has 2 digits/);
		expect(checks()).toEqual([]);
	});

	it('a refused batch fails the items of that batch only', async () => {
		const input = [
			{ phone: '081234567001', channel: IDS.waIntegration },
			{ phone: '081234567002', channel: IDS.telegramIntegration },
		];
		const { items } = await runChat(env, checkNumbers({ channelIntegrationId: byId('={{ $json.channel }}') }), { input, continueOnFail: true });
		expect(items[0].json).toMatchObject({ valid: true });
		expect(items[1].json.error).toMatch(/channel_integration_id is not a WhatsApp channel/);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('with the Mekari gateway credential fails every item clearly and calls nothing', async () => {
		const credentials = mekariCredentialFor(gateway, env.store);
		const parameters = checkNumbers({ authentication: 'mekariHmac' });
		const { items } = await runChat(env, parameters, { input: [{ phone: '081234567001' }, { phone: '081234567002' }], continueOnFail: true, credentials });
		expect(items.map((item) => item.json.error)).toEqual([
			'Checking numbers is only available with the Qontak Chat credential (legacy host service-chat.qontak.com)',
			'Checking numbers is only available with the Qontak Chat credential (legacy host service-chat.qontak.com)',
		]);
		expect(items[0].json.description).toMatch(/Set Authentication to "Qontak Chat \(Service-Chat Host\)"/);
		const { nodeError } = await runChat(env, parameters, { input: [{ phone: '081234567001' }], credentials });
		expect(nodeError?.message).toMatch(/^Checking numbers is only available with the Qontak Chat credential/);
		expect(gateway.requests).toEqual([]);
		expect(legacy.requests).toEqual([]);
	});
});
