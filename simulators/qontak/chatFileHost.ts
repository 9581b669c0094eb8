import type { IncomingMessage, ServerResponse } from 'node:http';

import { LocalServer } from '../localServer';

/**
 * Qontak's file CDN: the host a message's `file.url` points at (the OpenAPI examples show
 * https://cdn.qontak.com/uploads/message/file/<uuid>/<name>). Like a CDN it asks for no
 * credentials and serves whatever path it has, so the requests it records show whether a client
 * sent it anything it should not (an Authorization header, a cookie).
 *
 * Besides the files, two test doors a real CDN has in other forms: `/redirect?to=<url>` answers
 * 302 to `to` (a CDN that sends the client on to storage), and `/stalled/…` sends its headers and
 * then nothing (a host that never finishes).
 */

/** A 1×1 PNG, a payment proof as small as it gets. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** A minimal one-page PDF, an ID card scan. */
const PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 120]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** Over the node's default 16 MB cap, under WhatsApp's 100 MB document cap. */
const LARGE_BYTES = 20 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x41);

export interface HostedFile {
	path: string;
	filename: string;
	contentType: string;
	/** The bytes served; absent for the large files, which are streamed. */
	body?: Buffer;
	size: number;
	/** Sent without Content-Length (chunked), so only counting the bytes tells its size. */
	chunked?: boolean;
}

const file = (uuid: string, filename: string, contentType: string, body: Buffer | number, chunked = false): HostedFile => ({
	path: `/uploads/message/file/${uuid}/${filename}`,
	filename,
	contentType,
	...(typeof body === 'number' ? { size: body } : { body, size: body.length }),
	...(chunked ? { chunked } : {}),
});

export const HOSTED_FILES = {
	image: file('3f000000-0000-4000-8000-000000000001', 'bukti-transfer.png', 'image/png', PNG),
	document: file('3f000000-0000-4000-8000-000000000002', 'ktp-budi.pdf', 'application/pdf', PDF),
	large: file('3f000000-0000-4000-8000-000000000003', 'video-unboxing.mp4', 'video/mp4', LARGE_BYTES),
	largeChunked: file('3f000000-0000-4000-8000-000000000004', 'rekaman-toko.mp4', 'video/mp4', LARGE_BYTES, true),
} satisfies Record<string, HostedFile>;

export interface FileHostRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	status: number;
	/** Body bytes handed to the socket before the answer ended or the client went away. */
	bytesSent: number;
	/** Whether the whole body was sent. */
	completed: boolean;
}

export class ChatFileHost extends LocalServer {
	requests: FileHostRequest[] = [];
	private readonly stalled = new Set<ServerResponse>();

	reset(): void {
		this.requests = [];
		this.breakStalled();
	}

	/** Cuts every `/stalled/…` answer off mid-body, as a host that gives up would. */
	breakStalled(): void {
		for (const res of this.stalled) res.destroy();
		this.stalled.clear();
	}

	/** The URL of a hosted file. */
	urlOf(hosted: HostedFile): string {
		return `${this.baseUrl}${hosted.path}`;
	}

	protected override receive(req: IncomingMessage, res: ServerResponse): void {
		const url = new URL(req.url ?? '/', 'http://file-host');
		const record: FileHostRequest = { method: req.method ?? 'GET', path: url.pathname, headers: { ...req.headers }, status: 0, bytesSent: 0, completed: false };
		this.requests.push(record);
		req.resume();
		const answer = (status: number, headers: Record<string, string | number>, body = '') => {
			record.status = status;
			res.writeHead(status, headers);
			res.end(body);
			record.bytesSent = Buffer.byteLength(body);
			record.completed = true;
		};

		if (url.pathname === '/redirect') return answer(302, { location: url.searchParams.get('to') ?? '/', 'content-length': 0 });
		const stalled = url.pathname.startsWith('/stalled/');
		const path = stalled ? url.pathname.slice('/stalled'.length) : url.pathname;
		const hosted = Object.values(HOSTED_FILES).find((candidate) => candidate.path === path) as HostedFile | undefined;
		if (!hosted || (req.method !== 'GET' && req.method !== 'HEAD')) {
			return answer(404, { 'content-type': 'application/xml' }, '<Error><Code>NoSuchKey</Code></Error>');
		}
		record.status = 200;
		res.writeHead(200, { 'content-type': hosted.contentType, ...(hosted.chunked ? {} : { 'content-length': hosted.size }) });
		if (stalled) {
			// Headers only; the client's deadline, breakStalled() or stop() ends it.
			res.flushHeaders();
			this.stalled.add(res);
			res.once('close', () => this.stalled.delete(res));
			return;
		}
		if (hosted.body) {
			res.end(hosted.body);
			record.bytesSent = hosted.size;
			record.completed = true;
			return;
		}
		this.stream(res, hosted.size, record);
	}

	/** Writes `size` bytes as fast as the client reads them, and stops when it goes away. */
	private stream(res: ServerResponse, size: number, record: FileHostRequest): void {
		const pump = () => {
			while (!res.destroyed && record.bytesSent < size) {
				const chunk = CHUNK.subarray(0, Math.min(CHUNK.length, size - record.bytesSent));
				record.bytesSent += chunk.length;
				if (!res.write(chunk)) return void res.once('drain', pump);
			}
			if (res.destroyed) return;
			res.end();
			record.completed = true;
		};
		pump();
	}
}
