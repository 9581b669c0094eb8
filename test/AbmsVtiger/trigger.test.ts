import type { IDataObject } from 'n8n-workflow';

import { runPoll } from '../harness/poll';
import { OTHER_USER } from '../../simulators/vtiger/VtigerSimulator';
import { moduleParam, vtigerFixture } from './setup';

describe('ABMS vtiger Trigger', () => {
	const vt = vtigerFixture();
	let staticData: IDataObject;
	beforeEach(() => (staticData = {}));

	const poll = async (parameters: IDataObject = {}, extra: { mode?: 'trigger' | 'manual'; pollBudgetMs?: number } = {}) => {
		const { items } = await runPoll({
			type: 'abmsVtigerTrigger',
			parameters: { module: moduleParam('Contacts'), ...parameters },
			credentials: vt.credentials,
			store: vt.store,
			staticData,
			...extra,
		});
		return items === null ? null : items[0].map((item) => item.json);
	};
	const names = (rows: IDataObject[] | null) => rows?.map((row) => row.lastname) ?? null;

	it('starts at the newest record on its first poll, so existing records do not flood in', async () => {
		expect(await poll()).toBeNull();
		expect(staticData).toEqual({ key: 'Contacts|modifiedtime|query', mark: vt.sim.record('12x104')!.values.modifiedtime, idsAtMark: ['12x102', '12x103', '12x104'] });
		expect(await poll()).toBeNull();
	});

	it('emits records created or changed since the last poll, each once', async () => {
		await poll();
		vt.sim.advance(1000);
		vt.sim.insert('Contacts', { lastname: 'Baru' });
		expect(names(await poll())).toEqual(['Baru']);
		expect(await poll()).toBeNull();

		vt.sim.advance(1000);
		const siti = vt.sim.record('12x102')!;
		siti.values.phone = '0812';
		vt.sim.store.touch(siti, '19x1');
		expect(await poll()).toEqual([expect.objectContaining({ id: '12x102', phone: '0812' })]);
		expect(await poll()).toBeNull();
	});

	it('catches a record written in the same second as the last one it emitted', async () => {
		await poll();
		vt.sim.advance(1000);
		vt.sim.insert('Contacts', { lastname: 'Pertama' });
		expect(names(await poll())).toEqual(['Pertama']);
		vt.sim.insert('Contacts', { lastname: 'Kedua' });
		expect(names(await poll())).toEqual(['Kedua']);
		expect(await poll()).toBeNull();
	});

	it('emits a mass update of one second whole, past the 100-row pages, without the hidden rows', async () => {
		vt.sim.seedContacts(250, { hiddenEvery: 10 });
		await poll();
		vt.sim.advance(1000);
		const now = vt.sim.now();
		for (const record of vt.sim.store.records.values()) {
			if (record.module.name === 'Contacts' && record.values.lastname.startsWith('Bulk ')) {
				record.values.leadsource = 'Trade Show';
				record.modifiedMs = now;
				record.values.modifiedtime = new Date(now).toISOString().slice(0, 19).replace('T', ' ');
			}
		}
		const rows = await poll();
		expect(rows).toHaveLength(225);
		expect(new Set(rows!.map((row) => row.id)).size).toBe(225);
		expect(await poll()).toBeNull();
	});

	it('leaves the rest for the next poll when its time budget runs out, losing nothing', async () => {
		await poll();
		for (let i = 1; i <= 250; i++) {
			vt.sim.advance(1000);
			vt.sim.insert('Contacts', { lastname: `Antri ${i}` });
		}
		// One page only: the 100 rows at or after the mark, less the 3 emitted before.
		const first = await poll({}, { pollBudgetMs: 0 });
		expect(first).toHaveLength(97);
		const rest = await poll();
		expect(rest).toHaveLength(153);
		expect([...names(first)!, ...names(rest)!]).toEqual(Array.from({ length: 250 }, (_, index) => `Antri ${index + 1}`));
	});

	it('on New Record ignores changes to existing records', async () => {
		await poll({ event: 'created' });
		vt.sim.advance(1000);
		const siti = vt.sim.record('12x102')!;
		vt.sim.store.touch(siti, '19x1');
		vt.sim.insert('Contacts', { lastname: 'Baru' });
		expect(names(await poll({ event: 'created' }))).toEqual(['Baru']);
		expect(vt.sim.requests.filter((request) => request.operation === 'query').at(-2)!.query.query).toMatch(/WHERE createdtime >= '/);
	});

	it('returns the newest record when tested in the editor, without moving the mark', async () => {
		await poll();
		const mark = { ...staticData };
		vt.sim.advance(1000);
		vt.sim.insert('Contacts', { lastname: 'Contoh' });
		expect(names(await poll({}, { mode: 'manual' }))).toEqual(['Contoh']);
		expect(staticData).toEqual(mark);
		expect(names(await poll())).toEqual(['Contoh']);
	});

	it('starts over when the module changes', async () => {
		await poll();
		expect(await poll({ module: moduleParam('Leads') })).toBeNull();
		expect(staticData.key).toBe('Leads|modifiedtime|query');
	});

	it('logs in again once when the stored session is gone, and keeps polling', async () => {
		await poll();
		vt.sim.forgetSessions();
		vt.sim.advance(1000);
		vt.sim.insert('Contacts', { lastname: 'Sesudah' });
		expect(names(await poll())).toEqual(['Sesudah']);
		expect(vt.sim.logins).toBe(2);
		expect(vt.store.persisted).toHaveLength(2);
	});

	it('explains a module name that cannot be one', async () => {
		await expect(poll({ module: moduleParam('Contacts Leads') })).rejects.toThrow("'Contacts Leads' is not a vtiger module name");
	});

	describe('with the sync source', () => {
		const sync = { source: 'sync', includeDeleted: true };

		it('reports owned records changed or deleted since the last poll', async () => {
			expect(await poll(sync)).toBeNull();
			expect(staticData).toEqual({ key: 'Contacts|modifiedtime|sync', syncMark: expect.any(Number) });
			vt.sim.advance(2000);
			const mine = vt.sim.insert('Contacts', { lastname: 'Punyaku' });
			vt.sim.insert('Contacts', { lastname: 'Punya Budi', assigned_user_id: OTHER_USER.id });
			vt.sim.store.remove(vt.sim.record('12x103')!);
			expect(await poll(sync)).toEqual([expect.objectContaining({ id: mine, lastname: 'Punyaku' }), { id: '12x103', deleted: true }]);
			expect(await poll(sync)).toBeNull();
		});

		it('turns vtiger’s PHP 8 sync crash into a clear error', async () => {
			await poll(sync);
			vt.sim.options.phpFatal = ['sync'];
			await expect(poll(sync)).rejects.toThrow(/ABMS vtiger sync \(module 'Contacts'\) got HTTP 200 with a body that is not a vtiger reply/);
		});
	});
});
