import { byId, crmCalls, runCrm, useQontak } from './setup';

const env = useQontak();

const createContact = (value: Record<string, unknown>) => ({
	resource: 'contact',
	operation: 'create',
	fields: { mappingMode: 'defineBelow', value },
});

describe('Create and Update through the field template', () => {
	it('sends built-in fields top-level and custom fields as additional_fields with their template ids', async () => {
		const { items, nodeError } = await runCrm(
			env,
			createContact({
				first_name: 'Siti',
				crm_phones: '081234567890',
				crm_status_id: 'Prospek',
				segmen: 'Korporasi',
				minat_produk: 'Kopi Arabika, 90033',
				skor: '87',
				tanggal_kunjungan: '15-12-2026',
			}),
		);
		expect(nodeError).toBeUndefined();
		const sent = env.sim.requests.find((request) => request.method === 'POST')!.body as Record<string, unknown>;
		expect(sent).toEqual({
			first_name: 'Siti',
			telephone: '081234567890',
			crm_status_id: '202',
			additional_fields: [
				{ id: 9002, name: 'segmen', value: '90022' },
				{ id: 9003, name: 'minat_produk', value: '90031,90033' },
				{ id: 9004, name: 'skor', value: 87 },
				{ id: 9005, name: 'tanggal_kunjungan', value: '2026-12-15' },
			],
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ first_name: 'Siti' });
		const stored = env.sim.records('contacts').find((contact) => contact.first_name === 'Siti')!;
		expect(stored.additional_fields).toEqual(
			expect.arrayContaining([expect.objectContaining({ id: 9002, value_name: 'Korporasi' })]),
		);
	});

	it('maps input fields automatically when the mapping mode is auto-map', async () => {
		const { nodeError } = await runCrm(
			env,
			{ resource: 'contact', operation: 'create', fields: { mappingMode: 'autoMapInputData', value: null } },
			{ input: [{ first_name: 'Rudi', email: 'rudi@toko.example', not_a_field: 'ignored' }] },
		);
		expect(nodeError).toBeUndefined();
		expect(env.sim.requests.find((request) => request.method === 'POST')!.body).toEqual({
			first_name: 'Rudi',
			email: 'rudi@toko.example',
		});
	});

	it('fetches the template once per execution, not once per item', async () => {
		const input = Array.from({ length: 6 }, (_, index) => ({ name: `Kontak ${index}` }));
		await runCrm(env, createContact({ first_name: '={{ $json.name }}' }), { input });
		expect(crmCalls(env.sim).filter((call) => call === 'GET /contacts/info')).toHaveLength(1);
		expect(crmCalls(env.sim).filter((call) => call === 'POST /contacts')).toHaveLength(6);
	});

	it('updates only the fields given', async () => {
		const { nodeError } = await runCrm(env, {
			resource: 'contact',
			operation: 'update',
			recordId: byId(1001),
			fields: { mappingMode: 'defineBelow', value: { job_title: 'Direktur' } },
		});
		expect(nodeError).toBeUndefined();
		expect(env.sim.requests.find((request) => request.method === 'PUT')!.body).toEqual({ job_title: 'Direktur' });
	});

	it('requires a deal field that only the chosen pipeline makes mandatory', async () => {
		const deal = (pipeline: string, stage: string) => ({
			resource: 'deal',
			operation: 'create',
			fields: { mappingMode: 'defineBelow', value: { name: 'Tender Kopi', crm_pipeline_id: pipeline, crm_stage_id: stage } },
		});
		const { nodeError } = await runCrm(env, deal('32', '321'));
		expect(nodeError?.message).toContain('nomor_kontrak');
		expect(crmCalls(env.sim)).not.toContain('POST /deals');

		const { nodeError: okError } = await runCrm(env, deal('31', '311'));
		expect(okError).toBeUndefined();
	});
});

describe('bad input is caught per item before any request', () => {
	it('gives each bad item an error naming the field and lets the rest of the batch through', async () => {
		const input = [
			{ first_name: 'Baik Satu', skor: '10', tanggal: '2026-01-05' },
			{ first_name: 'Skor Salah', skor: 'tinggi', tanggal: '2026-01-05' },
			{ first_name: 'Tanggal Salah', skor: '10', tanggal: '31-02-2026' },
			{ first_name: '', skor: '10', tanggal: '2026-01-05' },
			{ first_name: 'Baik Dua', skor: '20', tanggal: '2026-01-06' },
		];
		const { items, nodeError } = await runCrm(
			env,
			createContact({ first_name: '={{ $json.first_name }}', skor: '={{ $json.skor }}', tanggal_kunjungan: '={{ $json.tanggal }}' }),
			{ input, continueOnFail: true },
		);
		expect(nodeError).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(items[0].json.first_name).toBe('Baik Satu');
		expect(items[1].json.error).toMatch(/skor.*not a number/);
		expect(items[2].json.error).toMatch(/tanggal_kunjungan.*not a date/);
		expect(items[3].json.error).toMatch(/Required contact field missing: first_name/);
		expect(items[4].json.first_name).toBe('Baik Dua');
		expect(crmCalls(env.sim).filter((call) => call === 'POST /contacts')).toHaveLength(2);
	});

	it('names an unknown custom field and lists the known ones', async () => {
		const { nodeError } = await runCrm(env, createContact({ first_name: 'Ani', golongan_darah: 'O' }));
		expect(nodeError?.message).toBe("Unknown contact field 'golongan_darah'");
		expect((nodeError as { description?: string }).description).toContain('nomor_ktp, segmen');
		expect(crmCalls(env.sim)).not.toContain('POST /contacts');
	});

	it('names a dropdown value that is not an option, with the choices', async () => {
		const { nodeError } = await runCrm(env, createContact({ first_name: 'Ani', segmen: 'Ritel' }));
		expect(nodeError?.message).toContain("has no option 'Ritel'");
		expect((nodeError as { description?: string }).description).toContain('UMKM (90021)');
	});

	it('rejects malformed JSON with the parser’s reason', async () => {
		const { nodeError } = await runCrm(env, { resource: 'deal', operation: 'autoAssign', jsonBody: '{"id": 3001,' });
		expect(nodeError?.message).toBe("'Body (JSON)' is not valid JSON");
		expect(crmCalls(env.sim)).toEqual([]);
	});

	it('explains the id form when a mapped record id is not a number', async () => {
		// A typed id is checked by the editor's regex; a mapped one only at run time.
		const { nodeError } = await runCrm(
			env,
			{ resource: 'contact', operation: 'get', recordId: byId('={{ $json.id }}') },
			{ input: [{ id: 'budi' }] },
		);
		expect(nodeError?.message).toContain("needs a Qontak ID, got 'budi'");
		expect(crmCalls(env.sim)).toEqual([]);
	});

	it('rejects a non-numeric id in an id list filter', async () => {
		const { nodeError } = await runCrm(env, {
			resource: 'deal',
			operation: 'getAll',
			returnAll: true,
			filters: { contact_ids: '1001, abc' },
		});
		expect(nodeError?.message).toContain("'abc', which is not a Qontak ID");
	});
});
