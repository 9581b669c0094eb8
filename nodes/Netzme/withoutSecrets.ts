import type { IDataObject } from 'n8n-workflow';

/** Keys whose values are secrets or derived from one: never copied into an output or an error. */
const SECRET_KEYS = new Set(['pin', 'authorization', 'access_token', 'accesstoken', 'clientsecret', 'client_secret']);

export function withoutSecrets<T>(value: T): T {
	if (Array.isArray(value)) return value.map((entry) => withoutSecrets(entry)) as T;
	if (value !== null && typeof value === 'object') {
		const result: IDataObject = {};
		for (const [key, entry] of Object.entries(value as IDataObject)) {
			if (!SECRET_KEYS.has(key.toLowerCase())) result[key] = withoutSecrets(entry);
		}
		return result as T;
	}
	return value;
}
