import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

/** What n8n keeps in its credentials table: one entry per saved credential id. */
export interface StoredCredential {
	type: string;
	data: ICredentialDataDecryptedObject;
}

export class CredentialStore {
	readonly entries = new Map<string, StoredCredential>();

	/** Every preAuthentication run, by credential type: the number a test asserts on. */
	readonly preAuthentications = new Map<string, number>();

	/** Every write-back of refreshed data, in order, as n8n's database would see it. */
	readonly persisted: Array<{ id: string; type: string; data: ICredentialDataDecryptedObject }> = [];

	add(id: string, type: string, data: ICredentialDataDecryptedObject): { id: string; name: string } {
		this.entries.set(id, { type, data: { ...data } });
		return { id, name: `${type} ${id}` };
	}

	get(id: string): StoredCredential {
		const entry = this.entries.get(id);
		if (!entry) throw new Error(`No credential with id ${id} in the test store`);
		return entry;
	}

	/** Every decryption n8n would do (a database read and a decrypt in a real n8n), by credential type. */
	readonly decryptions = new Map<string, number>();

	preAuthCount(type: string): number {
		return this.preAuthentications.get(type) ?? 0;
	}
}

function withDefaults(properties: INodeProperties[], data: ICredentialDataDecryptedObject) {
	const result: ICredentialDataDecryptedObject = {};
	for (const property of properties) {
		if (property.default !== undefined) result[property.name] = property.default as string;
	}
	return { ...result, ...data };
}

/** Resolves the `={{ $credentials.x }}` expressions a generic authenticate may hold. */
function resolveCredentialExpression(value: unknown, credentials: ICredentialDataDecryptedObject) {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const body = value.slice(1);
	const whole = /^\{\{\s*\$credentials\.(\w+)\s*\}\}$/.exec(body);
	if (whole) return credentials[whole[1]];
	return body.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) =>
		String(credentials[key] ?? ''),
	);
}

/**
 * Reproduces what n8n's CLI CredentialsHelper does with our credential types
 * (packages/cli/src/credentials-helper.ts): defaults applied on decrypt, both
 * authenticate forms, preAuthentication when the hidden expirable field is empty
 * or the credentials are flagged expired, and the refreshed data written back to
 * the store so the next execution reuses it.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly store: CredentialStore,
		private readonly credentialTypes: Record<string, ICredentialType>,
	) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = this.credentialTypes[name];
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(name: string): string[] {
		return this.type(name).extends ?? [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		const options = requestOptions as IHttpRequestOptions;
		if (authenticate === undefined) return options;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		if (authenticate.type !== 'generic') return options;
		const updated = { ...options } as IHttpRequestOptions & Record<string, unknown>;
		for (const [target, values] of Object.entries(authenticate.properties)) {
			const resolved: Record<string, unknown> = {};
			for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
				resolved[key] = resolveCredentialExpression(value, credentials);
			}
			updated[target] =
				target === 'auth' ? resolved : { ...((updated[target] as object) ?? {}), ...resolved };
		}
		return updated;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || !type.preAuthentication) return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		const output = await this.runPreAuthentication(helpers, credentials, typeName);
		if (!output || output[expirable.name] === undefined) return undefined;

		const details = node.credentials?.[typeName];
		if (details?.id) {
			const stored = this.store.get(details.id);
			stored.data = { ...stored.data, ...output };
			this.store.persisted.push({ id: details.id, type: typeName, data: { ...output } });
		}
		return output;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		this.store.preAuthentications.set(typeName, this.store.preAuthCount(typeName) + 1);
		return (await type.preAuthentication!.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('getCredentials is not used by the execution engine in tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store.get(nodeCredentials.id!);
		if (stored.type !== type) throw new Error(`Credential ${nodeCredentials.id} is not a ${type}`);
		this.store.decryptions.set(type, (this.store.decryptions.get(type) ?? 0) + 1);
		// A fresh copy per call, as n8n decrypts anew for every request.
		return withDefaults(this.type(type).properties, structuredClone(stored.data));
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.get(nodeCredentials.id!).data = { ...data };
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}
