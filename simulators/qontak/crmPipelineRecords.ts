import { recordChanges, recordStageMove } from './crmAudit';
import { LOST_REASONS, PRIORITIES, SOURCES, TICKET_PRIORITIES } from './crmFixtures';
import { contactName, nameOf, toIdOrNull } from './crmLookups';
import { allOf, checkLinks, firstParam, idsParam, optionName, type ResourceSpec } from './crmRecords';
import { recordKey, type CrmRecord, type CrmState } from './crmState';
import { containsCi, decimalString, idList, isBlank, slugify } from './crmValues';

/** Pipeline-aware records: deals (sales pipelines) and tickets (ticket pipelines). */

/**
 * Keeps pipeline and stage consistent: a stage alone moves the deal to its pipeline, a
 * pipeline alone resets the stage to that pipeline's first one, neither picks the first
 * pipeline (what the Qontak UI preselects). Contradicting ids are a 422.
 */
function resolveStage<S extends { id: number; order: number }>(
	next: CrmRecord,
	body: Record<string, any>,
	keys: { pipeline: string; stage: string },
	pipelineIds: number[],
	stagesOf: (pipelineId: number) => S[],
	pipelineOfStage: (stageId: number) => number | undefined,
	errors: string[],
): void {
	const stageGiven = !isBlank(body[keys.stage]);
	const pipelineGiven = !isBlank(body[keys.pipeline]);
	if (stageGiven) {
		const pipelineId = pipelineOfStage(Number(next[keys.stage]));
		if (pipelineId === undefined) return; // already reported as an invalid option
		if (pipelineGiven && Number(next[keys.pipeline]) !== pipelineId) {
			errors.push(`${keys.stage}: stage ${String(next[keys.stage])} is not in pipeline ${String(next[keys.pipeline])}`);
		} else next[keys.pipeline] = pipelineId;
		return;
	}
	if (isBlank(next[keys.pipeline])) next[keys.pipeline] = pipelineIds[0] ?? null;
	const stages = stagesOf(Number(next[keys.pipeline]));
	if (!stages.some((s) => s.id === Number(next[keys.stage]))) {
		next[keys.stage] = [...stages].sort((a, b) => a.order - b.order)[0]?.id ?? null;
	}
}

export const dealSpec: ResourceSpec = {
	resource: 'deals',
	template: 'deals',
	noun: 'deal',
	listStyle: 'standard',
	ownerKey: 'creator_id',
	writable: [
		'name', 'currency', 'size', 'closed_date', 'creator_id', 'crm_source_id', 'crm_lost_reason_id', 'crm_pipeline_id',
		'crm_stage_id', 'start_date', 'expired_date', 'crm_priority_id', 'crm_company_id', 'crm_lead_ids',
	],
	blank: () => ({
		id: null, name: null, slug: null, created_at: null, updated_at: null, currency: null, size: null,
		closed_date: null, creator_id: null, creator_name: null, crm_source_id: null, crm_source_name: null,
		crm_lost_reason_id: null, crm_lost_reason_name: null, crm_pipeline_id: null, crm_pipeline_name: null,
		crm_stage_id: null, crm_stage_name: null, start_date: null, expired_date: null, crm_priority_id: null,
		crm_priority_name: null, crm_company_id: [], crm_company_name: [], crm_lead_ids: [], crm_lead_name: [],
		crm_deal_status: 'open', product_association_ids: [], product_association_name: [],
		product_association_quantity: [], product_association_price: [], product_association_total_price: [],
		additional_fields: [],
	}),
	titleOf: (r) => r.name,
	prepare(next, previous, body, state, errors) {
		const stages = state.stores.stages;
		resolveStage(
			next,
			body,
			{ pipeline: 'crm_pipeline_id', stage: 'crm_stage_id' },
			state.stores.pipelines.map((p) => p.id),
			(pid) => stages.filter((s) => s.crm_pipeline_id === pid) as any,
			(sid) => stages.find((s) => s.id === sid)?.crm_pipeline_id,
			errors,
		);
		// Requests send one company id; responses show an array (Deals in
		// https://documenter.getpostman.com/view/22728681/2sAXxV6A5V).
		if ('crm_company_id' in body) {
			checkLinks(state, errors, 'crm_company_id', 'companies', body.crm_company_id);
			next.crm_company_id = idList(body.crm_company_id);
		}
		if ('crm_lead_ids' in body) {
			checkLinks(state, errors, 'crm_lead_ids', 'contacts', body.crm_lead_ids);
			next.crm_lead_ids = idList(body.crm_lead_ids);
		}
		if (!previous && isBlank(next.currency)) next.currency = 'IDR';
	},
	normalize(next) {
		next.size = decimalString(next.size);
	},
	decorate(r, state) {
		const stage = state.find('stages', r.crm_stage_id);
		r.slug = slugify(r.name ?? '', r.id);
		r.creator_name = state.userName(r.creator_id);
		r.crm_source_name = optionName(SOURCES, r.crm_source_id);
		r.crm_lost_reason_name = optionName(LOST_REASONS, r.crm_lost_reason_id);
		r.crm_priority_name = optionName(PRIORITIES, r.crm_priority_id);
		r.crm_pipeline_name = state.find('pipelines', r.crm_pipeline_id)?.name ?? null;
		r.crm_stage_name = stage?.name ?? null;
		r.crm_company_name = (r.crm_company_id as number[]).map((id) => nameOf(state, 'companies', id));
		r.crm_lead_name = (r.crm_lead_ids as number[]).map((id) => contactName(state, id));
		r.crm_deal_status = !isBlank(r.crm_lost_reason_id) ? 'lost' : stage?.win_probability === 100 ? 'won' : 'open';
		const lines = state.stores.products_association.filter((a) => a.crm_deal_id === r.id);
		r.product_association_ids = lines.map((a) => a.id);
		r.product_association_name = lines.map((a) => a.name);
		r.product_association_quantity = lines.map((a) => a.quantity);
		r.product_association_price = lines.map((a) => a.price);
		r.product_association_total_price = lines.map((a) => a.total_price);
	},
	afterWrite(r, previous, state) {
		if (!previous) {
			state.realCreators.set(recordKey('deals', r.id), r.creator_id);
			recordStageMove(state, r, null);
			return;
		}
		if (previous.crm_stage_id !== r.crm_stage_id) recordStageMove(state, r, previous.crm_stage_id);
		recordChanges(state, r, previous);
	},
	/**
	 * The four filters Qontak documents for the deal list (Get All Deals in
	 * https://documenter.getpostman.com/view/22728681/2sAXxV6A5V). Anything else, such as the
	 * pipeline_id / stage_id one third-party client sends, is ignored as an unknown parameter.
	 */
	filter(query, state) {
		const name = firstParam(query, 'name');
		const contactIds = idsParam(query, 'contact_ids');
		const companyIds = idsParam(query, 'company_ids');
		const productIds = idsParam(query, 'product_ids');
		const withProducts =
			productIds &&
			new Set(state.stores.products_association.filter((a) => productIds.includes(a.crm_product_id)).map((a) => a.crm_deal_id));
		return allOf(
			name !== undefined && ((r) => containsCi(r.name, name)),
			contactIds && ((r) => (r.crm_lead_ids as number[]).some((id) => contactIds.includes(id))),
			companyIds && ((r) => (r.crm_company_id as number[]).some((id) => companyIds.includes(id))),
			withProducts && ((r) => withProducts.has(r.id)),
		);
	},
};

const ticketStages = (state: CrmState): CrmRecord[] => state.stores.ticket_pipelines.flatMap((p) => p.ticket_stages as CrmRecord[]);

export const ticketSpec: ResourceSpec = {
	resource: 'tickets',
	template: 'tickets',
	noun: 'ticket',
	listStyle: 'standard',
	ownerKey: 'user_id',
	writable: [
		'name', 'ticket_pipeline_id', 'ticket_stage_id', 'user_id', 'ticket_priority_id', 'ticket_category_id',
		'description', 'due_date', 'crm_company_id', 'crm_lead_ids', 'crm_product_ids', 'crm_task_ids',
	],
	blank: () => ({
		id: null, name: null, created_at: null, updated_at: null, ticket_pipeline_id: null, ticket_pipeline_name: null,
		ticket_stage_id: null, ticket_stage_name: null, user_id: null, user_full_name: null, ticket_priority_id: null,
		ticket_priority_name: null, ticket_category_id: null, description: null, due_date: null, crm_company_id: null,
		crm_company_name: null, crm_lead_ids: [], crm_product_ids: [], crm_task_ids: [], unique_ticket_id: null,
		additional_fields: [],
	}),
	titleOf: (r) => r.name,
	prepare(next, _previous, body, state, errors) {
		resolveStage(
			next,
			body,
			{ pipeline: 'ticket_pipeline_id', stage: 'ticket_stage_id' },
			state.stores.ticket_pipelines.map((p) => p.id),
			(pid) => ticketStages(state).filter((s) => s.ticket_pipeline_id === pid) as any,
			(sid) => ticketStages(state).find((s) => s.id === sid)?.ticket_pipeline_id,
			errors,
		);
		checkLinks(state, errors, 'crm_company_id', 'companies', body.crm_company_id);
		checkLinks(state, errors, 'crm_lead_ids', 'contacts', body.crm_lead_ids);
		checkLinks(state, errors, 'crm_product_ids', 'products', body.crm_product_ids);
		next.crm_company_id = toIdOrNull(next.crm_company_id);
		for (const key of ['crm_lead_ids', 'crm_product_ids', 'crm_task_ids']) next[key] = idList(next[key]);
	},
	decorate(r, state) {
		const pipeline = state.find('ticket_pipelines', r.ticket_pipeline_id);
		r.ticket_pipeline_name = pipeline?.name ?? null;
		r.ticket_stage_name = ticketStages(state).find((s) => s.id === r.ticket_stage_id)?.name ?? null;
		r.user_full_name = state.userName(r.user_id);
		r.ticket_priority_name = optionName(TICKET_PRIORITIES, r.ticket_priority_id);
		r.crm_company_name = nameOf(state, 'companies', r.crm_company_id);
		r.unique_ticket_id = `TKT-${String(r.id).padStart(6, '0')}`;
	},
};

