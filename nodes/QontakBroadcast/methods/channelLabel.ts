import type { IDataObject } from 'n8n-workflow';

import { channelAccountName, TARGET_CHANNELS } from '../operations/integration';

const CHANNEL_NAMES: Record<string, string> = { wa: 'WhatsApp', wa_cloud: 'WhatsApp Cloud' };

/** How pickers name a channel integration: account, number and channel; no other setting (settings may hold secrets). */
export function channelLabel(row: IDataObject): string {
	const settings = (row.settings ?? {}) as IDataObject;
	const name = channelAccountName(settings) ?? row.webhook ?? row.id;
	const number = settings.phone_number ? ` ${String(settings.phone_number)}` : '';
	const inactive = row.is_active === false ? ' (inactive)' : '';
	const channel = String(row.target_channel);
	const channelName = CHANNEL_NAMES[channel] ?? TARGET_CHANNELS.find((entry) => entry.value === channel)?.name ?? channel;
	return `${String(name)}${number} · ${channelName}${inactive}`;
}
