import { createHash } from 'node:crypto';

import type { VtigerSimulator } from './VtigerSimulator';

/** A bare HTTP client for the simulator's own tests: no n8n, no credential code. */

export interface RawReply {
	status: number;
	text: string;
	json: any;
}

async function read(response: Response): Promise<RawReply> {
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, text, json };
}

export async function get(sim: VtigerSimulator, query: Record<string, string>): Promise<RawReply> {
	return await read(await fetch(`${sim.baseUrl}/webservice.php?${new URLSearchParams(query)}`));
}

export async function post(sim: VtigerSimulator, form: Record<string, string>, query: Record<string, string> = {}): Promise<RawReply> {
	const suffix = Object.keys(query).length ? `?${new URLSearchParams(query)}` : '';
	return await read(
		await fetch(`${sim.baseUrl}/webservice.php${suffix}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(form).toString(),
		}),
	);
}

export const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** getchallenge + login as the simulator's API user; returns the session id. */
export async function login(sim: VtigerSimulator, accessKey = sim.options.accessKey, username = sim.options.username): Promise<string> {
	const challenge = await get(sim, { operation: 'getchallenge', username });
	const reply = await post(sim, { operation: 'login', username, accessKey: md5(challenge.json.result.token + accessKey) });
	if (!reply.json?.success) throw new Error(`login failed: ${reply.text}`);
	return reply.json.result.sessionName ?? reply.json.result.sessionId;
}
