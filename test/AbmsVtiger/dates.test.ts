import type { IDataObject } from 'n8n-workflow';

import { idParam, mapped, moduleParam, vtigerFixture } from './setup';

const vt = vtigerFixture();

// 00:30 and 06:59 WIB are still the previous day in UTC; 23:30 WIB is the same day in UTC.
const WIB_TIMES = ['00:30', '06:59', '23:30'];

/** The birthday of each contact vtiger stored, in input order. */
async function birthdays(birthday: string, input: IDataObject[], timezone?: string) {
	const run = await vt.run(
		{ resource: 'record', operation: 'create', module: moduleParam('Contacts'), fields: mapped({ lastname: 'Tanggal', birthday }) },
		input,
		{ timezone },
	);
	expect(run.nodeError).toBeUndefined();
	return run.items.map((item) => vt.sim.record(item.json.id as string)!.values.birthday);
}

describe('vtiger date fields get the day the user meant, not the UTC day', () => {
	it('keeps the date of a date-time written with the +07:00 offset', async () => {
		const input = WIB_TIMES.map((time) => ({ when: `2025-05-01T${time}:00+07:00` }));
		expect(await birthdays('={{ $json.when }}', input)).toEqual(['2025-05-01', '2025-05-01', '2025-05-01']);
	});

	it('takes a date-time without an offset as written in the workflow timezone (Asia/Jakarta)', async () => {
		const input = WIB_TIMES.map((time) => ({ when: `2025-05-01T${time}:00` }));
		expect(await birthdays('={{ $json.when }}', input, 'Asia/Jakarta')).toEqual(['2025-05-01', '2025-05-01', '2025-05-01']);
	});

	it('takes a JavaScript Date as its day in the workflow timezone (Asia/Jakarta)', async () => {
		const input = WIB_TIMES.map((time) => ({ when: `2025-05-01T${time}:00+07:00` }));
		expect(await birthdays('={{ new Date($json.when) }}', input, 'Asia/Jakarta')).toEqual(['2025-05-01', '2025-05-01', '2025-05-01']);
	});

	it('takes a Luxon DateTime from an expression as its own date in its own zone', async () => {
		const input = WIB_TIMES.map((time) => ({ when: `2025-05-01T${time}:00` }));
		expect(await birthdays("={{ DateTime.fromISO($json.when, { zone: 'Asia/Jakarta' }) }}", input)).toEqual(['2025-05-01', '2025-05-01', '2025-05-01']);
	});

	it('sends a bare date as it is', async () => {
		expect(await birthdays('2025-05-01', [{}], 'Asia/Jakarta')).toEqual(['2025-05-01']);
	});

	it("converts a lead's opportunity with the Expected Close Date the user meant", async () => {
		const closingDates: unknown[] = [];
		for (const closingDate of ['2025-06-30T00:30:00+07:00', '2025-06-30T06:59:00', "={{ new Date('2025-06-30T06:59:00+07:00') }}"]) {
			vt.reset();
			const run = await vt.run(
				{
					resource: 'lead',
					operation: 'convert',
					recordId: idParam('10x105'),
					createContact: false,
					createPotential: true,
					potentialName: 'Kopi supply 2025',
					closingDate,
					salesStage: 'Qualification',
					amount: 25000000,
				},
				[{}],
				{ timezone: 'Asia/Jakarta' },
			);
			expect(run.nodeError).toBeUndefined();
			const element = JSON.parse(vt.sim.requests.find((request) => request.operation === 'convertlead')!.form.element);
			closingDates.push(element.entities.Potentials.closingdate);
			expect(vt.sim.record(run.items[0].json.Potentials as string)!.values.closingdate).toBe('2025-06-30');
		}
		expect(closingDates).toEqual(['2025-06-30', '2025-06-30', '2025-06-30']);
	});
});
