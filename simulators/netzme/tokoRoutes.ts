import type { Merchant, NetzmeState, Withdrawal } from './netzmeState';
import { idr, jakartaDay, jakartaIso } from './netzmeState';

/**
 * The Toko API's routes over the in-memory state, answering Netzme's envelope (the endpoint pages of
 * https://apidocs.netzme.id/api-reference/toko-netzme/, e.g. …/withdraw, …/create-pin).
 */

export interface TokoRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	/** Parsed request envelope for POST: {requestId, type, body}. */
	envelope?: { requestId?: unknown; type?: unknown; body?: Record<string, unknown> };
	clientId: string;
	now: number;
	forgotPinThrottleMs: number;
	depositPaging: { size: number; count: boolean };
	/** An INIT invoice is paid as its status is asked for this many times (0: never). */
	invoicePaidAfterStatusRequests: number;
	/** Rows per page of the QRIS transaction list. */
	transactionPageSize: number;
}

export interface RouteResult {
	status: number;
	body: Record<string, unknown>;
}

interface Route {
	method: 'GET' | 'POST';
	pattern: RegExp;
	/** The envelope type a POST must carry. */
	type?: string;
	/** Netzme answers some endpoints with status as a string ("100"), others as a number. */
	stringStatus?: boolean;
	handle: (state: NetzmeState, request: TokoRequest, params: string[]) => Outcome;
}

type Outcome = { ok: Record<string, unknown> } | { fail: number; message: string; body?: Record<string, unknown> };

const ok = (body: Record<string, unknown>): Outcome => ({ ok: body });
const fail = (code: number, message: string, body?: Record<string, unknown>): Outcome => ({ fail: code, message, body });

const MESSAGES: Record<number, string> = {
	201: 'not_allow_retry',
	202: 'existing_pin_not_found',
	203: 'generic_error',
	301: 'transaction_already_exist',
	302: 'invalid_merchant',
	303: 'not_enough_balance',
	404: 'merchant_not_found',
};

function validDay(value: string | undefined): boolean {
	if (!value || !/^\d{8}$/.test(value)) return false;
	const [y, m, d] = [value.slice(0, 4), value.slice(4, 6), value.slice(6, 8)].map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function dateRange(query: Record<string, string>): Outcome | { from: string; to: string } {
	const { startdate, enddate } = query;
	if (!validDay(startdate) || !validDay(enddate)) return fail(203, 'startdate and enddate must be yyyyMMdd');
	if (startdate > enddate) return fail(203, 'startdate is after enddate');
	return { from: startdate, to: enddate };
}

function activeMerchant(state: NetzmeState, userId: unknown, code = 302): Merchant | Outcome {
	const merchant = state.merchant(userId);
	if (!merchant || !merchant.active) return fail(code, code === 404 ? 'merchant not found or inactive' : 'invalid merchant');
	return merchant;
}

const isOutcome = (value: unknown): value is Outcome => typeof value === 'object' && value !== null && ('ok' in value || 'fail' in value);

function submitWithdrawal(state: NetzmeState, request: TokoRequest, kind: Withdrawal['kind']): Outcome {
	const body = request.envelope?.body ?? {};
	const merchant = activeMerchant(state, body.userId);
	if (isOutcome(merchant)) return merchant;
	if (!merchant.pinHash) return fail(202, 'pin not found');
	if (typeof body.pin !== 'string' || body.pin !== merchant.pinHash) return fail(203, 'invalid pin');
	const available = kind === 'merchant' ? merchant.settledBalance : merchant.depositBalance;
	if (!Number.isInteger(body.withdrawalAmount)) return fail(203, 'withdrawalAmount must be an integer');
	if (body.withdrawalAmount !== available) return fail(203, `withdrawalAmount must equal the inquiry amount ${available}`);
	for (const [field, value] of Object.entries(merchant.bank)) {
		if (body[field] !== value) return fail(203, `${field} does not match the account on file`);
	}
	if (available <= 0) return fail(303, 'nothing to withdraw');
	const withdrawal: Withdrawal = {
		customerReffNum: state.nextId(kind === 'merchant' ? 'WD' : 'DWD'),
		kind,
		userId: merchant.userId,
		withdrawalAmount: available,
		bank: { ...merchant.bank },
		status: 'PENDING',
		createdTs: request.now,
	};
	state.withdrawals.push(withdrawal);
	if (kind === 'merchant') {
		merchant.settledBalance = 0;
		merchant.totalBalance -= available;
	} else {
		merchant.depositBalance = 0;
		state.deposits.push({ id: state.nextId('DEP-'), userId: merchant.userId, type: 'WITHDRAW', amount: -available, createdTs: request.now });
	}
	return ok({ customerReffNum: withdrawal.customerReffNum, userId: merchant.userId, withdrawalAmount: idr(available), ...merchant.bank });
}

function inquiry(merchant: Merchant, available: number) {
	return ok({ userId: merchant.userId, withdrawalAmount: idr(available), ...merchant.bank, amountAllowed: available > 0 });
}

const ROUTES: Route[] = [
	{
		method: 'GET',
		pattern: /^\/api\/aggregator\/merchant\/qr\/merchant_detail$/,
		handle(state, request) {
			const phone = request.query.phoneNo ?? '';
			if (!/^62\d{8,13}$/.test(phone)) return fail(404, 'merchant not found');
			const merchant = state.merchants.find((candidate) => candidate.phoneNo === phone && candidate.active);
			if (!merchant) return fail(404, 'merchant not found or inactive');
			return ok({ userId: merchant.userId, aggregatorId: request.clientId, phoneNo: merchant.phoneNo, merchantName: merchant.merchantName, qrStatic: merchant.qrStatic });
		},
	},
	{
		method: 'GET',
		pattern: /^\/api\/aggregator\/merchant\/qr\/balance\/detail$/,
		handle(state, request) {
			const merchant = activeMerchant(state, request.query.userId, 404);
			if (isOutcome(merchant)) return merchant;
			return ok({ userId: merchant.userId, totalBalance: idr(merchant.totalBalance), settledBalance: idr(merchant.settledBalance) });
		},
	},
	{
		method: 'GET',
		pattern: /^\/api\/aggregator\/merchant\/qr\/transaction\/list$/,
		handle(state, request) {
			const merchant = activeMerchant(state, request.query.userId, 404);
			if (isOutcome(merchant)) return merchant;
			const range = dateRange(request.query);
			if (isOutcome(range)) return range;
			// Pages as the deposit list does (page from 1, totalPage); without a page, the first.
			const page = Number(request.query.page ?? '1');
			if (!Number.isInteger(page) || page < 1) return fail(203, 'page must be 1 or more');
			const rows = state.qris
				.filter((trx) => trx.merchantId === merchant.userId)
				.filter((trx) => jakartaDay(trx.createdTs) >= range.from && jakartaDay(trx.createdTs) <= range.to);
			const size = request.transactionPageSize;
			const slice = rows.slice((page - 1) * size, page * size).map((trx) => ({
				transactionId: trx.transactionId,
				invoiceId: null,
				rrn: trx.rrn,
				amount: idr(trx.amount),
				status: trx.status,
				type: 'pay_qris',
				createdTs: jakartaIso(trx.createdTs),
				paidTs: trx.status === 'SUCCESS' ? jakartaIso(trx.paidTs ?? trx.createdTs) : null,
			}));
			return ok({ transactions: slice, page, totalPage: Math.max(1, Math.ceil(rows.length / size)) });
		},
	},
	{
		method: 'GET',
		pattern: /^\/api\/aggregator\/merchant\/invoice\/transaction\/([^/]+)$/,
		handle(state, request, [trxId]) {
			const invoice = state.invoices.find((candidate) => candidate.trxId === trxId);
			if (!invoice) return fail(404, 'transaction not found');
			invoice.statusRequests = (invoice.statusRequests ?? 0) + 1;
			if (invoice.status === 'INIT') {
				const paidNow = request.invoicePaidAfterStatusRequests > 0 && invoice.statusRequests >= request.invoicePaidAfterStatusRequests;
				if (paidNow && request.now < invoice.expiredTs) {
					invoice.status = 'SUCCESS';
					invoice.paidTs = request.now;
				} else if (request.now >= invoice.expiredTs) {
					// An invoice nobody paid in time can no longer be paid: Netzme reports it CLOSED.
					invoice.status = 'CLOSED';
				}
			}
			return ok({
				trxId: invoice.trxId,
				invoiceId: invoice.id,
				merchant: invoice.merchant,
				status: invoice.status,
				amount: idr(invoice.amount),
				fee: idr(invoice.fee),
				paidTs: invoice.paidTs ? jakartaIso(invoice.paidTs) : null,
				expiredTs: jakartaIso(invoice.expiredTs),
				paymentUrl: `https://pay-stg.netzme.id/invoice/${invoice.id}`,
			});
		},
	},
	{
		method: 'GET',
		pattern: /^\/api\/aggregator\/merchant\/qris\/acquire\/transaction\/([^/]+)$/,
		handle(state, _request, [rrn]) {
			const trx = state.qris.find((candidate) => candidate.rrn === rrn);
			if (!trx) return fail(404, 'transaction not found');
			return ok({
				rrn: trx.rrn,
				transactionId: trx.transactionId,
				merchantId: trx.merchantId,
				amount: idr(trx.amount),
				mdrAmount: idr(trx.mdrAmount),
				issuerId: trx.issuerId,
				customerName: trx.customerName,
				status: trx.status,
				terminalId: trx.terminalId,
			});
		},
	},
	{
		method: 'POST',
		pattern: /^\/api\/aggregator\/merchant\/pin\/create_pin$/,
		type: 'create_pin',
		stringStatus: true,
		handle(state, request) {
			const body = request.envelope?.body ?? {};
			const merchant = activeMerchant(state, body.username);
			if (isOutcome(merchant)) return merchant;
			if (typeof body.pin !== 'string' || !/^[0-9a-f]{64}$/.test(body.pin)) {
				return fail(203, 'pin must be the hashed pin', { errorCode: 'invalid_pin_format', errorMessage: 'pin must be a 64-char lower-case hex hash' });
			}
			if (merchant.pinHash) {
				return fail(203, 'pin already exists', { errorCode: 'pin_already_exist', errorMessage: 'merchant already has a pin; use forgot pin' });
			}
			merchant.pinHash = body.pin;
			return ok({});
		},
	},
	{
		method: 'POST',
		pattern: /^\/api\/aggregator\/merchant\/pin\/forgot_pin$/,
		type: 'forgot_pin',
		stringStatus: true,
		handle(state, request) {
			const body = request.envelope?.body ?? {};
			const merchant = activeMerchant(state, body.username);
			if (isOutcome(merchant)) return merchant;
			if (!merchant.pinHash) return fail(202, 'existing_pin_not_found');
			const since = merchant.forgotPinAt === undefined ? Infinity : request.now - merchant.forgotPinAt;
			if (since < request.forgotPinThrottleMs) {
				return fail(201, 'not_allow_retry', { timeLeftInMillis: request.forgotPinThrottleMs - since });
			}
			merchant.forgotPinAt = request.now;
			return ok({});
		},
	},
	{
		method: 'POST',
		pattern: /^\/api\/aggregator\/merchant\/qr\/withdraw\/inquiry$/,
		type: 'withdraw_inquiry',
		stringStatus: true,
		handle(state, request) {
			const merchant = activeMerchant(state, request.envelope?.body?.userId);
			if (isOutcome(merchant)) return merchant;
			return inquiry(merchant, merchant.settledBalance);
		},
	},
	{
		method: 'POST',
		pattern: /^\/api\/aggregator\/merchant\/qr\/withdraw$/,
		type: 'submit_withdraw',
		stringStatus: true,
		handle: (state, request) => submitWithdrawal(state, request, 'merchant'),
	},
	{
		method: 'GET',
		pattern: /^\/api\/aggregator\/merchant\/institution\/balance\/([^/]+)$/,
		handle(state, _request, [userId]) {
			const merchant = activeMerchant(state, userId);
			if (isOutcome(merchant)) return merchant;
			return ok({ userId: merchant.userId, totalBalance: idr(merchant.depositBalance) });
		},
	},
	{
		method: 'GET',
		pattern: /^\/api\/aggregator\/merchant\/deposit\/transaction\/list$/,
		handle(state, request) {
			const merchant = activeMerchant(state, request.query.userId);
			if (isOutcome(merchant)) return merchant;
			const range = dateRange(request.query);
			if (isOutcome(range)) return range;
			const page = Number(request.query.page ?? '1');
			if (!Number.isInteger(page) || page < 1) return fail(203, 'page must be 1 or more');
			const rows = state.deposits
				.filter((movement) => movement.userId === merchant.userId)
				.filter((movement) => jakartaDay(movement.createdTs) >= range.from && jakartaDay(movement.createdTs) <= range.to);
			const { size, count } = request.depositPaging;
			const slice = rows.slice((page - 1) * size, page * size).map((movement) => ({
				id: movement.id,
				type: movement.type,
				amount: idr(movement.amount),
				createdTs: jakartaIso(movement.createdTs),
			}));
			return ok(count ? { transactions: slice, page, totalPage: Math.max(1, Math.ceil(rows.length / size)) } : { transactions: slice });
		},
	},
	{
		method: 'GET',
		pattern: /^\/api\/aggregator\/merchant\/deposit\/withdraw\/inquiry$/,
		handle(state, request) {
			const merchant = activeMerchant(state, request.query.userId);
			if (isOutcome(merchant)) return merchant;
			return inquiry(merchant, merchant.depositBalance);
		},
	},
	{
		method: 'POST',
		pattern: /^\/api\/aggregator\/merchant\/deposit\/withdraw$/,
		type: 'submit_withdraw',
		handle: (state, request) => submitWithdrawal(state, request, 'deposit'),
	},
	{
		method: 'GET',
		pattern: /^\/api\/aggregator\/merchant\/withdraw\/deposit\/([^/]+)$/,
		handle(state, _request, [trxId]) {
			const withdrawal = state.withdrawals.find((candidate) => candidate.customerReffNum === trxId && candidate.kind === 'deposit');
			if (!withdrawal) return fail(404, 'withdrawal not found');
			return ok({
				customerReffNum: withdrawal.customerReffNum,
				userId: withdrawal.userId,
				withdrawalAmount: idr(withdrawal.withdrawalAmount),
				status: withdrawal.status,
				createdTs: jakartaIso(withdrawal.createdTs),
				...withdrawal.bank,
			});
		},
	},
	{
		method: 'POST',
		pattern: /^\/api\/aggregator\/merchant\/payment\/notif$/,
		type: 'payment_notification_to_split_fee',
		handle(state, request) {
			const body = request.envelope?.body ?? {};
			const merchant = activeMerchant(state, body.merchantId);
			if (isOutcome(merchant)) return merchant;
			if (typeof body.transactionId !== 'string' || body.transactionId === '') return fail(203, 'transactionId is required');
			if (state.splitFees.some((notification) => notification.transactionId === body.transactionId)) {
				return fail(301, 'transaction_already_exist');
			}
			for (const field of ['paidAmount', 'mdrFeeAmount']) {
				if (typeof body[field] !== 'string' || !/^IDR \d+\.\d{2}$/.test(body[field] as string)) return fail(203, `${field} must look like "IDR 200000.00"`);
			}
			if (body.paymentStatus !== 'paid') return fail(203, 'paymentStatus must be paid');
			const fee = Number((body.mdrFeeAmount as string).slice(4));
			if (fee > merchant.depositBalance) return fail(303, 'not_enough_balance');
			merchant.depositBalance -= fee;
			state.deposits.push({ id: state.nextId('DEP-'), userId: merchant.userId, type: 'SPLIT_FEE', amount: -fee, createdTs: request.now });
			state.splitFees.push({
				requestId: String(request.envelope?.requestId),
				transactionId: body.transactionId,
				merchantId: merchant.userId,
				paidAmount: body.paidAmount as string,
				mdrFeeAmount: body.mdrFeeAmount as string,
				body,
				createdTs: request.now,
			});
			return ok({ transactionId: body.transactionId });
		},
	},
	{
		method: 'GET',
		pattern: /^\/public\/api\/v1\/payment\/notif\/trx$/,
		handle(state, request) {
			if (request.query.type !== 'requestId') return fail(203, 'type must be requestId');
			const notification = state.splitFees.find((candidate) => candidate.requestId === request.query.request_id);
			if (!notification) return fail(404, 'transaction not found');
			return ok({
				requestId: notification.requestId,
				transactionId: notification.transactionId,
				merchantId: notification.merchantId,
				paidAmount: notification.paidAmount,
				mdrFeeAmount: notification.mdrFeeAmount,
				paymentStatus: 'paid',
				createdTs: jakartaIso(notification.createdTs),
			});
		},
	},
	{
		method: 'POST',
		pattern: /^\/public\/api\/v1\/createReceipt\/([^/]+)$/,
		type: 'create_e-receipt',
		handle(state, request, [merchantId]) {
			const merchant = activeMerchant(state, merchantId);
			if (isOutcome(merchant)) return merchant;
			const receiptId = state.nextId('RCPT-');
			state.receipts.push({ receiptId, merchantId: merchant.userId, body: request.envelope?.body ?? {} });
			return ok({ receiptId, merchantId: merchant.userId });
		},
	},
];

export function routeToko(state: NetzmeState, request: TokoRequest): RouteResult {
	for (const route of ROUTES) {
		const match = route.pattern.exec(request.path);
		if (!match) continue;
		if (route.method !== request.method) return { status: 405, body: { message: 'Method Not Allowed' } };
		const requestId = request.envelope?.requestId;
		const type = route.type ?? (request.envelope?.type as string | undefined) ?? null;
		if (route.method === 'POST') {
			const envelope = request.envelope;
			if (!envelope || typeof envelope.requestId !== 'string' || envelope.requestId === '') {
				return { status: 400, body: { status: 400, statusMessage: 'requestId is required' } };
			}
			if (envelope.type !== route.type) {
				return { status: 200, body: { requestId, type: envelope.type, status: 203, statusMessage: `type must be ${route.type}`, body: {} } };
			}
			if (typeof envelope.body !== 'object' || envelope.body === null) {
				return { status: 200, body: { requestId, type, status: 203, statusMessage: 'body must be an object', body: {} } };
			}
		}
		const outcome = route.handle(state, request, match.slice(1).map(decodeURIComponent));
		const ts = jakartaIso(request.now);
		if ('ok' in outcome) {
			return { status: 200, body: { requestId: requestId ?? null, type, status: route.stringStatus ? '100' : 100, statusMessage: 'success', body: outcome.ok, ts } };
		}
		const failure = outcome.body
			? { ...outcome.body, ...(outcome.body.errorCode ? {} : { errorCode: MESSAGES[outcome.fail], errorMessage: outcome.message }) }
			: { errorCode: MESSAGES[outcome.fail], errorMessage: outcome.message };
		return {
			status: 200,
			body: {
				requestId: requestId ?? null,
				type,
				status: route.stringStatus ? String(outcome.fail) : outcome.fail,
				statusMessage: 'failed',
				body: failure,
				ts,
			},
		};
	}
	return { status: 404, body: { message: `No route for ${request.method} ${request.path}` } };
}
