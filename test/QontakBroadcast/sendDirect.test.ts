import { useVirtualTime } from '../harness/virtualTime';
import { accepted, binary, byId, chatCalls, customer, DIRECT, IDS, orderUpdate, runChat, useChat } from './setup';

// A 1 s rate window instead of 60 s: 60 sends per second, so tests need not wait minutes.
const env = useChat({ broadcastWindowMs: 1000 });
// The node's pacing and polling waits and the simulator's window share one clock that only waits move.
const virtual = useVirtualTime(env.sim);

/** How many times the node read each broadcast's log, by the recipient's number. */
const logReads = () => {
	const reads = new Map<string, number>();
	for (const record of accepted(env.sim)) {
		const path = `/broadcasts/${String(record.data.id)}/whatsapp/log`;
		reads.set(record.recipients[0].phone, chatCalls(env.sim).filter((call) => call === `GET ${path}`).length);
	}
	return Object.fromEntries(reads);
};

describe('Send Direct: what goes to Qontak', () => {
	it('normalises every accepted phone format to 62… and sends the template’s own language', async () => {
		const phones = ['081234567890', '+62 812-3456-7891', '6281234567892', '0812 3456 7893', '+62 (0) 812.3456.7894', '812-3456-7895'];
		const { items, nodeError } = await runChat(env, orderUpdate(), { input: phones.map(customer) });
		expect(nodeError).toBeUndefined();
		expect(items.map((item) => item.json.to_number)).toEqual([
			'6281234567890',
			'6281234567891',
			'6281234567892',
			'6281234567893',
			'6281234567894',
			'6281234567895',
		]);
		expect(items.map((item) => item.pairedItem)).toEqual(phones.map((_, item) => ({ item })));
		const sent = accepted(env.sim);
		expect(sent.map((record) => record.recipients[0].phone)).toEqual(items.map((item) => item.json.to_number));
		const body = env.sim.requests.find((request) => request.path === DIRECT)!.body as Record<string, any>;
		expect(body).toEqual({
			to_number: '6281234567890',
			to_name: 'Pelanggan 0',
			message_template_id: IDS.orderUpdateTemplate,
			channel_integration_id: IDS.waCloudIntegration,
			language: { code: 'id' },
			parameters: {
				body: [
					{ key: '1', value: 'body_1', value_text: 'Pelanggan 0' },
					{ key: '2', value: 'body_2', value_text: 'INV-1000' },
					{ key: '3', value: 'body_3', value_text: 'besok' },
				],
			},
		});
	});

	it('reads the template once per execution, however many items use it', async () => {
		await runChat(env, orderUpdate(), { input: [customer('081234567890', 0), customer('081234567891', 1), customer('081234567892', 2)] });
		expect(chatCalls(env.sim).filter((call) => call.startsWith('GET /templates/'))).toHaveLength(1);
	});

	it('takes the language from an en_US template and fills the OTP copy-code button', async () => {
		const { nodeError } = await runChat(
			env,
			orderUpdate({
				messageTemplateId: byId(IDS.otpTemplate),
				templateParameters: { mappingMode: 'defineBelow', value: { body_1: '482913', button_0: '482913' } },
			}),
			{ input: [customer('081234567890')] },
		);
		expect(nodeError).toBeUndefined();
		const body = env.sim.requests.find((request) => request.path === DIRECT)!.body as Record<string, any>;
		expect(body.language).toEqual({ code: 'en_US' });
		expect(body.parameters.buttons).toEqual([{ index: '0', type: 'url', value: '482913' }]);
	});

	it('maps placeholders automatically from input fields named like them', async () => {
		const { nodeError } = await runChat(env, orderUpdate({ templateParameters: { mappingMode: 'autoMapInputData', value: null } }), {
			input: [{ phone: '081234567890', name: 'Rina', body_1: 'Rina', body_2: 'INV-7', body_3: 'Senin', unrelated: 'ignored' }],
		});
		expect(nodeError).toBeUndefined();
		expect(accepted(env.sim)[0].data.parameters.body.map((entry: { value_text: string }) => entry.value_text)).toEqual(['Rina', 'INV-7', 'Senin']);
	});

	it('sends an image header from a URL, naming the file after the URL', async () => {
		const { nodeError } = await runChat(
			env,
			orderUpdate({
				messageTemplateId: byId(IDS.promoImageTemplate),
				templateParameters: {
					mappingMode: 'defineBelow',
					value: { body_1: 'Rina', header_url: 'https://images.example.invalid/promo/katalog%20baru.png', button_0: 'spring' },
				},
			}),
			{ input: [customer('081234567890')] },
		);
		expect(nodeError).toBeUndefined();
		expect(accepted(env.sim)[0].data.parameters.header).toEqual({
			format: 'IMAGE',
			params: [
				{ key: 'url', value: 'https://images.example.invalid/promo/katalog%20baru.png' },
				{ key: 'filename', value: 'katalog baru.png' },
			],
		});
	});

	it('uploads a header document from the input binary first, then sends its CDN URL', async () => {
		const pdf = Buffer.from('%PDF-1.4 invoice 7 \u00e9\u0000\u00ff binary bytes');
		const { items, nodeError } = await runChat(
			env,
			orderUpdate({
				messageTemplateId: byId(IDS.invoiceDocumentTemplate),
				templateParameters: { mappingMode: 'defineBelow', value: { body_1: 'INV-7' } },
				sendOptions: { headerBinaryField: 'invoice' },
			}),
			{ input: [{ json: customer('081234567890'), binary: { invoice: binary(pdf, 'INV-7.pdf', 'application/pdf') } }] },
		);
		expect(nodeError).toBeUndefined();
		const upload = env.sim.chat.state.uploads[0];
		expect(upload).toMatchObject({ filename: 'INV-7.pdf', bytes: pdf.length, contentType: 'application/pdf' });
		expect(items[0].json.parameters).toMatchObject({
			header: { format: 'DOCUMENT', params: [{ key: 'url', value: upload.url }, { key: 'filename', value: 'INV-7.pdf' }] },
		});
		expect(chatCalls(env.sim).map((call) => call.split(' ')[0] + ' ' + call.split(' ')[1].split('/')[1])).toEqual([
			'GET templates',
			'POST file_uploader',
			'POST broadcasts',
		]);
	});

	it('refuses a header file of the wrong kind for the template', async () => {
		const { nodeError } = await runChat(
			env,
			orderUpdate({
				messageTemplateId: byId(IDS.welcomeVideoTemplate),
				templateParameters: { mappingMode: 'defineBelow', value: {} },
				sendOptions: { headerBinaryField: 'data' },
			}),
			{ input: [{ json: customer('081234567890'), binary: { data: binary('GIF89a', 'a.gif', 'image/gif') } }] },
		);
		expect(nodeError?.message).toMatch(/header file is image\/gif, but template welcome_video \(id\) needs video/);
		expect(chatCalls(env.sim).filter((call) => call.startsWith('POST'))).toEqual([]);
	});
});

describe('Send Direct: bad input is stopped before anything is sent', () => {
	it('refuses what cannot be a phone number, naming the field, the reason and the accepted forms', async () => {
		const { nodeError } = await runChat(env, orderUpdate(), {
			input: [customer('081234567890', 0), customer('0812-CALL-ME', 1), customer('081234567892', 2)],
		});
		expect(nodeError?.message).toBe(`'Recipient Phone Number' contains 'C'; a phone number has digits, spaces, dashes, dots, brackets and a leading + only: "0812-CALL-ME"`);
		expect(nodeError?.description).toContain('081234567890, 021 555 1234, +62 812-3456-7890');
		expect(chatCalls(env.sim).filter((call) => call.startsWith('POST'))).toEqual([]);
	});

	it('sends landlines and numbers abroad as digits with their country code', async () => {
		const { items } = await runChat(env, orderUpdate(), {
			input: [customer('(021) 555-1234', 0), customer('+65 9123 4567', 1), customer('+1 415 555 0100', 2)],
		});
		expect(items).toHaveLength(3);
		expect(accepted(env.sim).map((record) => record.recipients[0].phone)).toEqual(['62215551234', '6591234567', '14155550100']);
	});

	it.each([['12345'], ['0812abc34567'], [''], ['08123456789012345']])('refuses %p', async (phone) => {
		const { nodeError } = await runChat(env, orderUpdate(), { input: [customer(phone)] });
		expect(nodeError?.message).toMatch(/^'Recipient Phone Number' (has|contains|is)/);
		expect(accepted(env.sim)).toHaveLength(0);
	});

	it('with continueOnFail, turns each bad item into its own error item and sends the rest, in order', async () => {
		const { items } = await runChat(env, orderUpdate(), {
			input: [customer('081234567890', 0), customer('not a phone', 1), { ...customer('081234567892', 2), order: '' }, customer('081234567893', 3)],
			continueOnFail: true,
		});
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json.id).toBeDefined();
		expect(items[1].json.error).toMatch(/'Recipient Phone Number' contains 'n'/);
		expect(items[2].json.error).toBe('Template order_update (id) needs a value for Body {{2}}');
		expect(items[3].json.id).toBeDefined();
		expect(accepted(env.sim).map((record) => record.recipients[0].phone)).toEqual(['6281234567890', '6281234567893']);
	});

	it('names a missing placeholder and tells where to map it', async () => {
		const { nodeError } = await runChat(env, orderUpdate(), { input: [{ ...customer('081234567890'), eta: '  ' }] });
		expect(nodeError?.message).toBe('Template order_update (id) needs a value for Body {{3}}');
		expect(nodeError?.description).toContain("under 'Template Parameters'");
		expect(accepted(env.sim)).toHaveLength(0);
	});

	it('names a placeholder the template does not have', async () => {
		const { nodeError } = await runChat(
			env,
			orderUpdate({ templateParameters: { mappingMode: 'defineBelow', value: { body_1: 'a', body_2: 'b', body_3: 'c', body_4: 'd' } } }),
			{ input: [customer('081234567890')] },
		);
		expect(nodeError?.message).toBe("Template order_update (id) has no placeholder 'body_4'");
		expect(accepted(env.sim)).toHaveLength(0);
	});

	it('requires the header media of a media template', async () => {
		const { nodeError } = await runChat(
			env,
			orderUpdate({ messageTemplateId: byId(IDS.promoImageTemplate), templateParameters: { mappingMode: 'defineBelow', value: { body_1: 'a', button_0: 'b' } } }),
			{ input: [customer('081234567890')] },
		);
		expect(nodeError?.message).toBe('Template promo_katalog (en) has a image header and no media was given');
		expect(nodeError?.description).toContain("'Header Media Binary Field'");
	});

	it('names the header URL with a malformed %-escape and says how to write it; the rest of the batch is sent', async () => {
		const promo = (url: string, index: number) => ({ ...customer(`08123456789${index}`, index), url });
		const { items } = await runChat(
			env,
			orderUpdate({
				messageTemplateId: byId(IDS.promoImageTemplate),
				templateParameters: { mappingMode: 'defineBelow', value: { body_1: 'Rina', header_url: '={{ $json.url }}', button_0: 'spring' } },
			}),
			{
				input: [promo('https://images.example.invalid/promo/a.png', 0), promo('https://images.example.invalid/promo/diskon%.png', 1), promo('https://images.example.invalid/promo/b.png', 2)],
				continueOnFail: true,
			},
		);
		expect(items).toHaveLength(3);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.id).toBeDefined();
		expect(items[1].json.error).toBe(`'Header Image URL' has a malformed %-escape: "%.p" in "https://images.example.invalid/promo/diskon%.png"`);
		expect(items[1].json.description).toContain('write a literal % as %25');
		expect(items[2].json.id).toBeDefined();
		expect(accepted(env.sim).map((record) => record.data.parameters.header.params[0].value)).toEqual([
			'https://images.example.invalid/promo/a.png',
			'https://images.example.invalid/promo/b.png',
		]);	expect(chatCalls(env.sim).filter((call) => call.startsWith('POST'))).toHaveLength(2);
	});

	it('reports an unknown template by its ID, before sending', async () => {
		const unknown = '2b000000-0000-4000-8000-0000000000ff';
		const { nodeError } = await runChat(env, orderUpdate({ messageTemplateId: byId(unknown) }), { input: [customer('081234567890')] });
		expect(nodeError?.message).toBe(`Template '${unknown}' was not found in this Qontak organisation`);
		expect(nodeError?.description).toContain('Pick the template from the list');
		expect(chatCalls(env.sim)).toEqual([`GET /templates/${unknown}/whatsapp`]);
	});

	it('refuses a template WhatsApp has not approved', async () => {
		const { nodeError } = await runChat(env, orderUpdate({ messageTemplateId: byId(IDS.pendingTemplate) }), { input: [customer('081234567890')] });
		expect(nodeError?.message).toBe('Template draft_offer (id) is PENDING');
		expect(accepted(env.sim)).toHaveLength(0);
	});

	it('requires a recipient name', async () => {
		const { nodeError } = await runChat(env, orderUpdate(), { input: [{ ...customer('081234567890'), name: '' }] });
		expect(nodeError?.message).toBe("'Recipient Name' is required");
	});

	it('passes Qontak’s own 422 on when the channel is not a WhatsApp one', async () => {
		const { nodeError } = await runChat(env, orderUpdate({ channelIntegrationId: byId(IDS.telegramIntegration) }), { input: [customer('081234567890')] });
		expect(nodeError?.message).toBe(`Qontak Chat: Channel integration not found with id ${IDS.telegramIntegration}`);
		expect(nodeError?.httpCode).toBe('422');
	});
});

describe('Send Direct: waiting for the delivery status', () => {
	it('returns each message’s status from the broadcast log once it is delivered, or failed', async () => {
		env.sim.chat.options.failingNumbers = ['6281234567891'];
		const { items, nodeError } = await runChat(
			env,
			orderUpdate({ sendOptions: { waitForDelivery: true, waitUntil: 'delivered', pollInterval: 0.1, waitTimeout: 10 } }),
			{ input: [customer('081234567890', 0), customer('081234567891', 1)] },
		);
		expect(nodeError).toBeUndefined();
		expect(items[0].json.delivery).toMatchObject({ status: 'delivered', settled: true, whatsapp_error_message: 'n/a' });
		expect(String((items[0].json.delivery as { whatsapp_message_id: string }).whatsapp_message_id)).toMatch(/^wamid\./);
		expect(items[1].json.delivery).toMatchObject({ status: 'failed', settled: true, whatsapp_error_message: expect.stringContaining('not a WhatsApp user') });
		// Each poll reads each unsettled log once: empty, pending, then sent → delivered, or failed.
		expect(logReads()).toEqual({ '6281234567890': 4, '6281234567891': 3 });
		expect(virtual.time.waits.filter((ms) => ms === 100)).toHaveLength(4);
	});

	it('gives up after the timeout and says so, with the last status seen', async () => {
		env.sim.chat.options.logDelayReads = Infinity;
		const { items } = await runChat(env, orderUpdate({ sendOptions: { waitForDelivery: true, pollInterval: 0.1, waitTimeout: 1 } }), {
			input: [customer('081234567890')],
		});
		expect(items[0].json.delivery).toMatchObject({ status: 'unknown', settled: false, timedOut: true, waited_seconds: 1 });
		// A read every 0.1 s for the 1 s allowed: ten reads, none after the timeout.
		expect(logReads()).toEqual({ '6281234567890': 10 });
	});
});
