import { moduleParam, vtigerFixture } from './setup';

const vt = vtigerFixture();
const queries = () => vt.sim.count('query');

it('stops Return All with a clear error when vtiger answers every offset with the same page', async () => {
	// The guard only matters for a client that keeps asking: it then stops after 500 answers.
	vt.sim.stuckPages = 500;
	const { nodeError } = await vt.run({ resource: 'record', operation: 'getMany', module: moduleParam('Contacts'), returnAll: true });
	expect(nodeError?.message).toBe('ABMS vtiger returned the same page again; stopped after 2 pages');
	expect((nodeError as { description?: string }).description).toMatch(/Limit/);
	expect(queries()).toBe(2);
});
