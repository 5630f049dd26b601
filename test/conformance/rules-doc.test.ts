/**
 * conformance/RULES.md is the project's own meaning of every rule ID it cites: the code, the
 * checks and the store suite may cite only IDs that have an entry there, and its "Covered by"
 * parts must be what scripts/rules-coverage.mjs derives from the check registry (dist) and the
 * store-suite test titles. Each test below also shows the checker failing on a broken copy.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import { PROTOCOL_CHECKS } from '../../conformance/index.js';
import { ROOT } from './helpers.js';

type Coverage = Map<string, Set<string>>;
interface Entry {
  level?: string;
  seen?: string;
  quoted: boolean;
}
interface RulesCoverage {
  citedIds(root?: string): Coverage;
  protocolCoverage(root?: string): Promise<Coverage>;
  storeCoverage(root?: string): Coverage;
  parseEntries(doc: string): Map<string, Entry>;
  render(doc: string, protocol: Coverage, store: Coverage): string;
  problems(doc: string, cited: Coverage, protocol: Coverage): string[];
}

const SCRIPT = join(ROOT, 'scripts/rules-coverage.mjs');
const DOC_PATH = join(ROOT, 'conformance/RULES.md');
const ALL_IDS = [
  ...Array.from({ length: 82 }, (_, i) => `R${i + 1}`),
  ...Array.from({ length: 22 }, (_, i) => `A${i + 1}`),
  ...Array.from({ length: 23 }, (_, i) => `T${i + 1}`),
];

/** The doc without the entry of `id` (its heading up to the next heading). */
function withoutEntry(doc: string, id: string): string {
  return doc.replace(new RegExp(`### ${id}\\n[\\s\\S]*?(?=\\n##)`), '');
}

describe('conformance/RULES.md', () => {
  let m: RulesCoverage;
  let doc: string;
  let protocol: Coverage;
  let store: Coverage;

  before(async () => {
    m = (await import(pathToFileURL(SCRIPT).href)) as RulesCoverage;
    doc = readFileSync(DOC_PATH, 'utf8');
    protocol = await m.protocolCoverage(ROOT);
    store = m.storeCoverage(ROOT);
  });

  it('has an entry with a quote, a level and where it is seen for every rule R1..R82, A1..A22 and T1..T23', () => {
    const entries = m.parseEntries(doc);
    assert.deepEqual([...entries.keys()].sort(), [...ALL_IDS].sort());
    for (const [id, e] of entries) {
      assert.ok(e.quoted, `${id} quotes no spec text`);
      assert.match(e.level ?? '', /^(MUST|MUST NOT|SHOULD|SHOULD NOT|MAY|—)(, (MUST|SHOULD|MAY))*$/, `${id} level`);
      assert.match(e.seen ?? '', /^(wire|inside|requestor)$/, `${id} seen`);
    }
  });

  it('has an entry for every rule ID the code, the tests, the README and the checks cite', () => {
    const cited = m.citedIds(ROOT);
    assert.ok(cited.size > 50, `only ${cited.size} cited IDs found: is ROOT right?`);
    assert.deepEqual(m.problems(doc, cited, protocol), []);
    const entries = m.parseEntries(doc);
    for (const check of PROTOCOL_CHECKS) assert.ok(entries.has(check.rule), `${check.id} cites ${check.rule}`);
  });

  it('fails a doc that lacks a cited ID, or a check rule', () => {
    const broken = withoutEntry(doc, 'R20');
    assert.ok(!m.parseEntries(broken).has('R20'));
    const found = m.problems(broken, m.citedIds(ROOT), protocol);
    assert.ok(
      found.some((p) => p.startsWith('R20 is cited')),
      found.join('\n'),
    );
    assert.ok(
      found.some((p) => p.startsWith('R20 is the rule of check(s) create.unique-ids')),
      found.join('\n'),
    );
  });

  it('has the coverage the check registry and the store suite give (scripts/rules-coverage.mjs --check)', () => {
    assert.equal(m.render(doc, protocol, store), doc, 'stale: run node scripts/rules-coverage.mjs after npm run build');
    const run = spawnSync(process.execPath, [SCRIPT, '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });

  it('names each protocol check under its rule and each store file under the rules its titles name', () => {
    for (const check of PROTOCOL_CHECKS) assert.ok(protocol.get(check.rule)?.has(check.id), `${check.id} under ${check.rule}`);
    assert.ok(store.get('R20')?.has('store/lifecycle.ts'));
    const r20 = doc.split('\n').find(
      (l, i, all) =>
        l.startsWith('**Covered by:**') &&
        all
          .slice(0, i)
          .reverse()
          .find((h) => h.startsWith('### ')) === '### R20',
    );
    assert.match(r20 ?? '', /`create\.unique-ids`/);
  });

  it('--check fails on a stale copy and the rewrite fixes it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-doc-'));
    try {
      const copy = join(dir, 'RULES.md');
      const stale = doc.replace(/(### R20\n[\s\S]*?\*\*Covered by:\*\*)[^\n]*/, '$1 checks `create.nothing`');
      assert.notEqual(stale, doc);
      writeFileSync(copy, stale);
      const check = spawnSync(process.execPath, [SCRIPT, '--check', '--doc', copy], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(check.status, 1);
      assert.match(check.stderr, /stale/);
      const fix = spawnSync(process.execPath, [SCRIPT, '--doc', copy], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(fix.status, 0, fix.stderr);
      assert.equal(readFileSync(copy, 'utf8'), doc);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
