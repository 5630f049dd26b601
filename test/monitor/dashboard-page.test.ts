/**
 * The dashboard's files as served: the script parses as plain JavaScript (no build step checks
 * it otherwise; the browser test runs it), the page loads it and its styles as same-origin
 * files (the content security policy allows no inline script), and the base path is escaped.
 */
import assert from 'node:assert/strict';
import { Script } from 'node:vm';
import { describe, it } from 'node:test';
import { dashboardHtml } from '../../src/monitor/dashboard-page.js';
import { DASHBOARD_SCRIPT } from '../../src/monitor/dashboard-script.js';

describe('dashboard files', () => {
  it('the script is valid JavaScript', () => {
    assert.doesNotThrow(() => new Script(DASHBOARD_SCRIPT, { filename: 'app.js' }));
  });

  it('the page has no inline script or style and escapes its base path', () => {
    const html = dashboardHtml({ base: '/x"><script>', auth: false });
    assert.doesNotMatch(html, /<script>(?!")/);
    assert.match(html, /data-base="\/x&quot;&gt;&lt;script&gt;"/);
    assert.doesNotMatch(html, /style=/);
    assert.equal((dashboardHtml({ base: '/dashboard', auth: true }).match(/<script /g) ?? []).length, 1);
  });
});
