import { HOSTED_FILES } from '../../../simulators/qontak/chatFileHost';
import { IDS } from '../../../simulators/qontak/chatFixtures';
import { QontakSimulator } from '../../../simulators/qontak/QontakSimulator';
import { call } from '../../../simulators/qontak/signedClient';

describe('Qontak simulator: room messages and the file host their URLs point at', () => {
	const sim = new QontakSimulator();
	beforeAll(async () => {
		await sim.start();
	});
	afterAll(async () => await sim.stop());
	beforeEach(() => sim.reset());

	it('GET /rooms/{id}/messages lists the room’s messages, media ones with a file URL on the file host', async () => {
		const answer = await call(sim, 'GET', `/qontak/chat/v1/rooms/${IDS.assignedRoom}/messages?offset=1&limit=10`, { ssoId: null });
		expect(answer.status).toBe(200);
		const files = (answer.json.data as Array<{ type: string; file: { url: string; filename: string } | null }>).map((message) => [message.type, message.file?.url ?? null]);
		expect(files).toEqual([
			['text', null],
			['image', `${sim.files.baseUrl}${HOSTED_FILES.image.path}`],
			['document', `${sim.files.baseUrl}${HOSTED_FILES.document.path}`],
			['video', `${sim.files.baseUrl}${HOSTED_FILES.large.path}`],
			['text', null],
		]);
		expect(sim.files.baseUrl).not.toBe(sim.baseUrl);
		expect((await call(sim, 'GET', '/qontak/chat/v1/rooms/5e000000-0000-4000-8000-0000000000ff/messages', { ssoId: null })).status).toBe(404);
	});

	it('serves each file with its type and length, without asking for credentials', async () => {
		const image = await fetch(sim.files.urlOf(HOSTED_FILES.image));
		expect(image.status).toBe(200);
		expect(image.headers.get('content-type')).toBe('image/png');
		expect(Buffer.from(await image.arrayBuffer())).toEqual(HOSTED_FILES.image.body);
		const large = await fetch(sim.files.urlOf(HOSTED_FILES.large), { method: 'HEAD' });
		expect(large.headers.get('content-length')).toBe(String(20 * 1024 * 1024));
		const chunked = await fetch(sim.files.urlOf(HOSTED_FILES.largeChunked), { method: 'HEAD' });
		expect(chunked.headers.get('content-length')).toBeNull();
		expect((await fetch(`${sim.files.baseUrl}/uploads/message/file/nope/x.png`)).status).toBe(404);
		const redirect = await fetch(`${sim.files.baseUrl}/redirect?to=${encodeURIComponent('https://elsewhere.example/x')}`, { redirect: 'manual' });
		expect([redirect.status, redirect.headers.get('location')]).toEqual([302, 'https://elsewhere.example/x']);
	});
});
