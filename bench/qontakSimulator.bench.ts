import { call } from '../simulators/qontak/signedClient';
import { QontakSimulator } from '../simulators/qontak/QontakSimulator';
import { report } from './report';

/* What the simulator itself costs with a large tenant, so the node benchmarks that seed 100 000
 * contacts measure the node and not the stand-in. Its test checks the answers; this times them. */

const SEEDED = 100_000;
const PAGES = 20;
const CRM = '/qontak/crm';

const sim = new QontakSimulator();

beforeAll(async () => await sim.start());
afterAll(async () => await sim.stop());

it(`seeds ${SEEDED} contacts and pages through them`, async () => {
	let started = performance.now();
	sim.seedContacts(SEEDED);
	const seedMs = performance.now() - started;

	started = performance.now();
	const last = await call(sim, 'GET', `${CRM}/contacts?page=1001&per_page=100`);
	const lastPageMs = performance.now() - started;
	if (last.json?.total_data !== SEEDED + 5) throw new Error(`total_data ${String(last.json?.total_data)}`);

	started = performance.now();
	for (let page = 1; page <= PAGES; page++) await call(sim, 'GET', `${CRM}/contacts?page=${page}&per_page=100`);
	const pagesMs = performance.now() - started;

	started = performance.now();
	const filtered = await call(sim, 'GET', `${CRM}/contacts?name=wayan&per_page=100`);
	const filterMs = performance.now() - started;

	report('qontak-simulator-large-tenant', {
		'contacts seeded': SEEDED,
		'seed (ms)': seedMs.toFixed(0),
		'last page, first read (ms)': lastPageMs.toFixed(1),
		[`${PAGES} pages of 100 (ms)`]: pagesMs.toFixed(0),
		'per page (ms)': (pagesMs / PAGES).toFixed(1),
		'name filter matches': Number(filtered.json?.total_data),
		'name filter (ms)': filterMs.toFixed(1),
	});
});
