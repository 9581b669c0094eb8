import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadSandboxScript } from '../e2e/support/n8nRunner';

/** examples/*.json as `npm start` imports them (scripts/sandbox.mjs): pointed at the sandbox without editing the files. */

const sandbox = loadSandboxScript();
const FILE_HOST = 'http://127.0.0.1:5707';
const vendors = { qontak: 'http://127.0.0.1:5701', qontakFiles: FILE_HOST };

type Node = { name: string; type: string; parameters: Record<string, Record<string, unknown> | undefined> };
const attachmentOptions = (node: Node) => [node.parameters.options, node.parameters.messageOptions].filter((options) => options?.downloadAttachments === true);

describe('examples imported into the sandbox', () => {
	it("adds the sandbox's file host to every Allowed Attachment Hosts list, keeping Qontak's hosts", () => {
		const downloading = (sandbox.loadExamples(undefined, vendors) as unknown as Array<{ nodes: Node[] }>)
			.flatMap((workflow) => workflow.nodes)
			.flatMap((node) => attachmentOptions(node).map((options) => ({ node: node.name, hosts: options!.allowedAttachmentHosts })));

		expect(downloading.length).toBeGreaterThanOrEqual(2);
		for (const entry of downloading) {
			expect(entry).toEqual({ node: entry.node, hosts: `cdn.qontak.com, qontak-hub-production.s3-ap-southeast-1.amazonaws.com, ${FILE_HOST}` });
		}
	});

	it('leaves the files themselves listing only Qontak’s hosts, and every downloading node names its hosts (so the import can add the sandbox’s)', () => {
		const folder = join(__dirname, '..', '..', 'examples');
		const nodes = readdirSync(folder)
			.filter((file) => file.endsWith('.json'))
			.flatMap((file) => (JSON.parse(readFileSync(join(folder, file), 'utf8')) as { nodes: Node[] }).nodes);
		const lists = nodes.flatMap((node) => attachmentOptions(node).map((options) => options!.allowedAttachmentHosts));

		expect(lists.length).toBeGreaterThanOrEqual(2);
		for (const hosts of lists) expect(hosts).toBe('cdn.qontak.com, qontak-hub-production.s3-ap-southeast-1.amazonaws.com');
	});
});
