import type { IDataObject } from 'n8n-workflow';

import { QontakCrm } from '../../nodes/QontakCrm/QontakCrm.node';
import { byId, crmCalls, runCrm, useQontak } from './setup';

const env = useQontak();

/** The node version new workflows get: phones are normalised unless the option says otherwise. */
const CURRENT = 1.1;

const write = (resource: string, operation: string, value: IDataObject, options?: IDataObject, extra: IDataObject = {}) => ({
	resource,
	operation,
	...extra,
	fields: { mappingMode: 'defineBelow', value },
	...(options ? { options } : {}),
});

const sentBody = (method: string) => env.sim.requests.find((request) => request.method === method)?.body as IDataObject | undefined;

describe('phone numbers reach the CRM as WhatsApp writes them (6281234567890)', () => {
	it('stores a contact phone typed as 0812-3456-7890 as 6281234567890', async () => {
		const { items, nodeError } = await runCrm(env, write('contact', 'create', { first_name: 'Siti', crm_phones: '0812-3456-7890' }), { typeVersion: CURRENT });
		expect(nodeError).toBeUndefined();
		expect(sentBody('POST')).toEqual({ first_name: 'Siti', telephone: '6281234567890' });
		expect(env.sim.records('contacts').find((contact) => contact.id === items[0].json.id)?.telephone).toBe('6281234567890');
	});

	it('stores a company landline typed as (021) 555-1234 as 62215551234', async () => {
		const { items, nodeError } = await runCrm(env, write('company', 'create', { name: 'PT Kopi', telephone: '(021) 555-1234' }), { typeVersion: CURRENT });
		expect(nodeError).toBeUndefined();
		expect(sentBody('POST')).toEqual({ name: 'PT Kopi', telephone: '62215551234' });
		expect(env.sim.records('companies').find((company) => company.id === items[0].json.id)?.telephone).toBe('62215551234');
	});

	it('normalises the phone of an update too, and keeps a number abroad with its country code', async () => {
		const { nodeError } = await runCrm(env, write('contact', 'update', { crm_phones: '+65 9123 4567' }, undefined, { recordId: byId(1001) }), { typeVersion: CURRENT });
		expect(nodeError).toBeUndefined();
		expect(sentBody('PUT')).toEqual({ telephone: '6591234567' });
	});

	it('sends phones as typed when Normalise Phone Numbers is off', async () => {
		const { nodeError } = await runCrm(env, write('contact', 'create', { first_name: 'Siti', crm_phones: '0812-3456-7890' }, { normalisePhones: false }), { typeVersion: CURRENT });
		expect(nodeError).toBeUndefined();
		expect(sentBody('POST')).toEqual({ first_name: 'Siti', telephone: '0812-3456-7890' });
	});

	it('leaves phones as typed in workflows saved before the option existed (node version 1), unless it is turned on', async () => {
		await runCrm(env, write('company', 'create', { name: 'PT Lama', telephone: '(021) 555-1234' }), { typeVersion: 1 });
		expect(sentBody('POST')).toEqual({ name: 'PT Lama', telephone: '(021) 555-1234' });

		env.sim.requests.length = 0;
		await runCrm(env, write('company', 'create', { name: 'PT Lama', telephone: '(021) 555-1234' }, { normalisePhones: true }), { typeVersion: 1 });
		expect(sentBody('POST')).toEqual({ name: 'PT Lama', telephone: '62215551234' });
	});

	it('gives an item with a phone that cannot be one an error naming the field, and lets the rest through', async () => {
		const input = [{ phone: '0812-3456-7890' }, { phone: '0812-34' }, { phone: 'tanya Budi' }, { phone: '0813 1111 0009' }];
		const { items, nodeError } = await runCrm(
			env,
			write('contact', 'create', { first_name: 'Kontak', crm_phones: '={{ $json.phone }}' }),
			{ input, continueOnFail: true, typeVersion: CURRENT },
		);
		expect(nodeError).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(items[1].json.error).toMatch(/^'crm_phones \(Nomor Telepon\)' is too short for an Indonesian mobile number/);
		expect(items[2].json.error).toMatch(/^'crm_phones \(Nomor Telepon\)' contains 't'/);
		expect(items[1].json.description).toContain('6281234567890');
		expect(crmCalls(env.sim).filter((call) => call === 'POST /contacts')).toHaveLength(2);
		expect(env.sim.records('contacts').filter((contact) => contact.first_name === 'Kontak').map((contact) => contact.telephone)).toEqual([
			'6281234567890',
			'6281311110009',
		]);
	});
});

describe('the Normalise Phone Numbers option in the editor', () => {
	it('sits in the Options of contact and company Create, Update and Create or Update only', () => {
		// Find and Find by Chat Room have Options of their own, without it.
		const options = new QontakCrm().description.properties.filter(
			(property) => property.name === 'options' && property.options?.some((option) => option.name === 'normalisePhones'),
		);
		const shownFor = options.flatMap((property) =>
			(property.displayOptions?.show?.resource as string[]).flatMap((resource) =>
				(property.displayOptions?.show?.operation as string[]).map((operation) => `${resource}:${operation}`),
			),
		);
		expect(shownFor.sort()).toEqual(['company:create', 'company:update', 'company:upsert', 'contact:create', 'contact:update', 'contact:upsert']);
		for (const property of options) {
			expect(property.options).toEqual([expect.objectContaining({ name: 'normalisePhones', type: 'boolean', default: true })]);
		}
	});
});
