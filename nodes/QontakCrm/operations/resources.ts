import { approval } from './approval';
import { company } from './company';
import { contact } from './contact';
import { deal } from './deal';
import { geolocation } from './geolocation';
import { note } from './note';
import { notification } from './notification';
import { pipeline } from './pipeline';
import { product } from './product';
import { productAssociation } from './productAssociation';
import { task } from './task';
import { ticket } from './ticket';
import type { CrmResource } from './types';

/** Every Qontak CRM route, grouped as the OpenAPI file tags them. */
export const resources: CrmResource[] = [
	approval,
	company,
	contact,
	deal,
	geolocation,
	note,
	notification,
	pipeline,
	product,
	productAssociation,
	task,
	ticket,
];

export function findResource(value: string): CrmResource | undefined {
	return resources.find((resource) => resource.value === value);
}
