/**
 * The kit on the 2026-07-28 wire: against the reference server (both generations at one URL, two
 * owners by bearer token) detection finds both and every `t26.*` check passes, none skipped; a
 * 2025-only server (an SDK v1 subject) is reported as before: no 2026 section, no 2026 results,
 * no generations line; two 2026 defects (positional input keys, an owner taken from the task ID)
 * are caught by the checks they name (T13, T20: what the official kit does not check).
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { formatReport, runProtocolConformance } from '../../conformance/index.js';
import { V2026_CHECKS } from '../../conformance/protocol/v2026/index.js';
import { isObject } from '../../conformance/core/json.js';
import { runAgainstReference, runMutant, PROTOCOL_DEFECTS } from '../mutation/protocol.js';
import { rewriteModern } from '../mutation/seams.js';
import { spawnReferenceHttp, tempDirWithTokens, TOKEN_A, TOKEN_B, type SpawnedServer } from './helpers.js';
import { registerReportBuilder } from './subjects/report-builder.js';
import { serveSubject, type Subject } from './subjects/sdk-http.js';

const IDS_2026 = V2026_CHECKS.map((c) => c.id).sort();

describe('the 2026-07-28 checks against the reference server (two owners)', () => {
  let server: SpawnedServer;
  let dir: string;
  before(async () => {
    const made = tempDirWithTokens();
    dir = made.dir;
    server = await spawnReferenceHttp(made.tokens);
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('detects both generations and passes every t26 check (T1..T23), none skipped', { timeout: 120_000 }, async () => {
    const report = await runProtocolConformance({ target: { url: server.url }, authA: TOKEN_A, authB: TOKEN_B, only: ['tasks-2026'] });
    assert.deepEqual(report.generations, ['2025-11-25', '2026-07-28']);
    assert.deepEqual(report.results.map((r) => r.id).sort(), IDS_2026);
    const notPassed = report.results.filter((r) => r.status !== 'pass').map((r) => `${r.status} ${r.id}: ${r.observed ?? r.reason ?? ''}`);
    assert.deepEqual(notPassed, [], formatReport(report));
    assert.match(formatReport(report), /^generations: 2025-11-25, 2026-07-28/m);
  });

  it('skips the isolation checks (T20), never fails them, with one identity', { timeout: 60_000 }, async () => {
    const report = await runProtocolConformance({ target: { url: server.url }, authA: TOKEN_A, only: ['T20'] });
    assert.deepEqual(
      report.results.map((r) => r.status),
      ['skip', 'skip', 'skip'],
    );
    assert.equal(report.mustFailed, 0);
  });
});

describe('a 2025-only server', () => {
  let subject: Subject;
  before(async () => {
    subject = await serveSubject('report-builder', registerReportBuilder);
  });
  after(() => subject?.close());

  it('is reported with no 2026 section: generations 2025-11-25 only, no t26 result, no generations line', { timeout: 60_000 }, async () => {
    const report = await runProtocolConformance({ target: { url: subject.url }, only: ['capabilities', 'tasks-2026'] });
    assert.deepEqual(report.generations, ['2025-11-25']);
    assert.ok(report.results.length > 0);
    assert.deepEqual(
      report.results.filter((r) => r.area === 'tasks-2026'),
      [],
    );
    assert.doesNotMatch(formatReport(report), /generations:|2026/);
  });
});

describe("the draft's optional relatedTaskIds hint (agents-wg SEP draft, not in the 2026-07-28 text)", () => {
  it(
    'is accepted and ignored both ways: every t26 check passes with it on each request and each task result',
    { timeout: 120_000 },
    async () => {
      // On requests: the draft's `_meta` key (bare and namespaced: its final name is not settled).
      // On results: a Task naming other tasks as related. Neither may change a verdict.
      const hint = ['conformance-some-other-task'];
      const carried = { requests: 0, tasks: 0 };
      const seam = rewriteModern({
        request: (body, options) => {
          const params = isObject(body.params) ? body.params : {};
          const meta = isObject(params._meta) ? params._meta : {};
          const _meta = { ...meta, relatedTaskIds: hint, 'io.modelcontextprotocol/relatedTaskIds': hint };
          carried.requests++;
          return { body: { ...body, params: { ...params, _meta } }, options };
        },
        response: (message) => {
          const result = isObject(message.result) ? message.result : undefined;
          if (result && typeof result.taskId === 'string') {
            result.relatedTaskIds = hint;
            carried.tasks++;
          }
          return message;
        },
      });
      const report = await runAgainstReference(seam, [...IDS_2026]);
      const off = report.results.filter((r) => r.id.startsWith('t26.') && r.status !== 'pass');
      assert.deepEqual(
        off.map((r) => `${r.status} ${r.id}: ${r.observed ?? r.reason ?? ''}`),
        [],
        formatReport(report),
      );
      assert.equal(report.results.filter((r) => r.id.startsWith('t26.')).length, IDS_2026.length);
    },
  );
});

describe('the evidence of a t26 finding', () => {
  it('quotes the 2026 requests and responses from the wire recording, as a 2025 finding does', { timeout: 60_000 }, async () => {
    const defect = PROTOCOL_DEFECTS.find((d) => d.id === 'ext.positional-keys')!;
    const report = await runAgainstReference(defect.seam(), ['t26.keys-not-reused']);
    const finding = report.results.find((r) => r.id === 't26.keys-not-reused');
    assert.equal(finding?.status, 'fail', JSON.stringify(finding));
    // Evidence lines: `[+1.2 s] A (2026): tasks/get {...} -> result {...} (3 ms)`.
    assert.ok(finding.evidence?.length, 'evidence lines');
    for (const line of finding.evidence!) assert.match(line, /^\[\+[\d.]+ s\] [AB] \(2026\): [\w/]+ \{.*\} -> (result|error|no answer)/);
    // The HTML report's messages: the requests and responses of the 2026 client while it ran.
    const methods = (finding.wire ?? []).filter((w) => w.from === 'client').map((w) => (w.message as { method?: string }).method);
    assert.ok(methods.includes('tools/call') && methods.includes('tasks/get'), methods.join(', '));
    assert.ok((finding.wire ?? []).every((w) => w.session.endsWith('(2026)')));
  });
});

describe('2026 defects the official kit does not look for', () => {
  for (const id of ['ext.positional-keys', 'ext.foreign-update']) {
    it(`${id} is caught by the check it names`, { timeout: 60_000 }, async () => {
      const defect = PROTOCOL_DEFECTS.find((d) => d.id === id);
      assert.ok(defect, id);
      const result = await runMutant(defect);
      for (const check of defect.expected)
        assert.ok(result.caughtBy.includes(check), `${id}: caught by ${result.caughtBy.join(', ') || 'none'}`);
    });
  }
});
