import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { secretsToMask } from '../../credentials/secretForms';
import { holdsLiteral, maskLiterals } from '../../credentials/secretMask';

/**
 * Output items never carry a secret of the node's credentials, also when a vendor echoes one
 * inside a valid answer (errors are masked by the request policy). The credentials are read once
 * per execution, after the items ran, so a token fetched by preAuthentication meanwhile is known.
 * Only the literal secrets are masked here: the policy's patterns could hit customer data.
 */
export async function withoutCredentialSecrets(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const secrets = new Set<string>();
	for (const type of Object.keys(context.getNode().credentials ?? {})) {
		try {
			for (const variant of secretsToMask(type, await context.getCredentials(type))) secrets.add(variant);
		} catch {
			// A credential the node does not use with its current settings (n8n keeps the other choice).
		}
	}
	if (secrets.size === 0) return items;
	const list = [...secrets].sort((a, b) => b.length - a.length);
	// Checked where maskLiterals masks, not in JSON text: 100 000 rows of Return All are not serialised for it.
	return items.map((item) => (holdsLiteral(item.json, list) ? { ...item, json: maskLiterals(item.json, list) } : item));
}
