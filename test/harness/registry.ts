import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';

import { AbmsVtigerApi } from '../../credentials/AbmsVtigerApi.credentials';
import { AppKeyApi } from '../../credentials/AppKeyApi.credentials';
import { MekariHmacApi } from '../../credentials/MekariHmacApi.credentials';
import { NetzmeApi } from '../../credentials/NetzmeApi.credentials';
import { QontakChatApi } from '../../credentials/QontakChatApi.credentials';
import { AbmsVtiger } from '../../nodes/AbmsVtiger/AbmsVtiger.node';
import { AbmsVtigerTrigger } from '../../nodes/AbmsVtiger/AbmsVtigerTrigger.node';
import { Netzme } from '../../nodes/Netzme/Netzme.node';
import { NetzmePollingTrigger } from '../../nodes/Netzme/NetzmePollingTrigger.node';
import { NetzmeTrigger } from '../../nodes/Netzme/NetzmeTrigger.node';
import { QontakBroadcast } from '../../nodes/QontakBroadcast/QontakBroadcast.node';
import { QontakBroadcastTrigger } from '../../nodes/QontakBroadcast/QontakBroadcastTrigger.node';
import { QontakCrm } from '../../nodes/QontakCrm/QontakCrm.node';
import { QontakCrmTrigger } from '../../nodes/QontakCrm/QontakCrmTrigger.node';
import { AppKeyProbe } from './AppKeyProbe.node';

/** The package's node and credential types, as n8n would load them from package.json. */
export const PACKAGE = 'n8n-nodes-nusantara';

export const nodeClasses: Record<string, INodeType | IVersionedNodeType> = {
	qontakCrm: new QontakCrm(),
	qontakBroadcast: new QontakBroadcast(),
	qontakBroadcastTrigger: new QontakBroadcastTrigger(),
	qontakCrmTrigger: new QontakCrmTrigger(),
	abmsVtiger: new AbmsVtiger(),
	abmsVtigerTrigger: new AbmsVtigerTrigger(),
	netzme: new Netzme(),
	netzmeTrigger: new NetzmeTrigger(),
	netzmePollingTrigger: new NetzmePollingTrigger(),
	appKeyProbe: new AppKeyProbe(), // test-only
};

export const credentialClasses: Record<string, ICredentialType> = {
	mekariHmacApi: new MekariHmacApi(),
	qontakChatApi: new QontakChatApi(),
	abmsVtigerApi: new AbmsVtigerApi(),
	netzmeApi: new NetzmeApi(),
	appKeyApi: new AppKeyApi(),
};
