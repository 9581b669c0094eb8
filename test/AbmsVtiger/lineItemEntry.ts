import type { IDataObject } from 'n8n-workflow';

/** One entry of the ABMS vtiger node's Line Items collection, as the editor saves it; shared by the unit and e2e suites. */
export const lineItemEntry = (productid: string, quantity: number, listPrice: number, extra: IDataObject = {}): IDataObject => ({
	product: { __rl: true, mode: 'list', value: productid },
	quantity,
	listPrice,
	discountType: 'none',
	discount: 0,
	tax: '',
	taxPercent: 0,
	comment: '',
	...extra,
});
