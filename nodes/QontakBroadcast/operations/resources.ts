import { broadcast } from './broadcast';
import { contact } from './contact';
import { contactBlock } from './contactBlock';
import { contactList } from './contactList';
import { division } from './division';
import { file } from './file';
import { integration } from './integration';
import { message } from './message';
import { roomResource } from './room';
import type { ChatResource } from './types';
import { user } from './user';
import { version } from './version';
import { whatsappTemplate } from './whatsappTemplate';

export const resources: ChatResource[] = [
	broadcast,
	whatsappTemplate,
	integration,
	contactList,
	contact,
	contactBlock,
	division,
	roomResource,
	message,
	file,
	user,
	version,
];
