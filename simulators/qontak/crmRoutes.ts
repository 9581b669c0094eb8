import { geolocationSpec, noteSpec, productAssociationSpec, taskSpec } from './crmActivityRecords';
import { approvalRoutes, notificationRoutes } from './crmActivityRoutes';
import { chatHistoryHandler, crudRoutes, timelineHandler, updateOwnerHandler } from './crmCrud';
import { dealRoutes } from './crmDealRoutes';
import { infoRoutes, lookupRoutes } from './crmLookupRoutes';
import { dealSpec, ticketSpec } from './crmPipelineRecords';
import { companySpec, contactSpec, productSpec } from './crmRecords';
import type { Route } from './crmRouter';

/**
 * Every method+path under /qontak/crm in the vendor OpenAPI file (84 of them), as one
 * table. Patterns are relative to /qontak/crm.
 */
export const CRM_ROUTES: readonly Route[] = [
	...infoRoutes,

	...crudRoutes('/contacts', contactSpec),
	{ method: 'GET', pattern: '/contacts/:id/timeline', handler: timelineHandler(contactSpec) },
	{ method: 'GET', pattern: '/contacts/:id/chat-history', handler: chatHistoryHandler(contactSpec) },
	{ method: 'PUT', pattern: '/contacts/:id/update_owner', handler: updateOwnerHandler(contactSpec) },

	...crudRoutes('/companies', companySpec),
	{ method: 'GET', pattern: '/companies/:id/timeline', handler: timelineHandler(companySpec) },
	{ method: 'PUT', pattern: '/companies/:id/update_owner', handler: updateOwnerHandler(companySpec) },

	...crudRoutes('/deals', dealSpec),
	...dealRoutes,

	...crudRoutes('/tasks', taskSpec),
	...crudRoutes('/tickets', ticketSpec),
	...crudRoutes('/products', productSpec),
	...crudRoutes('/products_association', productAssociationSpec),
	...crudRoutes('/notes', noteSpec),
	...crudRoutes('/geolocations', geolocationSpec, { remove: false }),

	...lookupRoutes,
	...notificationRoutes,
	...approvalRoutes,
];
