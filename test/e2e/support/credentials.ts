import { LOGINS } from '../../../scripts/sandbox/demoData';
import type { VendorUrls, Vendors } from '../../../scripts/sandbox/vendorSet';
import type { ImportedCredential } from './n8nSandbox';
import { loadSandboxScript } from './n8nRunner';
import type { CredentialRef } from './workflow';

const sandbox = loadSandboxScript();

/** The sandbox's fixed credential ids (scripts/sandbox.mjs), so examples and suite workflows share them. */
export const CREDENTIAL_IDS = sandbox.CREDENTIAL_IDS as Record<CredentialType, string>;

export type CredentialType = 'mekariHmacApi' | 'qontakChatApi' | 'netzmeApi' | 'abmsVtigerApi' | 'appKeyApi';

/** How a node references a credential of `type`. */
export const credentialRef = (type: CredentialType): CredentialRef => ({ [type]: { id: CREDENTIAL_IDS[type], name: sandbox.CREDENTIAL_NAMES[type] } });

export type VendorAddresses = Omit<VendorUrls, 'control'>;

/** Where the in-process vendors listen, in the shape scripts/sandbox.mjs takes. */
export const vendorDescription = (urls: VendorAddresses) => ({ ...urls, logins: LOGINS });

/** Every credential of the package, pointing at the running simulators, as `import:credentials` reads them. */
export const sandboxCredentials = (urls: VendorAddresses): ImportedCredential[] => sandbox.sandboxCredentials(vendorDescription(urls));

export type Simulators = Vendors;
