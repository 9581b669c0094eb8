import { pinHashFor } from './netzmeVerifier';

/** One aggregator client's merchants and their money, as Netzme would hold them. */

export interface BankAccount {
	accountHolderName: string;
	bankAccountNumber: string;
	bankName: string;
	bankCode: string;
}

export interface Merchant {
	userId: string;
	phoneNo: string;
	merchantName: string;
	active: boolean;
	qrStatic: string;
	/** Whole rupiah. */
	totalBalance: number;
	/** What a withdrawal may take now. */
	settledBalance: number;
	depositBalance: number;
	pinHash?: string;
	bank: BankAccount;
	forgotPinAt?: number;
}

export interface QrisTransaction {
	transactionId: string;
	rrn: string;
	merchantId: string;
	amount: number;
	mdrAmount: number;
	issuerId: string;
	customerName: string;
	terminalId: string;
	status: 'SUCCESS' | 'PENDING';
	/** Epoch ms. */
	createdTs: number;
	/** Epoch ms; when a SUCCESS payment has none, it was paid as it was created (a static QRIS scan). */
	paidTs?: number;
}

export interface Invoice {
	id: string;
	trxId: string;
	merchant: string;
	amount: number;
	fee: number;
	paymentMethod: string;
	paymentMethods?: string[];
	partnerTransactionId?: string;
	terminalId: string;
	status: 'INIT' | 'SUCCESS' | 'CLOSED';
	createdTs: number;
	expiredTs: number;
	paidTs?: number;
	request: Record<string, unknown>;
	/** How often its status was asked for. */
	statusRequests?: number;
}

export interface Withdrawal {
	customerReffNum: string;
	kind: 'merchant' | 'deposit';
	userId: string;
	withdrawalAmount: number;
	bank: BankAccount;
	status: 'PENDING' | 'SUCCESS' | 'FAILED';
	createdTs: number;
}

export interface SplitFeeNotification {
	requestId: string;
	transactionId: string;
	merchantId: string;
	paidAmount: string;
	mdrFeeAmount: string;
	body: Record<string, unknown>;
	createdTs: number;
}

export interface DepositMovement {
	id: string;
	userId: string;
	type: 'TOPUP' | 'SPLIT_FEE' | 'WITHDRAW';
	amount: number;
	createdTs: number;
}

const jakarta = (iso: string) => Date.parse(`${iso}+07:00`);

export function seedMerchants(clientId: string): Merchant[] {
	return [
		{
			userId: 'M_czBSCDVY',
			phoneNo: '6281234567890',
			merchantName: 'Warung Kopi Sari',
			active: true,
			qrStatic: '00020101021126650013ID.CO.NETZME.WWW0118936008140000000001021401234567890303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605802ID5916WARUNG KOPI SARI6007JAKARTA61051234062070703A016304ABCD',
			totalBalance: 150000,
			settledBalance: 37995,
			depositBalance: 500000,
			pinHash: pinHashFor(clientId, 'M_czBSCDVY', '123456'),
			bank: { accountHolderName: 'SARI WULANDARI', bankAccountNumber: '1234567890', bankName: 'BCA', bankCode: '014' },
		},
		{
			userId: 'M_pXAFWzCg',
			phoneNo: '6285711112222',
			merchantName: 'Toko Roti Budi',
			active: true,
			qrStatic: '00020101021126650013ID.CO.NETZME.WWW011893600814000000000202BUDI',
			totalBalance: 20000,
			settledBalance: 10000,
			depositBalance: 1000,
			bank: { accountHolderName: 'BUDI SANTOSO', bankAccountNumber: '9876543210', bankName: 'Mandiri', bankCode: '008' },
		},
		{
			userId: 'M_INACTIVE1',
			phoneNo: '6281300000000',
			merchantName: 'Toko Tutup',
			active: false,
			qrStatic: '',
			totalBalance: 0,
			settledBalance: 0,
			depositBalance: 0,
			bank: { accountHolderName: 'TUTUP', bankAccountNumber: '1', bankName: 'BRI', bankCode: '002' },
		},
	];
}

export function seedQris(): QrisTransaction[] {
	return [
		{ transactionId: 'QRIS-0001', rrn: '240501000001', merchantId: 'M_czBSCDVY', amount: 25000, mdrAmount: 175, issuerId: 'ID.CO.BCA', customerName: 'ANDI', terminalId: 'A01', status: 'SUCCESS', createdTs: jakarta('2024-05-01T09:15:00') },
		{ transactionId: 'QRIS-0002', rrn: '240502000002', merchantId: 'M_czBSCDVY', amount: 12000, mdrAmount: 84, issuerId: 'ID.CO.GOPAY', customerName: 'BUDI', terminalId: 'A01', status: 'SUCCESS', createdTs: jakarta('2024-05-02T23:59:00') },
		{ transactionId: 'QRIS-0003', rrn: '240503000003', merchantId: 'M_czBSCDVY', amount: 8000, mdrAmount: 56, issuerId: 'ID.CO.OVO', customerName: 'CITRA', terminalId: 'A02', status: 'SUCCESS', createdTs: jakarta('2024-05-03T00:01:00') },
		{ transactionId: 'QRIS-0004', rrn: '240502000004', merchantId: 'M_pXAFWzCg', amount: 5000, mdrAmount: 35, issuerId: 'ID.CO.DANA', customerName: 'DEWI', terminalId: 'A01', status: 'SUCCESS', createdTs: jakarta('2024-05-02T10:00:00') },
	];
}

export function seedDepositMovements(): DepositMovement[] {
	return [
		{ id: 'DEP-0001', userId: 'M_czBSCDVY', type: 'TOPUP', amount: 500000, createdTs: jakarta('2024-05-01T08:00:00') },
		{ id: 'DEP-0002', userId: 'M_czBSCDVY', type: 'SPLIT_FEE', amount: -1500, createdTs: jakarta('2024-05-02T08:00:00') },
		{ id: 'DEP-0003', userId: 'M_czBSCDVY', type: 'SPLIT_FEE', amount: -2500, createdTs: jakarta('2024-05-02T09:00:00') },
	];
}

export class NetzmeState {
	merchants: Merchant[];
	qris: QrisTransaction[];
	invoices: Invoice[] = [];
	withdrawals: Withdrawal[] = [];
	splitFees: SplitFeeNotification[] = [];
	deposits: DepositMovement[];
	receipts: Array<{ receiptId: string; merchantId: string; body: Record<string, unknown> }> = [];
	private counter = 0;

	constructor(clientId: string) {
		this.merchants = seedMerchants(clientId);
		this.qris = seedQris();
		this.deposits = seedDepositMovements();
	}

	merchant(userId: unknown): Merchant | undefined {
		return this.merchants.find((merchant) => merchant.userId === userId);
	}

	nextId(prefix: string): string {
		this.counter++;
		return `${prefix}${String(this.counter).padStart(6, '0')}`;
	}
}

/** "IDR 37995.00", the way Netzme writes money in responses. */
export const idr = (amount: number) => `IDR ${amount.toFixed(2)}`;

/** YYYYMMDD of an instant in Jakarta. */
export function jakartaDay(ms: number): string {
	return new Date(ms + 7 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/** Netzme's ISO form with the Jakarta offset. */
export function jakartaIso(ms: number): string {
	return `${new Date(ms + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}
