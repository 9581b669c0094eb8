import { HOSTED_FILES, type HostedFile } from './chatFileHost';
import { IDS, ORG_ID } from './chatFixtures';

/**
 * Conversation messages: the Message object of
 * https://github.com/qontak-dev/chat/blob/HEAD/docs/Webhook-API/Message-Interaction.md, which is
 * also what a room's `last_message` holds in the OpenAPI examples. A media message carries
 * `file {url, filename, size, small/medium/large {url}}`; its url is on Qontak's file CDN, here
 * the simulator's file host.
 */

export type Message = Record<string, any>;

const CUSTOMER = '8b000000-0000-4000-8000-000000000001';

/** The `file` object of a message for a hosted file at `fileHost` ('' leaves the URL a path, resolved when served). */
export function fileOf(fileHost: string, hosted: HostedFile) {
	return { url: `${fileHost}${hosted.path}`, filename: hosted.filename, size: hosted.size, small: { url: null }, medium: { url: null }, large: { url: null } };
}

function customerMessage(id: string, roomId: string, at: string, fields: Message): Message {
	return {
		id,
		type: 'text',
		room_id: roomId,
		is_campaign: false,
		sender_id: CUSTOMER,
		sender_type: 'Models::Contact',
		sender: { name: 'Budi Santoso', avatar: null },
		participant_type: 'customer',
		organization_id: ORG_ID,
		text: null,
		file: null,
		status: 'created',
		external_id: `wamid.SIM${id.slice(-6)}`,
		created_at: at,
		...fields,
	};
}

/** Budi's room: a question, a payment proof, an ID card, a video over the node's default cap, the agent's answer. */
export function seedMessages(iso: (ms: number) => string, nowMs: number): Message[] {
	const at = (minutesAgo: number) => iso(nowMs - minutesAgo * 60_000);
	const room = IDS.assignedRoom;
	// The URL stays a path until served: the file host's port is known only once it listens.
	const media = (type: string, hosted: HostedFile) => ({ type, file_uniq_id: hosted.path.split('/')[4], file: fileOf('', hosted) });
	return [
		customerMessage('7b000000-0000-4000-8000-000000000001', room, at(50), { text: 'Halo, saya sudah transfer untuk INV-1000' }),
		customerMessage('7b000000-0000-4000-8000-000000000002', room, at(49), media('image', HOSTED_FILES.image)),
		customerMessage('7b000000-0000-4000-8000-000000000003', room, at(48), media('document', HOSTED_FILES.document)),
		customerMessage('7b000000-0000-4000-8000-000000000004', room, at(47), media('video', HOSTED_FILES.large)),
		{
			...customerMessage('7b000000-0000-4000-8000-000000000005', room, at(40), { text: 'Terima kasih Pak Budi, pembayaran sudah kami terima.' }),
			sender_id: IDS.agentAyu,
			sender_type: 'Models::User',
			sender: { name: 'Ayu Agent', avatar: null },
			participant_type: 'agent',
			status: 'read',
		},
	];
}

/** A message as the API answers it: a copy, its file's URL made absolute on `fileHost`. */
export function messageView(message: Message, fileHost: string): Message {
	const view = structuredClone(message);
	if (typeof view.file?.url === 'string' && view.file.url.startsWith('/')) view.file.url = `${fileHost}${view.file.url}`;
	return view;
}
