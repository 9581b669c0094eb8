// Moves through n8n 2.41's editor the way a person does, using the data-test-id hooks n8n's own
// browser tests rely on, so a restyled release does not break the check.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { OWNER } from '../../scripts/n8n.mjs';

const WAIT = 20_000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * playwright-core brings no browser (and could not download one here): Debian's chromium is used,
 * installed with apt the first time when running as root (CI and developer machines are root).
 */
export function ensureChromium(log = () => undefined) {
	if (existsSync(CHROMIUM)) return CHROMIUM;
	if (process.getuid?.() !== 0) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (sudo apt-get install chromium) or set CHROMIUM_PATH`);
	log('installing Debian\'s chromium (apt-get, first time only)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
		const result = spawnSync('apt-get', args, { env, encoding: 'utf8' });
		if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed:\n${(result.stdout + result.stderr).slice(-2000)}`);
	}
	return CHROMIUM;
}

/**
 * Debian's chromium, headless, with a profile of its own; the switches keep it from reaching for
 * update, sync and field-trial servers this closed network refuses.
 */
export async function launchBrowser(profileDir) {
	mkdirSync(profileDir, { recursive: true });
	const context = await chromium.launchPersistentContext(profileDir, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width: 1280, height: 800 },
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	context.setDefaultTimeout(WAIT);
	const page = context.pages()[0] ?? (await context.newPage());
	return { context, page };
}

export async function signIn(page, base) {
	await page.goto(`${base}/signin`);
	await page.locator('#emailOrLdapLoginId').fill(OWNER.email);
	await page.locator('#password').fill(OWNER.password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: WAIT });
	await page.locator('[data-test-id="project-home-menu-item"]').waitFor();
	await dismissModals(page);
}

/** Closes what-is-new, survey and similar dialogs that would sit over the canvas. */
export async function dismissModals(page) {
	const dialogs = page.locator('.el-overlay .el-dialog:visible .el-dialog__headerbtn');
	for (let index = await dialogs.count(); index > 0; index--) {
		await dialogs.first().click().catch(() => undefined);
	}
}

/**
 * Opens a node's parameter panel by URL (2.41 routes /workflow/<id>/<nodeId> to the canvas with
 * that node's panel open). A workflow opened elsewhere is write-locked, so each is opened once.
 */
export async function openNode(page, base, workflowId, nodeId) {
	await page.goto(`${base}/workflow/${workflowId}/${nodeId}`);
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor();
	await page.locator('[data-test-id="node-parameters"]').waitFor();
	await dismissModals(page);
	return ndv;
}

/** True when the panel is read-only (the workflow is open elsewhere), which would make every list look empty. */
export async function panelIsReadOnly(page) {
	return await page.locator('[data-test-id="node-parameters"] [data-test-id="rlc-input"][disabled]').count().then((count) => count > 0);
}

/** Opens a resource locator's "From list" dropdown and returns the texts of its entries once loaded. */
export async function openLocatorList(page, parameter) {
	await page.locator(`[data-test-id="resource-locator-${parameter}"] [data-test-id="rlc-input-container"]`).click();
	const items = page.locator('[data-test-id="rlc-item"]:visible');
	const error = page.locator('[data-test-id="rlc-error-message"]:visible');
	await items.first().or(error.first()).waitFor();
	if (await error.count()) throw new Error(`the list shows "Could not load list: ${(await error.first().innerText()).trim()}"`);
	return (await items.allInnerTexts()).map((text) => text.trim());
}

export async function pickLocatorItem(page, parameter, text) {
	await page.locator('[data-test-id="rlc-item"]:visible', { hasText: text }).first().click();
	await page.locator('[data-test-id="rlc-item"]:visible').first().waitFor({ state: 'hidden' });
	return (await page.locator(`[data-test-id="resource-locator-${parameter}"] [data-test-id="rlc-input"]`).inputValue()).trim();
}

/** Labels of the columns a resource mapper shows, once it has finished fetching them. */
export async function mapperColumns(page) {
	const container = page.locator('[data-test-id="resource-mapper-container"]');
	const labels = container.locator('[data-test-id="mapping-fields-container"] label[for^="value["]');
	// n8n shows "No fields found … Retry" both while a refetch is pending and after a failed one, so only a timeout is final.
	await labels.first().waitFor().catch(async (error) => {
		const shown = (await container.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
		throw new Error(`no columns appeared; the mapper shows "${shown}" (${error.message.split('\n')[0]})`);
	});
	const texts = await labels.evaluateAll((elements) => elements.map((element) => element.querySelector('.n8n-text')?.textContent ?? ''));
	return texts.map((text) => text.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** Opens the mapper's "Add field to send" menu and returns the fields it offers. */
export async function openAddFieldMenu(page) {
	await page.locator('[data-test-id="resource-mapper-container"] [data-test-id="add-fields-select"] button').click();
	const items = page.locator('[role="menu"][data-state="open"] [role="menuitem"]');
	await items.first().waitFor();
	return (await items.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

export async function addMapperField(page, label) {
	const menuOpen = await page.locator('[role="menu"][data-state="open"]').count();
	if (!menuOpen) await openAddFieldMenu(page);
	await page.locator('[role="menu"][data-state="open"] [role="menuitem"]', { hasText: label }).first().click();
	await page.locator('[role="menu"][data-state="open"]').waitFor({ state: 'detached' }).catch(() => undefined);
}

/**
 * A parameter's input by name, or by its path under the node's parameters (a collection entry's
 * 'field' shares its test id with a mapper column, so 'conditions.condition[0].field' tells them apart).
 */
function parameterInput(page, parameter) {
	const input = page.locator(`[data-test-id="parameter-input-${parameter.split('.').at(-1)}"]`);
	return parameter.includes('.') ? input.filter({ has: page.locator(`[data-parameter-path="parameters.${parameter}"]`) }) : input;
}

/** Opens an options parameter (also a mapper column, by field id, or an entry's parameter, by path) and returns its entries. */
export async function openOptions(page, parameter) {
	const input = parameterInput(page, parameter);
	// While its loadOptions call runs (also again after a parameter it depends on changed) the select is disabled.
	await input.locator('.el-select--disabled').waitFor({ state: 'detached' });
	await input.click();
	const items = page.locator('.el-select-dropdown__item:visible');
	const empty = page.locator('.el-select-dropdown__empty:visible');
	await items.first().or(empty.first()).waitFor();
	if (!(await items.count())) throw new Error(`the ${parameter} list is empty ("${(await empty.first().innerText()).trim()}")`);
	return (await items.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/** Adds an entry of a collection parameter ("Add Filter", "Add Option") by its exact label. */
export async function addCollectionOption(page, collection, label) {
	const item = page.locator('[data-test-id="parameter-item"]', { has: page.locator(`label[for="${collection}"]`) }).first();
	await item.locator('[data-test-id="collection-parameter-add"]').click();
	const entry = page.locator('.el-select-dropdown__item:visible').getByText(label, { exact: true });
	await entry.first().click();
	await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' }).catch(() => undefined);
}

/** The text a parameter's input (also a mapper column, by field id) holds. */
export async function inputValue(page, parameter) {
	return (await page.locator(`[data-test-id="parameter-input-${parameter}"] input`).first().inputValue()).trim();
}

/** Ticks entries of an open multi-select (whose list stays open), closes it and returns the tags it then shows. */
export async function pickOptions(page, parameter, texts) {
	for (const text of texts) await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();
	await page.keyboard.press('Escape');
	await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' });
	return (await page.locator(`[data-test-id="parameter-input-${parameter}"] .el-tag`).allInnerTexts()).map((text) => text.trim());
}

export async function pickOption(page, text) {
	await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();
	await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' }).catch(() => undefined);
}

export async function screenshot(page, dir, name) {
	mkdirSync(dir, { recursive: true });
	// A hover toolbar over whichever field the pointer last touched would cover its label.
	await page.mouse.move(1270, 790);
	// Menus and popovers fade in; a shot mid-fade shows them half transparent over the panel.
	await page.waitForTimeout(400);
	const path = join(dir, `${name}.png`);
	await page.screenshot({ path, animations: 'disabled' });
	return path;
}

/** What the page held when a check failed, to fix a selector without re-running blind. */
export async function dumpPage(page, dir, name) {
	mkdirSync(dir, { recursive: true });
	await page.screenshot({ path: join(dir, `${name}.png`) }).catch(() => undefined);
	writeFileSync(join(dir, `${name}.html`), await page.content().catch(() => ''));
}
