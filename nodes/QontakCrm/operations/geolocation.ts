import { op } from './routeFactories';
import type { CrmResource, FieldSpec } from './types';

const checkIn = (required: boolean): FieldSpec[] => [
	{ key: 'latitude', label: 'Latitude', kind: 'number', required, default: 0 },
	{ key: 'longitude', label: 'Longitude', kind: 'number', required, default: 0 },
	{ key: 'battery_percentage', label: 'Battery Percentage', kind: 'number' },
	{ key: 'checkin_timestamps', label: 'Check-in Time', kind: 'dateTime', unixSeconds: true, description: 'Sent as a unix timestamp in seconds' },
	{ key: 'device_id', label: 'Device ID', kind: 'string' },
	{ key: 'input_type', label: 'Input Type', kind: 'string' },
	{ key: 'is_online', label: 'Is Online', kind: 'boolean', default: true },
	{ key: 'journey_id', label: 'Journey ID', kind: 'string' },
	{ key: 'local_id', label: 'Local ID', kind: 'string' },
	{ key: 'orientation', label: 'Orientation', kind: 'string' },
];

export const geolocation: CrmResource = {
	value: 'geolocation',
	name: 'Geolocation',
	collection: '/geolocations',
	searchPaginated: true,
	defaultOperation: 'get',
	operations: [
		{ ...op.create('geolocation check-in', '/geolocations', checkIn(true)), description: 'Record a field-sales check-in' },
		op.get('geolocation', '/geolocations/{id}'),
		op.getMany('geolocations', '/geolocations'),
		op.update('geolocation', '/geolocations/{id}', checkIn(false)),
	],
};
