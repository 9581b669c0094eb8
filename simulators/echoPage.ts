/** The request printed back as a debug page or proxy does: request line, headers, then the body. */
export function echoText(method: string, url: string, headers: Record<string, string | string[] | undefined>, body: string): string {
	const lines = Object.entries(headers).map(([name, value]) => `${name}: ${String(value)}`);
	return `${method} ${url}\n${lines.join('\n')}\n\n${body}`;
}

/** A validation error whose message quotes the whole request it refused. */
export function echoJson(method: string, url: string, headers: Record<string, string | string[] | undefined>, body: string): string {
	return JSON.stringify({ status: 'BAD_REQUEST', message: `Invalid request: ${echoText(method, url, headers, body)}` });
}
