import type { INodeExecutionData } from 'n8n-workflow';

/** What n8n keeps of a run: the run data as it is saved, plus every field of the node's error. */
export function storedText(run: { run: { data: unknown }; items?: INodeExecutionData[]; nodeError?: Error }): string {
	const error = run.nodeError as (Error & Record<string, unknown>) | undefined;
	const fields = error
		? {
				message: error.message,
				description: error.description,
				messages: error.messages,
				errorResponse: error.errorResponse,
				context: error.context,
				cause: error.cause instanceof Error ? { message: error.cause.message } : error.cause,
			}
		: {};
	return `${JSON.stringify(run.run.data)}\n${JSON.stringify(fields)}\n${JSON.stringify(run.items ?? [])}`;
}

/**
 * The secrets of which a fragment of 12 characters or more (the whole value, when shorter) appears
 * in `text`, as they are or URL-encoded.
 */
export function leaked(text: string, secrets: Record<string, string>): string[] {
	const found: string[] = [];
	for (const [name, secret] of Object.entries(secrets)) {
		if (!secret) continue;
		const fragments = secret.length <= 12 ? [secret] : Array.from({ length: secret.length - 11 }, (_, start) => secret.slice(start, start + 12));
		if (fragments.some((fragment) => text.includes(fragment) || text.includes(encodeURIComponent(fragment)))) found.push(name);
	}
	return found;
}
