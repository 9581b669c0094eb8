import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError, trimmedText } from '../../shared/parseInput';
import { requirePhone } from '../../shared/phone';
import type { CrmContext } from './context';
import { ifNotFoundOption, nothingFound } from './notFound';
import type { IndexedCollection, MatchKind } from './recordIndex';
import { indexKey, normalise, sharedIndex, wantedKeys } from './recordIndex';
import { simplifyRecord } from './simplify';
import type { CrmRoute } from './types';
import { toCalendarDate } from './values';

/** What each kind of key is called in the editor. */
export const MATCH_KINDS: Record<MatchKind, { name: string; placeholder: string; description: string }> = {
	email: { name: 'Email', placeholder: 'name@email.com', description: 'Case and surrounding spaces are ignored' },
	name: { name: 'Name', placeholder: 'Siti Rahmawati', description: 'The whole name, as Qontak shows it; case and extra spaces are ignored' },
	phone: {
		name: 'Phone',
		placeholder: '0812 3456 7890',
		description: 'Any written form finds the number: 0812 3456 7890, +62 812-3456-7890 and 6281234567890 are the same',
	},
};

export const matchOnOptions = (kinds: MatchKind[]) =>
	kinds.map((kind) => ({ name: MATCH_KINDS[kind].name, value: kind })).sort((a, b) => a.name.localeCompare(b.name));

const kindsOf = (collection: IndexedCollection) => Object.keys(collection.keys) as MatchKind[];

/** The key one item asks about, read and checked before anything is sent. */
function readKey(this: IExecuteFunctions, collection: IndexedCollection, itemIndex: number): { key: string; shown: string; label: string } {
	const node = this.getNode();
	const kind = this.getNodeParameter('matchOn', itemIndex) as MatchKind;
	if (!collection.keys[kind]) {
		const choices = kindsOf(collection).map((entry) => MATCH_KINDS[entry].name).join(', ');
		fieldError(node, itemIndex, `'Match On' cannot be '${String(kind)}' for ${collection.plural}`, `Choose one of: ${choices}`);
	}
	const label = MATCH_KINDS[kind].name;
	const raw = this.getNodeParameter('matchValue', itemIndex, '') as unknown;
	if (trimmedText(raw) === '') fieldError(node, itemIndex, `'${label}' is empty`, `Give the ${label.toLowerCase()} to look for, or map it from the input`);
	const shown = kind === 'phone' ? requirePhone(node, raw, label, itemIndex) : normalise[kind](raw);
	if (shown === undefined || (kind === 'email' && !shown.includes('@'))) {
		fieldError(node, itemIndex, `'${label}' is not ${kind === 'email' ? 'an email address' : 'text'}: ${JSON.stringify(raw)}`, `Give the ${label.toLowerCase()} to look for, e.g. ${MATCH_KINDS[kind].placeholder}`);
	}
	return { key: indexKey(kind, shown), shown, label };
}

/**
 * Qontak's created_after takes DD-MM-YYYY ("Get All Contacts" in
 * https://documenter.getpostman.com/view/22728681/2sAXxV6A5V), the day as the package reads every
 * date-only value (nodes/shared/calendarDate.ts).
 */
function readCreatedAfter(this: IExecuteFunctions, value: unknown, itemIndex: number): string | undefined {
	if (trimmedText(value) === '') return undefined;
	return toCalendarDate(this.getNode(), value, 'Created After', itemIndex, this.getTimezone(), 'DD-MM-YYYY');
}

function findProperties(collection: IndexedCollection): INodeProperties[] {
	const kinds = kindsOf(collection);
	const options: INodeProperties[] = [];
	if (collection.createdAfter) {
		options.push({
			displayName: 'Created After',
			name: 'createdAfter',
			type: 'dateTime',
			default: '',
			description: `Scan only ${collection.plural} created after this day (Qontak’s created_after filter): fewer requests, but older ${collection.plural} are not found`,
		});
	}
	options.push(ifNotFoundOption, {
		displayName: 'Return',
		name: 'matches',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All Matches', value: 'all', description: `Every ${collection.singular} with this value, one item each` },
			{ name: 'First Match', value: 'first', description: `Only the first ${collection.singular} Qontak lists` },
		],
	});
	return [
		{
			displayName: `Qontak cannot search ${collection.plural}: this reads every ${collection.singular} once per execution, one request per 100 (about 1 000 requests for 100 000 ${collection.plural}), and answers all items from that one read`,
			name: 'scanNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Match On',
			name: 'matchOn',
			type: 'options',
			default: 'phone',
			options: matchOnOptions(kinds),
			description: `Which value of the ${collection.singular} to look for`,
		},
		...kinds.map(
			(kind): INodeProperties => ({
				displayName: MATCH_KINDS[kind].name,
				name: 'matchValue',
				type: 'string',
				default: '',
				required: true,
				placeholder: MATCH_KINDS[kind].placeholder,
				description: MATCH_KINDS[kind].description,
				displayOptions: { show: { matchOn: [kind] } },
			}),
		),
		{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options },
	];
}

/** Find: contacts or companies by phone, email or name, from the execution's one scan. */
export function findOperation(collection: IndexedCollection): CrmRoute {
	const { plural, singular } = collection;
	return {
		value: 'find',
		name: 'Find',
		action: `Find ${plural} by ${kindsOf(collection).join(', ')}`,
		description: `Look ${plural} up by ${kindsOf(collection).join(', ')}. Reads every ${singular} once per execution (one request per 100), then answers all items from that read.`,
		// The list it reads; the operation is built on it, not a route of its own.
		method: 'GET',
		path: collection.path,
		composite: true,
		simplify: simplifyRecord,
		flow: {
			properties: findProperties(collection),
			async execute(this: IExecuteFunctions, itemIndex: number, ctx: CrmContext) {
				const { key, shown, label } = readKey.call(this, collection, itemIndex);
				const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
				const createdAfter = collection.createdAfter ? readCreatedAfter.call(this, options.createdAfter, itemIndex) : undefined;
				const index = await sharedIndex.call(this, ctx, collection, {
					createdAfter,
					itemIndex,
					wanted: () => wantedKeys(this, (item) => readKey.call(this, collection, item).key),
				});
				const found = index.find(key);
				if (!found.length) {
					const { pages, records } = index.scan;
					const since = createdAfter ? ` created after ${createdAfter}` : '';
					return nothingFound.call(
						this,
						options.ifNotFound,
						itemIndex,
						`No ${singular} with ${label.toLowerCase()} ${shown}`,
						`Looked through all ${records} ${plural}${since} (${pages} pages). Choose 'If Not Found: Return Nothing' under Options to go on without it.`,
					);
				}
				return (options.matches === 'first' ? found.slice(0, 1) : found).map((record) => ({
					...record,
					// On every item, where the user sees it: what this execution's one read cost.
					_scan: { ...index.scan },
				}));
			},
		},
	};
}
