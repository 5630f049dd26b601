/**
 * `--html FILE` of both commands (issue 22), against subjects that fail checks: the protocol kit
 * against the SDK-only server, the requestor kit against a client that edits cursors. The page
 * has each failed check with the wire exchanges recorded while it ran, and renders in Chromium
 * without a single request beyond the file itself (a screenshot of the protocol report goes to
 * docs/img/conformance-report.png when MCP_TASKS_SCREENSHOT=1).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { ProtocolReport } from '../../conformance/index.js';
import { launchBrowser, NO_BROWSER } from '../monitor/browser.js';
import { rawClient } from './client/kit.js';
import { CLI, runNode, SDK_SERVER } from './helpers.js';

describe('mcp-tasks-conformance --html', () => {
  let dir: string;
  let protocol: { html: string; report: ProtocolReport; file: string };
  let client: { html: string; file: string };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'report-html-'));
    const file = join(dir, 'protocol.html');
    const json = join(dir, 'protocol.json');
    const run = await runNode(
      [CLI, '--stdio', `"${process.execPath}" "${SDK_SERVER}" --stdio`, '--json', json, '--html', file, '--quiet'],
      90_000,
    );
    assert.equal(run.code, 1, run.stdout);
    protocol = { html: readFileSync(file, 'utf8'), report: JSON.parse(readFileSync(json, 'utf8')) as ProtocolReport, file };
    const clientFile = join(dir, 'client.html');
    const clientRun = await runNode(
      [CLI, 'client', '--command', rawClient('edit-cursor'), '--scenarios', 'list', '--html', clientFile, '--quiet'],
      60_000,
    );
    assert.equal(clientRun.code, 1, clientRun.stdout);
    client = { html: readFileSync(clientFile, 'utf8'), file: clientFile };
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('protocol kit: every check is in the page, and each failed one with the wire exchanges it recorded', () => {
    for (const r of protocol.report.results) assert.ok(protocol.html.includes(`id="check-${r.id}"`), r.id);
    const failed = protocol.report.results.filter((r) => r.status === 'fail');
    assert.ok(failed.length > 0);
    const withWire = failed.filter((r) => (r.wire ?? []).length > 0);
    assert.ok(withWire.length > 0, 'failed checks carry their wire in the JSON report too');
    for (const r of withWire) {
      const section = protocol.html.slice(protocol.html.indexOf(`id="check-${r.id}"`));
      assert.match(section.slice(0, section.indexOf('</tr>')), new RegExp(`Wire exchanges while it ran: ${r.wire!.length}`), r.id);
    }
  });

  it('requestor kit: the failed R62 check with the recorded scenario wire', () => {
    const row = client.html.slice(client.html.indexOf('id="check-client.cursors-untouched"'));
    assert.match(row.slice(0, row.indexOf('</tr>')), /class="fail"|FAIL/);
    assert.match(row.slice(0, row.indexOf('</tr>')), /Wire exchanges while it ran: \d+/);
    assert.match(row.slice(0, row.indexOf('</tr>')), /list\/\S+/);
  });

  it('renders in Chromium with no request beyond the file', { skip: NO_BROWSER, timeout: 60_000 }, async () => {
    const browser = await launchBrowser();
    try {
      for (const file of [protocol.file, client.file]) {
        const page = await browser.context.newPage();
        const requests: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        await page.goto(pathToFileURL(file).href);
        assert.match(await page.locator('h1').innerText(), /conformance/);
        assert.ok((await page.locator('details.wire').count()) > 0);
        assert.deepEqual(requests, [pathToFileURL(file).href]);
        if (file === protocol.file) {
          const out = process.env.MCP_TASKS_SCREENSHOT === '1' ? join(process.cwd(), 'docs/img') : join(tmpdir(), 'mcp-tasks-screens');
          mkdirSync(out, { recursive: true });
          // A failed check with its wire, as a reviewer sees it.
          const failed = page.locator('tr.fail').first();
          await failed.evaluate((row) => row.scrollIntoView({ block: 'start' }));
          await page.screenshot({ path: join(out, 'conformance-report.png') });
        }
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });
});
