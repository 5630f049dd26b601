/**
 * The protocol mutation catalogue's machinery works: the catalogue is well formed (unique ids,
 * at least 40 defects, every check it names exists), the checks a few defects name pass on the
 * healthy reference server, and each of those defects (a store wrapper, a transport interceptor,
 * a stand-in fixture, a SHOULD) is caught by the checks it names. `npm run mutation` runs them all.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROTOCOL_CHECKS } from '../../conformance/index.js';
import { V2026_CHECKS } from '../../conformance/protocol/v2026/index.js';
import { PROTOCOL_DEFECTS, runAgainstReference, runProtocolMutants } from './protocol.js';

// input.release-dropped: a server that loses a question (issue 24) fails input.asked-again-after-get.
const SAMPLE = ['iso.cursor-unbound', 'iso.owner-from-session', 'life.completion-after-cancel', 'input.stuck', 'input.release-dropped'];

describe('protocol mutation catalogue', () => {
  it('has at least 40 defects with unique ids, each naming existing checks', () => {
    const ids = new Set([...PROTOCOL_CHECKS, ...V2026_CHECKS].map((c) => c.id));
    assert.ok(PROTOCOL_DEFECTS.length >= 40, `${PROTOCOL_DEFECTS.length} defects`);
    assert.equal(new Set(PROTOCOL_DEFECTS.map((d) => d.id)).size, PROTOCOL_DEFECTS.length);
    for (const d of PROTOCOL_DEFECTS) {
      assert.ok(d.expected.length > 0, d.id);
      for (const id of [...d.expected, ...(d.setup ?? [])]) assert.ok(ids.has(id), `${d.id} names unknown check ${id}`);
    }
  });

  it('the checks of the sample pass on the healthy reference server', { timeout: 60_000 }, async () => {
    const only = [...new Set(PROTOCOL_DEFECTS.filter((d) => SAMPLE.includes(d.id)).flatMap((d) => [...(d.setup ?? []), ...d.expected]))];
    const report = await runAgainstReference(undefined, only);
    const notPassed = report.results.filter((r) => r.status !== 'pass').map((r) => `${r.status} ${r.id}: ${r.observed ?? r.reason ?? ''}`);
    assert.deepEqual(notPassed, []);
  });

  it('each sampled defect is caught by the checks it names', { timeout: 120_000 }, async () => {
    const { suite, results } = await runProtocolMutants({ ids: SAMPLE, concurrency: 1 });
    assert.equal(suite, 'protocol');
    assert.deepEqual(results.map((r) => r.id).sort(), [...SAMPLE].sort());
    for (const r of results) {
      assert.ok(r.killed, `${r.id} survived`);
      const noticed = r.level === 'SHOULD' ? [...r.caughtBy, ...r.warnedBy] : r.caughtBy;
      for (const id of r.expected)
        assert.ok(noticed.includes(id), `${r.id}: ${id} did not catch it (caught by ${r.caughtBy.join(', ') || 'none'})`);
    }
  });
});
