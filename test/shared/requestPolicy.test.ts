import type { INode } from 'n8n-workflow';

import { MAX_BACKOFF_MS } from '../../nodes/shared/backoff';
import type { HttpAnswer, PolicyRequest, VendorVoice } from '../../nodes/shared/requestPolicy';
import { mayHaveBeenProcessed, RequestPolicy } from '../../nodes/shared/requestPolicy';
import { readAllPages } from '../../nodes/shared/paging';
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

	it('caps a 429 wait, and gives up with the vendor’s error after Max Retries', async () => {
		const limited = { statusCode: 429, headers: { 'retry-after': '3600' }, body: { message: 'slow down' } };
		const { sent, run } = scripted({ maxRetries: 1 }, [limited, limited]);
		await expect(run()).rejects.toMatchObject({ message: 'Vendor: HTTP 429 on POST /things: {"message":"slow down"}', httpCode: '429' });
		expect(sent).toHaveLength(2);
		expect(virtual.time.waits).toEqual([MAX_BACKOFF_MS]);
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

	it('reads to an empty page, the vendor’s last page, or the limit', async () => {
		const read: number[] = [];
		const walk = (limit?: number, last?: number) =>
			readAllPages({
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
});
