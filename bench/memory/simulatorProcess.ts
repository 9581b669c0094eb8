/*
 * The vendor stand-in of the Return All memory bench, in a process of its own so that its 100 000
 * seeded records never count towards the node's memory. Started with fork(): sends the credential
 * data once listening, answers `{ counts: true }` with the requests it served, and stops on `{ stop: true }`.
 */
import { QontakSimulator } from '../../simulators/qontak/QontakSimulator';
import { VtigerSimulator } from '../../simulators/vtiger/VtigerSimulator';
import type { SimulatorReady } from './protocol';

const [kind, rowsText] = process.argv.slice(2);
const rows = Number(rowsText);

async function startQontak() {
	const sim = new QontakSimulator();
	await sim.start();
	sim.seedContacts(rows - sim.records('contacts').length);
	const ready: SimulatorReady = {
		credentialType: 'mekariHmacApi',
		credential: { clientId: sim.options.clientId!, clientSecret: sim.options.clientSecret!, environment: 'custom', customBaseUrl: sim.baseUrl, crmUserSsoId: sim.options.ssoId! },
	};
	return { sim, ready, counts: () => ({ requests: sim.requests.length, pages: sim.requests.filter((request) => request.path.endsWith('/contacts')).length }) };
}

async function startVtiger() {
	const sim = new VtigerSimulator();
	await sim.start();
	// The fixtures' own contacts count towards the rows.
	sim.seedContacts(rows - [...sim.store.records.values()].filter((record) => record.module.name === 'Contacts').length);
	const ready: SimulatorReady = {
		credentialType: 'abmsVtigerApi',
		credential: { baseUrl: sim.baseUrl, username: sim.options.username!, secretAccessKey: sim.options.accessKey! },
	};
	return { sim, ready, counts: () => ({ requests: sim.requests.length, pages: sim.count('query') }) };
}

async function main() {
	const { sim, ready, counts } = kind === 'qontak' ? await startQontak() : await startVtiger();
	process.on('message', (message: { counts?: boolean; stop?: boolean }) => {
		if (message.counts) process.send!({ counts: counts() });
		if (message.stop) void sim.stop().then(() => process.exit(0));
	});
	process.send!({ ready });
}

void main();
