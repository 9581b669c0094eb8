import { standingClock, until, VirtualTime } from '../../harness/virtualTime';
import { realTime } from '../../../simulators/timeSource';
import {
	CRM_ROUTES,
	mekariSignature,
	mekariSigningString,
	QontakSimulator,
	signedRequestTarget,
	verifyMekariRequest,
} from '../../../simulators/qontak/QontakSimulator';
import { call } from '../../../simulators/qontak/signedClient';

const CRM = '/qontak/crm';

describe('Mekari HMAC verifier (pure)', () => {
	const vectorDate = 'Wed, 10 Nov 2021 07:24:29 GMT';

	it('reproduces the official published vector', () => {
		expect(mekariSignature('YOUR_MEKARI_API_CLIENT_SECRET', vectorDate, 'POST', '/v2/klikpajak/v1/efaktur/out?auto_approval=false')).toBe(
			'6+Ah/UTmbqd+DDqlh6zYZ0HuCwVhtElYDOoucRPCaFg=',
		);
	});

	it('does not reproduce it with the mis-documented secret or with CRLF', () => {
		const target = '/v2/klikpajak/v1/efaktur/out?auto_approval=false';
		expect(mekariSignature('YOUR_MEKARI_CLIENT_SECRET', vectorDate, 'POST', target)).toBe('d4sL0agsjWTtg+3nJMrykO8C4UDWB2UqJS1MA6h63ts=');
		expect(mekariSigningString(vectorDate, 'POST', target)).not.toContain('\r');
	});

	it('matches the self-computed CRM vectors of the spec', () => {
		const date = 'Wed, 14 Nov 2024 06:23:23 GMT';
		expect(mekariSignature('CLIENT_SECRET', date, 'GET', '/qontak/crm/deals?page=1&per_page=25')).toBe('85xYB7+wg64apmRCHpn6KHsGCHUonB4K/r4+SlPU+GI=');
		expect(mekariSignature('CLIENT_SECRET', date, 'POST', '/qontak/crm/contacts')).toBe('YYK2Xmd93ozqO5QPJDobkljrGDfNLmDQhHK0dcU8FlA=');
	});

	it('verifies against the decoded query and the 300 s window', () => {
		const secrets = { client: 'YOUR_MEKARI_API_CLIENT_SECRET' };
		const auth = (sig: string) => `hmac username="client", algorithm="hmac-sha256", headers="date request-line", signature="${sig}"`;
		const signature = mekariSignature(secrets.client, vectorDate, 'POST', '/v2/klikpajak/v1/efaktur/out?auto_approval=false');
		const request = { method: 'POST', url: '/v2/klikpajak/v1/efaktur/out?auto_approval=false', authorization: auth(signature), date: vectorDate };
		const at = Date.parse(vectorDate);
		expect(verifyMekariRequest(request, secrets, at)).toEqual({ ok: true, clientId: 'client' });
		expect(verifyMekariRequest(request, secrets, at + 299_000).ok).toBe(true);
		expect(verifyMekariRequest(request, secrets, at - 301_000)).toEqual({ ok: false, reason: 'clock-skew' });
		expect(verifyMekariRequest({ ...request, date: '2021-11-10T07:24:29Z' }, secrets, at)).toEqual({ ok: false, reason: 'bad-date' });
		expect(verifyMekariRequest({ ...request, authorization: `Bearer ${signature}` }, secrets, at)).toEqual({ ok: false, reason: 'malformed-authorization' });
		expect(signedRequestTarget('/qontak/crm/contacts?name=Siti%20Rahmawati&tag%5B%5D=a')).toBe('/qontak/crm/contacts?name=Siti Rahmawati&tag[]=a');
	});
});

describe('QontakSimulator over HTTP', () => {
	const sim = new QontakSimulator();

	beforeAll(async () => {
		await sim.start();
	});
	afterAll(async () => {
		await sim.stop();
	});
	beforeEach(() => {
		// Before reset(), which seeds the fixtures with the server's time.
		sim.time = realTime;
		sim.reset();
		sim.options.latencyMs = 0;
		sim.options.clockOffsetMs = 0;
	});

	describe('gateway auth', () => {
		it('accepts a correctly signed request and answers the CRM envelope', async () => {
			const res = await call(sim, 'GET', `${CRM}/pipelines`);
			expect(res.status).toBe(200);
			expect(res.headers.server).toBe('Mekari');
			expect(res.json.meta).toMatchObject({ status: 200, type: 'OK', error_code: null, developer_message: 'Success', message: 'Success' });
			expect(res.json.meta.timestamp).toMatch(/\+07:00$/);
			expect(res.json.response.map((p: any) => p.name)).toEqual(['Penjualan B2B', 'Tender Pemerintah']);
		});

		it.each([
			['a wrong secret', { secret: 'not-the-secret' }],
			['an unknown client id', { clientId: 'someone-else' }],
			['no Authorization header', { authorization: null }],
			['a bearer token', { authorization: 'Bearer abc' }],
			['a path-only signature on a query request', { signTarget: `${CRM}/contacts` }],
			['a signature over the encoded query', { signTarget: `${CRM}/contacts?name=Siti%20Rahmawati` }],
		])('rejects %s with the bare gateway 401', async (_label, opts) => {
			const res = await call(sim, 'GET', `${CRM}/contacts?name=Siti%20Rahmawati`, opts);
			expect(res.status).toBe(401);
			expect(res.text).toBe('{"message":"Unauthorized"}');
			expect(sim.authFailures).toBe(1);
			expect(sim.requests).toHaveLength(1);
			expect(sim.requests[0].status).toBe(401);
		});

		it('verifies the percent-decoded query', async () => {
			const res = await call(sim, 'GET', `${CRM}/contacts?name=Siti%20Rahmawati`);
			expect(res.status).toBe(200);
			expect(res.json.response.map((c: any) => c.id)).toEqual([1001]);
		});

		it('enforces the 300 s Date window against the (skewable) server clock', async () => {
			// The server's clock stands still, so each skew is exactly what the test sets.
			const date = 'Wed, 14 Nov 2024 06:23:23 GMT';
			sim.time = standingClock(Date.parse(date));
			sim.options.clockOffsetMs = 301_000;
			expect((await call(sim, 'GET', `${CRM}/pipelines`, { date })).status).toBe(401);
			sim.options.clockOffsetMs = 295_000;
			expect((await call(sim, 'GET', `${CRM}/pipelines`, { date })).status).toBe(200);
			const stale = new Date(Date.parse(date) - 400_000).toUTCString();
			sim.options.clockOffsetMs = 0;
			expect((await call(sim, 'GET', `${CRM}/pipelines`, { date: stale })).status).toBe(401);
			expect((await call(sim, 'GET', `${CRM}/pipelines`, { date: 'yesterday' })).status).toBe(401);
			expect(sim.authFailures).toBe(3);
		});
	});

	describe('X-Crm-User-Sso-Id', () => {
		it.each([
			['missing', null],
			['unknown', '00000000-0000-4000-8000-000000000000'],
		])('answers 403 in the CRM envelope when %s', async (_label, ssoId) => {
			const res = await call(sim, 'GET', `${CRM}/contacts`, { ssoId });
			expect(res.status).toBe(403);
			expect(res.json.response).toBeUndefined();
			expect(res.json.meta).toMatchObject({ status: 403, type: 'Forbidden' });
			expect(res.json.meta.developer_message).toContain('X-Crm-User-Sso-Id');
		});
	});

	describe('route coverage', () => {
		// Every method+path under /qontak/crm in the vendor OpenAPI file, each with a
		// concrete call that must succeed against the seeded tenant (run in this order).
		const ROUTES: Array<[string, string, string, unknown?]> = [
			['GET', '/contacts/info', '/contacts/info'],
			['GET', '/contacts', '/contacts'],
			['POST', '/contacts', '/contacts', { first_name: 'Wulan' }],
			['GET', '/contacts/{id}', '/contacts/1001'],
			['PUT', '/contacts/{id}', '/contacts/1001', { job_title: 'Kepala Pembelian' }],
			['DELETE', '/contacts/{id}', '/contacts/1005'],
			['GET', '/contacts/{id}/timeline', '/contacts/1001/timeline'],
			['GET', '/contacts/{id}/chat-history', '/contacts/1001/chat-history'],
			['PUT', '/contacts/{id}/update_owner', '/contacts/1001/update_owner', { creator_id: 8 }],
			['GET', '/deals/info', '/deals/info'],
			['GET', '/deals', '/deals'],
			['POST', '/deals', '/deals', { name: 'Deal Uji', crm_pipeline_id: 31, crm_stage_id: 311 }],
			['GET', '/deals/{id}', '/deals/3001'],
			['PUT', '/deals/{id}', '/deals/3001', { crm_stage_id: 313, additional_fields: [{ id: 9201, value: 'PO-1' }] }],
			['DELETE', '/deals/{id}', '/deals/3003'],
			['GET', '/deals/{id}/timeline', '/deals/3001/timeline'],
			['GET', '/deals/{id}/stage_history', '/deals/3001/stage_history'],
			['GET', '/deals/{id}/chat-history', '/deals/3001/chat-history'],
			['GET', '/deals/{id}/real_creator', '/deals/3001/real_creator'],
			['GET', '/deals/{id}/full-field', '/deals/3001/full-field'],
			['GET', '/deals/full-fields', '/deals/full-fields'],
			['GET', '/deals/sla', '/deals/sla'],
			['GET', '/deals/{id}/change_log', '/deals/3001/change_log'],
			['POST', '/deals/auto-assign', '/deals/auto-assign', { id: 3001 }],
			['POST', '/deals/update_attribute', '/deals/update_attribute', { id: 3001, size: 50000000 }],
			['GET', '/deals/channel_integration_room/{channel_integration_room_id}', '/deals/channel_integration_room/room-siti-001'],
			['PUT', '/deals/{id}/update_owner', '/deals/3001/update_owner', { creator_id: 9 }],
			['POST', '/deals/deal_permission', '/deals/deal_permission', { id: 3001, permissions: [{ email: 'budi.santoso@koprem.test', access_types: ['view'] }] }],
			['GET', '/tasks/category', '/tasks/category'],
			['POST', '/tasks/category', '/tasks/category', { name: 'Presentasi' }],
			['DELETE', '/tasks/category/{id}', '/tasks/category/3'],
			['GET', '/tasks/info', '/tasks/info'],
			['GET', '/tasks', '/tasks'],
			['POST', '/tasks', '/tasks', { name: 'Tugas uji' }],
			['GET', '/tasks/{id}', '/tasks/5001'],
			['PUT', '/tasks/{id}', '/tasks/5001', { crm_task_status_id: 2 }],
			['DELETE', '/tasks/{id}', '/tasks/5002'],
			['GET', '/pipelines', '/pipelines'],
			['GET', '/pipelines/{id}/stages', '/pipelines/31/stages'],
			['GET', '/pipelines/{id}', '/pipelines/31'],
			['GET', '/tickets', '/tickets'],
			['POST', '/tickets', '/tickets', { name: 'Tiket uji' }],
			['GET', '/tickets/ticket_pipelines', '/tickets/ticket_pipelines'],
			['GET', '/tickets/info', '/tickets/info'],
			['GET', '/tickets/{id}', '/tickets/6001'],
			['DELETE', '/tickets/{id}', '/tickets/6002'],
			['PUT', '/tickets/{id}', '/tickets/6001', { ticket_stage_id: 413 }],
			['GET', '/products/info', '/products/info'],
			['GET', '/products', '/products'],
			['POST', '/products', '/products', { name: 'Kopi Luwak', currency: 'IDR', price: 500000 }],
			['GET', '/products/{id}', '/products/4001'],
			['DELETE', '/products/{id}', '/products/4002'],
			['PUT', '/products/{id}', '/products/4001', { price: 190000 }],
			['GET', '/companies/info', '/companies/info'],
			['GET', '/companies', '/companies'],
			['POST', '/companies', '/companies', { name: 'PT Uji Coba' }],
			['GET', '/companies/{id}', '/companies/2001'],
			['PUT', '/companies/{id}', '/companies/2001', { website: 'https://baru.example' }],
			['DELETE', '/companies/{id}', '/companies/2003'],
			['GET', '/companies/{id}/timeline', '/companies/2001/timeline'],
			['PUT', '/companies/{id}/update_owner', '/companies/2001/update_owner', { creator_id: 10 }],
			['GET', '/products_association/{id}', '/products_association/4501'],
			['PUT', '/products_association/{id}', '/products_association/4501', { quantity: 250 }],
			['DELETE', '/products_association/{id}', '/products_association/4502'],
			['GET', '/products_association', '/products_association'],
			['POST', '/products_association', '/products_association', { crm_product_id: 4001, crm_deal_id: 3001, quantity: 3 }],
			['GET', '/notes', '/notes?crm_lead_id=1001'],
			['POST', '/notes', '/notes', { note: 'Catatan uji', crm_deal_id: 3001 }],
			['GET', '/notes/{id}', '/notes/7001'],
			['PUT', '/notes/{id}', '/notes/7001', { note: 'Diubah' }],
			['DELETE', '/notes/{id}', '/notes/7002'],
			['GET', '/geolocations', '/geolocations'],
			['POST', '/geolocations', '/geolocations', { latitude: -7.25, longitude: 112.75 }],
			['GET', '/geolocations/{id}', '/geolocations/8001'],
			['PUT', '/geolocations/{id}', '/geolocations/8001', { battery_percentage: 50 }],
			['GET', '/notifications/info', '/notifications/info'],
			['GET', '/notifications', '/notifications'],
			['POST', '/notifications', '/notifications', {
				object_id: 3001, origin: 'deal', click_action: 'OPEN_DEAL', title: 'Halo', description: 'Uji',
				click_action_url: 'https://crm.example/deals/3001', user_ids: [{ user_id: 7, email: 'sari.wulandari@koprem.test' }],
				notif_type_id: 1, notif_category_id: 7,
			}],
			['GET', '/notifications/{id}', '/notifications/8501'],
			['PUT', '/notifications/{id}/mark_as_read', '/notifications/8501/mark_as_read'],
			['PUT', '/notifications/mark_all_as_read', '/notifications/mark_all_as_read'],
			['GET', '/approvals/rules', '/approvals/rules'],
			['POST', '/approvals/apply_rules', '/approvals/apply_rules', { object_id: 3001, object_type: 'deal', crm_approval_id: 51, crm_approval_layers_attributes: [{ layer_order: 1, set_approver: true, note: 'ok' }] }],
			['POST', '/approvals/toggle_workflow', '/approvals/toggle_workflow', { id: 52, workflow_enabled: true }],
		];
		const shape = (path: string) => path.replace(/\{[^}]+\}|:[A-Za-z]+/g, '{}');

		it('has exactly the 84 documented method+path pairs in its route table', () => {
			expect(ROUTES).toHaveLength(84);
			const documented = ROUTES.map(([m, p]) => `${m} ${shape(p)}`).sort();
			const served = CRM_ROUTES.map((r) => `${r.method} ${shape(r.pattern)}`).sort();
			expect(served).toEqual(documented);
		});

		it('answers every one of them successfully with the envelope', async () => {
			const failures: string[] = [];
			for (const [method, , path, body] of ROUTES) {
				const res = await call(sim, method, `${CRM}${path}`, { body });
				const ok = (res.status === 200 || res.status === 201) && res.json?.meta?.status === res.status;
				if (!ok) failures.push(`${method} ${path} → ${res.status} ${res.text.slice(0, 200)}`);
				if (method === 'DELETE' && ok && 'response' in res.json) failures.push(`${method} ${path} answered a response`);
			}
			expect(failures).toEqual([]);
		});

		it('404s unknown routes and the missing geolocation DELETE in the CRM envelope', async () => {
			for (const [method, path] of [['GET', '/nope'], ['DELETE', '/geolocations/8001'], ['GET', '/deals/3001/permissions']]) {
				const res = await call(sim, method, `${CRM}${path}`);
				expect(res.status).toBe(404);
				expect(res.json.meta).toMatchObject({ status: 404, type: 'Not Found' });
			}
		});
	});

	describe('records and validation', () => {
		it('404s an unknown id with the documented message', async () => {
			const res = await call(sim, 'GET', `${CRM}/contacts/999999`);
			expect(res.status).toBe(404);
			expect(res.json).toEqual({ meta: expect.objectContaining({ status: 404, type: 'Not Found', developer_message: "Couldn't find record with that ID" }) });
		});

		it('creates a contact with 201, echoing custom fields with value_name and owner defaults', async () => {
			const res = await call(sim, 'POST', `${CRM}/contacts`, {
				body: {
					first_name: 'Ayu',
					last_name: 'Kartika',
					telephone: '081299990000',
					crm_status_id: '202',
					additional_fields: [
						{ id: 9002, name: 'segmen', value: '90021' },
						{ id: 9003, value: '90032,90034' },
						{ id: 9004, value: '75' },
					],
				},
			});
			expect(res.status).toBe(201);
			expect(res.json.meta).toMatchObject({ status: 201, type: 'Created' });
			const contact = res.json.response;
			expect(contact).toMatchObject({ first_name: 'Ayu', crm_status_id: 202, crm_status_name: 'Prospek', creator_id: 7, creator_name: 'Sari Wulandari' });
			expect(Number.isInteger(contact.id)).toBe(true);
			expect(contact.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/);
			expect(contact.additional_fields).toEqual(
				expect.arrayContaining([
					{ id: 9002, name: 'segmen', value: '90021', value_name: 'UMKM' },
					{ id: 9003, name: 'minat_produk', value: '90032,90034', value_name: 'Kopi Robusta, Rempah' },
					{ id: 9004, name: 'skor', value: '75', value_name: null },
					{ id: 9001, name: 'nomor_ktp', value: null, value_name: null },
				]),
			);
			expect(sim.records('contacts').some((c) => c.id === contact.id)).toBe(true);
		});

		it.each([
			['a missing required field', { last_name: 'Saja' }, "first_name can't be blank"],
			['an unknown custom field id', { first_name: 'A', additional_fields: [{ id: 1234, value: 'x' }] }, '1234 is not a custom field of contacts'],
			['a dropdown value outside the options', { first_name: 'A', additional_fields: [{ id: 9002, value: '5' }] }, 'segmen: 5 is not a valid option'],
			['a built-in dropdown value outside the options', { first_name: 'A', crm_status_id: 999 }, 'crm_status_id: 999 is not a valid option'],
			['a non-numeric Number field', { first_name: 'A', additional_fields: [{ id: 9004, value: 'banyak' }] }, 'skor must be a number'],
			['an unparseable Date field', { first_name: 'A', additional_fields: [{ id: 9005, value: 'besok' }] }, 'tanggal_kunjungan is not a valid date'],
		])('rejects %s with 422 naming it', async (_label, body, message) => {
			const res = await call(sim, 'POST', `${CRM}/contacts`, { body });
			expect(res.status).toBe(422);
			expect(res.json.response).toBeUndefined();
			expect(res.json.meta).toMatchObject({ status: 422, type: 'Unprocessable Entity', error_code: 422 });
			expect(res.json.meta.developer_message).toContain(message);
		});

		it('requires a deal custom field in the pipeline/stage that lists it', async () => {
			const inTender = await call(sim, 'POST', `${CRM}/deals`, { body: { name: 'Tender baru', crm_pipeline_id: 32 } });
			expect(inTender.status).toBe(422);
			expect(inTender.json.meta.developer_message).toContain('nomor_kontrak');
			const toNegotiation = await call(sim, 'PUT', `${CRM}/deals/3001`, { body: { crm_stage_id: 313 } });
			expect(toNegotiation.status).toBe(422);
			const ok = await call(sim, 'POST', `${CRM}/deals`, { body: { name: 'Tender baru', crm_pipeline_id: 32, additional_fields: [{ id: 9201, value: 'SPK-9' }] } });
			expect(ok.status).toBe(201);
			expect(ok.json.response).toMatchObject({ crm_pipeline_id: 32, crm_stage_id: 321, crm_stage_name: 'Pendaftaran', currency: 'IDR' });
		});

		it('records stage moves made through PUT and returns the updated deal', async () => {
			const moved = await call(sim, 'PUT', `${CRM}/deals/3001`, { body: { crm_stage_id: 314 } });
			expect(moved.status).toBe(200);
			expect(moved.json.response).toMatchObject({ id: 3001, crm_stage_id: 314, crm_stage_name: 'Menang', crm_deal_status: 'won' });
			const history = await call(sim, 'GET', `${CRM}/deals/3001/stage_history`);
			expect(history.json.response.at(-1)).toMatchObject({ prev_stage: { id: 312, name: 'Kualifikasi' }, current_stage: { id: 314, name: 'Menang' } });
			const log = await call(sim, 'GET', `${CRM}/deals/3001/change_log`);
			expect(log.json.response).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'crm_stage_id', old_value: 312, new_value: 314 })]));
		});

		it('rejects a stage from another pipeline', async () => {
			const res = await call(sim, 'POST', `${CRM}/deals`, { body: { name: 'X', crm_pipeline_id: 31, crm_stage_id: 321 } });
			expect(res.status).toBe(422);
			expect(res.json.meta.developer_message).toContain('not in pipeline 31');
		});

		it('answers task ids as strings', async () => {
			const res = await call(sim, 'POST', `${CRM}/tasks`, { body: { name: 'Kirim sampel', due_date: '2024-12-01T10:00:00+07:00' } });
			expect(res.status).toBe(201);
			expect(typeof res.json.response.id).toBe('string');
			expect(res.json.response.user_id).toBe(7);
			expect((await call(sim, 'GET', `${CRM}/tasks/${res.json.response.id}`)).json.response.name).toBe('Kirim sampel');
		});

		it('deletes with a meta-only answer, then 404s', async () => {
			const del = await call(sim, 'DELETE', `${CRM}/companies/2002`);
			expect(del.status).toBe(200);
			expect(Object.keys(del.json)).toEqual(['meta']);
			expect((await call(sim, 'GET', `${CRM}/companies/2002`)).status).toBe(404);
		});

		it('requires creator_id on update_owner', async () => {
			const res = await call(sim, 'PUT', `${CRM}/contacts/1001/update_owner`, { body: {} });
			expect(res.status).toBe(422);
			expect(res.json.meta.developer_message).toContain('creator_id');
		});

		it('validates the deal_permission body shape', async () => {
			const res = await call(sim, 'POST', `${CRM}/deals/deal_permission`, { body: { id: 3001, permissions: [{ email: 'budi.santoso@koprem.test', access_types: ['own'] }] } });
			expect(res.status).toBe(422);
			expect(res.json.meta.developer_message).toContain('access_types');
		});

		it('validates notification required fields', async () => {
			const res = await call(sim, 'POST', `${CRM}/notifications`, { body: { title: 'Tanpa penerima' } });
			expect(res.status).toBe(422);
			expect(res.json.meta.developer_message).toContain("user_ids can't be blank");
		});

		it('answers 400 for a body that is not JSON', async () => {
			const res = await call(sim, 'POST', `${CRM}/contacts`, { body: '{"first_name":' });
			expect(res.status).toBe(400);
		});
	});

	it('serves records a test pushes into or removes from the live store', async () => {
		const contacts = sim.records('contacts');
		contacts.push({ ...contacts[0], id: 424242, first_name: 'Disuntik', last_name: 'Tes' });
		const pushed = await call(sim, 'GET', `${CRM}/contacts/424242`);
		expect(pushed.json.response.first_name).toBe('Disuntik');
		contacts.splice(0, 1); // shifts every position the id index knew about
		expect((await call(sim, 'GET', `${CRM}/contacts/1001`)).status).toBe(404);
		expect((await call(sim, 'GET', `${CRM}/contacts/1002`)).json.response.first_name).toBe('Bambang');
		const created = await call(sim, 'POST', `${CRM}/contacts`, { body: { first_name: 'Sesudah' } });
		expect(created.json.response.id).toBe(424243);
	});

	describe('templates', () => {
		it('serves the contact template with built-ins (id null) and custom fields', async () => {
			const res = await call(sim, 'GET', `${CRM}/contacts/info`);
			const byName = Object.fromEntries(res.json.response.map((d: any) => [d.name, d]));
			expect(byName.first_name).toEqual({ id: null, name: 'first_name', name_alias: 'Nama Depan', required: true, additional_field: false, type: 'Single-line text', dropdown: null });
			expect(byName.creator_id.dropdown[0]).toEqual({ id: 7, name: 'Sari Wulandari', email: 'sari.wulandari@koprem.test' });
			expect(byName.segmen).toMatchObject({ id: 9002, additional_field: true, type: 'Dropdown select' });
			expect(['nomor_ktp', 'segmen', 'minat_produk', 'skor', 'tanggal_kunjungan'].map((n) => byName[n].id)).toEqual([9001, 9002, 9003, 9004, 9005]);
		});

		it('serves products under crm_properties with the plural flag', async () => {
			const res = await call(sim, 'GET', `${CRM}/products/info`);
			expect(res.json.response).toBeUndefined();
			const currency = res.json.crm_properties.find((d: any) => d.name === 'currency');
			expect(currency).toMatchObject({ required: true, additional_fields: false });
			expect(currency.additional_field).toBeUndefined();
			expect(currency.dropdown).toContain('IDR');
			expect(typeof res.json.meta.timestamp).toBe('number');
		});

		it('carries per-pipeline requirement lists on deal fields', async () => {
			const res = await call(sim, 'GET', `${CRM}/deals/info`);
			const custom = res.json.response.find((d: any) => d.name === 'nomor_kontrak');
			expect(custom).toMatchObject({ id: 9201, required_pipeline_ids: [32], required_stage_ids: [313] });
		});
	});

	describe('pagination and filters', () => {
		it('pages, clamps per_page to 100 and returns [] past the end', async () => {
			const first = await call(sim, 'GET', `${CRM}/contacts?page=1&per_page=2`);
			expect(first.json).toMatchObject({ page: 1, total_page: 3, current_data: 2, total_data: 5 });
			const past = await call(sim, 'GET', `${CRM}/contacts?page=9&per_page=2`);
			expect(past.json.response).toEqual([]);
			expect(past.json).toMatchObject({ page: 9, current_data: 0, total_data: 5 });
			const clamped = await call(sim, 'GET', `${CRM}/contacts?per_page=500`);
			expect(clamped.json.total_page).toBe(1);
			sim.seedContacts(300);
			expect((await call(sim, 'GET', `${CRM}/contacts?per_page=500`)).json.response).toHaveLength(100);
			expect((await call(sim, 'GET', `${CRM}/contacts`)).json.response).toHaveLength(25);
		});

		it('uses the product-style list keys for products and associations', async () => {
			for (const path of ['/products', '/products_association']) {
				const res = await call(sim, 'GET', `${CRM}${path}?per_page=1`);
				expect(res.json).toMatchObject({ current_page: 1, total_current_data: 1 });
				expect(res.json.page).toBeUndefined();
				expect(res.json.total_page).toBe(res.json.total_data);
			}
		});

		// How fast this goes is measured by bench/qontakSimulator.bench.ts, not asserted here.
		it('serves 100 000 seeded contacts page by page and filtered', async () => {
			sim.seedContacts(100_000);
			const last = await call(sim, 'GET', `${CRM}/contacts?page=1001&per_page=100`);
			expect(last.json).toMatchObject({ page: 1001, total_page: 1001, current_data: 5, total_data: 100_005 });
			const ids = new Set<number>();
			for (let page = 1; page <= 20; page++) {
				const res = await call(sim, 'GET', `${CRM}/contacts?page=${page}&per_page=100`);
				expect(res.json).toMatchObject({ page, current_data: 100, total_data: 100_005 });
				for (const contact of res.json.response) ids.add(contact.id);
			}
			expect(ids.size).toBe(2000);
			const filtered = await call(sim, 'GET', `${CRM}/contacts?name=wayan&per_page=100`);
			expect(filtered.json.total_data).toBeGreaterThan(1000);
		});

		it('filters contacts, deals, approvals; notes need exactly one parent', async () => {
			sim.seedContacts(3000); // created 01-10-2024 onwards, one day per 1 000
			const since = await call(sim, 'GET', `${CRM}/contacts?created_after=03-10-2024&per_page=1`);
			expect(since.json.total_data).toBe(1000 + 3); // third bulk day + seeded contacts 3..5
			expect((await call(sim, 'GET', `${CRM}/contacts?created_after=2024-10-03`)).status).toBe(422);
			expect((await call(sim, 'GET', `${CRM}/contacts?email=bambang`)).json.response.map((c: any) => c.id)).toEqual([1002]);
			expect((await call(sim, 'GET', `${CRM}/contacts?phone=6281311110003`)).json.response.map((c: any) => c.id)).toEqual([1003]);
			// Parameters the deal list does not document are ignored, so the node cannot lean on them.
			expect((await call(sim, 'GET', `${CRM}/deals?pipeline_id=32&stage_id=321`)).json.response.map((d: any) => d.id)).toEqual([3001, 3002, 3003]);
			expect((await call(sim, 'GET', `${CRM}/deals?contact_ids=1001,1003`)).json.response.map((d: any) => d.id)).toEqual([3001, 3003]);
			expect((await call(sim, 'GET', `${CRM}/deals?product_ids=4003`)).json.response.map((d: any) => d.id)).toEqual([3002]);
			expect((await call(sim, 'GET', `${CRM}/approvals/rules?type=deal&layer_order=parallel`)).json.response.map((r: any) => r.id)).toEqual([51]);
			expect((await call(sim, 'GET', `${CRM}/products?query=kopi`)).json.total_data).toBe(1);
			expect((await call(sim, 'GET', `${CRM}/products_association?product_code=RMP-PKT-01`)).json.response.map((a: any) => a.id)).toEqual([4502]);
			expect((await call(sim, 'GET', `${CRM}/tasks?filter=alltask&crm_task_status_id=3`)).json.response.map((t: any) => t.id)).toEqual(['5002']);
			const notes = await call(sim, 'GET', `${CRM}/notes`);
			expect(notes.status).toBe(422);
			expect((await call(sim, 'GET', `${CRM}/notes?crm_deal_id=3001`)).json.response.map((n: any) => n.id)).toEqual([7002]);
		});
	});

	describe('faults', () => {
		it('429: Retry-After and X-RateLimit-Reset, request not processed', async () => {
			const now = Date.parse('Wed, 14 Nov 2024 06:23:23 GMT');
			sim.time = standingClock(now + 400);
			const date = new Date(now).toUTCString();
			sim.inject({ kind: '429', method: 'POST', pathPrefix: '/contacts', retryAfterSeconds: 7 });
			const before = sim.records('contacts').length;
			const res = await call(sim, 'POST', `${CRM}/contacts`, { body: { first_name: 'Tertahan' }, date });
			expect(res.status).toBe(429);
			expect(res.text).toBe('{"message":"Too Many Requests"}');
			expect(res.headers['retry-after']).toBe('7');
			// The epoch second the wait ends in: the server's second, rounded up, plus Retry-After.
			expect(res.headers['x-ratelimit-reset']).toBe(String(now / 1000 + 1 + 7));
			expect(sim.records('contacts')).toHaveLength(before);
			// consumed: the retry goes through
			expect((await call(sim, 'POST', `${CRM}/contacts`, { body: { first_name: 'Tertahan' }, date })).status).toBe(201);
		});

		it('5xx: envelope error; the write happens only when processed:true', async () => {
			const before = sim.records('deals').length;
			sim.inject({ kind: '503', method: 'POST', pathPrefix: `${CRM}/deals` });
			const lost = await call(sim, 'POST', `${CRM}/deals`, { body: { name: 'Hilang' } });
			expect(lost.status).toBe(503);
			expect(lost.json.meta).toMatchObject({ status: 503, type: 'Service Unavailable' });
			expect(sim.records('deals')).toHaveLength(before);
			sim.inject({ kind: '500', method: 'POST', pathPrefix: '/deals', processed: true });
			const ghost = await call(sim, 'POST', `${CRM}/deals`, { body: { name: 'Tercatat' } });
			expect(ghost.status).toBe(500);
			expect(sim.records('deals').map((d) => d.name)).toContain('Tercatat');
		});

		it('matches method and path, and honours times', async () => {
			sim.inject({ kind: '502', method: 'GET', pathPrefix: '/deals', times: 2 });
			expect((await call(sim, 'GET', `${CRM}/contacts`)).status).toBe(200);
			expect((await call(sim, 'GET', `${CRM}/deals`)).status).toBe(502);
			expect((await call(sim, 'GET', `${CRM}/deals/3001`)).status).toBe(502);
			expect((await call(sim, 'GET', `${CRM}/deals`)).status).toBe(200);
		});

		it('does not spend faults on requests the gateway rejects', async () => {
			sim.inject({ kind: '500' });
			expect((await call(sim, 'GET', `${CRM}/deals`, { secret: 'wrong' })).status).toBe(401);
			expect((await call(sim, 'GET', `${CRM}/deals`)).status).toBe(500);
		});

		it('timeout: never answers, performs the write by default, and stop() still completes', async () => {
			sim.inject({ kind: 'timeout', method: 'POST' });
			const abort = new AbortController();
			const pending = call(sim, 'POST', `${CRM}/notes`, { body: { note: 'Terkirim?', crm_person_id: 1002 }, signal: abort.signal });
			// Checked once the simulator holds the request, not after a client-side timeout a slow machine could outlast.
			await until(() => sim.requests.length === 1);
			expect(sim.records('notes').map((n) => n.note)).toContain('Terkirim?');
			expect(sim.requests.at(-1)!.status).toBe(0);
			abort.abort();
			await expect(pending).rejects.toThrow();
		});

		it('malformed: 200 with an HTML body', async () => {
			sim.inject({ kind: 'malformed' });
			const res = await call(sim, 'GET', `${CRM}/deals`);
			expect(res.status).toBe(200);
			expect(res.headers['content-type']).toContain('text/html');
			expect(res.text).toBe('<html>upstream error');
		});

		it('reset: the socket is destroyed', async () => {
			sim.inject({ kind: 'reset' });
			await expect(call(sim, 'GET', `${CRM}/deals`)).rejects.toThrow();
			expect((await call(sim, 'GET', `${CRM}/deals`)).status).toBe(200);
		});

		it('latencyMs holds every answer for that long on the simulator’s clock', async () => {
			const time = new VirtualTime();
			sim.time = time;
			sim.options.latencyMs = 150;
			try {
				const res = await call(sim, 'GET', `${CRM}/pipelines`);
				expect(res.status).toBe(200);
				// The answer went out only when the clock had moved the 150 ms it was held for.
				expect(time.waits).toEqual([150]);
				expect(time.now() - time.started).toBe(150);
			} finally {
				time.dispose();
			}
		});
	});

	it('records every request, rejected ones included, and reset() restores the fixtures', async () => {
		await call(sim, 'POST', `${CRM}/contacts?source=uji`, { body: { first_name: 'Rekam' } });
		await call(sim, 'GET', `${CRM}/contacts`, { ssoId: null });
		expect(sim.requests.map((r) => [r.method, r.path, r.status])).toEqual([
			['POST', `${CRM}/contacts`, 201],
			['GET', `${CRM}/contacts`, 403],
		]);
		expect(sim.requests[0]).toMatchObject({ query: { source: 'uji' }, body: { first_name: 'Rekam' }, rawBody: '{"first_name":"Rekam"}' });
		expect(sim.requests[0].headers['x-crm-user-sso-id']).toBe(sim.options.ssoId);
		sim.reset();
		expect(sim.requests).toEqual([]);
		expect(sim.records('contacts')).toHaveLength(5);
	});
});

describe('QontakSimulator lifecycle', () => {
	it('stop() closes keep-alive sockets and held timeouts so nothing lingers', async () => {
		const sim = new QontakSimulator({ clientId: 'c1', clientSecret: 's1', ssoId: 'sso-1' });
		const baseUrl = await sim.start();
		expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		// node:http's global agent keeps sockets alive (Node 20), so this leaves one open.
		expect((await call(sim, 'GET', `${CRM}/pipelines`)).status).toBe(200);
		sim.inject({ kind: 'timeout' });
		const hanging = call(sim, 'GET', `${CRM}/pipelines`).then(
			() => new Error('answered'),
			(e: Error) => e,
		);
		await until(() => sim.requests.length === 2);
		// A socket left open would keep this from resolving (the test would time out).
		await sim.stop();
		// Errors from node internals fail toBeInstanceOf across jest's realm; check the message.
		expect((await hanging).message).toMatch(/socket hang up|ECONNRESET/);
		await sim.stop(); // idempotent
	});
});
