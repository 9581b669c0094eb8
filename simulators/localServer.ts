import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A node:http server on 127.0.0.1 with an OS-chosen port, the one piece every simulator and the
 * webhook harness share. A simulator extends it and overrides receive(); a harness that only
 * needs a server passes a listener. It tracks sockets because server.close() alone waits for
 * keep-alive connections (n8n's HTTP stack keeps them) to go idle, which would hold jest open.
 */
export class LocalServer {
	private server: Server | undefined;
	private url = '';
	private readonly sockets = new Set<Socket>();

	constructor(private readonly listener?: RequestListener) {}

	/** `http://127.0.0.1:PORT` once started, '' before; stop() leaves it as it was. */
	get baseUrl(): string {
		return this.url;
	}

	/**
	 * A second call answers the running server's URL instead of opening another port. `port`
	 * (default 0 = OS-chosen) is for the `npm start` sandbox, whose URLs must not move between runs.
	 */
	async start(port = 0): Promise<string> {
		if (this.server) return this.url;
		const server = createServer((req, res) => this.receive(req, res));
		// Node closes a keep-alive socket idle for 5 s. When a test blocks the event loop longer (a big
		// seed on a loaded machine), a client can reuse that socket in the same turn the server's timer
		// closes it, and the request dies with ECONNRESET. Idle sockets stay open; stop() ends them.
		server.keepAliveTimeout = 0;
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => resolve());
		});
		this.server = server;
		this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		return this.url;
	}

	/** Also destroys open sockets, so a held or in-flight response cannot keep the process alive. */
	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		for (const socket of this.sockets) socket.destroy();
		this.sockets.clear();
		await closed;
	}

	protected receive(req: IncomingMessage, res: ServerResponse): void {
		if (!this.listener) throw new Error('LocalServer needs a listener or a receive() override');
		this.listener(req, res);
	}
}
