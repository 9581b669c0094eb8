import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/*
 * Downloading a message's file (`file.url` of a Qontak Message object) into binary data, for the
 * Omnichannel Trigger and Room → Get Messages.
 *
 * This is an SSRF guard as much as a download. The trigger's payload is not authenticated by
 * Qontak (its webhook docs name no signature:
 * https://github.com/qontak-dev/chat/blob/HEAD/docs/Webhook-API/Message-Interaction.md), so anyone
 * who learns the URL can post a "message" whose file URL points at n8n's own network: a cloud
 * metadata endpoint, an admin page on localhost, a database's HTTP port. Downloading it would put
 * that answer into the execution. Get Messages reads URLs from a signed API answer, but a message
 * URL can still be one a sender supplied (a broadcast's media header takes any URL), so it gets
 * the same guard. Hence:
 *  - only hosts on the user's list (default: the Qontak file hosts the API's examples use), and
 *    only their default port unless the entry names one: exact names, so a private or loopback IP
 *    literal passes only when it is listed itself (the URL parser has already turned 0x7f.1 and
 *    2130706433 into 127.0.0.1);
 *  - https only, unless the entry itself says http://;
 *  - redirects are not followed by the HTTP client; each hop is checked against the list, at most
 *    MAX_REDIRECTS of them;
 *  - no credential: the request goes through this.helpers.httpRequest, never the Mekari or Qontak
 *    Chat credential, which sign only for the API host;
 *  - a size cap checked on Content-Length before the body is read, and on the bytes as they come;
 *  - one deadline for every hop and the whole body.
 * A hostname that resolves to a private address cannot be caught here without a DNS lookup (our
 * runtime imports stop at n8n-workflow): the list names hosts the user trusts, and n8n's own SSRF
 * protection, when the instance turns it on, checks resolved addresses under this.helpers.httpRequest.
 *
 * A file that is refused, too large or fails to download never fails the item: the message is
 * still worth having, and the item says why in `attachmentSkipped`.
 */

/** Where Qontak's API examples put message files and uploads (cdn.qontak.com) and assets (its S3 bucket). */
export const QONTAK_FILE_HOSTS = ['cdn.qontak.com', 'qontak-hub-production.s3-ap-southeast-1.amazonaws.com'];

/**
 * WhatsApp's caps (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#supported-media-types):
 * images 5 MB, audio and video 16 MB, documents 100 MB. 16 MB takes every photo, voice note and
 * video, and the payment proofs and ID scans this is for, while a few downloads at once stay well
 * inside a small n8n's memory; the user can raise it to WhatsApp's own 100 MB, nothing larger arrives.
 */
const DEFAULT_MAX_MB = 16;
const LARGEST_MB = 100;
const MAX_REDIRECTS = 3;
const MB = 1024 * 1024;

/** The binary property the file goes to. */
export const ATTACHMENT_PROPERTY = 'data';

export const attachmentOptions: INodeProperties[] = [
	{
		displayName: 'Download Attachments',
		name: 'downloadAttachments',
		type: 'boolean',
		default: false,
		description:
			'Whether to download the file of each media message (a photo, a PDF, …) into the binary property "data". A file that is not downloaded leaves the reason in attachmentSkipped.',
	},
	{
		displayName: 'Allowed Attachment Hosts',
		name: 'allowedAttachmentHosts',
		type: 'string',
		default: QONTAK_FILE_HOSTS.join(', '),
		description:
			'Comma-separated hosts files may be downloaded from, over HTTPS on the default port: host, host:port, or http://host:port to allow plain HTTP. Files elsewhere are not downloaded, so a forged message cannot make n8n fetch from its own network.',
	},
	{
		displayName: 'Max Attachment Size (MB)',
		name: 'maxAttachmentSizeMb',
		type: 'number',
		default: DEFAULT_MAX_MB,
		typeOptions: { minValue: 1, maxValue: LARGEST_MB },
		description: 'Larger files are not downloaded. WhatsApp allows documents up to 100 MB, videos up to 16 MB.',
	},
];

interface AllowedHost {
	hostname: string;
	/** '' = the default port of the URL's scheme. */
	port: string;
	plainHttp: boolean;
}

export interface AttachmentPolicy {
	hosts: AllowedHost[];
	maxBytes: number;
	timeoutMs: number;
}

/** What is wrong with the options, in words the user can act on. */
export type PolicyProblem = { problem: string; fix: string };

const bareHostname = (hostname: string) => hostname.toLowerCase().replace(/\.$/, '');

function parseHost(entry: string): AllowedHost | undefined {
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ? entry : `https://${entry}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		return undefined;
	}
	const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
	if (!['http:', 'https:'].includes(url.protocol) || !bare || url.hostname === '') return undefined;
	return { hostname: bareHostname(url.hostname), port: url.port, plainHttp: url.protocol === 'http:' };
}

/** undefined when Download Attachments is off. */
export function readAttachmentPolicy(options: IDataObject, timeoutMs: number): AttachmentPolicy | PolicyProblem | undefined {
	if (options.downloadAttachments !== true) return undefined;
	const listed = String(options.allowedAttachmentHosts ?? QONTAK_FILE_HOSTS.join(','))
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
	const hosts: AllowedHost[] = [];
	for (const entry of listed) {
		const host = parseHost(entry);
		if (!host) {
			return {
				problem: `'Allowed Attachment Hosts' has an entry that is not a host: ${JSON.stringify(entry)}`,
				fix: 'List host names separated by commas, such as cdn.qontak.com, files.example.com:8443 or http://127.0.0.1:8080 (no paths)',
			};
		}
		hosts.push(host);
	}
	const megabytes = Number(options.maxAttachmentSizeMb ?? DEFAULT_MAX_MB);
	if (!Number.isFinite(megabytes) || megabytes <= 0 || megabytes > LARGEST_MB) {
		return {
			problem: `'Max Attachment Size (MB)' must be more than 0 and at most ${LARGEST_MB} (got ${JSON.stringify(options.maxAttachmentSizeMb)})`,
			fix: `Enter the size in megabytes, for example ${DEFAULT_MAX_MB}`,
		};
	}
	return { hosts, maxBytes: Math.floor(megabytes * MB), timeoutMs };
}

type Checked = { url: URL } | { refused: string };

function checkUrl(raw: string, base: URL | undefined, hosts: AllowedHost[]): Checked {
	let url: URL;
	try {
		url = new URL(raw, base);
	} catch {
		return { refused: 'the file URL is not a URL' };
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return { refused: `${url.protocol} URLs are not downloaded` };
	if (url.username || url.password) return { refused: 'the file URL carries a user name or password' };
	const hostname = bareHostname(url.hostname);
	const entry = hosts.find((host) => host.hostname === hostname && host.port === url.port);
	if (!entry) return { refused: `host ${url.host} is not in Allowed Attachment Hosts` };
	if (url.protocol === 'http:' && !entry.plainHttp) {
		return { refused: `plain HTTP to ${url.host} is not allowed (list it as http://${url.host} in Allowed Attachment Hosts to allow it)` };
	}
	return { url };
}

interface BodyStream extends AsyncIterable<Buffer | string> {
	destroy(error?: Error): void;
}

interface StreamedAnswer {
	statusCode: number;
	headers: IDataObject;
	body: BodyStream | undefined;
}

const header = (headers: IDataObject, name: string) => {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? String(value[0]) : value === undefined || value === null ? undefined : String(value);
};

const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/** The bytes, or undefined once they pass `maxBytes` (the rest is not read). */
async function readCapped(body: BodyStream, maxBytes: number): Promise<Buffer | undefined> {
	const chunks: Buffer[] = [];
	let total = 0;
	for await (const chunk of body) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		total += bytes.length;
		// Leaving the loop destroys the stream.
		if (total > maxBytes) return undefined;
		chunks.push(bytes);
	}
	return Buffer.concat(chunks, total);
}

function fileNameOf(file: IDataObject, url: URL): string {
	const given = typeof file.filename === 'string' ? file.filename : '';
	let fromUrl = '';
	try {
		fromUrl = decodeURIComponent(url.pathname.split('/').pop() ?? '');
	} catch {
		fromUrl = '';
	}
	// A name, never a path: prepareBinaryData would take the part before a slash as a directory.
	const name = [...(given.trim() || fromUrl)]
		.map((char) => (char === '/' || char === '\\' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f ? '_' : char))
		.join('')
		.trim();
	return name.slice(-200) || 'attachment';
}

function mimeTypeOf(headers: IDataObject): string | undefined {
	const type = (header(headers, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
	// A generic type says nothing; prepareBinaryData then goes by the file name.
	return /^[a-z0-9][\w.+-]*\/[\w.+-]+$/.test(type) && type !== 'application/octet-stream' ? type : undefined;
}

type Helpers = Pick<IExecuteFunctions['helpers'], 'httpRequest' | 'prepareBinaryData'>;
type Outcome = { binary: IBinaryData } | { skipped: string };

async function download(helpers: Helpers, file: IDataObject, policy: AttachmentPolicy): Promise<Outcome> {
	const deadline = AbortSignal.timeout(policy.timeoutMs);
	let previous: URL | undefined;
	let target = String(file.url);
	for (let hop = 0; ; hop++) {
		const checked = checkUrl(target, previous, policy.hosts);
		if ('refused' in checked) return { skipped: previous ? `redirected elsewhere: ${checked.refused}` : checked.refused };
		let answer: StreamedAnswer;
		try {
			answer = (await helpers.httpRequest({
				method: 'GET',
				url: checked.url.href,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				timeout: policy.timeoutMs,
				abortSignal: deadline,
			})) as StreamedAnswer;
		} catch (error) {
			if (deadline.aborted) return { skipped: `download failed: no answer within ${policy.timeoutMs / 1000} s` };
			// The code, not the message: a message can quote the URL, query and all.
			return { skipped: `download failed: ${String((error as { code?: unknown }).code ?? 'the file host could not be reached')}` };
		}
		const { statusCode, headers, body } = answer;
		const stop = () => body?.destroy();
		const location = header(headers ?? {}, 'location');
		if (statusCode >= 300 && statusCode < 400 && location) {
			stop();
			if (hop >= MAX_REDIRECTS) return { skipped: `download failed: more than ${MAX_REDIRECTS} redirects` };
			previous = checked.url;
			target = location;
			continue;
		}
		if (statusCode < 200 || statusCode >= 300 || !body) {
			stop();
			return { skipped: `download failed: the file host answered ${statusCode}` };
		}
		const declared = Number(header(headers, 'content-length'));
		if (Number.isFinite(declared) && declared > policy.maxBytes) {
			stop();
			return { skipped: `larger than ${megabytes(policy.maxBytes)} (the file host says ${megabytes(declared)})` };
		}
		const onAbort = () => body.destroy();
		deadline.addEventListener('abort', onAbort, { once: true });
		let data: Buffer | undefined;
		try {
			data = await readCapped(body, policy.maxBytes);
		} catch (error) {
			if (deadline.aborted) return { skipped: `download failed: not complete within ${policy.timeoutMs / 1000} s` };
			return { skipped: `download failed: ${String((error as { code?: unknown }).code ?? 'the transfer broke off')}` };
		} finally {
			deadline.removeEventListener('abort', onAbort);
		}
		if (data === undefined) return { skipped: `larger than ${megabytes(policy.maxBytes)}` };
		return { binary: await helpers.prepareBinaryData(data, fileNameOf(file, checked.url), mimeTypeOf(headers)) };
	}
}

/** The message's file, when it has one to fetch. */
function fileOf(message: IDataObject): IDataObject | undefined {
	const file = message.file;
	if (typeof file !== 'object' || file === null || Array.isArray(file)) return undefined;
	const url = (file as IDataObject).url;
	return typeof url === 'string' && url.trim() !== '' ? (file as IDataObject) : undefined;
}

export const hasAttachment = (message: IDataObject) => fileOf(message) !== undefined;

/** At most this many downloads at once, per node run or webhook call. */
const PARALLEL_DOWNLOADS = 4;

/**
 * Each item whose json is a message with a file, with the file in binary `data`, or with
 * `attachmentSkipped` saying why not; other items as they are. Order is kept.
 */
export async function withAttachments(helpers: Helpers, items: INodeExecutionData[], policy: AttachmentPolicy | PolicyProblem, wanted = hasAttachment): Promise<INodeExecutionData[]> {
	const result = [...items];
	const pending = items.map((item, index) => ({ item, index })).filter(({ item }) => wanted(item.json));
	const worker = async () => {
		for (let next = pending.shift(); next; next = pending.shift()) {
			const { item, index } = next;
			const outcome: Outcome =
				'problem' in policy
					? { skipped: `${policy.problem}. ${policy.fix}.` }
					: await download(helpers, fileOf(item.json)!, policy).catch((error: Error) => ({
							// Storing the bytes failed (n8n's binary data store): the message still goes on.
							skipped: `download failed: the file could not be stored (${error.message})`,
						}));
			result[index] =
				'binary' in outcome
					? { ...item, binary: { ...(item.binary ?? {}), [ATTACHMENT_PROPERTY]: outcome.binary } }
					: { ...item, json: { ...item.json, attachmentSkipped: outcome.skipped } };
		}
	};
	await Promise.all(Array.from({ length: Math.min(PARALLEL_DOWNLOADS, pending.length) }, worker));
	return result;
}
