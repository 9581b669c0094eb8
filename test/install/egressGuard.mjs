// The proxy n8n is given in test:install (HTTP_PROXY, HTTPS_PROXY; NO_PROXY for 127.0.0.1): it
// refuses every request at once and notes where it was going. n8n asks its own services while
// installing (api.n8n.io's package check, which it skips when unreachable); refused here, those
// calls fail fast and the same way on every machine, and nothing of the run leaves 127.0.0.1.
import { createServer } from 'node:http';

export async function startEgressGuard() {
	const refused = [];
	const server = createServer((req, res) => {
		refused.push(hostOf(req.url));
		res.writeHead(403, { 'content-type': 'text/plain' }).end('test:install allows no traffic beyond 127.0.0.1\n');
	});
	server.on('connect', (req, socket) => {
		refused.push(req.url);
		socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		/** "api.n8n.io:443 ×2, …", or "none". */
		summary: () => {
			const counts = new Map();
			for (const host of refused) counts.set(host, (counts.get(host) ?? 0) + 1);
			return counts.size ? [...counts].map(([host, count]) => `${host} ×${count}`).join(', ') : 'none';
		},
		stop: () => new Promise((resolve) => server.close(() => resolve())).then(() => server.closeAllConnections?.()),
	};
}

function hostOf(url) {
	try {
		return new URL(url).host;
	} catch {
		return String(url);
	}
}
