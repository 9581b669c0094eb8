import type { Invoice, NetzmeState } from './netzmeState';
import { jakartaIso } from './netzmeState';

/** The invoice host: its own auth (Authorization: custom <token>, User-Agent: <clientId>;<merchantId>) and envelope. */

export const PAYMENT_METHODS = ['QRIS', 'BANK_TRANSFER', 'NETZME', 'BCA', 'RETAIL_OUTLET', 'OVO', 'NETZME_SEAMLESS', 'DANA', 'CREDIT_CARD'];

/** A 1×1 PNG, standing in for the QR image Netzme renders. */
export const QR_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

export interface InvoiceRequest {
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	clientId: string;
	invoiceToken: string;
	now: number;
	/** Whether results carry a QR image (Netzme sometimes answers an empty qrImage). */
	qrImage: boolean;
}

export interface InvoiceResult {
	status: number;
	body: Record<string, unknown>;
}

const envelope = (result: unknown, status: boolean, message: string | null, code: number) => ({ result, status, message, statistic: [], code });
const refuse = (message: string, code = 400): InvoiceResult => ({ status: 200, body: envelope(null, false, message, code) });

function one(value: string | string[] | undefined): string {
	return (Array.isArray(value) ? value[0] : value) ?? '';
}

export function routeInvoice(state: NetzmeState, request: InvoiceRequest): InvoiceResult {
	if (one(request.headers.authorization) !== `custom ${request.invoiceToken}`) {
		return { status: 401, body: envelope(null, false, 'Unauthorized', 401) };
	}
	const kind = { '/api/v1/invoice/createTransaction': 'single', '/api/v1/invoice/create/validated': 'validated', '/api/v1/invoice/create': 'link' }[request.path];
	if (!kind) return { status: 404, body: envelope(null, false, 'Not Found', 404) };
	const wrapper = request.body as { request?: Record<string, unknown> } | undefined;
	const fields = wrapper?.request;
	if (typeof fields !== 'object' || fields === null) return refuse('body must be {"request": {...}}');

	const merchant = state.merchant(fields.merchant);
	if (!merchant || !merchant.active) return refuse('invalid merchant');
	if (one(request.headers['user-agent']) !== `${request.clientId};${merchant.userId}`) {
		return { status: 401, body: envelope(null, false, 'User-Agent must be <clientId>;<merchantId>', 401) };
	}
	if (typeof fields.amount !== 'number' || !(fields.amount > 0)) return refuse('amount must be a number above 0');
	const terminalId = (fields.terminal_id as string | undefined) ?? 'A01';
	if (!/^[A-Z](0[1-9]|[1-9]\d)$/.test(terminalId)) return refuse('terminal_id must be A01-Z99');

	let paymentMethod = 'QRIS';
	let paymentMethods: string[] | undefined;
	if (kind === 'link') {
		paymentMethods = fields.payment_methods as string[];
		if (!Array.isArray(paymentMethods) || paymentMethods.length === 0 || paymentMethods.some((method) => !PAYMENT_METHODS.includes(method))) {
			return refuse('payment_methods must list known methods');
		}
		paymentMethod = paymentMethods[0];
	} else {
		paymentMethod = (fields.payment_method as string | undefined) ?? 'QRIS';
		if (!PAYMENT_METHODS.includes(paymentMethod)) return refuse(`unknown payment_method ${paymentMethod}`);
	}
	const partnerId = fields.partner_transaction_id as string | undefined;
	if (kind === 'validated') {
		if (typeof partnerId !== 'string' || partnerId === '') return refuse('partner_transaction_id is required');
		if (state.invoices.some((invoice) => invoice.partnerTransactionId === partnerId)) {
			return refuse('partner_transaction_id already exists', 409);
		}
	}

	const seconds = typeof fields.expire_in_second === 'number' ? fields.expire_in_second : 3600;
	const invoice: Invoice = {
		id: state.nextId('NETZ-INV-'),
		trxId: state.nextId('TRX'),
		merchant: merchant.userId,
		amount: fields.amount,
		fee: Math.round(fields.amount * 0.007),
		paymentMethod,
		paymentMethods,
		partnerTransactionId: partnerId,
		terminalId,
		status: 'INIT',
		createdTs: request.now,
		expiredTs: request.now + seconds * 1000,
		request: fields,
	};
	state.invoices.push(invoice);
	const qris = paymentMethod === 'QRIS';
	return {
		status: 200,
		body: envelope(
			{
				id: invoice.id,
				trxId: invoice.trxId,
				paymentMethod,
				expiredTs: jakartaIso(invoice.expiredTs),
				paymentUrl: `https://pay-stg.netzme.id/invoice/${invoice.id}`,
				qrImage: qris && request.qrImage ? `data:image/png;base64,${QR_PNG_BASE64}` : '',
				virtualAccountData: [],
				terminalId,
				nmid: qris ? 'ID1020000000001' : null,
			},
			true,
			null,
			200,
		),
	};
}
