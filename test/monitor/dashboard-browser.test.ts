/**
 * The live task monitor in a real browser (headless Chromium): the page asks for a token, shows
 * the operator every owner's tasks, sees a task appear and finish without reloading (server-sent
 * events), cancels another with its button, and shows an owner only its own tasks. A screenshot
 * of the operator's view goes to docs/img/dashboard.png when MCP_TASKS_SCREENSHOT=1.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { launchBrowser, NO_BROWSER } from './browser.js';
import { startDashboardRig, type DashboardRig } from './dashboard-server.js';

const TOKENS = {
  'tok-ops': { owner: 'auth:ops', operator: true },
  'tok-alice': { owner: 'auth:alice', operator: false },
};
const T = { timeout: 60_000 };

describe('the task monitor page in Chromium', { skip: NO_BROWSER }, () => {
  let rig: DashboardRig;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  before(async () => {
    rig = await startDashboardRig(TOKENS);
    browser = await launchBrowser();
  }, T);
  after(async () => {
    await browser?.close();
    await rig?.close();
  });

  async function signIn(token: string): Promise<Page> {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${rig.url}/dashboard`);
    await page.locator('#login').waitFor({ state: 'visible' });
    await page.fill('#token', token);
    await page.click('#login button[type=submit]');
    await page.locator('#connection.live').waitFor();
    assert.deepEqual(errors, []);
    return page;
  }

  const row = (page: Page, taskId: string) => page.locator(`tr[data-task-id="${taskId}"]`);

  it('the operator sees every owner, a task appear and finish, and cancels another', T, async () => {
    const waiting = await rig.start('auth:alice', 'approve_invoice', { question: 'Approve invoice #4711 for 1 200 EUR?' });
    const building = await rig.start('auth:bob', 'build_report', { progress: [3, 8, 'rendering charts'] });
    const failed = await rig.start('auth:carol', 'sync_crm');
    failed.gate.release('CRM unreachable: connection refused', true);
    const page = await signIn('tok-ops');
    await row(page, waiting.task.taskId).waitFor();
    assert.equal(await row(page, waiting.task.taskId).getAttribute('data-status'), 'input_required');
    assert.match(await row(page, waiting.task.taskId).innerText(), /Approve invoice #4711/);
    assert.match(await row(page, building.task.taskId).innerText(), /3 \/ 8 · rendering charts/);
    assert.match(await row(page, building.task.taskId).innerText(), /auth:bob/);

    // A task appears and finishes while the page is open: no reload.
    const appearing = await rig.start('auth:bob', 'export_csv');
    await row(page, appearing.task.taskId).waitFor();
    appearing.gate.release();
    await page.locator(`tr[data-task-id="${appearing.task.taskId}"][data-status="completed"]`).waitFor();

    // Cancel from the page.
    const doomed = await rig.start('auth:carol', 'reindex');
    await row(page, doomed.task.taskId).locator('button.cancel').click();
    await page.locator(`tr[data-task-id="${doomed.task.taskId}"][data-status="cancelled"]`).waitFor();
    assert.equal((await rig.engine.store.get('auth:carol', doomed.task.taskId)).status, 'cancelled');

    // Filters work on what is shown.
    await page.selectOption('#f-status', 'input_required');
    assert.equal(await page.locator('#tasks tr').count(), 1);
    await page.selectOption('#f-status', '');

    const dir = process.env.MCP_TASKS_SCREENSHOT === '1' ? join(process.cwd(), 'docs/img') : join(tmpdir(), 'mcp-tasks-screens');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'dashboard.png'), fullPage: true });
    await page.close();
    building.gate.release();
    waiting.gate.release();
  });

  it("an owner's page shows its own tasks only", T, async () => {
    const mine = await rig.start('auth:alice', 'mine');
    const theirs = await rig.start('auth:bob', 'theirs');
    const page = await signIn('tok-alice');
    await row(page, mine.task.taskId).waitFor();
    assert.equal(await row(page, theirs.task.taskId).count(), 0);
    const owners = await page.locator('#tasks tr td.owner-col').allInnerTexts();
    assert.ok(
      owners.every((o) => o === '' || o === 'auth:alice'),
      owners.join(),
    );
    // A later task of another owner never reaches this page.
    const later = await rig.start('auth:bob', 'later');
    const own = await rig.start('auth:alice', 'own_later');
    await row(page, own.task.taskId).waitFor();
    assert.equal(await row(page, later.task.taskId).count(), 0);
    await page.close();
    for (const run of [mine, theirs, later, own]) run.gate.release();
  });

  it('a wrong token is refused and the page asks again', T, async () => {
    const page = await browser.context.newPage();
    await page.goto(`${rig.url}/dashboard`);
    await page.fill('#token', 'wrong');
    await page.click('#login button[type=submit]');
    await page.locator('#login-error', { hasText: 'not accepted' }).waitFor();
    assert.equal(await page.locator('#main').isHidden(), true);
    await page.close();
  });
});
