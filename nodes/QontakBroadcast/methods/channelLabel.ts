import type { IDataObject } from 'n8n-workflow';

import { channelAccountName } from '../operations/integration';

const CHANNEL_NAMES: Record<string, string> = { wa: 'WhatsApp', wa_cloud: 'WhatsApp Cloud' };

/** How pickers name a channel integration: account, number and channel; no other setting (settings may hold secrets). */
export function channelLabel(row: IDataObject): string {
	const settings = (row.settings ?? {}) as IDataObject;
	const name = channelAccountName(settings) ?? row.webhook ?? row.id;
	const number = settings.phone_number ? ` ${String(settings.phone_number)}` : '';
	const inactive = row.is_active === false ? ' (inactive)' : '';
	return `${String(name)}${number} · ${CHANNEL_NAMES[String(row.target_channel)] ?? String(row.target_channel)}${inactive}`;
}
