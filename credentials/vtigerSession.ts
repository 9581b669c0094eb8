import { storedToken } from './storedToken';

/** The vtiger session the credential's preAuthentication logs in for and n8n stores. */
export const vtigerSession = storedToken('sessionToken');
