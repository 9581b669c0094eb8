import { DEMO } from '../../scripts/sandbox/demoData';
import { Vendors } from '../../scripts/sandbox/vendorSet';

/** The sandbox data example 11 starts from (a vtiger Sales Order with lines) is in place without any request. */

describe("the sandbox's vtiger Sales Order for example 11", () => {
	const vendors = new Vendors();

	it('is an approved order of PT Maju Jaya for Bambang Hartono (his WhatsApp number as mobile), with two lines and a grand total of 1,120,000', () => {
		const order = vendors.vtiger.record(DEMO.vtiger.salesOrderId)!;
		expect(order.module.name).toBe('SalesOrder');
		expect(order.values).toMatchObject({ sostatus: 'Approved', account_id: '11x100', contact_id: DEMO.vtiger.salesOrderContactId, salesorder_no: 'SO1' });
		expect(Number(order.values.hdnGrandTotal)).toBe(1_120_000);
		expect(vendors.vtiger.lineItems(DEMO.vtiger.salesOrderId).map((line) => [line.productid, line.quantity, line.listprice])).toEqual([
			['14x90', 2, 185000],
			['25x92', 1, 750000],
		]);
		expect(vendors.vtiger.record(DEMO.vtiger.salesOrderContactId)!.values).toMatchObject({ firstname: 'Bambang', lastname: 'Hartono', mobile: '0813-1111-0002' });
	});
});
