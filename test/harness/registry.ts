import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';

import { MekariHmacApi } from '../../credentials/MekariHmacApi.credentials';
import { QontakCrm } from '../../nodes/QontakCrm/QontakCrm.node';

/** The package's node and credential types, as n8n would load them from package.json. */
export const PACKAGE = 'n8n-nodes-nusantara';

export const nodeClasses: Record<string, INodeType | IVersionedNodeType> = {
	qontakCrm: new QontakCrm(),
};

export const credentialClasses: Record<string, ICredentialType> = {
	mekariHmacApi: new MekariHmacApi(),
};
