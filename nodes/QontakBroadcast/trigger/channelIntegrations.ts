import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { channelLabel } from '../methods/channelLabel';
import { chatRequestAllItems } from '../transport';

/** A dropdown is no place for more; past this the IDs can still be given by expression. */
const MAX_INTEGRATIONS = 500;

/** The organisation's channel integrations, for the trigger's integration filter. */
export async function getChannelIntegrations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await chatRequestAllItems.call(this, { method: 'GET', path: '/integrations' }, { limit: MAX_INTEGRATIONS });
	return rows.map((row) => ({ name: channelLabel(row), value: String(row.id) }));
}
