import type { INode, NodeApiError } from 'n8n-workflow';

import { MAX_BACKOFF_MS } from '../../nodes/shared/backoff';
import type { HttpAnswer, PolicyRequest, VendorVoice } from '../../nodes/shared/requestPolicy';
import { mayHaveBeenProcessed, RequestPolicy } from '../../nodes/shared/requestPolicy';
import { MAX_PAGES, readAllPages } from '../../nodes/shared/paging';
import { RatePacer } from '../../nodes/shared/ratePacer';
import { useVirtualTime } from '../harness/virtualTime';

const node: INode = { id: 'n', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };
const voice: VendorVoice = {
	name: 'Vendor',
	effect: 'carried out',
	notResent: 'It was not resent. Look it up first.',
	unreachable: 'Check the network.',
};

/** A vendor that answers from a script, one entry per send; an Error entry is a lost answer. */
function scripted(request: Partial<PolicyRequest>, script: Array<Partial<HttpAnswer> | Error>) {
	const sent: number[] = [];
	const policy = new RequestPolicy(node, voice, { request: 'POST /things', idempotent: false, maxRetries: 3, itemIndex: 0, ...request });
	const run = () =>
		policy.run({
			send: async () => {
				const next = script[sent.length] ?? { statusCode: 200, body: { ok: true } };
				sent.push(sent.length);
				if (next instanceof Error) throw next;
				return { statusCode: 200, headers: {}, body: {}, ...next };
			},
			read: (answer) => {
				if (answer.statusCode >= 400) throw policy.httpError(answer);
				return answer.body;
			},
		});
	return { sent, run };
}

const lost = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('the request policy', () => {
	const virtual = useVirtualTime();

	it('resends a 429 even for a write, after the reset the vendor asked for', async () => {
		const { sent, run } = scripted({}, [{ statusCode: 429, headers: { 'x-ratelimit-reset': '10' } }]);
		await expect(run()).resolves.toEqual({ ok: true });
		expect(sent).toHaveLength(2);
		expect(virtual.time.waits).toEqual([10_000]);
	});

	it('gives up with the vendor’s error after Max Retries of 429', async () => {
		const limited = { statusCode: 429, headers: { 'retry-after': '60' }, body: { message: 'slow down' } };
		const { sent, run } = scripted({ maxRetries: 1 }, [limited, limited]);
		await expect(run()).rejects.toMatchObject({ message: 'Vendor: HTTP 429 on POST /things: {"message":"slow down"}', httpCode: '429' });
		expect(sent).toHaveLength(2);
		expect(virtual.time.waits).toEqual([MAX_BACKOFF_MS]);
	});

	it('fails with "rate-limited until" when a 429 asks for longer than the cap, waiting not at all', async () => {
		const limited = { statusCode: 429, headers: { 'x-ratelimit-reset': '3600' }, body: { message: 'slow down' } };
		const { sent, run } = scripted({}, [limited, limited, limited, limited]);
		const until = new Date(virtual.time.now() + 3_600_000).toISOString();
		const error = (await run().catch((caught: Error) => caught)) as NodeApiError;
		expect(error).toMatchObject({ message: `Vendor: rate-limited until ${until}`, httpCode: '429' });
		expect(error.context).toMatchObject({ itemIndex: 0, rateLimitedUntil: until });
		expect(error.description).toMatch(/3600 s, longer than the 60 s/);
		expect(mayHaveBeenProcessed(error)).toBe(false);
		expect(sent).toHaveLength(1);
		expect(virtual.time.waits).toEqual([]);
	});

	it('fails a paced call with "rate-limited until" when the pacer was told to wait past the cap; nothing is sent', async () => {
		const pacer = new RatePacer(0);
		pacer.observe({ remaining: 0, resetInMs: 3_600_000 }, virtual.time.now());
		let sends = 0;
		const policy = new RequestPolicy(node, voice, { request: 'POST /things', idempotent: false, maxRetries: 3, itemIndex: 2 });
		const error = (await policy
			.run({
				send: async () => {
					await pacer.waitTurn();
					sends++;
					return { statusCode: 200, headers: {}, body: {} };
				},
				read: (answer) => answer.body,
			})
			.catch((caught: Error) => caught)) as NodeApiError;
		expect(error.message).toBe(`Vendor: rate-limited until ${new Date(virtual.time.now() + 3_600_000).toISOString()}`);
		expect(error.context.itemIndex).toBe(2);
		expect(mayHaveBeenProcessed(error)).toBe(false);
		expect(sends).toBe(0);
		expect(virtual.time.waits).toEqual([]);
	});

	it('retries 502/503/504 and lost answers only when the call is idempotent', async () => {
		const read = scripted({ request: 'GET /things', idempotent: true }, [{ statusCode: 503 }, lost()]);
		await expect(read.run()).resolves.toEqual({ ok: true });
		expect(read.sent).toHaveLength(3);
		expect(virtual.time.waits).toEqual([500, 1000]);

		const write = scripted({}, [{ statusCode: 503, body: 'busy' }]);
		const error = (await write.run().catch((caught: Error) => caught)) as Error;
		expect(write.sent).toHaveLength(1);
		expect(error.message).toBe('Vendor did not confirm POST /things (HTTP 503: busy); it may have been carried out anyway');
		expect(mayHaveBeenProcessed(error)).toBe(true);
	});

	it('never resends a write whose answer was lost, and says why in plain words', async () => {
		const { sent, run } = scripted({}, [lost()]);
		const error = (await run().catch((caught: Error) => caught)) as Error;
		expect(sent).toHaveLength(1);
		expect(error.message).toBe('Vendor did not confirm POST /things (the connection was dropped); it may have been carried out anyway');
		expect((error as { description?: string }).description).toBe('It was not resent. Look it up first.');
	});

	it('calls an unreachable read unreachable once the retries are spent', async () => {
		const { run } = scripted({ request: 'GET /things', idempotent: true, maxRetries: 0 }, [lost()]);
		await expect(run()).rejects.toMatchObject({ message: 'Vendor could not be reached for GET /things: the connection was dropped', description: 'Check the network.' });
	});

	it('lets a failure before sending (no credentials, a failed token fetch elsewhere) through: nothing was sent, nothing is retried', async () => {
		const refused = new Error('no token for this execution');
		let sends = 0;
		const policy = new RequestPolicy(node, voice, { request: 'GET /things', idempotent: true, maxRetries: 3 });
		const run = policy.run({
			prepare: async () => {
				throw refused;
			},
			send: async () => {
				sends++;
				return { statusCode: 200, headers: {}, body: {} };
			},
			read: (answer) => answer.body,
		});
		await expect(run).rejects.toBe(refused);
		expect(sends).toBe(0);
		expect(virtual.time.waits).toEqual([]);
	});

	it('does not resend a 500 even for a read: an application error is answered the same again', async () => {
		const { sent, run } = scripted({ request: 'GET /things', idempotent: true }, [{ statusCode: 500, body: 'bug' }]);
		await expect(run()).rejects.toMatchObject({ httpCode: '500' });
		expect(sent).toHaveLength(1);
	});
});

describe('paging', () => {
	const pages = [[{ id: 1 }, { id: 2 }], [{ id: 3 }, { id: 4 }], [{ id: 5 }]];
	const pagingVoice = { node, vendor: 'Vendor', itemIndex: 3 };

	it('reads to an empty page, the vendor’s last page, or the limit', async () => {
		const read: number[] = [];
		const walk = (limit?: number, last?: number) =>
			readAllPages({
				voice: pagingVoice,
				limit,
				readPage: async (index) => {
					read.push(index);
					return { rows: pages[index] ?? [], last: index === last };
				},
			});
		expect(await walk()).toHaveLength(5);
		expect(read).toEqual([0, 1, 2, 3]);
		read.length = 0;
		expect(await walk(undefined, 1)).toHaveLength(4);
		expect(read).toEqual([0, 1]);
		read.length = 0;
		expect(await walk(3)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
		expect(read).toEqual([0, 1]);
	});

	it('reshapes each page’s kept rows as the page arrives, up to the limit', async () => {
		const reshaped: number[][] = [];
		const rows = await readAllPages({
			voice: pagingVoice,
			limit: 2,
			keep: (row) => row.id !== 1,
			reshape: (kept) => {
				reshaped.push(kept.map((row) => row.id as number));
				return kept.map((row) => ({ simple: row.id }));
			},
			readPage: async (index) => ({ rows: pages[index] ?? [] }),
		});
		expect(reshaped).toEqual([[2], [3, 4]]);
		expect(rows).toEqual([{ simple: 2 }, { simple: 3 }]);
	});

	it('stops with a clear error when the vendor answers a page it already gave', async () => {
		const read: number[] = [];
		// Pages 0 and 1, then page 0 again and again: a proxy that lost the page parameter part-way.
		const walk = readAllPages({
			voice: pagingVoice,
			readPage: async (index) => {
				read.push(index);
				return { rows: pages[Math.min(index, 2) === 2 ? 0 : index] };
			},
		});
		const error = (await walk.catch((caught: Error) => caught)) as NodeApiError;
		expect(error.message).toBe('Vendor returned the same page again; stopped after 3 pages');
		expect(error.context.itemIndex).toBe(3);
		expect(read).toEqual([0, 1, 2]);
	});

	it('stops past the page cap even when every page is new', async () => {
		let reads = 0;
		const walk = readAllPages({
			voice: pagingVoice,
			maxPages: 50,
			readPage: async (index) => {
				reads++;
				return { rows: [{ id: index }] };
			},
		});
		await expect(walk).rejects.toThrow('Vendor still had more rows after 50 pages; stopped after 50 pages');
		expect(reads).toBe(50);
		expect(MAX_PAGES).toBe(10_000);
	});
});
