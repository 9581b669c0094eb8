import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldError, pathSegmentProblem, trimmedText } from '../../shared/parseInput';
import { qontakRequest } from '../transport';
import type { CrmContext } from './context';
import { ifNotFoundOption, nothingFound } from './notFound';
import { simplifyRecord } from './simplify';
import type { CrmRoute } from './types';

const LABEL = 'Chat Room ID';

/**
 * The deal linked to a Qontak Omnichannel room (GET /deals/channel_integration_room/{id}). Qontak
 * documents neither the answer nor what a room without a deal gets; its CRM answers a record it
 * does not have with a 404 in its meta envelope (https://documenter.getpostman.com/view/22728681/2sAXxV6A5V),
 * so that 404, and an empty answer, mean "no deal": a customer writing in without a deal is the
 * everyday case, not a failure.
 */
export const findDealByChatRoom: CrmRoute = {
	// The value saved workflows already use.
	value: 'getByChatRoom',
	name: 'Find by Chat Room',
	action: 'Find the deal of a Qontak chat room',
	description: 'The deal linked to a Qontak Omnichannel chat room; a room without a deal gives no item',
	method: 'GET',
	path: '/deals/channel_integration_room/{room_id}',
	simplify: simplifyRecord,
	flow: {
		properties: [
			{
				displayName: LABEL,
				name: 'room_id',
				type: 'string',
				default: '',
				required: true,
				placeholder: '5e000000-0000-4000-8000-000000000001',
				hint: 'After a Qontak Omnichannel Trigger, map {{ $json.room.id }} (or {{ $json.room_id }}) from its output',
				description: 'The Qontak Omnichannel (Chat) room ID, a UUID',
			},
			{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [ifNotFoundOption] },
		],
		async execute(this: IExecuteFunctions, itemIndex: number, ctx: CrmContext) {
			const room = trimmedText(this.getNodeParameter('room_id', itemIndex, ''));
			if (room === '') fieldError(this.getNode(), itemIndex, `'${LABEL}' is required`, 'Map the room’s ID, e.g. {{ $json.room.id }} from a Qontak Omnichannel Trigger');
			const problem = pathSegmentProblem(room);
			if (problem) {
				fieldError(this.getNode(), itemIndex, `'${LABEL}' is not an ID: ${JSON.stringify(room)} (${problem})`, 'Map the room’s ID, e.g. {{ $json.room.id }} from a Qontak Omnichannel Trigger');
			}
			const answer = await qontakRequest.call(this, {
				method: 'GET',
				path: `/deals/channel_integration_room/${encodeURIComponent(room)}`,
				itemIndex,
				timeoutMs: ctx.timeoutMs,
				maxRetries: ctx.maxRetries,
				missingIsEmpty: true,
			});
			const found = Array.isArray(answer.response) ? (answer.response[0] as unknown) : answer.response;
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			if (typeof found !== 'object' || found === null || Object.keys(found).length === 0) {
				return nothingFound.call(this, options.ifNotFound, itemIndex, `No deal is linked to chat room ${room}`, 'Create the deal, or choose If Not Found: Return Nothing under Options');
			}
			return found as IDataObject;
		},
	},
};
