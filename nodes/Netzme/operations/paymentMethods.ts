import type { INodePropertyOptions } from 'n8n-workflow';

/** How a payer may pay a Netzme invoice; split-fee notifications name the same methods. */
const PAYMENT_METHODS = ['QRIS', 'BANK_TRANSFER', 'NETZME', 'BCA', 'RETAIL_OUTLET', 'OVO', 'NETZME_SEAMLESS', 'DANA', 'CREDIT_CARD'];

export const paymentMethodOptions: INodePropertyOptions[] = PAYMENT_METHODS.map((method) => ({ name: method.replace(/_/g, ' '), value: method }));
