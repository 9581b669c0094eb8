import { contactSpec } from './crmRecords';
import type { CrmState } from './crmState';
import { isBlank } from './crmValues';

/** Name echoes for linked records (`crm_company_name`, `crm_person_full_name`, ...). */

export const toIdOrNull = (v: unknown) => (isBlank(v) ? null : Number(v));
export const contactName = (state: CrmState, id: unknown) => (isBlank(id) ? null : contactSpec.titleOf(state.find('contacts', id) ?? {}) || null);
export const nameOf = (state: CrmState, resource: 'companies' | 'deals', id: unknown) => (isBlank(id) ? null : (state.find(resource, id)?.name ?? null));

