// `npm run test:editor`: our nodes in n8n 2.41's real editor, in Debian's headless chromium.
// Starts the vendor sandbox and an n8n of its own (port 5690, .sandbox/editor/), signs in as the
// sandbox owner, opens each node's panel and checks that the lists a user picks from are filled by
// the sandbox through our listSearch / resourceMapping methods, saving the screenshots the README
// shows to docs/screenshots/. One line per check, then "N passed, N failed"; exit 1 on any failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT } from '../../scripts/n8n.mjs';
import { startStack } from './stack.mjs';
import * as ui from './ui.mjs';
import { EDITOR_WORKFLOWS } from './workflows.mjs';

const SHOTS = join(ROOT, 'docs', 'screenshots');
const FAILURES = join(ROOT, '.sandbox', 'editor', 'failures');
// About 4 minutes on a busy 2-core machine, building and starting n8n included.
const DEADLINE_MS = 8 * 60_000;

const results = [];
let stack;
let browser;
let profile;

function expectAll(list, expected, what) {
	const missing = expected.filter((entry) => !list.some((item) => item.includes(entry)));
	if (missing.length) throw new Error(`${what} lacks ${missing.map((entry) => `"${entry}"`).join(', ')}; shown: ${JSON.stringify(list)}`);
}

function expectNone(list, unexpected, what) {
	const present = unexpected.filter((entry) => list.some((item) => item.includes(entry)));
	if (present.length) throw new Error(`${what} also holds ${present.map((entry) => `"${entry}"`).join(', ')}; shown: ${JSON.stringify(list)}`);
}

/** Runs one check; a failure is recorded with a screenshot and the page's HTML, and the run goes on. */
async function check(name, body) {
	try {
		const detail = await body();
		results.push('passed');
		process.stdout.write(`ok   ${name}${detail ? ` (${detail})` : ''}\n`);
		return true;
	} catch (error) {
		results.push('failed');
		process.stdout.write(`FAIL ${name}: ${String(error.message).split('\n')[0]}\n`);
		if (browser) await ui.dumpPage(browser.page, FAILURES, `check-${results.length}`);
		return false;
	}
}

/** Checks that build on each other in one panel: after a failure the rest are reported as skipped, not timed out one by one. */
function panelChecks() {
	let broken = false;
	return async (name, body) => {
		if (broken) {
			results.push('skipped');
			process.stdout.write(`skip ${name}: an earlier check of this panel failed\n`);
			return;
		}
		broken = !(await check(name, body));
	};
}

async function cleanup() {
	await browser?.context.close().catch(() => undefined);
	if (profile) rmSync(profile, { recursive: true, force: true });
	await stack?.stop();
}

async function openPanel(key) {
	const workflow = EDITOR_WORKFLOWS[key];
	const node = workflow.nodes.at(-1);
	await ui.openNode(browser.page, stack.base, workflow.id, node.id);
	if (await ui.panelIsReadOnly(browser.page)) throw new Error(`the ${node.name} panel opened read-only`);
	return node;
}

async function qontakBroadcast(page) {
	const check = panelChecks();
	await check('Qontak Broadcast: panel opens with the Mekari credential', async () => {
		await openPanel('broadcast');
		const credential = await page.locator('[data-test-id="node-credentials-select"] input').inputValue();
		if (!credential.includes('Mekari (sandbox)')) throw new Error(`credential shows "${credential}"`);
		return credential;
	});
	await check('Qontak Broadcast: WhatsApp Channel list fills from the sandbox integrations', async () => {
		const channels = await ui.openLocatorList(page, 'channelIntegrationId');
		expectAll(channels, ['Toko Sinar Jaya', 'Sinar Jaya Cloud'], 'the channel list');
		if (channels.some((name) => /telegram|web chat/i.test(name))) throw new Error(`non-WhatsApp channels listed: ${JSON.stringify(channels)}`);
		await ui.screenshot(page, SHOTS, 'qontak-broadcast-channels');
		const picked = await ui.pickLocatorItem(page, 'channelIntegrationId', 'Sinar Jaya Cloud');
		return `${channels.length} channels, picked "${picked}"`;
	});
	await check('Qontak Broadcast: Template list fills with the approved sandbox templates', async () => {
		const templates = await ui.openLocatorList(page, 'messageTemplateId');
		expectAll(templates, ['sambutan_lead', 'tautan_pembayaran', 'kuitansi_pembayaran'], 'the template list');
		await ui.screenshot(page, SHOTS, 'qontak-broadcast-templates');
		const picked = await ui.pickLocatorItem(page, 'messageTemplateId', 'tautan_pembayaran');
		return `${templates.length} templates, picked "${picked}"`;
	});
	await check('Qontak Broadcast: the picked template’s placeholders become parameter columns', async () => {
		const columns = await ui.mapperColumns(page);
		expectAll(columns, ['Body {{1}}', 'Body {{2}}', 'Body {{3}}', 'Body {{4}}'], 'the parameter columns of tautan_pembayaran');
		await page.locator('[data-test-id="resource-mapper-container"]').scrollIntoViewIfNeeded();
		await ui.screenshot(page, SHOTS, 'qontak-broadcast-template-parameters');
		return columns.join(', ');
	});
}

async function qontakBroadcastToPhone(page) {
	const check = panelChecks();
	await check('Qontak Broadcast: Message → Send to Phone Number: WhatsApp Channel list fills with the WhatsApp integrations only', async () => {
		await openPanel('broadcastToPhone');
		const channels = await ui.openLocatorList(page, 'channelIntegrationId');
		expectAll(channels, ['Toko Sinar Jaya', 'Sinar Jaya Cloud'], 'the channel list');
		expectNone(channels, ['Telegram', 'Web Chat'], 'the channel list');
		const picked = await ui.pickLocatorItem(page, 'channelIntegrationId', 'Toko Sinar Jaya');
		const labels = (await page.locator('[data-test-id="node-parameters"] label').allInnerTexts()).map((text) => text.trim());
		expectAll(labels, ['Phone Number'], 'the parameters');
		return `${channels.length} channels, picked "${picked}"`;
	});
}

async function omnichannelTrigger(page) {
	const check = panelChecks();
	await check('Qontak Omnichannel Trigger: Registration shows (Manual or Automatic) with the Mekari credential', async () => {
		await openPanel('omnichannelTrigger');
		expectAll(await ui.openOptions(page, 'registration'), ['Manual', 'Automatic (Organisation-Wide)'], 'Registration');
		await ui.pickOption(page, 'Automatic (Organisation-Wide)');
		const registration = await ui.inputValue(page, 'registration');
		if (!registration.startsWith('Automatic')) throw new Error(`Registration shows "${registration}"`);
		const credential = await page.locator('[data-test-id="node-credentials-select"] input').inputValue();
		if (!credential.includes('Mekari (sandbox)')) throw new Error(`credential shows "${credential}"`);
		return `${registration}, ${credential}`;
	});
	await check('Qontak Omnichannel Trigger: the Channel Integrations filter lists the sandbox integrations', async () => {
		await ui.addCollectionOption(page, 'filters', 'Channel Integration Names or IDs');
		const integrations = await ui.openOptions(page, 'channelIntegrationIds');
		expectAll(integrations, ['Toko Sinar Jaya', 'Sinar Jaya Cloud', 'sinarjaya_bot', 'Sinar Jaya Web'], 'the integration list');
		const tags = await ui.pickOptions(page, 'channelIntegrationIds', ['Sinar Jaya Cloud']);
		expectAll(tags, ['Sinar Jaya Cloud'], 'the chosen integrations');
		return `${integrations.length} integrations, picked "${tags.join(', ')}"`;
	});
}

async function qontakCrm(page) {
	const check = panelChecks();
	await check('Qontak CRM: Deal → Create fetches the deal fields (required "Nama Deal" shown)', async () => {
		await openPanel('crm');
		const columns = await ui.mapperColumns(page);
		expectAll(columns, ['Nama Deal'], 'the Fields columns');
		return columns.join(', ');
	});
	await check('Qontak CRM: "Add field" offers the template’s fields incl. pipeline, stage and custom fields', async () => {
		const offered = await ui.openAddFieldMenu(page);
		expectAll(offered, ['Pipeline', 'Tahapan', 'Nilai Deal', 'Nomor Kontrak (custom)', 'Tingkat Urgensi (custom)'], 'the add-field menu');
		await ui.screenshot(page, SHOTS, 'qontak-crm-deal-add-field');
		return `${offered.length} fields`;
	});
	await check('Qontak CRM: the Pipeline column lists the sandbox pipelines', async () => {
		await ui.addMapperField(page, 'Pipeline');
		const pipelines = await ui.openOptions(page, 'crm_pipeline_id');
		expectAll(pipelines, ['Penjualan B2B', 'Tender Pemerintah'], 'the Pipeline options');
		await ui.screenshot(page, SHOTS, 'qontak-crm-deal-pipelines');
		await ui.pickOption(page, 'Penjualan B2B');
		return pipelines.join(', ');
	});
	await check('Qontak CRM: the Tahapan (stage) column lists the stages of every pipeline', async () => {
		await ui.addMapperField(page, 'Tahapan');
		const stages = await ui.openOptions(page, 'crm_stage_id');
		expectAll(stages, ['Prospek', 'Negosiasi', 'Menang', 'Pendaftaran', 'Kontrak'], 'the stage options');
		await ui.screenshot(page, SHOTS, 'qontak-crm-deal-stages');
		await ui.pickOption(page, 'Prospek');
		return `${stages.length} stages`;
	});
	await check('Qontak CRM: a custom dropdown field (Tingkat Urgensi) brings its own options', async () => {
		await ui.addMapperField(page, 'Tingkat Urgensi (custom)');
		const options = await ui.openOptions(page, 'tingkat_urgensi');
		if (!options.length) throw new Error('no options');
		await ui.pickOption(page, options[0]);
		await ui.addMapperField(page, 'Nomor Kontrak (custom)');
		const columns = await ui.mapperColumns(page);
		expectAll(columns, ['Nama Deal', 'Pipeline', 'Tahapan', 'Tingkat Urgensi (custom)', 'Nomor Kontrak (custom)'], 'the Fields columns');
		await page.locator('[data-test-id="resource-mapper-container"]').scrollIntoViewIfNeeded();
		await ui.screenshot(page, SHOTS, 'qontak-crm-deal-fields');
		return `options ${options.join(', ')}`;
	});
}

async function qontakCrmDealFilters(page) {
	const check = panelChecks();
	await check('Qontak CRM: Deal → Get Many: the Stage filter lists every pipeline’s stages while no Pipeline is chosen', async () => {
		await openPanel('crmDeals');
		await ui.addCollectionOption(page, 'filters', 'Stage Name or ID');
		const stages = await ui.openOptions(page, 'stage');
		expectAll(stages, ['Penjualan B2B › Prospek', 'Tender Pemerintah › Kontrak'], 'the Stage filter');
		await ui.pickOption(page, 'Penjualan B2B › Prospek');
		return `${stages.length} stages`;
	});
	await check('Qontak CRM: Deal → Get Many: the Pipeline filter lists the sandbox pipelines', async () => {
		await ui.addCollectionOption(page, 'filters', 'Pipeline Name or ID');
		const pipelines = await ui.openOptions(page, 'pipeline');
		expectAll(pipelines, ['Penjualan B2B', 'Tender Pemerintah'], 'the Pipeline filter');
		await ui.pickOption(page, 'Tender Pemerintah');
		return pipelines.join(', ');
	});
	await check('Qontak CRM: Deal → Get Many: the Stage filter narrows to the chosen Pipeline’s stages, and follows a change', async () => {
		const tender = await ui.openOptions(page, 'stage');
		expectAll(tender, ['Pendaftaran', 'Evaluasi Teknis', 'Kontrak'], 'the stages of Tender Pemerintah');
		expectNone(tender, ['Prospek', 'Negosiasi', '›'], 'the stages of Tender Pemerintah');
		await ui.pickOption(page, 'Kontrak');
		await ui.openOptions(page, 'pipeline');
		await ui.pickOption(page, 'Penjualan B2B');
		const b2b = await ui.openOptions(page, 'stage');
		expectAll(b2b, ['Prospek', 'Negosiasi', 'Menang'], 'the stages of Penjualan B2B');
		expectNone(b2b, ['Pendaftaran', 'Kontrak'], 'the stages of Penjualan B2B');
		await ui.pickOption(page, 'Negosiasi');
		return `Tender Pemerintah: ${tender.join(', ')}; Penjualan B2B: ${b2b.join(', ')}`;
	});
	await check('Qontak CRM: Deal → Get Many: the Owner filter lists the CRM users', async () => {
		await ui.addCollectionOption(page, 'filters', 'Owner Name or ID');
		const owners = await ui.openOptions(page, 'owner');
		expectAll(owners, ['Budi Santoso'], 'the Owner filter');
		await ui.pickOption(page, 'Budi Santoso');
		return owners.join(', ');
	});
}

async function qontakCrmContacts(page) {
	const find = panelChecks();
	await find('Qontak CRM: Contact → Find renders Match On, the field for the chosen key and its options', async () => {
		await openPanel('crmContactFind');
		const keys = await ui.openOptions(page, 'matchOn');
		expectAll(keys, ['Email', 'Name', 'Phone'], 'Match On');
		await ui.pickOption(page, 'Email');
		const placeholder = await page.locator('[data-test-id="parameter-input-matchValue"] input').getAttribute('placeholder');
		if (placeholder !== 'name@email.com') throw new Error(`the Email field's placeholder is "${placeholder}"`);
		await ui.addCollectionOption(page, 'options', 'If Not Found');
		return keys.join(', ');
	});
	const upsert = panelChecks();
	await upsert('Qontak CRM: Contact → Create or Update renders Match On and the contact fields', async () => {
		await openPanel('crmContactUpsert');
		const keys = await ui.openOptions(page, 'matchOn');
		expectAll(keys, ['Email', 'Phone'], 'Match On');
		await ui.pickOption(page, 'Phone');
		expectAll(await ui.mapperColumns(page), ['Nama Depan'], 'the Fields columns');
		const offered = await ui.openAddFieldMenu(page);
		expectAll(offered, ['Nomor Telepon', 'Email', 'Minat Produk (custom)'], 'the add-field menu');
		return `${keys.join(', ')}; ${offered.length} more fields`;
	});
	await upsert('Qontak CRM: a Multiple select custom field (Minat Produk) names its options and keeps the picks typed in', async () => {
		await ui.addMapperField(page, 'Minat Produk (custom)');
		const columns = await ui.mapperColumns(page);
		expectAll(columns, ['Minat Produk (custom) (comma-separated: Kopi Arabika, Kopi Robusta, Teh, Rempah)'], 'the Fields columns');
		await page.locator('[data-test-id="parameter-input-minat_produk"] input').first().fill('Kopi Arabika, Teh');
		await ui.addMapperField(page, 'Nomor Telepon');
		const kept = await ui.inputValue(page, 'minat_produk');
		if (kept !== 'Kopi Arabika, Teh') throw new Error(`the column holds "${kept}" after moving on`);
		return kept;
	});
}

async function abmsVtiger(page) {
	const check = panelChecks();
	await check('ABMS vtiger: Module list fills from listtypes', async () => {
		await openPanel('vtiger');
		const modules = await ui.openLocatorList(page, 'module');
		expectAll(modules, ['Contacts', 'Leads', 'Organizations (Accounts)', 'Opportunities (Potentials)'], 'the module list');
		await ui.screenshot(page, SHOTS, 'abms-vtiger-modules');
		const picked = await ui.pickLocatorItem(page, 'module', 'Contacts');
		return `${modules.join(', ')}; picked "${picked}"`;
	});
	await check('ABMS vtiger: record Fields come from describe (mandatory Last Name shown)', async () => {
		const columns = await ui.mapperColumns(page);
		expectAll(columns, ['Last Name (lastname)'], 'the Fields columns');
		const offered = await ui.openAddFieldMenu(page);
		expectAll(offered, ['First Name (firstname)', 'Email (email)', 'Lead Source (leadsource)', 'Organization Name (account_id)'], 'the add-field menu');
		if (offered.some((label) => label.includes('imagename'))) throw new Error('a read-only field (imagename) is offered');
		await ui.screenshot(page, SHOTS, 'abms-vtiger-add-field');
		return `${offered.length} more fields offered`;
	});
	await check('ABMS vtiger: a picklist field (Lead Source) lists its describe values', async () => {
		await ui.addMapperField(page, 'First Name (firstname)');
		await ui.addMapperField(page, 'Lead Source (leadsource)');
		const options = await ui.openOptions(page, 'leadsource');
		expectAll(options, ['Cold Call', 'Web Site', 'Trade Show'], 'the Lead Source options');
		await ui.pickOption(page, 'Web Site');
		const columns = await ui.mapperColumns(page);
		expectAll(columns, ['First Name (firstname)', 'Last Name (lastname)', 'Lead Source (leadsource)'], 'the Fields columns');
		await page.locator('[data-test-id="resource-mapper-container"]').scrollIntoViewIfNeeded();
		await ui.screenshot(page, SHOTS, 'abms-vtiger-fields');
		return options.join(', ');
	});
}

async function abmsVtigerPickers(page) {
	await check('ABMS vtiger: Record → Create on Quotes: a line’s Product or Service lists the sandbox products and services by name', async () => {
		await openPanel('vtigerQuote');
		const items = await ui.openLocatorList(page, 'product');
		expectAll(items, ['Kopi Arabika Gayo 1 kg', 'Mesin Espresso Rumahan', 'Pelatihan Barista'], 'the Product or Service list');
		const picked = await ui.pickLocatorItem(page, 'product', 'Pelatihan Barista');
		return `${items.length} items, picked "${picked}"`;
	});
	await check('ABMS vtiger: Record → Create on Contacts: Reference Fields offers the reference fields and picks the Organization by name', async () => {
		await openPanel('vtigerReference');
		const fields = await ui.openOptions(page, 'referenceFields.reference[0].field');
		expectAll(fields, ['Organization Name (account_id)'], 'the reference Field list');
		expectNone(fields, ['(lastname)', '(leadsource)'], 'the reference Field list');
		await ui.pickOption(page, 'Organization Name (account_id)');
		const records = await ui.openLocatorList(page, 'record');
		expectAll(records, ['PT Maju Jaya', 'CV Sinar Abadi'], 'the Record list of Organization Name (account_id)');
		const picked = await ui.pickLocatorItem(page, 'record', 'PT Maju Jaya');
		return `${records.length} records, picked "${picked}"`;
	});
	await check('ABMS vtiger: Record → Get Many: a condition on Lead Source (picked as its Field) lists the picklist values under Value From List', async () => {
		await openPanel('vtigerConditions');
		await ui.openOptions(page, 'conditions.condition[0].field');
		await ui.pickOption(page, 'Lead Source (leadsource)');
		const values = await ui.openLocatorList(page, 'listValue');
		expectAll(values, ['Cold Call', 'Web Site', 'Trade Show'], 'the Value From List of leadsource');
		const picked = await ui.pickLocatorItem(page, 'listValue', 'Web Site');
		return `${values.join(', ')}; picked "${picked}"`;
	});
}

async function netzme(page) {
	const check = panelChecks();
	await check('Netzme: panel renders with its credential and the payment-link parameters', async () => {
		await openPanel('netzme');
		const credential = await page.locator('[data-test-id="node-credentials-select"] input').inputValue();
		if (!credential.includes('Netzme (sandbox)')) throw new Error(`credential shows "${credential}"`);
		const labels = (await page.locator('[data-test-id="node-parameters"] label').allInnerTexts()).map((text) => text.trim());
		expectAll(labels, ['Resource', 'Operation', 'Amount'], 'the parameters');
		await ui.screenshot(page, SHOTS, 'netzme-panel');
		return credential;
	});
	await check('Netzme: the credential opens, renders its fields and tests green against the sandbox', async () => {
		await page.locator('[data-test-id="credential-edit-button"]').click();
		const modal = page.locator('[data-test-id="editCredential-modal"]');
		await modal.getByText('Client Secret').first().waitFor();
		expectAll([await modal.innerText()], ['Environment', 'Client ID', 'Client Secret'], 'the credential form');
		// Saving runs the credential's test request, through preAuthentication, against the sandbox.
		await modal.locator('[data-test-id="credential-save-button"]').click();
		await modal.getByText(/Connection tested successfully|Couldn.t connect/).first().waitFor();
		const banner = (await modal.getByText(/Connection tested successfully|Couldn.t connect/).first().innerText()).trim();
		if (!/successfully/.test(banner)) throw new Error(`credential test: ${banner}`);
		await ui.screenshot(page, SHOTS, 'netzme-credential');
		return banner;
	});
}

async function run() {
	ui.ensureChromium((message) => process.stdout.write(`# ${message}\n`));
	stack = await startStack(Object.values(EDITOR_WORKFLOWS), { log: (message) => process.stdout.write(`# ${message}\n`) });
	profile = mkdtempSync(join(tmpdir(), 'nusantara-editor-chromium-'));
	browser = await ui.launchBrowser(profile);
	const { page } = browser;
	await check('sign in as the sandbox owner', async () => {
		await ui.signIn(page, stack.base);
		return new URL(page.url()).pathname;
	});
	await qontakBroadcast(page);
	await qontakBroadcastToPhone(page);
	await omnichannelTrigger(page);
	await qontakCrm(page);
	await qontakCrmDealFilters(page);
	await qontakCrmContacts(page);
	await abmsVtiger(page);
	await abmsVtigerPickers(page);
	await netzme(page);
}

const deadline = setTimeout(async () => {
	process.stdout.write(`FAIL the editor check did not finish within ${DEADLINE_MS / 1000} s\n`);
	results.push('failed');
	await cleanup();
	finish();
}, DEADLINE_MS);

function finish() {
	clearTimeout(deadline);
	const count = (outcome) => results.filter((result) => result === outcome).length;
	const [passed, failed, skipped] = [count('passed'), count('failed'), count('skipped')];
	process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
	process.exit(failed || skipped || !passed ? 1 : 0);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, async () => {
		await cleanup();
		process.exit(130);
	});
}

run()
	.catch((error) => {
		results.push('failed');
		process.stdout.write(`FAIL the editor check could not run: ${error.message}\n`);
	})
	.finally(async () => {
		await cleanup();
		finish();
	});
