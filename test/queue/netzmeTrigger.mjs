// The Netzme Trigger's duplicate guard across queue mode's processes (issue 11, item 4).
//
// The trigger drops repeats with an in-process claim (exact within one n8n process) plus the
// event keys in the workflow's static data, which n8n writes after webhook() returns
// (LiveWebhooks.executeWebhook → saveStaticData) and which every request reads fresh from the
// database. So repeats to one process are always dropped, repeats to another process only once
// the first delivery's save has landed, and deliveries that reach two processes at the same
// moment can both start an execution. The checks below assert the first two; the third is
// measured, with the time from request start to the static-data save, for the README.
// The trigger answers before n8n saves, so check c (each retry sent the moment the previous
// answer arrives) races that save and fails when the webhook process reads first; how often
// that happens is sampled and reported with the measurement.
//
// Executions are counted from n8n's own records (PostgreSQL's execution_entity/execution_data,
// cross-checked with the REST API), each attributed to its payment by the trigger's output.
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';

import { MERCHANT_ID, TRIGGER_NODE, TRIGGER_WORKFLOW_ID } from './fixtures.mjs';

const PAIRS = Number(process.env.QUEUE_TRIGGER_PAIRS ?? 30);
// Between two pairs of the measurement: each pair's saves land before the next pair starts, so
// a pair's outcome depends only on its own two deliveries.
const PAIR_GAP_MS = 100;
// Check c once more per payment, as a sample: how often the retry beats the first delivery's save.
const ALTERNATING = Number(process.env.QUEUE_TRIGGER_ALTERNATING ?? 10);
const SETTLE_TIMEOUT_MS = 90_000;
// Longer than any gap between a delivery's answer and its execution record seen here (at most a
// few hundred ms on a loaded machine).
const QUIET_MS = 1_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const keyOf = (payment) => `qris:${payment.referenceId}`;

/**
 * One callback delivery as Netzme sends it (what NetzmeSimulator.postCallback sends: POST, JSON,
 * no auth), with wall-clock times so they compare with PostgreSQL's commit timestamps on this
 * machine. A new connection each time (agent: false): a kept-alive one idle since the burst can
 * be closed by n8n just as it is reused, and that delivery would be lost (seen as "fetch failed").
 */
function deliver(url, payment) {
	const payload = JSON.stringify(payment);
	const started = Date.now();
	return new Promise((resolve) => {
		const done = (status, body) => resolve({ url, status, body, started, answered: Date.now() });
		const request = httpRequest(
			url,
			{ method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }, timeout: 60_000 },
			(response) => {
				let text = '';
				response.setEncoding('utf8').on('data', (chunk) => (text += chunk));
				response.on('end', () => {
					let body;
					try {
						body = JSON.parse(text);
					} catch {
						body = text;
					}
					done(response.statusCode ?? 0, body);
				});
			},
		);
		request.on('timeout', () => request.destroy(new Error('no answer within 60 s')));
		request.on('error', (error) => done(0, `${error.code ?? ''} ${error.message}`.trim()));
		request.end(payload);
	});
}

/** What the trigger answered: it started the workflow, dropped a repeat, or something else. */
function verdict(answer) {
	if (answer.status === 200 && answer.body?.message === 'Workflow started') return 'started';
	if (answer.status === 200 && answer.body?.duplicate === true) return 'duplicate';
	return `HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`;
}

function tally(answers) {
	const counts = new Map();
	for (const answer of answers) counts.set(verdict(answer), (counts.get(verdict(answer)) ?? 0) + 1);
	return [...counts].map(([what, count]) => `${count}× ${what}`).join(', ');
}

function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const spread = (values) =>
	values.length ? `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)} ms (n=${values.length})` : 'no samples';

/**
 * Records every write of a workflow's static data: n8n writes it with one UPDATE
 * (WorkflowStaticDataService.saveStaticDataById), so this AFTER UPDATE trigger sees each save.
 * The row's commit time (track_commit_timestamp, set in services.mjs) is when other processes can
 * see the save; the statement's own time comes before that, by milliseconds under load. It lives
 * in a schema of its own, created after n8n's migrations.
 */
function installSaveProbe(postgres) {
	postgres.query(`
		CREATE SCHEMA queue_probe;
		CREATE TABLE queue_probe.static_saves (id bigserial PRIMARY KEY, at_ms double precision NOT NULL, workflow_id text NOT NULL, static_data text);
		CREATE FUNCTION queue_probe.record_static_save() RETURNS trigger LANGUAGE plpgsql AS $probe$
		BEGIN
			INSERT INTO queue_probe.static_saves (at_ms, workflow_id, static_data)
			VALUES (extract(epoch FROM clock_timestamp()) * 1000, NEW.id, NEW."staticData"::text);
			RETURN NEW;
		END
		$probe$;
		CREATE TRIGGER queue_probe_static_saves AFTER UPDATE OF "staticData" ON public.workflow_entity
			FOR EACH ROW WHEN (OLD."staticData"::text IS DISTINCT FROM NEW."staticData"::text)
			EXECUTE FUNCTION queue_probe.record_static_save();
	`);
}

/**
 * PostgreSQL logs every statement while `on`, stamped with its clock in UTC, so the moment a
 * webhook request reads the workflow's static data can be set against the save. Each ALTER
 * SYSTEM is its own psql call: it cannot run inside the transaction a multi-statement -c opens.
 */
async function logStatements(postgres, on) {
	if (on) {
		postgres.query(`ALTER SYSTEM SET log_line_prefix = '%m [%p] '`);
		postgres.query(`ALTER SYSTEM SET log_timezone = 'UTC'`);
		postgres.query(`ALTER SYSTEM SET log_statement = 'all'`);
	} else {
		postgres.query('ALTER SYSTEM RESET log_statement');
	}
	postgres.query('SELECT pg_reload_conf()');
	// Backends pick the new settings up at their next command; give the reload a moment.
	await sleep(500);
}

/**
 * When webhook requests loaded the workflow (static data included): LiveWebhooks reads it with
 * WorkflowPublishedVersionRepository.getPublishedVersionWithRelations, the one query here that
 * joins the published version with shared_workflow. TypeORM sends it as two statements: an id
 * lookup (SELECT DISTINCT "distinctAlias"…) and then the rows themselves, whose snapshot is the
 * one the trigger sees; only the latter is kept. Times in ms, from PostgreSQL's log.
 */
function staticDataReads(logFile) {
	let text = '';
	try {
		text = readFileSync(logFile, 'utf8');
	} catch {
		return [];
	}
	const reads = [];
	for (const line of text.split('\n')) {
		const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) UTC \[\d+\] LOG:  (?:statement|execute [^:]*): (.*)$/.exec(line);
		const sql = match?.[3] ?? '';
		if (sql.includes('workflow_published_version') && sql.includes('shared_workflow') && !sql.includes('distinctAlias')) reads.push(Date.parse(`${match[1]}T${match[2]}Z`));
	}
	return reads;
}

/**
 * For each event key, the first save that held it: { at: committed (ms), settledAt: the node's
 * own timestamp for the key }. Both clocks are this machine's wall clock.
 */
function firstSaves(postgres) {
	const rows = postgres
		.query(
			`SELECT coalesce(extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000, at_ms), static_data ` +
				`FROM queue_probe.static_saves WHERE workflow_id = '${TRIGGER_WORKFLOW_ID}' ORDER BY id`,
		)
		.trim()
		.split('\n')
		.filter(Boolean);
	const saves = new Map();
	let last = {};
	for (const row of rows) {
		const split = row.indexOf('|');
		const at = Number(row.slice(0, split));
		let seen = {};
		try {
			seen = JSON.parse(row.slice(split + 1))?.[`node:${TRIGGER_NODE}`]?.seenEvents ?? {};
		} catch {
			// A save that is not JSON holds no keys.
		}
		for (const [key, settledAt] of Object.entries(seen)) {
			const known = saves.get(key);
			if (!known || at < known.at) saves.set(key, { at, settledAt });
		}
		last = seen;
	}
	return { saves, lastSaved: last };
}

/** Every execution of the trigger workflow after `afterId`, with the payment its trigger output names. */
function executionsAfter(postgres, parse, afterId) {
	const rows = postgres
		.query(
			`SELECT e.id, e.status, d.data FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id ` +
				`WHERE e."workflowId" = '${TRIGGER_WORKFLOW_ID}' AND e.id > ${afterId} ORDER BY e.id`,
		)
		.trim()
		.split('\n')
		.filter(Boolean);
	return rows.map((row) => {
		const first = row.indexOf('|');
		const second = row.indexOf('|', first + 1);
		const id = Number(row.slice(0, first));
		const status = row.slice(first + 1, second);
		let referenceId;
		try {
			const data = parse(row.slice(second + 1));
			// Finished: the trigger's output; not yet run by a worker: the items queued for it.
			const items = data.resultData?.runData?.[TRIGGER_NODE]?.[0]?.data?.main?.[0] ?? data.executionData?.nodeExecutionStack?.[0]?.data?.main?.[0] ?? [];
			referenceId = items[0]?.json?.referenceId;
		} catch {
			// Unreadable data names no payment; it still counts as an execution.
		}
		return { id, status, referenceId: referenceId === undefined ? undefined : String(referenceId) };
	});
}

function lastExecutionId(postgres) {
	return Number(postgres.query(`SELECT coalesce(max(id), 0) FROM execution_entity WHERE "workflowId" = '${TRIGGER_WORKFLOW_ID}'`).trim());
}

export async function checkNetzmeTrigger({ netzme, postgres, parse, session, urls, check, log }) {
	const [main, webhook] = [urls.main, urls.webhook];
	installSaveProbe(postgres);
	const pay = (amount) => netzme.payQris(MERCHANT_ID, amount);

	/**
	 * The trigger answers before n8n creates the execution, so counts read right after the
	 * answers could miss one. A fresh marker payment goes to each process afterwards; once both
	 * markers' executions exist, nothing is queued or running, and the count has stayed put for
	 * QUIET_MS, every earlier delivery's execution is recorded. The markers are left out.
	 */
	async function startedSince(afterId) {
		const markers = [pay(1111), pay(1112)];
		const markerAnswers = await Promise.all([deliver(main, markers[0]), deliver(webhook, markers[1])]);
		const markerRefs = new Set(markers.map((marker) => String(marker.referenceId)));
		const began = Date.now();
		let executions = [];
		let stableSince;
		let lastCount = -1;
		while (Date.now() - began < SETTLE_TIMEOUT_MS) {
			executions = executionsAfter(postgres, parse, afterId);
			const markersIn = executions.filter((execution) => markerRefs.has(execution.referenceId)).length;
			const busy = executions.some((execution) => ['new', 'running', 'waiting'].includes(execution.status));
			if (markersIn >= markerRefs.size && !busy) {
				if (executions.length !== lastCount) [lastCount, stableSince] = [executions.length, Date.now()];
				else if (Date.now() - stableSince >= QUIET_MS) break;
			}
			await sleep(250);
		}
		const settled = stableSince !== undefined && Date.now() - stableSince >= QUIET_MS;
		if (!settled) log(`trigger executions did not settle within ${SETTLE_TIMEOUT_MS / 1000} s (markers answered: ${tally(markerAnswers)})`);
		return { settled, executions: executions.filter((execution) => !markerRefs.has(execution.referenceId)) };
	}
	const countFor = (executions, payment) => executions.filter((execution) => execution.referenceId === String(payment.referenceId)).length;
	const statusesOf = (executions) => {
		const counts = {};
		for (const execution of executions) counts[execution.status] = (counts[execution.status] ?? 0) + 1;
		return JSON.stringify(counts);
	};

	// a–c: repeats to one process, concurrent repeats to one process, repeats across processes.
	log('Netzme Trigger: one payment 4 times to main, one 3 times at once to main, one 4 times alternating main / webhook process');
	const afterId = lastExecutionId(postgres);
	const repeated = pay(3100);
	const repeatedAnswers = [];
	for (let delivery = 0; delivery < 4; delivery++) repeatedAnswers.push(await deliver(main, repeated));
	const together = pay(3200);
	const togetherAnswers = await Promise.all([1, 2, 3].map(async () => await deliver(main, together)));
	// Each delivery is sent as soon as the previous one is answered: the closest a retry can follow.
	const alternating = pay(3300);
	const alternatingAnswers = [];
	for (let delivery = 0; delivery < 4; delivery++) alternatingAnswers.push(await deliver(delivery % 2 === 0 ? main : webhook, alternating));
	const first = await startedSince(afterId);
	const failedFirst = first.executions.filter((execution) => !['success'].includes(execution.status));
	// Every delivery must have been answered 200, or fewer repeats were tested than claimed.
	const exactlyOne = (payment, answers) => countFor(first.executions, payment) === 1 && first.settled && answers.every((answer) => answer.status === 200);
	const detail = (payment, answers) =>
		`${countFor(first.executions, payment)} execution(s); answers: ${tally(answers)}${first.settled ? '' : '; executions had not settled'}`;
	check('Netzme Trigger: 1 payment delivered 4 times in a row to main → 1 execution', exactlyOne(repeated, repeatedAnswers), detail(repeated, repeatedAnswers));
	check('Netzme Trigger: 1 payment delivered 3 times at once to main → 1 execution', exactlyOne(together, togetherAnswers), detail(together, togetherAnswers));
	check(
		'Netzme Trigger: 1 payment delivered 4 times in a row alternating main / webhook process → 1 execution (static data carries it across)',
		exactlyOne(alternating, alternatingAnswers),
		detail(alternating, alternatingAnswers),
	);
	check(
		'Netzme Trigger: those 3 executions ran to success on the workers, none for anything else',
		first.executions.length === 3 && failedFirst.length === 0,
		`${first.executions.length} executions besides the markers, statuses ${statusesOf(first.executions)}`,
	);

	// d: the cross-process window, measured.
	log(`Netzme Trigger: ${PAIRS} payments, each delivered at the same moment to main and to the webhook process`);
	const pairsAfterId = lastExecutionId(postgres);
	const pairs = [];
	for (let index = 0; index < PAIRS; index++) {
		const payment = pay(5000 + index);
		// Both requests leave in the same tick; which process reads the static data first is up to them.
		const answers = await Promise.all([deliver(main, payment), deliver(webhook, payment)]);
		pairs.push({ payment, answers });
		await sleep(PAIR_GAP_MS);
	}
	// Check c's race, sampled: main answers inside webhook() and saves the static data just after,
	// so a retry sent to the webhook process on that answer may read it before the save lands.
	log(`Netzme Trigger: ${ALTERNATING} payments, each delivered 4 times in a row alternating main / webhook process`);
	const alternatingRuns = [];
	await logStatements(postgres, true);
	for (let index = 0; index < ALTERNATING; index++) {
		const payment = pay(6000 + index);
		const answers = [];
		for (let delivery = 0; delivery < 4; delivery++) answers.push(await deliver(delivery % 2 === 0 ? main : webhook, payment));
		alternatingRuns.push({ payment, answers });
		await sleep(PAIR_GAP_MS);
	}
	await logStatements(postgres, false);
	const reads = staticDataReads(postgres.logFile);
	const second = await startedSince(pairsAfterId);
	const { saves, lastSaved } = firstSaves(postgres);
	const outcome = { 0: 0, 1: 0, 2: 0, more: 0 };
	const startToSave = [];
	const answerToSave = [];
	const startToSettle = [];
	const requestGaps = [];
	for (const pair of pairs) {
		const count = countFor(second.executions, pair.payment);
		outcome[count > 2 ? 'more' : count] += 1;
		const started = Math.min(...pair.answers.map((answer) => answer.started));
		requestGaps.push(Math.abs(pair.answers[0].started - pair.answers[1].started));
		const save = saves.get(keyOf(pair.payment));
		if (!save) continue;
		startToSave.push(save.at - started);
		if (typeof save.settledAt === 'number') startToSettle.push(save.settledAt - started);
		// The answer of the delivery that started the workflow first: a retry sent on that answer
		// to another process is dropped only if it reads the static data after this save.
		const answeredFirst = Math.min(...pair.answers.filter((answer) => verdict(answer) === 'started').map((answer) => answer.answered));
		if (Number.isFinite(answeredFirst)) answerToSave.push(save.at - answeredFirst);
	}
	const saveVersusRetry = [];
	const readAfterSave = [];
	const doubled = [];
	let alternatingNone = 0;
	for (const run of alternatingRuns) {
		const count = countFor(second.executions, run.payment);
		if (count === 0) alternatingNone += 1;
		const save = saves.get(keyOf(run.payment));
		// Negative: the save was committed before the retry to the webhook process left.
		if (save) saveVersusRetry.push(save.at - run.answers[1].started);
		// Main is idle while the retry is in the webhook process, so a read in that span is the retry's
		// (the log has millisecond stamps: 1 ms of slack each side).
		const read = reads.filter((at) => at >= run.answers[1].started - 1 && at <= run.answers[1].answered + 1).at(-1);
		const margin = save && read !== undefined ? read - save.at : undefined;
		if (margin !== undefined) readAfterSave.push(margin);
		if (count > 1) {
			doubled.push(
				`RRN ${run.payment.referenceId}: ${count} executions, answers ${run.answers.map(verdict).join(' / ')}` +
					(margin === undefined ? '' : `, the retry read ${Math.abs(margin).toFixed(1)} ms ${margin < 0 ? 'before' : 'after'} the commit`),
			);
		}
	}
	const pairAnswers = [...pairs, ...alternatingRuns].flatMap((pair) => pair.answers);
	const answeredStarted = pairs.map((pair) => pair.answers.filter((answer) => verdict(answer) === 'started').length);
	const keysKept = pairs.filter((pair) => keyOf(pair.payment) in lastSaved).length;
	check(
		`Netzme Trigger: each of the ${PAIRS + ALTERNATING} measured payments started at least 1 execution, all successful`,
		outcome[0] === 0 && alternatingNone === 0 && second.settled && pairAnswers.every((answer) => answer.status === 200) && second.executions.every((execution) => execution.status === 'success'),
		`answers: ${tally(pairAnswers)}; executions ${statusesOf(second.executions)}`,
	);

	const listed = await fetch(`${session.base}/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: TRIGGER_WORKFLOW_ID }))}&limit=1`, {
		headers: { cookie: session.cookie },
	});
	const listedCount = listed.ok ? (await listed.json()).data.count : `HTTP ${listed.status}`;
	const recorded = executionsAfter(postgres, parse, 0).length;
	check("Netzme Trigger: n8n's REST API lists the same executions as PostgreSQL", listedCount === recorded, `${listedCount} listed, ${recorded} in execution_entity`);

	const figures = [
		`\nNetzme Trigger across processes (measurement, not a check): ${PAIRS} payments, each delivered at the same moment to main and to the webhook process:`,
		`  ${outcome[2]} of ${PAIRS} started 2 executions, ${outcome[1]} started 1${outcome.more ? `, ${outcome.more} more than 2` : ''}${outcome[0] ? `, ${outcome[0]} none` : ''} ` +
			`(answers said "Workflow started" ${answeredStarted.reduce((sum, count) => sum + count, 0)} times; the two requests left ${spread(requestGaps)} apart)`,
		`  request start → static data saved (commit time, PostgreSQL): ${spread(startToSave)}`,
		`  request start → event settled in webhook() (node clock; mostly the confirmation with Netzme): ${spread(startToSettle)}`,
		`  answer of the starting delivery → static data saved: ${spread(answerToSave)} (the trigger answers before n8n saves)`,
		`  payment keys still in the static data at the end: ${keysKept} of ${PAIRS}`,
		`  a repeat reaching another process after the save is committed is dropped; one reading the static data earlier can start a second execution.`,
		`Check c sampled (measurement): ${ALTERNATING} more payments delivered 4 times in a row alternating main / webhook process, each sent the moment the previous answer arrived:`,
		`  ${doubled.length} of ${ALTERNATING} started more than 1 execution${doubled.length ? ` (${doubled.join('; ')})` : ''}`,
		`  main's save committed − the retry to the webhook process left: ${spread(saveVersusRetry)} (positive: the answer came before the save)`,
		`  the retry's read of the static data − main's commit: ${spread(readAfterSave)} (negative: it read the old static data)`,
	];
	return figures.join('\n');
}
