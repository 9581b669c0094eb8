import { wibTimeline } from './crmEnvelope';
import type { ResourceSpec } from './crmRecords';
import { recordKey, type CrmRecord, type CrmState } from './crmState';

/**
 * Timeline, stage history and change log. Creation entries are synthesised on read rather
 * than stored, so seeding 100 000 contacts costs no audit memory.
 */

let timelineSeq = 0;

function timelineEntry(state: CrmState, spec: ResourceSpec, record: CrmRecord, how: string, atMs: number): CrmRecord {
	const user = state.currentUser;
	const title = spec.titleOf(record);
	const noun = spec.noun.replace(/^\w/, (c) => c.toUpperCase());
	return {
		id: ++timelineSeq,
		who: `${user.full_name} (${user.email})`,
		what: `a ${spec.noun}`,
		why: `${how.replace(/^\w/, (c) => c.toUpperCase())} ${noun} '${title}'.`,
		when: wibTimeline(atMs),
		how,
		content: `'${title}'.`,
		task_id: null,
		ticket_id: null,
		auditable_id: record.id,
		email_id: null,
		crm_deal_id: spec.resource === 'deals' ? record.id : null,
	};
}

export function recordTimeline(state: CrmState, spec: ResourceSpec, record: CrmRecord, how: string): void {
	state.appendTo(state.timelines, recordKey(spec.resource, record.id), timelineEntry(state, spec, record, how, state.clock()));
}

export function timelineOf(state: CrmState, spec: ResourceSpec, record: CrmRecord): CrmRecord[] {
	const createdMs = Date.parse(record.created_at) || state.clock();
	const created = { ...timelineEntry(state, spec, record, 'added', createdMs), who: creatorLabel(state, record) };
	return [created, ...(state.timelines.get(recordKey(spec.resource, record.id)) ?? [])];
}

function creatorLabel(state: CrmState, record: CrmRecord): string {
	const user = state.user(record.creator_id ?? record.user_id) ?? state.currentUser;
	return `${user.full_name} (${user.email})`;
}

const stageRef = (state: CrmState, id: unknown) => {
	const stage = id === null || id === undefined ? undefined : state.find('stages', id);
	return { id: stage?.id ?? null, name: stage?.name ?? null };
};

export function recordStageMove(state: CrmState, deal: CrmRecord, previousStageId: unknown): void {
	state.appendTo(state.stageHistory, recordKey('deals', deal.id), {
		current_owner: deal.creator_name,
		prev_stage: stageRef(state, previousStageId),
		current_stage: stageRef(state, deal.crm_stage_id),
		moved_date: state.nowIso(),
		moved_by: state.currentUser.full_name,
	});
}

const IGNORED_IN_CHANGE_LOG = new Set(['updated_at', 'slug']);

/** One entry per changed key, `*_name` echoes included, the way an audit table would. */
export function recordChanges(state: CrmState, deal: CrmRecord, before: CrmRecord): void {
	for (const key of Object.keys(deal)) {
		if (IGNORED_IN_CHANGE_LOG.has(key)) continue;
		const [oldValue, newValue] = [JSON.stringify(before[key]), JSON.stringify(deal[key])];
		if (oldValue === newValue) continue;
		state.appendTo(state.changeLogs, recordKey('deals', deal.id), {
			field: key,
			old_value: before[key] ?? null,
			new_value: deal[key] ?? null,
			changed_by: state.currentUser.full_name,
			changed_at: state.nowIso(),
		});
	}
}
