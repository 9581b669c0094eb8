import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { postJson } from '../harness/hookContext';
import { until } from '../harness/virtualTime';
import { HOSTED_FILES, type HostedFile } from '../../simulators/qontak/chatFileHost';
import { agentMessage, broadcastDelivered, customerFileMessage, customerMessage } from '../../simulators/qontak/chatWebhooks';
import { fileOf } from '../../simulators/qontak/chatMessages';
import { byId, chatCalls, IDS, runChat } from './setup';
import { useOmnichannelTrigger } from './triggerHarness';

const { env, serve, current } = useOmnichannelTrigger();
const files = env.sim.files;
/** The simulator's file host, listed the only way a plain-HTTP host on 127.0.0.1 can be. */
const fileHostEntry = () => files.baseUrl;
const withDownloads = (extra: IDataObject = {}) => ({ downloadAttachments: true, allowedAttachmentHosts: fileHostEntry(), ...extra });
const PNG = HOSTED_FILES.image.body!;
const PDF = HOSTED_FILES.document.body!;

const listen = async (options: IDataObject, events = ['customerMessage']) => await serve({ parameters: { registration: 'manual', events, options } });

/** Posts one delivery and waits for the execution it starts (the trigger answers before it downloads). */
async function deliver(options: IDataObject, body: unknown): Promise<INodeExecutionData> {
	const trigger = current() ?? (await listen(options));
	const before = trigger.emitted.length;
	expect(await postJson(trigger.url, body)).toEqual({ status: 200, text: '{"message":"Workflow started","items":1}' });
	await until(() => trigger.emitted.length > before || trigger.errors.length > 0);
	expect(trigger.errors).toEqual([]);
	return trigger.emitted.at(-1)![0];
}

const media = (hosted: HostedFile, id?: string) => customerFileMessage(files.baseUrl, hosted, id);
const bytesOf = (binary: IBinaryData | undefined) => Buffer.from(binary?.data ?? '', 'base64');
const fileHostCalls = () => files.requests.map((request) => `${request.method} ${request.path}`);

describe('Qontak Omnichannel Trigger: Download Attachments', () => {
	it('a customer’s payment proof (PNG) arrives as binary "data" with its file name and MIME type', async () => {
		const item = await deliver(withDownloads(), media(HOSTED_FILES.image));
		expect(item.json).toMatchObject({ qontakEvent: 'customerMessage', type: 'image', file: { filename: 'bukti-transfer.png' } });
		expect(item.json.attachmentSkipped).toBeUndefined();
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileName: 'bukti-transfer.png', fileExtension: 'png' });
		expect(bytesOf(item.binary?.data)).toEqual(PNG);
		expect(fileHostCalls()).toEqual([`GET ${HOSTED_FILES.image.path}`]);
	});

	it('an ID card scan (PDF) arrives as application/pdf', async () => {
		const item = await deliver(withDownloads(), media(HOSTED_FILES.document));
		expect(item.binary?.data).toMatchObject({ mimeType: 'application/pdf', fileName: 'ktp-budi.pdf' });
		expect(bytesOf(item.binary?.data)).toEqual(PDF);
	});

	it('never sends the Mekari credential (or anything like it) to the file host', async () => {
		await deliver(withDownloads(), media(HOSTED_FILES.image));
		const [request] = files.requests;
		expect(Object.keys(request.headers).filter((name) => /authorization|cookie|date|x-crm/i.test(name))).toEqual([]);
		expect(JSON.stringify(request.headers)).not.toContain(env.sim.options.clientSecret);
		expect(env.sim.requests).toEqual([]);
	});

	it('a file over the 16 MB default cap is not downloaded: Content-Length is checked before the body is read, and the item says so', async () => {
		const item = await deliver(withDownloads(), media(HOSTED_FILES.large));
		expect(item.binary).toBeUndefined();
		expect(item.json).toMatchObject({ type: 'video', attachmentSkipped: 'larger than 16 MB (the file host says 20 MB)' });
		expect(files.requests[0].completed).toBe(false);
	});

	it('a file over the cap without Content-Length is cut off once the bytes read pass the cap', async () => {
		const item = await deliver(withDownloads({ maxAttachmentSizeMb: 1 }), media(HOSTED_FILES.largeChunked));
		expect(item.binary).toBeUndefined();
		expect(item.json.attachmentSkipped).toBe('larger than 1 MB');
		expect(files.requests[0].completed).toBe(false);
	});

	it('refuses a host that is not listed: with the default list (Qontak’s CDN only) the simulator’s host gets no request', async () => {
		const item = await deliver({ downloadAttachments: true }, media(HOSTED_FILES.image));
		expect(item.binary).toBeUndefined();
		expect(item.json.attachmentSkipped).toBe(`host ${new URL(files.baseUrl).host} is not in Allowed Attachment Hosts`);
		expect(files.requests).toEqual([]);
	});

	it.each([
		['the API host on the same IP, another port', () => `${env.sim.baseUrl}/qontak/chat/v1/rooms`, () => `host ${new URL(env.sim.baseUrl).host} is not`],
		['localhost, which is not the listed 127.0.0.1', () => files.baseUrl.replace('127.0.0.1', 'localhost') + HOSTED_FILES.image.path, () => 'host localhost:'],
		['IPv6 loopback', () => `http://[::1]:${new URL(files.baseUrl).port}${HOSTED_FILES.image.path}`, () => 'host [::1]:'],
		['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/', () => 'host 169.254.169.254 is not'],
		['a user name in the URL', () => files.baseUrl.replace('http://', 'http://cdn.qontak.com@') + HOSTED_FILES.image.path, () => 'user name or password'],
		['a file: URL', () => 'file:///etc/passwd', () => 'file: URLs are not downloaded'],
	])('refuses %s, sending nothing anywhere', async (_case, url, reason) => {
		const forged = { ...media(HOSTED_FILES.image), file: { url: url(), filename: 'x.png' } };
		const item = await deliver(withDownloads(), forged);
		expect(String(item.json.attachmentSkipped)).toContain(reason());
		expect(item.binary).toBeUndefined();
		expect(files.requests).toEqual([]);
		expect(env.sim.requests).toEqual([]);
	});

	it('plain HTTP needs the http:// form of the entry; the bare host:port means HTTPS only', async () => {
		const host = new URL(files.baseUrl).host;
		const item = await deliver({ downloadAttachments: true, allowedAttachmentHosts: `cdn.qontak.com, ${host}` }, media(HOSTED_FILES.image));
		expect(item.json.attachmentSkipped).toBe(`plain HTTP to ${host} is not allowed (list it as http://${host} in Allowed Attachment Hosts to allow it)`);
		expect(files.requests).toEqual([]);
	});

	it('follows a redirect within the allowed hosts, and refuses one that leaves them without calling the target', async () => {
		const redirect = (to: string) => ({ url: `${files.baseUrl}/redirect?to=${encodeURIComponent(to)}`, filename: 'bukti-transfer.png' });
		await listen(withDownloads());
		const followed = await deliver({}, { ...media(HOSTED_FILES.image, '7a000000-0000-4000-8000-000000000021'), file: redirect(files.urlOf(HOSTED_FILES.image)) });
		expect(bytesOf(followed.binary?.data)).toEqual(PNG);
		const refused = await deliver({}, { ...media(HOSTED_FILES.image, '7a000000-0000-4000-8000-000000000022'), file: redirect(`${env.sim.baseUrl}/qontak/chat/v1/integrations`) });
		expect(refused.json.attachmentSkipped).toBe(`redirected elsewhere: host ${new URL(env.sim.baseUrl).host} is not in Allowed Attachment Hosts`);
		expect(refused.binary).toBeUndefined();
		expect(env.sim.requests).toEqual([]);
		expect(fileHostCalls()).toEqual(['GET /redirect', `GET ${HOSTED_FILES.image.path}`, 'GET /redirect']);
	});

	it('answers Qontak before the download: a file host that stalls holds only the execution, and its failure is on the item', async () => {
		const trigger = await listen(withDownloads());
		const stalled = { ...media(HOSTED_FILES.image), file: { url: `${files.baseUrl}/stalled${HOSTED_FILES.image.path}`, filename: 'bukti-transfer.png' } };
		expect(await postJson(trigger.url, stalled)).toEqual({ status: 200, text: '{"message":"Workflow started","items":1}' });
		await until(() => files.requests.length === 1);
		expect(trigger.emitted).toEqual([]);
		files.breakStalled();
		await until(() => trigger.emitted.length === 1);
		expect(trigger.emitted[0][0].json.attachmentSkipped).toMatch(/^download failed: /);
		expect(trigger.emitted[0][0].binary).toBeUndefined();
	});

	it('still drops repeated deliveries: the same photo message twice starts one execution and one download', async () => {
		const trigger = await listen(withDownloads());
		await deliver({}, media(HOSTED_FILES.image));
		expect(await postJson(trigger.url, media(HOSTED_FILES.image))).toEqual({ status: 200, text: '{"message":"Event already received","duplicate":true}' });
		expect(trigger.emitted).toHaveLength(1);
		expect(files.requests).toHaveLength(1);
	});

	it('downloads each message of a batch, and leaves text messages and status updates alone', async () => {
		const trigger = await listen(withDownloads(), ['customerMessage', 'agentMessage', 'messageStatus']);
		const statusWithFile = { ...broadcastDelivered, file: fileOf(files.baseUrl, HOSTED_FILES.image) };
		const batch = [media(HOSTED_FILES.image, '7a000000-0000-4000-8000-000000000031'), customerMessage, agentMessage, statusWithFile, media(HOSTED_FILES.document, '7a000000-0000-4000-8000-000000000032')];
		expect((await postJson(trigger.url, batch)).status).toBe(200);
		await until(() => trigger.emitted.length === 1);
		const items = trigger.emitted[0];
		expect(items.map((item) => [item.json.qontakEvent, item.binary?.data?.fileName ?? null, item.json.attachmentSkipped ?? null])).toEqual([
			['customerMessage', 'bukti-transfer.png', null],
			['customerMessage', null, null],
			['agentMessage', null, null],
			['messageStatus', null, null],
			['customerMessage', 'ktp-budi.pdf', null],
		]);
		expect(files.requests).toHaveLength(2);
	});

	it('with Download Attachments off (the default) nothing is fetched and the item is the payload', async () => {
		const item = await deliver({}, media(HOSTED_FILES.image));
		expect(item).toEqual({ json: { qontakEvent: 'customerMessage', ...media(HOSTED_FILES.image) } });
		expect(files.requests).toEqual([]);
	});

	it('a list entry that is not a host fetches nothing, and the item names the option and the fix', async () => {
		const item = await deliver({ downloadAttachments: true, allowedAttachmentHosts: `${files.baseUrl}/uploads` }, media(HOSTED_FILES.image));
		expect(item.json.attachmentSkipped).toMatch(/^'Allowed Attachment Hosts' has an entry that is not a host: ".*\/uploads"\. List host names/);
		expect(files.requests).toEqual([]);
	});
});

describe('Room → Get Messages', () => {
	const getMessages = (options: IDataObject = {}, extra: IDataObject = {}) => ({
		resource: 'room',
		operation: 'getMessages',
		roomId: byId(IDS.assignedRoom),
		returnAll: true,
		messageOptions: options,
		...extra,
	});

	it('lists a room’s messages, one item each, and fetches no file unless asked', async () => {
		const { items, nodeError } = await runChat(env, getMessages());
		expect(nodeError).toBeUndefined();
		expect(items.map((item) => item.json.type)).toEqual(['text', 'image', 'document', 'video', 'text']);
		expect(items.every((item) => item.binary === undefined && item.pairedItem !== undefined)).toBe(true);
		expect(chatCalls(env.sim)).toEqual([`GET /rooms/${IDS.assignedRoom}/messages`]);
		expect(files.requests).toEqual([]);
	});

	it('with Download Attachments, media messages bring their files as binary "data"; the one over the cap says why not', async () => {
		const { items, nodeError } = await runChat(env, getMessages(withDownloads()));
		expect(nodeError).toBeUndefined();
		expect(items.map((item) => [item.json.type, item.binary?.data?.mimeType ?? null, item.json.attachmentSkipped ?? null])).toEqual([
			['text', null, null],
			['image', 'image/png', null],
			['document', 'application/pdf', null],
			['video', null, 'larger than 16 MB (the file host says 20 MB)'],
			['text', null, null],
		]);
		expect(bytesOf(items[1].binary?.data)).toEqual(PNG);
		expect(items[2].binary?.data).toMatchObject({ fileName: 'ktp-budi.pdf', fileExtension: 'pdf' });
		expect(items.map((item) => item.pairedItem)).toEqual(Array(5).fill({ item: 0 }));
		// Signed towards the API, nothing towards the CDN.
		expect(String(env.sim.requests[0].headers.authorization)).toMatch(/^hmac username=/);
		expect(files.requests.map((request) => request.headers.authorization)).toEqual([undefined, undefined, undefined]);
	});

	it('refuses the file host when it is not listed, even though the URLs came from Qontak’s signed answer', async () => {
		const { items } = await runChat(env, getMessages({ downloadAttachments: true }));
		expect(items.filter((item) => item.json.attachmentSkipped).map((item) => item.json.type)).toEqual(['image', 'document', 'video']);
		expect(items.every((item) => item.binary === undefined)).toBe(true);
		expect(files.requests).toEqual([]);
	});

	it('a file host that stops sending mid-body is cut off at the request timeout, and the message still comes out', async () => {
		const message = env.sim.chat.state.messages[1];
		message.file = { ...message.file, url: `/stalled${HOSTED_FILES.image.path}` };
		const { items } = await runChat(env, getMessages(withDownloads(), { requestOptions: { timeout: 1 } }));
		expect(items[1].json).toMatchObject({ type: 'image', attachmentSkipped: 'download failed: not complete within 1 s' });
		expect(items[2].binary?.data?.mimeType).toBe('application/pdf');
	});

	it('a wrong Allowed Attachment Hosts entry fails the item, naming the option and the fix, before any call', async () => {
		const { items, nodeError } = await runChat(env, getMessages({ downloadAttachments: true, allowedAttachmentHosts: 'cdn.qontak.com/uploads' }), { continueOnFail: true });
		expect(nodeError).toBeUndefined();
		expect(items).toEqual([
			{
				json: {
					error: `'Allowed Attachment Hosts' has an entry that is not a host: "cdn.qontak.com/uploads"`,
					description: expect.stringMatching(/^List host names separated by commas/),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(env.sim.requests).toEqual([]);
	});
});
