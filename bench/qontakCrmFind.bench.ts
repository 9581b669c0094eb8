import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import type { IDataObject } from 'n8n-workflow';

import { CONTACTS, RecordIndex, indexKey, normalise } from '../nodes/QontakCrm/operations/recordIndex';
import { useQontakSimulator } from '../test/harness/qontakEnv';
import { runNode } from '../test/harness/runWorkflow';
import { QontakSimulator } from '../simulators/qontak/QontakSimulator';
import { report } from './report';

/*
 * Find and Create or Update over 100 000 contacts: Qontak cannot search, so each execution reads
 * the whole list once. What that costs in time and requests, and what the node holds meanwhile:
 * the heap is measured above a collected baseline taken after the simulator's own 100 000 records
 * exist, so the stand-in's store is not counted as the node's.
 */

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CONTACT_COUNT = 100_000;
const ITEMS = 100;
const LATENCY_MS = 10;
const MiB = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

const sim = new QontakSimulator({ latencyMs: LATENCY_MS });
const env = useQontakSimulator(sim, { id: 'bench', crm: true });

/** Peak heap above a collected baseline, and peak RSS, while `work` runs. */
async function measured<T>(work: () => Promise<T>) {
	gc();
	const base = process.memoryUsage();
	let heap = base.heapUsed;
	let rss = base.rss;
	const sample = () => {
		const now = process.memoryUsage();
		heap = Math.max(heap, now.heapUsed);
		rss = Math.max(rss, now.rss);
	};
	const timer = setInterval(sample, 10);
	const started = performance.now();
	try {
		const result = await work();
		sample();
		const seconds = (performance.now() - started) / 1000;
		gc();
		// What is still held once the run's garbage is collected: the output items, and whatever the node kept.
		const retained = process.memoryUsage().heapUsed - base.heapUsed;
		return { result, seconds, heapGrowth: heap - base.heapUsed, retained, peakRss: rss };
	} finally {
		clearInterval(timer);
	}
}

function seed() {
	sim.seedContacts(CONTACT_COUNT - sim.records('contacts').length);
	sim.requests.length = 0;
}

/** Every 1 000th contact, spread over the whole list. */
const someContacts = () => Array.from({ length: ITEMS }, (_, index) => sim.records('contacts')[index * 997]);

const calls = () => {
	const counts: Record<string, number> = {};
	for (const request of sim.requests) {
		const key = `${request.method} ${request.path.replace('/qontak/crm', '').replace(/\/\d+$/, '/{id}')}`;
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return Object.entries(counts)
		.map(([call, count]) => `${count} × ${call}`)
		.join(', ');
};

it(`finds ${ITEMS} contacts by phone among ${CONTACT_COUNT}`, async () => {
	seed();
	const input = someContacts().map((contact) => ({ phone: `+62 ${String(contact.telephone).slice(1)}` }));
	const { result, seconds, heapGrowth, retained, peakRss } = await measured(() =>
		runNode({
			type: 'qontakCrm',
			parameters: { resource: 'contact', operation: 'find', matchOn: 'phone', matchValue: '={{ $json.phone }}' },
			input,
			credentials: env.credentials,
			store: env.store,
		}),
	);
	if (result.nodeError || result.items.length !== ITEMS) throw result.nodeError ?? new Error(`got ${result.items.length} items`);
	const scan = result.items[0].json._scan as IDataObject;
	report('qontak-crm-find', {
		contacts: CONTACT_COUNT,
		items: ITEMS,
		'latency (ms)': LATENCY_MS,
		requests: calls(),
		'scan: pages / records': `${String(scan.pages)} / ${String(scan.records)}`,
		'wall (s)': seconds.toFixed(1),
		'ideal pages × latency (s)': ((Number(scan.pages) * LATENCY_MS) / 1000).toFixed(1),
		'peak heap above baseline, garbage included (MiB)': MiB(heapGrowth),
		'heap held after the run, output included (MiB)': MiB(retained),
		'peak RSS, simulator included (MiB)': MiB(peakRss),
	});
});

it(`for comparison: Get Many with Return All over the same ${CONTACT_COUNT} contacts`, async () => {
	seed();
	const { result, seconds, heapGrowth, retained, peakRss } = await measured(() =>
		runNode({
			type: 'qontakCrm',
			parameters: { resource: 'contact', operation: 'getAll', returnAll: true, simplify: false },
			credentials: env.credentials,
			store: env.store,
		}),
	);
	if (result.nodeError || result.items.length !== CONTACT_COUNT) throw result.nodeError ?? new Error(`got ${result.items.length} items`);
	report('qontak-crm-find-vs-return-all', {
		contacts: CONTACT_COUNT,
		requests: calls(),
		'wall (s)': seconds.toFixed(1),
		'peak heap above baseline, garbage included (MiB)': MiB(heapGrowth),
		'heap held after the run, output included (MiB)': MiB(retained),
		'peak RSS, simulator included (MiB)': MiB(peakRss),
	});
});

it(`finds with Created After over the last tenth of ${CONTACT_COUNT}`, async () => {
	seed();
	const recent = sim.records('contacts').slice(-CONTACT_COUNT / 10);
	const input = recent.slice(0, ITEMS).map((contact) => ({ email: String(contact.email).toUpperCase() }));
	const day = String(recent[0].created_at).slice(0, 10);
	const { result, seconds } = await measured(() =>
		runNode({
			type: 'qontakCrm',
			parameters: { resource: 'contact', operation: 'find', matchOn: 'email', matchValue: '={{ $json.email }}', options: { createdAfter: day } },
			input,
			credentials: env.credentials,
			store: env.store,
		}),
	);
	if (result.nodeError || result.items.length !== ITEMS) throw result.nodeError ?? new Error(`got ${result.items.length} items`);
	const scan = result.items[0].json._scan as IDataObject;
	report('qontak-crm-find-created-after', {
		contacts: CONTACT_COUNT,
		'created after': day,
		requests: calls(),
		'scan: pages / records': `${String(scan.pages)} / ${String(scan.records)}`,
		'wall (s)': seconds.toFixed(1),
	});
});

it(`creates or updates ${ITEMS} contacts by phone among ${CONTACT_COUNT}`, async () => {
	seed();
	const existing = someContacts().slice(0, ITEMS / 2).map((contact) => ({ name: 'Lama', phone: String(contact.telephone) }));
	const fresh = Array.from({ length: ITEMS / 2 }, (_, index) => ({ name: 'Baru', phone: `0819${String(index).padStart(8, '0')}` }));
	const { result, seconds, heapGrowth, retained } = await measured(() =>
		runNode({
			type: 'qontakCrm',
			parameters: {
				resource: 'contact',
				operation: 'upsert',
				matchOn: 'phone',
				fields: { mappingMode: 'defineBelow', value: { first_name: '={{ $json.name }}', crm_phones: '={{ $json.phone }}' } },
			},
			input: [...existing, ...fresh],
			credentials: env.credentials,
			store: env.store,
		}),
	);
	if (result.nodeError || result.items.length !== ITEMS) throw result.nodeError ?? new Error(`got ${result.items.length} items`);
	report('qontak-crm-upsert', {
		contacts: CONTACT_COUNT,
		'items (updated + created)': `${ITEMS / 2} + ${ITEMS / 2}`,
		'latency (ms)': LATENCY_MS,
		requests: calls(),
		'wall (s)': seconds.toFixed(1),
		'peak heap above baseline, garbage included (MiB)': MiB(heapGrowth),
		'heap held after the run, output included (MiB)': MiB(retained),
	});
});

/**
 * What each way of answering from one scan would keep once the scan is done, measured on the
 * records as the node receives them (parsed JSON): every record (what Get Many + a filter would
 * hold), every record's id and three keys (enough to re-fetch any match by id), or only the
 * records the items ask about (what the node keeps).
 */
it(`compares what an index over ${CONTACT_COUNT} contacts holds`, () => {
	seed();
	const rows = (): IDataObject[] => JSON.parse(JSON.stringify(sim.records('contacts'))) as IDataObject[];
	const retained = (build: () => unknown) => {
		gc();
		const before = process.memoryUsage().heapUsed;
		const kept = build();
		gc();
		const bytes = process.memoryUsage().heapUsed - before;
		if (!kept) throw new Error('nothing kept');
		return MiB(bytes);
	};
	const wanted = someContacts().map((contact) => indexKey('phone', normalise.phone(contact.telephone)!));
	report('qontak-crm-find-index-memory', {
		contacts: CONTACT_COUNT,
		'all records (MiB)': retained(rows),
		'id + phone, email, name of all (MiB)': retained(() => {
			const maps = { phone: new Map<string, number>(), email: new Map<string, number>(), name: new Map<string, number>() };
			for (const row of rows()) {
				maps.phone.set(normalise.phone(row.telephone)!, row.id as number);
				maps.email.set(normalise.email(row.email)!, row.id as number);
				maps.name.set(normalise.name(`${String(row.first_name)} ${String(row.last_name)}`)!, row.id as number);
			}
			return maps;
		}),
		[`${ITEMS} wanted keys and their records (MiB)`]: retained(() => {
			const index = new RecordIndex(CONTACTS, wanted);
			for (const row of rows()) index.add(row);
			return index;
		}),
	});
});
