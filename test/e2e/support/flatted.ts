/**
 * n8n's REST API sends execution data in the `flatted` encoding (circular-safe JSON): one array
 * whose first entry is the root, where every string inside an object or array is the index of
 * the entry holding the real value. Reading it here keeps the suite free of another dependency.
 */
export function unflatten(text: string): unknown {
	const entries = JSON.parse(text) as unknown[];
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		if (revived.has(index)) return revived.get(index);
		const value = entries[index];
		if (typeof value !== 'object' || value === null) {
			revived.set(index, value);
			return value;
		}
		const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
		revived.set(index, copy);
		for (const [key, inner] of Object.entries(value)) {
			(copy as Record<string, unknown>)[key] = typeof inner === 'string' ? revive(Number(inner)) : inner;
		}
		return copy;
	};
	return revive(0);
}
