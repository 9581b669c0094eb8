import { broadcast } from './broadcast';
import { contactBlock } from './contactBlock';
import { contactList } from './contactList';
import { division } from './division';
import { file } from './file';
import { integration } from './integration';
import { message } from './message';
import { roomResource } from './room';
import { template } from './template';
import type { ChatResource } from './types';
import { user } from './user';
import { version } from './version';

export const resources: ChatResource[] = [
	broadcast,
	template,
	integration,
	contactList,
	contactBlock,
	division,
	roomResource,
	message,
	file,
	user,
	version,
];
