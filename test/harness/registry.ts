import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';

import { AppKeyApi } from '../../credentials/AppKeyApi.credentials';
import { MekariHmacApi } from '../../credentials/MekariHmacApi.credentials';
import { QontakCrm } from '../../nodes/QontakCrm/QontakCrm.node';
import { AppKeyProbe } from '../appKey/AppKeyProbe.node';

/** The package's node and credential types, as n8n would load them from package.json. */
export const PACKAGE = 'n8n-nodes-nusantara';

export const nodeClasses: Record<string, INodeType | IVersionedNodeType> = {
	qontakCrm: new QontakCrm(),
	appKeyProbe: new AppKeyProbe(), // test-only
};

export const credentialClasses: Record<string, ICredentialType> = {
	mekariHmacApi: new MekariHmacApi(),
	appKeyApi: new AppKeyApi(),
};
